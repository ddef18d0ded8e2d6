// npm run seed:national: writes the national database where Hearth would run, PostgreSQL at
// DATABASE_URL or else embedded PGlite in HEARTH_DATA_DIR (default ./data), which must be empty or hold the demo county alone.
// SEED_COUNCILS sets the number of councils (1 is the demo county alone, with its waiting list).
import { databaseTarget, readConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/platform/db/client.ts';
import { generateNational, NATIONAL } from './generate.ts';

const target = databaseTarget(readConfig());
const councils = Number(process.env.SEED_COUNCILS ?? NATIONAL.councils);
console.log(
  `Writing ${councils} councils to ${target.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${target.dataDir}`}`,
);
const database = await openDatabase(target);
try {
  await generateNational(database.db, { ...NATIONAL, councils }, (line) => console.log(line));
} finally {
  await database.close();
}
