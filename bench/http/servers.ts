// The servers the HTTP benchmark loads, in a process of their own so the load it makes does not
// share their event loop: Hearth on the database Hearth is configured for (DATABASE_URL or
// HEARTH_DATA_DIR, written by `npm run seed:national`), and on PostgreSQL a bare Fastify + pg
// server that, for each endpoint, runs the very statements Hearth ran to answer it (captured from
// the driver on one request) and returns their rows as JSON. Tells its parent what to ask for.
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { databaseTarget, readConfig } from '../../src/config.ts';
import { commandLineActor } from '../../src/platform/audit/service.ts';
import { openDatabase } from '../../src/platform/db/client.ts';
import { createApiTokenForEmail } from '../../src/organisations/account-service.ts';
import { DEMO_COUNCIL, DEMO_PASSWORD } from '../../src/demo/domain/demo-county.ts';
import { rowsOf } from '../national/sql.ts';
import { BENCH_RATE_LIMIT, endpoints, type Target } from './endpoints.ts';
import { writePlans, type Statement } from './plans.ts';

const POOL_SIZE = 10;

// Every statement the driver is asked to run while `capturing` is set.
let capturing: Statement[] | undefined;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function capture(this: pg.Client, ...args: unknown[]) {
  const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
  // Drizzle passes the statement as an object and its parameters beside it.
  const given = Array.isArray(second) ? second : undefined;
  if (capturing)
    capturing.push(
      typeof first === 'string' ? { text: first, values: given } : { text: first.text, values: first.values ?? given },
    );
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

/** Reads only: the bare server does not repeat the session's or the audit's writes. */
const isRead = (statement: Statement) =>
  /^\s*(select|with)\b/i.test(statement.text) && !/pg_advisory/i.test(statement.text);

async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = <R extends { cookies: { name: string; value: string }[] }>(response: R) => {
    for (const cookie of response.cookies) cookies.set(cookie.name, cookie.value);
    return response;
  };
  const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const form = keep(await app.inject({ method: 'GET', url: '/sign-in' }));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const done = keep(
    await app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
      headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
  if (done.statusCode >= 400) throw new Error(`${email} could not sign in: ${done.statusCode}`);
  return header();
}

const config = readConfig();
const target = databaseTarget(config);
const database = await openDatabase(target);
const { db } = database;
const app = await buildApp({
  database,
  config: { ...config, rateLimitPerMinute: BENCH_RATE_LIMIT, logLevel: 'error' },
  logger: false,
});
const appAddress = await app.listen({ host: '127.0.0.1', port: 0 });
const [council] = await rowsOf<{ id: string }>(db, sql`select id from organisations where code = ${DEMO_COUNCIL.code}`);
if (!council) throw new Error('No demo county here: write the database with npm run seed:national first');
const [kpis] = await rowsOf<{ vehicle: string }>(
  db,
  sql`select vehicle_id as vehicle from kpi_definitions where organisation_id = ${council.id} limit 1`,
);
const list = endpoints(kpis?.vehicle ?? '00000000-0000-0000-0000-000000000000');

const sessions = new Map<string, string>();
const tokens = new Map<string, string>();
const headersOf = async (kind: 'page' | 'api', email: string): Promise<Record<string, string>> => {
  if (kind === 'page') {
    if (!sessions.has(email)) sessions.set(email, await signIn(app, email));
    return { cookie: sessions.get(email)! };
  }
  if (!tokens.has(email)) tokens.set(email, await createApiTokenForEmail(db, commandLineActor, email, 'benchmark'));
  return { authorization: `Bearer ${tokens.get(email)}` };
};

const bare = target.kind === 'postgres' ? new pg.Pool({ connectionString: target.url, max: POOL_SIZE }) : undefined;
const bareApp = Fastify({ logger: false });
const captured: Statement[][] = [];
const targets: Target[] = [];
for (const endpoint of list) {
  const headers = await headersOf(endpoint.kind, endpoint.as);
  capturing = [];
  const response = await app.inject({ method: 'GET', url: endpoint.path, headers });
  const reads = capturing.filter(isRead);
  capturing = undefined;
  if (response.statusCode !== 200)
    throw new Error(
      `${endpoint.path} answered ${response.statusCode} to ${endpoint.as}: ${response.body.slice(0, 200)}`,
    );
  captured.push(reads);
  targets.push({
    ...endpoint,
    headers,
    app: `${appAddress}${endpoint.path}`,
    statements: reads.length,
  });
}
let bareAddress: string | undefined;
if (bare) {
  bareApp.get<{ Params: { n: string } }>('/bare/:n', async (request) => {
    const client = await bare.connect();
    try {
      const results: unknown[] = [];
      for (const statement of captured[Number(request.params.n)]!)
        results.push((await client.query(statement.text, statement.values)).rows);
      return results;
    } finally {
      client.release();
    }
  });
  bareAddress = await bareApp.listen({ host: '127.0.0.1', port: 0 });
  targets.forEach((item, n) => (item.bare = `${bareAddress}/bare/${n}`));
}

if (bare && process.env.BENCH_PLANS) await writePlans(bare, process.env.BENCH_PLANS, targets, captured);

process.send!({ kind: target.kind, targets });
process.on('message', async () => {
  await app.close();
  await bareApp.close();
  await bare?.end();
  await database.close();
  process.exit(0);
});
