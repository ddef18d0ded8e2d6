// A fresh, empty, migrated database for one test file: in-memory PGlite, or, when
// TEST_DATABASE_URL is set, a new PostgreSQL database created for the file and dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';
import { refuseStatementsSentTogether } from './one-statement-per-connection.ts';

export const testingOnPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A new, empty PostgreSQL database on the server at `url`, for one test file, and how to drop it. */
export async function scratchPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hearth_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.pathname = `/${name}`;
  return {
    url: scoped.href,
    async drop() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      // A pool's end() resolves before its connections have finished closing; dropping with FORCE
      // at once would kill them mid-close and surface as an uncaught error. Wait for them first.
      for (let waited = 0; waited < 5000; waited += 50) {
        const { rows } = await dropper.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dataDir: undefined });
  refuseStatementsSentTogether();
  const scratch = await scratchPostgresDatabase(url);
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}
