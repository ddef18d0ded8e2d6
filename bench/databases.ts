// Each benchmark runs on a fresh PGlite database kept on disk (as the command line uses it), and on
// a new PostgreSQL database when BENCH_DATABASE_URL is set; both are removed afterwards.
// BENCH_ONLY=postgres (or pglite) measures one of the two.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/platform/db/client.ts';

export async function onEachDatabase(measure: (label: string, database: Database) => Promise<void>): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
    const pglite = await openDatabase({ kind: 'pglite', dataDir });
    await measure('PGlite', pglite);
    await pglite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (only === 'pglite') return;

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL: set BENCH_DATABASE_URL=postgres://… to measure it too');
    return;
  }
  const name = `hearth_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const scoped = new URL(url);
  scoped.pathname = `/${name}`;
  const postgres = await openDatabase({ kind: 'postgres', url: scoped.href });
  await measure('PostgreSQL', postgres);
  await postgres.close();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
