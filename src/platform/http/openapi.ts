// The OpenAPI 3.1 document at /api/openapi.json, written from the API's own declarations,
// and a readable page of it at /api/docs.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../domain/roles.ts';
import type { ApiOperation } from './api.ts';

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

function whoMay(op: ApiOperation): string {
  if (op.access === 'public') return 'Anyone: open data, read with no token.';
  if (op.access === 'signed-in') return 'Anyone with an API token.';
  return `Roles: ${op.access.map((role) => ROLE_LABELS[role as Role]).join(', ')}.`;
}

export function openApiDocument(operations: readonly ApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const queryProperties = op.query
      ? ((jsonSchema(op.query, 'input').properties ?? {}) as Record<string, unknown>)
      : {};
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const errorResponses = {
      ...(op.access === 'public'
        ? { 429: 'Too many requests: wait and try again' }
        : { 401: 'No valid API token', 403: "The token's user lacks a role for this" }),
      422: 'Invalid input; errors lists each field',
      ...op.errors,
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, whoMay(op)].filter(Boolean).join('\n\n'),
      parameters: [
        ...pathParams,
        ...Object.entries(queryProperties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
      ],
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
        : {}),
      responses: {
        [op.success.status]: {
          description: op.success.description,
          ...(op.success.schema
            ? { content: { 'application/json': { schema: jsonSchema(op.success.schema, 'output') } } }
            : {}),
        },
        ...Object.fromEntries(
          Object.entries(errorResponses).map(([status, description]) => [
            status,
            {
              description,
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
        ),
      },
      security: op.access === 'public' ? [] : [{ bearerAuth: [] }],
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hearth API',
      version: '1',
      description:
        'Commissioning supported living. Authenticate with a personal API token (Your account → API tokens) sent as "Authorization: Bearer <token>". Errors are application/problem+json. A record of another organisation or provider answers 404.',
    },
    servers: [{ url: '/' }],
    paths,
    components: { schemas: { Problem: problem }, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
  };
}

export function registerOpenApi(app: FastifyInstance, operations: readonly ApiOperation[]): void {
  const document = openApiDocument(operations);
  app.get('/api/openapi.json', { config: { access: 'public' } }, async () => document);
  app.get('/api/docs', { config: { access: 'public' } }, async (_request, reply) =>
    reply.page('platform/views/api-docs.njk', {
      title: 'API documentation',
      info: document.info,
      operations: operations.map((op) => ({
        ...op,
        anchor: `${op.method}-${op.path}`.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase(),
        whoMay: whoMay(op),
        query: op.query ? JSON.stringify(jsonSchema(op.query, 'input').properties ?? {}, null, 2) : undefined,
        body: op.body ? JSON.stringify(jsonSchema(op.body, 'input'), null, 2) : undefined,
      })),
    }),
  );
}
