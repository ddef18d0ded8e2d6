// Work that runs on a clock (offer deadlines, overnight recalculations). croner schedules it in
// process; when several instances of Hearth share a database, a PostgreSQL advisory lock held for
// the run keeps two from running a job at once, and the run's row in job_runs, claimed in the same
// transaction, keeps a second from running it again for a period the first has done (each
// instance runs every job when it starts, and their ticks are milliseconds apart).
import { Cron } from 'croner';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobRuns } from './schema.ts';

const TIMEZONE = 'Europe/London';

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

/** The scheduled time a run at `now` is for: the latest time on the pattern's schedule, at or before now. */
export function periodOf(pattern: string, now = new Date()): Date {
  // A second's grace: a tick that fires a moment early still counts for its own time.
  const [latest] = new Cron(pattern, { timezone: TIMEZONE, paused: true }).previousRuns(
    1,
    new Date(now.getTime() + 1000),
  );
  if (!latest) throw new Error(`The schedule ${pattern} has no time before ${now.toISOString()}`);
  return latest;
}

/**
 * Runs the job once if no other instance is running it now, and, given the `period` of its schedule
 * the run is for, if no instance has run it for that period; returns what it did, or why it did not.
 */
export async function runGuarded(db: Db, job: Job, period?: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(
      sql`select pg_try_advisory_xact_lock(hashtext(${`hearth-job:${job.name}`})) as locked`,
    );
    const locked = (result as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked;
    if (!locked) return 'skipped: another instance is running it';
    if (!period) return job.run(tx);
    const claimed = await tx
      .insert(jobRuns)
      .values({ job: job.name, periodStart: period, ranAt: new Date() })
      .onConflictDoNothing()
      .returning({ job: jobRuns.job });
    if (claimed.length === 0) return `skipped: already run for ${period.toISOString()}`;
    const done = await job.run(tx);
    await tx
      .update(jobRuns)
      .set({ result: done })
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.periodStart, period)));
    return done;
  });
}

/** Runs the job once as its schedule would: guarded by the lock and its period, unless it claims its own work. */
export function runJob(db: Db, job: Job, period?: Date): Promise<string> {
  return job.exclusive === false ? job.run(db) : runGuarded(db, job, period);
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
            timezone: TIMEZONE,
            protect: true,
            name: job.name,
            catch: (error) => log.error({ err: error }, `${job.name} failed`),
          },
          async () => {
            log.info(`${job.name}: ${await runJob(db, job, periodOf(job.pattern))}`);
          },
        ),
    )
    .map((cron) => {
      void cron.trigger();
      return cron;
    });
}
