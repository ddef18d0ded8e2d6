// What every declared page's functions are given, built once per request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../auth/current-user.ts';
import type { Access } from '../domain/roles.ts';

/** Declared pages are never public: sign-in is the only public page, and it is not declared. */
export type SignedInAccess = Exclude<Access, 'public'>;

/** What a page's functions are given: the signed-in person, the path's parameters and the query. */
export interface PageCall {
  user: CurrentUser;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Whether the signed-in person may open one of Hearth's pages: offer only links that will open. */
  mayOpen(href: string): boolean;
}

/** The signed-in person on a route that is not public: the guard has already refused anyone else. */
export function signedIn(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new Error(`${request.url} is answered only for people signed in`);
  return request.user;
}

export function callOf(request: FastifyRequest, reply: FastifyReply): PageCall {
  const user = signedIn(request);
  return {
    user,
    params: request.params as Record<string, string>,
    query: request.query as Record<string, string | undefined>,
    request,
    reply,
    mayOpen: (href) => request.server.linkAccess(user, href),
  };
}

/** Sends a file to be saved, under a name no header can be smuggled into. */
export function sendFile(reply: FastifyReply, file: { filename: string; contentType: string; body: string | Buffer }) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`)
    .send(file.body);
}
