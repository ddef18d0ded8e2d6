#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with node's own test runner (TypeScript through tsx).
// Node 20 cannot glob test files itself, so the list is gathered here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function testFiles(dir) {
  let found = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found = found.concat(testFiles(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...testFiles('src'), ...testFiles('test')].sort();
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--import',
    './test/support/clock.ts',
    '--test',
    // Two files at once on two cores; more where the database does its work in its own server.
    `--test-concurrency=${process.env.HEARTH_TEST_CONCURRENCY ?? 2}`,
    // Ten minutes a file: the slowest load and walk the whole demo county, or run the command line for real.
    '--test-timeout=600000',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
