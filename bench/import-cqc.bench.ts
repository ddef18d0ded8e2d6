// Imports 50,000 generated rows in CQC's locations-with-ratings format, twice, and prints how long
// each took: on a fresh PGlite database kept on disk (as `hearth import cqc` uses it), and on
// PostgreSQL when BENCH_DATABASE_URL is set.
import { readFileSync } from 'node:fs';
import type { Database } from '../src/platform/db/client.ts';
import { onEachDatabase } from './databases.ts';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { importCqcFiles, type ImportFile } from '../src/providers/cqc-import.ts';
import { seededRandom } from '../src/demo/domain/demo-county.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const sample = readFileSync(new URL('../test/fixtures/cqc/locations-with-ratings-sample.csv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);
const header = sample[0]!;
const templates = sample.slice(1);

/** Real rows with their IDs replaced: every row a new location, each of its own provider. */
function generatedFile(): ImportFile {
  const random = seededRandom(50_000);
  const lines = [header];
  for (let i = 0; i < ROWS; i += 1) {
    const template = templates[Math.floor(random() * templates.length)]!;
    const fields = template.split('","');
    fields[1] = `1-9${String(i).padStart(10, '0')}`; // Location ID
    fields[26] = `1-8${String(i).padStart(10, '0')}`; // Provider ID
    fields[0] = `"Bench location ${i}`;
    lines.push(fields.join('","'));
  }
  return { name: 'bench.csv', content: Buffer.from(lines.join('\n')) };
}

async function measure(label: string, database: Database, file: ImportFile): Promise<void> {
  for (const run of ['first import', 'second import']) {
    const started = performance.now();
    const summary = await importCqcFiles(database.db, commandLineActor, [file]);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${label.padEnd(11)} ${run.padEnd(14)} ${seconds.toFixed(1).padStart(6)} s  created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}, rejected ${summary.rejected.length}`,
    );
  }
}

const file = generatedFile();
console.log(`${ROWS} rows in the locations-with-ratings format (${(file.content.length / 1e6).toFixed(1)} MB)`);
await onEachDatabase((label, database) => measure(label, database, file));
