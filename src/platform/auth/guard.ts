// Every route declares who may use it; the guard resolves the caller and refuses everyone else.
// Pages use the session cookie; the API uses personal tokens ("Authorization: Bearer …").
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allows } from '../domain/roles.ts';
import { ForbiddenError, UnauthenticatedError } from '../http/errors.ts';
import type { CurrentUser } from './current-user.ts';
import '../http/fastify-types.ts';

export interface UserDirectory {
  /** The active user with this id, or null. */
  byId(id: string): Promise<CurrentUser | null>;
  /** The active user holding this unrevoked API token, or null. */
  byApiToken(token: string): Promise<CurrentUser | null>;
}

/** Static files carry no records; everything else must declare its access. */
const UNGUARDED_PREFIXES = ['/govuk/', '/assets/', '/static/'];

/** A static file (stylesheet, script, image), or the route that serves them. */
export const isStaticFile = (request: { url: string }) =>
  UNGUARDED_PREFIXES.some((prefix) => request.url.startsWith(prefix));

/** The JSON API, and the open data beside it: answered in JSON, errors as problem details. */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/open-data/');
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export function registerGuard(app: FastifyInstance, users: UserDirectory): void {
  app.decorateRequest('user', null);

  app.addHook('onRoute', (route) => {
    if (isStaticFile(route)) return;
    if (route.config?.access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} does not declare who may use it (config.access)`);
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return; // static files
    if (isApiRequest(request)) {
      const token = bearerToken(request);
      if (token) {
        request.user = await users.byApiToken(token);
        if (!request.user) throw new UnauthenticatedError('The API token is not valid, or has been revoked.');
      }
    } else if (request.session?.userId) {
      request.user = await users.byId(request.session.userId);
      if (!request.user) await request.session.destroy();
    }
    if (access === 'public') return;
    if (!request.user) {
      if (isApiRequest(request)) throw new UnauthenticatedError();
      return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
    }
    if (!allows(access, request.user.roles)) throw new ForbiddenError();
  });
}
