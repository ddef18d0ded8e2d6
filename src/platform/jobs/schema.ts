import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { moment } from '../db/columns.ts';

// Each scheduled run of a job, claimed by the instance that does it: with several instances of
// Hearth on one database, a job runs once for each period of its schedule, whichever starts it.
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    /** The scheduled time the run is for: the latest time on the job's schedule when it started. */
    periodStart: moment('period_start').notNull(),
    ranAt: moment('ran_at').notNull(),
    /** What it did, as the log says it. */
    result: text('result'),
  },
  (table) => [primaryKey({ name: 'job_runs_pk', columns: [table.job, table.periodStart] })],
);
