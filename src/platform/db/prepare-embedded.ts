// Making the empty database new embedded databases are copied from (embedded-template.ts).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './client.ts';
import { defaultTemplateDir, VERSION_FILE } from './embedded-template.ts';

/** Makes the empty, migrated database at `templateDir` unless it is there. Returns whether it made it. */
export async function makeEmbeddedTemplate(templateDir = defaultTemplateDir): Promise<boolean> {
  if (existsSync(join(templateDir, VERSION_FILE))) return false;
  // Made aside and renamed into place, so a template is whole or absent, even with two installs at once.
  const staging = `${templateDir}.${process.pid}.partial`;
  rmSync(staging, { recursive: true, force: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: staging });
  await database.close();
  try {
    renameSync(staging, templateDir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(templateDir, VERSION_FILE))) throw error;
  }
  return true;
}
