// JSON API operations are declared once: the route, who may call it, its Zod schemas and its
// handler. The same declarations register the routes and write the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Access } from '../domain/roles.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { isObject } from '../domain/json-input.ts';
import { HttpError, ValidationError } from './errors.ts';
import { parseOrThrow } from './validation.ts';
import { signedIn } from './page.ts';

export interface ApiContext<Q, B> {
  user: CurrentUser;
  params: Record<string, string>;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI style: /api/v1/providers/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** 'public' for open data, read with no token (declared with `publicOperation`). */
  access: Access;
  /** A tighter limit than the service's, per caller a minute, for anonymous reading. */
  rateLimitPerMinute?: number;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Largest request body accepted, in bytes, where it must be larger than the default 1 MiB (file uploads). */
  bodyLimit?: number;
  /** The success status and what it returns. */
  success: { status: number; description: string; schema?: z.ZodType };
  /** Other statuses this operation answers with, beyond 401/403/422. */
  errors?: Record<number, string>;
  handle(context: ApiContext<unknown, unknown>): Promise<unknown>;
}

/** The 404 of an operation on one record: one not there and one not the caller's answer alike. */
export const NOT_FOUND = { 404: 'No such record, or not yours to see' };

/** Declares an operation with typed query and body. */
export function operation<Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  op: Omit<ApiOperation, 'handle' | 'query' | 'body'> & {
    query?: Q;
    body?: B;
    handle(context: ApiContext<z.output<Q>, z.output<B>>): Promise<unknown>;
  },
): ApiOperation {
  return op as ApiOperation;
}

/**
 * Declares an operation anyone may call with no token (open data): its handler has no user, and
 * may answer 304 itself through `reply` (it then returns the reply).
 */
export function publicOperation<Q extends z.ZodType = z.ZodUnknown>(
  op: Omit<ApiOperation, 'handle' | 'query' | 'body' | 'access' | 'method'> & {
    query?: Q;
    handle(context: Omit<ApiContext<z.output<Q>, never>, 'user' | 'body'>): Promise<unknown>;
  },
): ApiOperation {
  return { ...op, method: 'GET', access: 'public' } as ApiOperation;
}

/** The API takes JSON: a form, or a body of any other kind, is refused before it is read. */
async function refuseOtherMediaTypes(request: FastifyRequest): Promise<void> {
  const type = request.headers['content-type'];
  if (type !== undefined && type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw new HttpError(
      415,
      'Unsupported media type',
      'Send the body as JSON, with the header Content-Type: application/json.',
    );
  }
}

export function registerApiOperations(app: FastifyInstance, operations: readonly ApiOperation[]): void {
  for (const op of operations) {
    app.route({
      method: op.method,
      url: op.path.replace(/\{(\w+)\}/g, ':$1'),
      config: {
        access: op.access,
        ...(op.rateLimitPerMinute ? { rateLimit: { max: op.rateLimitPerMinute, timeWindow: '1 minute' } } : {}),
      },
      ...(op.bodyLimit ? { bodyLimit: op.bodyLimit } : {}),
      ...(op.method === 'GET' ? {} : { onRequest: refuseOtherMediaTypes }),
      handler: async (request, reply) => {
        // A JSON null or list is not "no change": every body is one object.
        if (request.body !== undefined && !isObject(request.body))
          throw new ValidationError([{ field: '(body)', message: 'Send a JSON object' }]);
        const query = op.query ? parseOrThrow(op.query, request.query) : request.query;
        const body = op.body ? parseOrThrow(op.body, request.body ?? {}) : request.body;
        const result = await op.handle({
          // A public operation's handler is declared without a user (see publicOperation).
          user: op.access === 'public' ? (null as unknown as CurrentUser) : signedIn(request),
          params: request.params as Record<string, string>,
          query,
          body,
          request,
          reply,
        });
        if (reply.sent) return reply;
        reply.status(op.success.status);
        return result;
      },
    });
  }
}
