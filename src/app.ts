// The composition root: the app's plugins, one concern each, then every part's pages and API.
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './platform/db/client.ts';
import { registerGuard } from './platform/auth/guard.ts';
import { auditNavigation, auditPages } from './platform/audit/routes.ts';
import { registerApiOperations } from './platform/http/api.ts';
import { homePages } from './platform/http/home-routes.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { linkAccess } from './platform/http/link-access.ts';
import { registerPageRoutes, type PageRoute } from './platform/http/page.ts';
import { registerPages } from './platform/http/pages.ts';
import { setUpCsrf } from './platform/http/plugins/csrf.ts';
import { setUpNoStore } from './platform/http/plugins/no-store.ts';
import { setUpRateLimit } from './platform/http/plugins/rate-limit.ts';
import { setUpSafeHeaders } from './platform/http/plugins/safe-headers.ts';
import { setUpSecurityHeaders } from './platform/http/plugins/security-headers.ts';
import { setUpSession } from './platform/http/plugins/session.ts';
import type { PartContext } from './platform/part.ts';
import { userDirectory } from './organisations/account-service.ts';
import { actorNamesFor } from './organisations/user-service.ts';
import { PARTS } from './parts.ts';

export interface AppOptions {
  database: Database;
  config: Pick<Config, 'trustProxy' | 'logLevel' | 'oidc' | 'ocidPrefix'> &
    Partial<Pick<Config, 'rateLimitPerMinute' | 'publicUrl'>>;
  /** Logs off in tests. */
  logger?: boolean;
  /** Where the log goes, when not standard output. */
  logStream?: DestinationStream;
}

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
  await setUpSecurityHeaders(app);
  setUpNoStore(app);
  await setUpRateLimit(app, config.rateLimitPerMinute ?? 1200);
  await setUpSession(app, db);
  registerGuard(app, userDirectory(db));
  await setUpCsrf(app);
  await registerPages(app, [...PARTS.flatMap((part) => part.navigation ?? []), ...auditNavigation]);

  app.get('/health', { config: { access: 'public' } }, async () => ({ status: 'ok', database: database.kind }));
  const context: PartContext = { db, config };
  const pages = declaredPages(context);
  app.decorate('linkAccess', linkAccess(pages));
  for (const part of PARTS) await part.routes?.(app, context);
  await registerPageRoutes(app, pages);
  const api = PARTS.flatMap((part) => part.api?.(context) ?? []);
  registerApiOperations(app, api);
  registerOpenApi(app, api);
  return app;
}

/** Every declared page: home, each part's, and the audit trail's; so a test can walk them all. */
export function declaredPages(context: PartContext): PageRoute[] {
  const historyRules = Object.assign({}, ...PARTS.map((part) => part.history ?? {}));
  return [
    ...homePages(PARTS.flatMap((part) => (part.work ? [part.work(context)] : []))),
    ...PARTS.flatMap((part) => part.pages?.(context) ?? []),
    // History pages name actors as the organisations part knows them.
    ...auditPages(context.db, historyRules, actorNamesFor),
  ];
}
