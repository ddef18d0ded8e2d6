// Start-up: config → database → migrations → app → listen.
import { databaseTarget, listenAddress, readConfig } from './config.ts';
import { openDatabase, withOneFlushAtTheEnd, type Database } from './platform/db/client.ts';
import { buildApp } from './app.ts';
import { loadDemoCounty, printDemoSignIns } from './demo/service.ts';
import { useExtraBankHolidays } from './platform/reference/reference-data.ts';
import { useExtraLivingWageRates } from './pricing/living-wage.ts';
import { startJobs } from './platform/jobs/scheduler.ts';
import { PARTS } from './parts.ts';

export async function serve(options: { demo: boolean }, config = readConfig()): Promise<void> {
  // Checked before anything starts: a bad line in the administrator's bank-holiday file stops start-up with its line number.
  useExtraBankHolidays(config.bankHolidaysFile);
  useExtraLivingWageRates(config.livingWageFile);
  const database: Database = await openDatabase(databaseTarget(config));
  if (options.demo) {
    const loaded = await withOneFlushAtTheEnd(database, () =>
      loadDemoCounty(
        database.db,
        () =>
          console.log(
            'The database is empty: loading the demo county, with its procurement, through the same services people use. This happens once and takes under half a minute.',
          ),
        { ocidPrefix: config.ocidPrefix, publicUrl: config.publicUrl },
      ),
    );
    printDemoSignIns(loaded);
  }
  const app = await buildApp({ database, config });
  // A promise nobody awaited must not stop the service for everyone: log it and go on.
  process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled rejection'));
  const jobs = startJobs(
    database.db,
    PARTS.flatMap((part) => part.jobs ?? []),
    app.log,
  );
  const stop = async (signal: string) => {
    app.log.info(`${signal}: stopping`);
    for (const job of jobs) job.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const host = listenAddress(config, options.demo);
  await app.listen({ port: config.port, host });
  const where = database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL';
  const reach = host === '127.0.0.1' ? ', from this machine only (set HOST to listen more widely)' : ` on ${host}`;
  console.log(`Hearth is running at http://localhost:${config.port}${reach}, on ${where}`);
}
