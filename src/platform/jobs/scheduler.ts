// Work that runs on a clock (offer deadlines, overnight recalculations). croner schedules it in
// process; a PostgreSQL advisory lock held for the run means that when several instances of
// Hearth share a database, only one of them does each run.
import { Cron } from 'croner';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

export interface Job {
  name: string;
  /** A cron pattern, in Europe/London time. */
  pattern: string;
  /**
   * True (the default): one instance runs it at a time, inside the transaction holding the lock.
   * False for work that must not hold a transaction while it waits on the world (sending email):
   * it claims its own rows, briefly, so that instances never take the same ones.
   */
  exclusive?: boolean;
  run: (db: Db) => Promise<string>;
}

/** Runs the job once if no other instance is running it now; returns what it did, or that it was skipped. */
export async function runGuarded(db: Db, job: Job): Promise<string> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(
      sql`select pg_try_advisory_xact_lock(hashtext(${`hearth-job:${job.name}`})) as locked`,
    );
    const locked = (result as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked;
    return locked ? job.run(tx) : 'skipped: another instance is running it';
  });
}

/** Runs the job once as its schedule would: guarded by the lock, unless it claims its own work. */
export function runJob(db: Db, job: Job): Promise<string> {
  return job.exclusive === false ? job.run(db) : runGuarded(db, job);
}

/** Where jobs report. A failure goes as its error, for the log to keep without the values a failed query carried. */
export interface JobLog {
  info(message: string): void;
  error(details: { err: unknown }, message: string): void;
}

/** Starts each job on its schedule, and once now so nothing waits for the first tick. */
export function startJobs(db: Db, jobs: readonly Job[], log: JobLog): Cron[] {
  return jobs
    .map(
      (job) =>
        new Cron(
          job.pattern,
          {
            timezone: 'Europe/London',
            protect: true,
            name: job.name,
            catch: (error) => log.error({ err: error }, `${job.name} failed`),
          },
          async () => {
            log.info(`${job.name}: ${await runJob(db, job)}`);
          },
        ),
    )
    .map((cron) => {
      void cron.trigger();
      return cron;
    });
}
