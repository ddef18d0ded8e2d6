#!/usr/bin/env node
// Run by `npm install` (postinstall), so the first `npm start` has less to do: it makes the empty
// embedded database new ones are copied from (src/platform/db/embedded-template.ts), and loads
// Hearth's modules once, so tsx compiles its TypeScript now and keeps it in its cache. A failure
// here never fails the install: the first start then does both itself, a few seconds slower.
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
try {
  register();
  const { makeEmbeddedTemplate } = await import('../src/platform/db/prepare-embedded.ts');
  const made = await makeEmbeddedTemplate();
  await import('../src/main.ts');
  console.log(
    `Hearth: ${made ? 'made the empty embedded database new ones start from, and ' : ''}compiled its modules, in ${seconds()} s`,
  );
} catch (error) {
  console.warn(`Hearth: could not prepare the first start (${error}); it will do this itself`);
}
