// The log says what failed and where, never the values it failed on: a failed query's parameters
// and PostgreSQL's detail can hold a password hash or a person's details.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { users } from '../../organisations/schema.ts';
import type { Database } from '../db/client.ts';
import { serializeError } from './logging.ts';
import { testDatabase } from '../../../test/support/test-database.ts';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$UmVjb2duaXNhYmxlU2FsdA$UmVjb2duaXNhYmxlSGFzaA';
const EMAIL = 'jane.doe@example.gov.uk';

let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

before(async () => {
  database = await testDatabase();
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp({
    database,
    config: { trustProxy: false, logLevel: 'info', oidc: undefined, ocidPrefix: 'ocds-test' },
    logStream,
  });
  const user = () => ({
    id: randomUUID(),
    email: EMAIL,
    name: 'Jane Doe',
    passwordHash: HASH,
    roles: ['auditor'],
    createdAt: new Date(),
  });
  await database.db.insert(users).values(user());
  // A use case that did not expect the email to be taken: its unique violation is not handled.
  app.post('/api/v1/failing-insert', { config: { access: 'public' } }, async () =>
    database.db.insert(users).values(user()),
  );
});
after(async () => {
  await app.close();
  await database.close();
});

test('a failed query is logged with its class, code, SQL, table and constraint and stack, but not its parameters or the values PostgreSQL quotes', async () => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/failing-insert?search=${encodeURIComponent('Jane Doe')}`,
  });
  assert.equal(response.statusCode, 500);
  const log = lines.join('');
  const { err } = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'unhandled error');
  assert.equal(err.type, 'DrizzleQueryError');
  assert.match(err.message, /^Failed query: insert into "users" .*\$1/);
  assert.match(err.stack, /^DrizzleQueryError: Failed query: insert into "users"[^\n]*\n\s+at /);
  assert.equal(err.cause.code, '23505');
  assert.equal(err.cause.table, 'users');
  assert.equal(err.cause.constraint, 'users_email_idx');
  for (const value of [HASH, EMAIL, 'Jane', 'params', 'detail'])
    assert.ok(!log.includes(value), `the log holds ${value}`);
});

test('secret and personal fields are redacted wherever they are logged', () => {
  app.log.info(
    { password: 'correct horse battery staple', person: { nhsNumber: '9434765919', dateOfBirth: '1990-05-17' } },
    'probe',
  );
  const entry = JSON.parse(lines.at(-1)!);
  assert.equal(entry.password, '[Redacted]');
  assert.deepEqual(entry.person, { nhsNumber: '[Redacted]', dateOfBirth: '[Redacted]' });
});

test('a database message that quotes the value it refused is logged without it', () => {
  const refused = Object.assign(new Error('invalid input syntax for type uuid: "Jane Doe"'), {
    code: '22P02',
    routine: 'string_to_uuid',
  });
  const logged = serializeError(refused) as Record<string, string>;
  assert.equal(logged.message, 'invalid input syntax for type uuid: (value not logged)');
  assert.equal(logged.code, '22P02');
  assert.ok(!logged.stack!.includes('Jane'));
});

test('a one-time link’s secret, in its path, is not logged', async () => {
  const secret = 'k3Q9x_secret-of-a-one-time-survey-link-0000';
  await app.inject({ method: 'GET', url: `/survey/${secret}/2` });
  const log = lines.join('');
  assert.ok(!log.includes(secret), 'the log holds the secret');
  assert.ok(
    lines.some((line) => JSON.parse(line).req?.url === '/survey/(secret)/2'),
    'the request is logged without it',
  );
});
