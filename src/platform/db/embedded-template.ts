// A new embedded database starts as a copy of an empty one made at install time.
//
// Making a PostgreSQL cluster (initdb) inside PGlite takes about 4.5 s and the migrations 0.6 s more;
// copying a made one takes a tenth of that. So `npm install` makes one, migrated, beside the
// installed packages (scripts/prepare-first-start.js), and a data directory that holds no database
// yet is filled from it. Without it (the install skipped its scripts, or could not write there) the
// database is made as before. The copy is made safe against a crash half-way: PGlite takes a
// directory without PG_VERSION for an empty one, so that file is written last, after everything
// else is on the disk, and a half-copied directory is copied over again next time.
import { closeSync, cpSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCK_FILE } from './data-dir-lock.ts';

/** PGlite's file that says a directory holds a database. */
export const VERSION_FILE = 'PG_VERSION';

// Its package.json is not among its exports: found from its entry point, in dist/.
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteVersion = (
  JSON.parse(readFileSync(join(dirname(pgliteEntry), '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** Where the install keeps the empty database: one per PGlite version, whose files it must match. */
export const defaultTemplateDir = fileURLToPath(
  new URL(`../../../node_modules/.cache/hearth/embedded-database-pglite-${pgliteVersion}`, import.meta.url),
);

/**
 * Fills `dataDir` from the template when it holds no database yet. Returns whether it did; false
 * when it already holds one or there is no template (PGlite then makes the database itself).
 */
export function fillFromTemplate(dataDir: string, templateDir = defaultTemplateDir): boolean {
  if (existsSync(join(dataDir, VERSION_FILE)) || !existsSync(join(templateDir, VERSION_FILE))) return false;
  for (const entry of readdirSync(templateDir)) {
    if (entry !== VERSION_FILE && entry !== LOCK_FILE)
      cpSync(join(templateDir, entry), join(dataDir, entry), { recursive: true, force: true });
  }
  syncTree(dataDir);
  cpSync(join(templateDir, VERSION_FILE), join(dataDir, VERSION_FILE));
  syncPath(join(dataDir, VERSION_FILE));
  syncPath(dataDir);
  return true;
}

function syncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncTree(path);
    else syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
