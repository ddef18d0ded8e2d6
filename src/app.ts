// The composition root: builds the Fastify app from the database and the parts' routes.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySession from '@fastify/session';
import qs from 'node:querystring';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './platform/db/client.ts';
import { registerGuard } from './platform/auth/guard.ts';
import { setUpSafeHeaders } from './platform/http/plugins/safe-headers.ts';
import { setUpNoStore } from './platform/http/plugins/no-store.ts';
import { setUpRateLimit } from './platform/http/plugins/rate-limit.ts';
import { instanceSecret } from './platform/auth/instance-secrets.ts';
import { DatabaseSessionStore } from './platform/auth/session-store.ts';
import { registerPages, type NavigationItem } from './platform/http/pages.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerApiOperations } from './platform/http/api.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { auditNavigation, registerAuditRoutes } from './platform/audit/routes.ts';
import { registerHomeRoutes } from './platform/http/home-routes.ts';
import { organisationNavigation, registerOrganisationRoutes } from './organisations/routes.ts';
import { organisationApi } from './organisations/api.ts';
import { actorNamesFor, userDirectory, userHistory } from './organisations/service.ts';
import { providerNavigation, registerProviderRoutes } from './providers/routes.ts';
import { providerApi } from './providers/api.ts';
import { locationHistory, providerHistory } from './providers/service.ts';
import { procurementNavigation, registerProcurementRoutes } from './procurement/routes.ts';
import { procurementApi } from './procurement/api.ts';
import { vehicleHistory } from './procurement/service.ts';
import { applicationHistory } from './procurement/application-service.ts';
import { applicationNavigation, registerApplicationRoutes } from './procurement/application-routes.ts';
import { registerEvaluationRoutes } from './procurement/evaluation-routes.ts';
import { brokerageApi } from './brokerage/api.ts';
import { brokerageNavigation, registerBrokerageRoutes } from './brokerage/routes.ts';
import { registerSchemeRoutes } from './brokerage/scheme-routes.ts';
import { registerPlacementRoutes } from './brokerage/placement-routes.ts';
import { personHistory } from './brokerage/people-service.ts';
import { schemeHistory } from './brokerage/scheme-service.ts';

export interface AppOptions {
  database: Database;
  config: Pick<Config, 'trustProxy' | 'logLevel' | 'oidc' | 'ocidPrefix'> & Partial<Pick<Config, 'rateLimitPerMinute'>>;
  /** Logs off in tests. */
  logger?: boolean;
  /** Where the log goes, when not standard output. */
  logStream?: DestinationStream;
}

const SESSION_HOURS = 8;

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp({ database, config, logger = true, logStream }: AppOptions): Promise<FastifyInstance> {
  const { db } = database;
  const app = Fastify({
    logger: logger ? loggerOptions(config.logLevel, logStream) : false,
    // Believe the nearest N hops only (Fastify's number form, which its types omit).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 60 * 1024 * 1024,
  });

  setUpSafeHeaders(app);
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { directives: { 'form-action': ["'self'"], 'upgrade-insecure-requests': null } },
  });
  setUpNoStore(app);
  await setUpRateLimit(app, config.rateLimitPerMinute ?? 1200);
  // Repeated form fields (checkboxes) arrive as arrays.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyCookie);
  const sessionStore = new DatabaseSessionStore(db);
  await sessionStore.removeExpired();
  await app.register(fastifySession, {
    cookieName: 'hearth_session',
    secret: await instanceSecret(db, 'session-secret'),
    store: sessionStore,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: SESSION_HOURS * 60 * 60 * 1000 },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    // Multipart forms (file uploads) give each field as an object with its value.
    getToken: (request) => {
      const field = (request.body as { _csrf?: string | { value?: string } } | undefined)?._csrf;
      return typeof field === 'object' ? field.value : field ?? (request.headers['csrf-token'] as string | undefined);
    },
  });

  registerGuard(app, userDirectory(db));
  // Every form is protected against cross-site requests; the API uses bearer tokens, not cookies.
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });

  const navigation: NavigationItem[] = [...providerNavigation, ...procurementNavigation, ...applicationNavigation, ...brokerageNavigation, ...organisationNavigation, ...auditNavigation];
  await registerPages(app, navigation);

  app.get('/health', { config: { access: 'public' } }, async () => ({ status: 'ok', database: database.kind }));
  registerHomeRoutes(app);
  await registerOrganisationRoutes(app, db, config.oidc);
  await registerProviderRoutes(app, db);
  await registerProcurementRoutes(app, db, { ocidPrefix: config.ocidPrefix });
  await registerApplicationRoutes(app, db);
  await registerEvaluationRoutes(app, db);
  await registerBrokerageRoutes(app, db);
  await registerSchemeRoutes(app, db);
  await registerPlacementRoutes(app, db);
  registerAuditRoutes(app, db, {
    provider: providerHistory,
    'provider-location': locationHistory,
    user: userHistory,
    vehicle: vehicleHistory,
    application: applicationHistory,
    person: personHistory,
    scheme: schemeHistory,
  }, actorNamesFor);
  const api = [...organisationApi(db), ...providerApi(db), ...procurementApi(db, { ocidPrefix: config.ocidPrefix }), ...brokerageApi(db)];
  registerApiOperations(app, api);
  registerOpenApi(app, api);
  return app;
}
