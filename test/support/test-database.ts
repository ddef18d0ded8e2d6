// A fresh, empty, migrated database for one test file: in-memory PGlite, or, when
// TEST_DATABASE_URL is set, a new PostgreSQL database created for the file and dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';

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
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dataDir: undefined });
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
