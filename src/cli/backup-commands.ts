// `hearth backup` and `hearth restore`: the embedded database to one file and back. PostgreSQL has
// its own tools for this, which copy a running database consistently; the commands name them.
import type { Command } from 'commander';
import { databaseTarget, readConfig } from '../config.ts';
import { backupEmbedded, BackupRefused, restoreEmbedded } from '../platform/db/backup.ts';

const ON_POSTGRES = {
  backup:
    'Hearth is on PostgreSQL (DATABASE_URL): back it up with pg_dump, which takes a consistent copy while the service runs, e.g. pg_dump --format=custom --file=hearth.dump "$DATABASE_URL".',
  restore:
    'Hearth is on PostgreSQL (DATABASE_URL): restore a pg_dump backup with pg_restore, with the service stopped, e.g. pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" hearth.dump.',
};

/** Runs `work` on the embedded database's folder; says what to use instead on PostgreSQL, and why it refused. */
async function onEmbedded(command: keyof typeof ON_POSTGRES, work: (dataDir: string) => Promise<string>) {
  const target = databaseTarget(readConfig());
  if (target.kind === 'postgres') {
    console.error(ON_POSTGRES[command]);
    process.exitCode = 1;
    return;
  }
  try {
    console.log(await work(target.dataDir));
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'copy the embedded database (./data, or HEARTH_DATA_DIR) to FILE, with the service stopped; on PostgreSQL, use pg_dump',
    )
    .argument('<file>', 'the backup file to write')
    .action((file: string) =>
      onEmbedded('backup', async (dataDir) => {
        const { bytes, migration } = await backupEmbedded(dataDir, file);
        return `Backed up ${dataDir} to ${file} (${Math.ceil(bytes / 1024)} KB, at migration ${migration.tag})`;
      }),
    );
  program
    .command('restore')
    .description(
      'put a backup made by hearth backup in place as the embedded database (HEARTH_DATA_DIR), with the service stopped; on PostgreSQL, use pg_restore',
    )
    .argument('<file>', 'the backup file')
    .option('--replace', 'replace the database already there, keeping it beside the restored one')
    .action((file: string, options: { replace?: boolean }) =>
      onEmbedded('restore', async (dataDir) => {
        const { manifest, keptAside } = await restoreEmbedded(file, dataDir, { replace: options.replace });
        return [
          `Restored ${file} (taken ${manifest.takenAt}, at migration ${manifest.migration.tag}) into ${dataDir}.`,
          ...(keptAside ? [`The database that was there is kept in ${keptAside}.`] : []),
          'Start Hearth there: it brings the database up to this version at start.',
        ].join('\n');
      }),
    );
}
