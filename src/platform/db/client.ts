// One database handle for the whole app: embedded PGlite by default, PostgreSQL when a URL is given.
// Both speak the same SQL, so every query is written once against Drizzle's pg-core API.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { embeddedClient } from './embedded.ts';
import { fillFromTemplate } from './embedded-template.ts';
import { OneTripPGlite } from './one-trip.ts';

/** A database or a transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** Only a transaction: for work that must not be split across statements (the audit chain). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DatabaseKind = 'pglite' | 'postgres';

/** Whether `db` is a transaction: one connection, which takes one statement at a time. */
export const isTransaction = (db: Db): db is Tx => db instanceof PgTransaction;

export interface Database {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir undefined: an in-memory database (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));
// Any fixed number: serialises migrations when several processes start against one PostgreSQL.
const MIGRATION_LOCK_KEY = 4_242_001;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url);
  return openPglite(target.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzlePostgres(pool);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
    fillFromTemplate(dataDir);
  }
  try {
    // On disk it syncs every commit (embedded.ts); in memory (tests) there is no disk to sync.
    const client = dataDir ? embeddedClient(dataDir) : new OneTripPGlite();
    await client.waitReady;
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * Runs a load of many small commits (the demo county's first start) without a disk flush for each:
 * on the embedded database they reach the disk together, at a checkpoint when the load ends. Only
 * for a load that is made again from nothing if it is cut short. On PostgreSQL, whose pool would
 * keep the setting on one connection only, it just runs the load.
 */
export async function withOneFlushAtTheEnd<T>(database: Database, load: () => Promise<T>): Promise<T> {
  if (database.kind !== 'pglite') return load();
  await database.db.execute(sql`SET synchronous_commit = off`);
  try {
    return await load();
  } finally {
    await database.db.execute(sql`SET synchronous_commit = on`);
    await database.db.execute(sql`CHECKPOINT`);
  }
}
