// What the log may hold. A failed query carries its parameters, and PostgreSQL's detail quotes the
// values ("Key (email)=(…) already exists"): a new password hash, a date of birth, a case
// reference. So an error is logged by what failed and where, never with the values it failed on;
// requests without their query strings (searches name people); and known secret or personal
// fields are redacted wherever else they appear.
import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import { DrizzleQueryError } from 'drizzle-orm/errors';

/** What an error or its cause says about what failed and where: the SQL text, never its parameters. */
const ERROR_FIELDS = [
  'code',
  'statusCode',
  'severity',
  'query',
  'schema',
  'table',
  'column',
  'constraint',
  'routine',
] as const;

const SECRET_FIELDS = [
  'password',
  'passwordHash',
  'currentPassword',
  'newPassword',
  'confirmPassword',
  'token',
  'authorization',
  'cookie',
  'email',
  'nhsNumber',
  'dateOfBirth',
  'caseReference',
  'params',
  'detail',
];

// PostgreSQL's SQLSTATE codes are five characters; its messages end with the value refused: `for type uuid: "…"`.
const isDatabaseError = (error: Error) => /^[0-9A-Z]{5}$/.test(String((error as { code?: unknown }).code));

function messageOf(error: Error): string {
  if (error instanceof DrizzleQueryError) return `Failed query: ${error.query}`;
  return isDatabaseError(error) ? error.message.replace(/: ".*"$/s, ': (value not logged)') : error.message;
}

/** An error as the log keeps it: its class, code, SQL, table and constraint, and stack, with its cause. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const type = error.constructor.name;
  const message = messageOf(error);
  const logged: Record<string, unknown> = { type, message };
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (value !== undefined) logged[field] = value;
  }
  // The stack begins with the message as it was thrown, so it is rebuilt from its frames.
  logged.stack = [
    `${type}: ${message}`,
    ...(error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)),
  ].join('\n');
  if (error.cause !== undefined) logged.cause = serializeError(error.cause);
  return logged;
}

/** A one-time survey link carries its secret in its path (/survey/<secret>/…): the log keeps the path without it. */
const withoutSecret = (path: string) => path.replace(/^\/survey\/(?!thank-you(?:\/|$))[^/]+/, '/survey/(secret)');

function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: withoutSecret(request.url.split('?')[0]!),
    host: request.host,
    remoteAddress: request.ip,
  };
}

/** Fastify's logger options. `stream` is where the log goes when not standard output. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    serializers: { err: serializeError, req: serializeRequest },
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
    ],
    ...(stream ? { stream } : {}),
  };
}
