// `hearth backup` and `hearth restore` as an administrator runs them: a backup of a data directory
// with records, restored into an empty one, serves the same records; and every refusal says why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../platform/db/client.ts';
import { BackupRefused, restoreEmbedded } from '../platform/db/backup.ts';
import { commandLineActor, verifyAuditTrail } from '../platform/audit/service.ts';
import { createOrganisation } from '../organisations/service.ts';
import { organisations } from '../organisations/schema.ts';

const run = promisify(execFile);
const hearth = fileURLToPath(new URL('../../bin/hearth.js', import.meta.url));
let root: string;
const dir = (name: string) => join(root, name);

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [hearth, ...args], {
      // On the embedded engine whatever the suite runs on: these commands are about its data folder.
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'hearth-backup-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir('live') });
  await createOrganisation(database.db, commandLineActor, {
    name: 'Staffordshire County Council',
    code: 'E10000028',
    type: 'council',
  });
  await createOrganisation(database.db, commandLineActor, {
    name: 'Kent County Council',
    code: 'E10000016',
    type: 'council',
  });
  await database.close();
});
after(() => rmSync(root, { recursive: true, force: true }));

/** The organisations a data directory serves, by code, and whether its audit chain holds. */
async function served(dataDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const codes = (await database.db.select({ code: organisations.code }).from(organisations)).map((row) => row.code);
    return { organisations: codes.sort(), auditIntact: (await verifyAuditTrail(database.db)).broken === undefined };
  } finally {
    await database.close();
  }
}

test('a backup restored into an empty folder serves the same records; the copy refuses to land on a database unless told to', async () => {
  const file = dir('hearth.backup');
  const backup = await cli(['backup', file], { HEARTH_DATA_DIR: dir('live') });
  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /Backed up .* at migration \d{4}_/);

  const restored = await cli(['restore', file], { HEARTH_DATA_DIR: dir('restored') });
  assert.equal(restored.code, 0, restored.stderr);
  assert.deepEqual(await served(dir('restored')), { organisations: ['E10000016', 'E10000028'], auditIntact: true });
  assert.equal(existsSync(join(dir('restored'), 'hearth.pid')), false, 'no claim is carried over');

  const again = await cli(['restore', file], { HEARTH_DATA_DIR: dir('restored') });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already holds a Hearth database.*--replace/);
  const replaced = await cli(['restore', file, '--replace'], { HEARTH_DATA_DIR: dir('restored') });
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.match(replaced.stdout, /The database that was there is kept in .*restored\.before-restore-/);
  assert.ok(readdirSync(root).some((name) => name.startsWith('restored.before-restore-')));
});

test('while the service holds the folder, backup and restore refuse and say to stop it', async () => {
  // The service's claim on its folder is its pid file, naming a process that is running: this one.
  writeFileSync(join(dir('live'), 'hearth.pid'), String(process.pid));
  try {
    const backup = await cli(['backup', dir('while-running.backup')], { HEARTH_DATA_DIR: dir('live') });
    assert.equal(backup.code, 1);
    assert.match(
      backup.stderr,
      new RegExp(`open in another Hearth process \\(pid ${process.pid}\\).*Stop the service`),
    );
    assert.equal(existsSync(dir('while-running.backup')), false);
    const restore = await cli(['restore', dir('hearth.backup'), '--replace'], { HEARTH_DATA_DIR: dir('live') });
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, /Cannot restore: .* Stop the service/);
    assert.deepEqual(
      readdirSync(root).filter((name) => name.startsWith('live')),
      ['live'],
      'nothing moved aside',
    );
  } finally {
    rmSync(join(dir('live'), 'hearth.pid'));
  }
});

test('restore checks the file before touching anything: not a backup, damaged, or from a newer Hearth', async () => {
  const content = readFileSync(dir('hearth.backup'));
  const headerEnd = content.indexOf('\n', content.indexOf('\n') + 1);
  const manifest = JSON.parse(content.subarray(content.indexOf('\n') + 1, headerEnd).toString());
  const tarball = content.subarray(headerEnd + 1);
  const newer = { ...manifest, migration: { when: manifest.migration.when + 1, tag: '9999_from_the_future' } };
  const cases: [string, Buffer, RegExp][] = [
    ['not-a-backup.tgz', tarball, /is not a backup made by hearth backup/],
    ['damaged.backup', content.subarray(0, content.length - 100), /damaged or incomplete/],
    [
      'newer.backup',
      Buffer.concat([
        content.subarray(0, content.indexOf('\n') + 1),
        Buffer.from(`${JSON.stringify(newer)}\n`),
        tarball,
      ]),
      /taken from a newer Hearth \(at migration 9999_from_the_future/,
    ],
  ];
  for (const [name, bytes, refusal] of cases) {
    writeFileSync(dir(name), bytes);
    await assert.rejects(restoreEmbedded(dir(name), dir(`into-${name}`)), (error: Error) => {
      assert.ok(error instanceof BackupRefused, name);
      assert.match(error.message, refusal, name);
      return true;
    });
    assert.equal(existsSync(dir(`into-${name}`)), false, `${name}: nothing made`);
  }
});

test('on PostgreSQL both commands point to pg_dump and pg_restore', async () => {
  const env = { DATABASE_URL: 'postgres://hearth@db.invalid/hearth' };
  const backup = await cli(['backup', dir('pg.backup')], env);
  assert.equal(backup.code, 1);
  assert.match(backup.stderr, /PostgreSQL.*pg_dump --format=custom/);
  const restore = await cli(['restore', dir('pg.backup')], env);
  assert.equal(restore.code, 1);
  assert.match(restore.stderr, /PostgreSQL.*pg_restore/);
});
