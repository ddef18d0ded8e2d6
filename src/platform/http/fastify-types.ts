// What Hearth adds to Fastify's request, reply and route config.
import type { Access } from '../domain/roles.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import type { LinkAccess } from './link-access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route. Every route must say (see platform/auth/guard.ts). */
    access?: Access;
    /** A public page with no form: reading it starts no session (no cookie for an anonymous reader). */
    sessionless?: boolean;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
  }
  interface FastifyInstance {
    /** Whether a person may open one of the declared pages (see link-access.ts). */
    linkAccess: LinkAccess;
  }
  interface FastifyReply {
    /** Renders a page in the Hearth layout. */
    page(template: string, context: PageContext, status?: number): FastifyReply;
  }
  interface Session {
    userId?: string;
    oidc?: { state: string; codeVerifier: string; next: string };
    /** A one-off confirmation shown on the next page. */
    flash?: string;
    /** When it was last written back to push its end on (ms since 1970): see plugins/session.ts. */
    keptAliveAt?: number;
  }
}

export interface PageContext {
  title: string;
  [key: string]: unknown;
}
