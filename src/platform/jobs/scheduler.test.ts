// A guarded job runs once per tick across instances: the advisory lock is taken for the run and
// a second runner that cannot take it skips.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../db/client.ts';
import { runGuarded } from './scheduler.ts';

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database.close());

test('a guarded job runs in a transaction holding its lock, and its work is kept', async () => {
  await database.db.execute(sql`create table job_probe (n int)`);
  const job = {
    name: 'probe',
    pattern: '* * * * *',
    run: async (db: typeof database.db) => {
      await db.execute(sql`insert into job_probe values (1)`);
      // This run's own locks: on a shared server other sessions hold advisory locks of their own.
      const held = await db.execute(
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()`,
      );
      return `held ${(held as unknown as { rows: { n: number }[] }).rows[0]!.n}`;
    },
  };
  assert.equal(await runGuarded(database.db, job), 'held 1');
  const rows = await database.db.execute(sql`select count(*)::int as n from job_probe`);
  assert.equal((rows as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
  // The lock ends with the run: another transaction can take it at once.
  const free = await database.db.transaction(async (tx) => {
    const taken = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('hearth-job:probe')) as ok`);
    return (taken as unknown as { rows: { ok: boolean }[] }).rows[0]!.ok;
  });
  assert.equal(free, true, 'the lock ends with the run');
});
