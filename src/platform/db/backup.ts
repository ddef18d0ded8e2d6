// Backups of the embedded database: the whole data directory as one file, and back.
//
// Only one process may open a data directory (data-dir-lock.ts), so a backup is taken with the
// service stopped and the directory claimed: nothing writes while it is read, and a checkpoint
// first puts every committed page in the data files, so the copy needs no recovery to be whole.
// The file starts with a line naming it and a manifest (the migration it was taken at, a checksum),
// so a restore can refuse a file that is not a Hearth backup, is damaged, or is newer than this Hearth.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, DataDirInUseError, LOCK_FILE } from './data-dir-lock.ts';
import { embeddedClient } from './embedded.ts';

const HEADER = 'HEARTH-EMBEDDED-BACKUP 1\n';
const journal = JSON.parse(readFileSync(new URL('../../../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: { when: number; tag: string }[];
};

export interface BackupManifest {
  takenAt: string;
  /** The last migration applied to the database, as drizzle records it (its folder's time) and its name. */
  migration: { when: number; tag: string };
  sha256: string;
  bytes: number;
}

/** A backup or restore that cannot go ahead, with what to do instead. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** An embedded database folder holds PostgreSQL's PG_VERSION once a database has been made in it. */
export const holdsDatabase = (dataDir: string) => existsSync(join(dataDir, 'PG_VERSION'));

function claim(dataDir: string, doing: string) {
  try {
    return acquireDataDirLock(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new BackupRefused(
      `Cannot ${doing}: the embedded database in ${dataDir} is open in another Hearth process (pid ${error.pid}), ` +
        `most likely the running service, and a copy taken beside it could be half a transaction. ` +
        `Stop the service, run this again, then start it.`,
    );
  }
}

async function lastMigration(client: PGlite): Promise<BackupManifest['migration']> {
  const { rows } = await client.query<{ when: string }>(
    'select max(created_at)::text as "when" from drizzle.__drizzle_migrations',
  );
  const when = Number(rows[0]?.when);
  const tag = journal.entries.find((entry) => entry.when === when)?.tag;
  if (!tag) throw new BackupRefused('This database was made by a newer Hearth: back it up with that version.');
  return { when, tag };
}

/** Writes the embedded database in `dataDir` to `file`; refuses while another process has it open. */
export async function backupEmbedded(dataDir: string, file: string): Promise<BackupManifest> {
  if (!holdsDatabase(dataDir)) throw new BackupRefused(`There is no Hearth database in ${dataDir} to back up.`);
  const lock = claim(dataDir, 'back up');
  try {
    const client = embeddedClient(dataDir);
    try {
      await client.waitReady;
      const migration = await lastMigration(client);
      await client.exec('checkpoint');
      const tarball = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
      const manifest: BackupManifest = {
        takenAt: new Date().toISOString(),
        migration,
        sha256: createHash('sha256').update(tarball).digest('hex'),
        bytes: tarball.length,
      };
      // Written beside and renamed: a file with the backup's name is always a whole backup.
      const partial = `${file}.partial`;
      writeFileSync(partial, Buffer.concat([Buffer.from(`${HEADER}${JSON.stringify(manifest)}\n`), tarball]));
      renameSync(partial, file);
      return manifest;
    } finally {
      await client.close();
    }
  } finally {
    lock.release();
  }
}

/** Reads and checks a backup file without touching any database: a Hearth backup, whole, and not newer than this Hearth. */
export function readBackup(file: string): { manifest: BackupManifest; tarball: Buffer } {
  const content = readFileSync(file);
  const notOurs = new BackupRefused(`${file} is not a backup made by hearth backup.`);
  if (!content.subarray(0, HEADER.length).equals(Buffer.from(HEADER))) throw notOurs;
  const end = content.indexOf('\n', HEADER.length);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(content.subarray(HEADER.length, end).toString('utf8')) as BackupManifest;
  } catch {
    throw notOurs;
  }
  const tarball = content.subarray(end + 1);
  if (tarball.length !== manifest.bytes || createHash('sha256').update(tarball).digest('hex') !== manifest.sha256)
    throw new BackupRefused(
      `${file} is damaged or incomplete: its contents do not match the checksum it was written with.`,
    );
  if (!journal.entries.some((entry) => entry.when === manifest.migration.when))
    throw new BackupRefused(
      `${file} was taken from a newer Hearth (at migration ${manifest.migration.tag}, which this version does not have): restore it with that version.`,
    );
  return { manifest, tarball };
}

/** Loads the backup into a new folder beside `target`, and checks it opens as the database it describes. */
async function loadInto(target: string, file: string, manifest: BackupManifest, tarball: Buffer): Promise<string> {
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.restoring-`));
  try {
    const client = embeddedClient(staging, new Blob([new Uint8Array(tarball)]));
    await client.waitReady;
    const loaded = await lastMigration(client);
    await client.close();
    // The copy carries the pid file of the process that took it: not a claim on the new folder.
    rmSync(join(staging, LOCK_FILE), { force: true });
    if (loaded.when !== manifest.migration.when)
      throw new BackupRefused(`${file} did not load as the database it describes.`);
    return staging;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Restores `file` into `dataDir`. A folder holding a database is replaced only with `replace`, and
 * then kept beside it (returned as `keptAside`); a folder open in another process is never touched.
 * The backup is loaded into a new folder first and put in place only once it has opened.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  { replace = false } = {},
): Promise<{ manifest: BackupManifest; keptAside: string | undefined }> {
  const { manifest, tarball } = readBackup(file);
  const target = resolve(dataDir);
  mkdirSync(target, { recursive: true });
  const lock = claim(target, 'restore');
  let staging: string;
  try {
    if (holdsDatabase(target) && !replace)
      throw new BackupRefused(
        `${target} already holds a Hearth database. Restore into an empty folder (set HEARTH_DATA_DIR), or add --replace to put the backup in its place and keep the current one beside it.`,
      );
    if (!holdsDatabase(target) && readdirSync(target).some((entry) => entry !== LOCK_FILE))
      throw new BackupRefused(`${target} holds files that are not a Hearth database: restore into an empty folder.`);
    staging = await loadInto(target, file, manifest, tarball);
  } finally {
    lock.release();
  }
  let keptAside: string | undefined;
  if (holdsDatabase(target)) {
    keptAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAside);
  } else {
    rmdirSync(target);
  }
  renameSync(staging, target);
  return { manifest, keptAside };
}
