// A guarded job runs once per tick across instances: the advisory lock is taken for the run and
// a second runner that cannot take it skips; a run claimed for a period is not run again for it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { testDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../db/client.ts';
import { periodOf, runGuarded } from './scheduler.ts';
import { jobRuns } from './schema.ts';

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

test('a run for a period of the schedule is claimed once: a second instance starting the job for that period skips it', async () => {
  let runs = 0;
  const job = { name: 'nightly-probe', pattern: '30 1 * * *', run: async () => `run ${++runs}` };
  // 09:00 in London on 2 December: the run is for that night's 01:30; at 01:30 exactly, for that time too.
  const period = periodOf(job.pattern, new Date('2026-12-02T09:00:00Z'));
  assert.equal(period.toISOString(), '2026-12-02T01:30:00.000Z');
  assert.equal(periodOf(job.pattern, period).toISOString(), period.toISOString());
  assert.equal(await runGuarded(database.db, job, period), 'run 1');
  assert.equal(await runGuarded(database.db, job, period), 'skipped: already run for 2026-12-02T01:30:00.000Z');
  const next = periodOf(job.pattern, new Date('2026-12-03T01:30:00Z'));
  assert.equal(await runGuarded(database.db, job, next), 'run 2', "the next night's run is its own");
  const recorded = await database.db.select().from(jobRuns).where(eq(jobRuns.job, job.name));
  assert.deepEqual(recorded.map((row) => row.result).sort(), ['run 1', 'run 2']);
});
