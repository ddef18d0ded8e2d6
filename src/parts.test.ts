// Every part of the domain is in the one list the app and the server loop over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { PARTS } from './parts.ts';

/** Folders under src/ that are not parts: what every part uses, the command line, the demo data. */
const NOT_PARTS = new Set(['platform', 'cli', 'demo']);

test('every folder under src/ that is a part is listed in PARTS, once', () => {
  const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_PARTS.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  assert.deepEqual(PARTS.map((part) => part.name).sort(), folders);
});
