// A new embedded database is a copy of the empty one the install made, written so a crash half-way is mended.
import { after, before, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client.ts';
import { fillFromTemplate, VERSION_FILE } from './embedded-template.ts';
import { makeEmbeddedTemplate } from './prepare-embedded.ts';

const root = mkdtempSync(join(tmpdir(), 'hearth-template-'));
const templateDir = join(root, 'template');
after(() => rmSync(root, { recursive: true, force: true }));

before(async () => {
  assert.equal(await makeEmbeddedTemplate(templateDir), true);
});

async function migrationsIn(dataDir: string): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const result = (await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )) as unknown as {
      rows: { n: number }[];
    };
    await database.db.execute(
      sql`insert into organisations (id, name, code, type, created_at) values (gen_random_uuid(), 'Probe', 'E10000028', 'council', now())`,
    );
    return result.rows[0]!.n;
  } finally {
    await database.close();
  }
}

const migrationFiles = readdirSync(new URL('../../../drizzle', import.meta.url)).filter((name) =>
  name.endsWith('.sql'),
);

test('the template is made once, migrated, with no lock left in it', async () => {
  assert.equal(await makeEmbeddedTemplate(templateDir), false, 'already there');
  assert.ok(existsSync(join(templateDir, VERSION_FILE)));
  assert.ok(!existsSync(join(templateDir, 'hearth.pid')));
  assert.deepEqual(
    readdirSync(root).filter((name) => name.endsWith('.partial')),
    [],
  );
});

test('a new data directory is filled from the template and opens with every migration applied', async () => {
  const dataDir = join(root, 'new');
  mkdirSync(dataDir);
  assert.equal(fillFromTemplate(dataDir, templateDir), true);
  assert.equal(await migrationsIn(dataDir), migrationFiles.length);
  assert.equal(fillFromTemplate(dataDir, templateDir), false, 'a directory holding a database is left alone');
});

test('without a template nothing is copied, and PGlite makes the database itself', () => {
  const dataDir = join(root, 'no-template');
  mkdirSync(dataDir);
  assert.equal(fillFromTemplate(dataDir, join(root, 'absent')), false);
  assert.deepEqual(readdirSync(dataDir), []);
});

test('PG_VERSION is copied last, once every other file is on the disk', () => {
  const dataDir = join(root, 'ordered');
  mkdirSync(dataDir);
  const events: string[] = [];
  const [realCopy, realSync] = [fs.cpSync, fs.fsyncSync];
  const copies = mock.method(fs, 'cpSync', function (this: unknown, ...args: Parameters<typeof fs.cpSync>) {
    events.push(`copy ${String(args[1])}`);
    return realCopy.apply(this, args);
  });
  const flushes = mock.method(fs, 'fsyncSync', function (this: unknown, ...args: Parameters<typeof fs.fsyncSync>) {
    events.push('sync');
    return realSync.apply(this, args);
  });
  syncBuiltinESMExports();
  try {
    fillFromTemplate(dataDir, templateDir);
  } finally {
    copies.mock.restore();
    flushes.mock.restore();
    syncBuiltinESMExports();
  }
  const versionCopy = events.indexOf(`copy ${join(dataDir, VERSION_FILE)}`);
  assert.equal(versionCopy, events.map((event) => event.startsWith('copy')).lastIndexOf(true), 'the last copy');
  const syncsBefore = events.slice(0, versionCopy).filter((event) => event === 'sync').length;
  const filesBefore = countFiles(dataDir) - 1;
  assert.ok(syncsBefore > filesBefore, `${syncsBefore} syncs before it, for ${filesBefore} files and their folders`);
});

test('a copy cut short by a crash (no PG_VERSION yet) is copied over again and opens', async () => {
  const dataDir = join(root, 'cut-short');
  mkdirSync(dataDir);
  fillFromTemplate(dataDir, templateDir);
  rmSync(join(dataDir, VERSION_FILE));
  writeFileSync(join(dataDir, 'global', 'pg_control'), 'half written');
  assert.equal(fillFromTemplate(dataDir, templateDir), true);
  assert.equal(await migrationsIn(dataDir), migrationFiles.length);
});

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).length;
}
