// Hearth can be spread over several database servers by organisation (docs/scaling.md): every
// commissioning table is distributed by its organisation id, which needs that id to lead its primary
// key and each of its unique indexes, and each foreign key between two such tables to carry it.
// The tables read the database's own catalogue after the migrations, so a new table or index that
// would stop distribution fails here, and so does a new table that is neither kind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testDatabase } from './support/test-database.ts';
import type { Database } from '../src/platform/db/client.ts';

/** Shared by every organisation, copied to every server whole (Citus reference tables). */
const REFERENCE_TABLES = [
  'api_tokens',
  'idempotent_requests',
  'instance_secrets',
  // Each scheduled run of the instance's jobs, claimed once whichever server starts it.
  'job_runs',
  'organisations',
  'provider_contacts',
  'provider_locations',
  'providers',
  'sessions',
  'sign_in_attempts',
];

/** Tables with an organisation id that are not distributed by it, and why. */
const NOT_DISTRIBUTED_BY_ORGANISATION: Record<string, string> = {
  users: 'providers’ staff belong to no organisation, and signing in finds a person by email alone: a reference table',
  audit_events: 'one hash chain for the whole instance: a chain per organisation comes with distribution',
  notifications: 'a provider’s own messages have no organisation: kept by recipient',
};

let database: Database;
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

before(async () => {
  database = await testDatabase();
});
after(() => database.close());

test('every table is either distributed by organisation or a named reference table', async () => {
  const tables = await rows<{ name: string; byOrganisation: boolean }>(sql`
    select c.relname as name,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped) as "byOrganisation"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')`);
  assert.ok(tables.length > 60, `${tables.length} tables`);
  const withoutOrganisation = tables.filter((table) => !table.byOrganisation).map((table) => table.name);
  assert.deepEqual(withoutOrganisation.sort(), [...REFERENCE_TABLES].sort());
});

test("every distributed table's primary key and unique indexes lead with the organisation id", async () => {
  const keys = await rows<{ table: string; index: string; columns: string[] }>(sql`
    select c.relname as table, i.relname as index,
      array(select a.attname from unnest(x.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord)::text[] as columns
    from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and (x.indisprimary or x.indisunique)`);
  const distributed = keys.filter(
    (key) => !REFERENCE_TABLES.includes(key.table) && !(key.table in NOT_DISTRIBUTED_BY_ORGANISATION),
  );
  assert.ok(distributed.length > 60, `${distributed.length} keys checked`);
  const astray = distributed.filter((key) => key.columns[0] !== 'organisation_id');
  assert.deepEqual(
    astray.map((key) => `${key.table}.${key.index} (${key.columns.join(', ')})`),
    [],
  );
});

test('every foreign key between distributed tables carries the organisation id', async () => {
  const references = await rows<{ from: string; to: string; name: string; columns: string[] }>(sql`
    select conrelid::regclass::text as from, confrelid::regclass::text as to, conname as name,
      array(select a.attname from unnest(conkey) k join pg_attribute a on a.attrelid = conrelid and a.attnum = k)::text[] as columns
    from pg_constraint where contype = 'f'`);
  const isDistributed = (table: string) =>
    !REFERENCE_TABLES.includes(table) && !(table in NOT_DISTRIBUTED_BY_ORGANISATION);
  const between = references.filter((reference) => isDistributed(reference.from) && isDistributed(reference.to));
  assert.ok(between.length > 40, `${between.length} foreign keys checked`);
  assert.deepEqual(
    between.filter((reference) => !reference.columns.includes('organisation_id')).map((reference) => reference.name),
    [],
  );
});
