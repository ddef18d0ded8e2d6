#!/usr/bin/env node
// Run by `npm install` (postinstall): makes the empty embedded database a first start copies
// (src/platform/db/embedded-template.ts). A failure here never fails the install: without it the
// first start makes the database itself, a few seconds slower.
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

const started = performance.now();
try {
  register();
  const { makeEmbeddedTemplate } = await import('../src/platform/db/prepare-embedded.ts');
  if (await makeEmbeddedTemplate()) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Hearth: made the empty embedded database new ones start from, in ${seconds} s`);
  }
} catch (error) {
  console.warn(
    `Hearth: could not make the empty embedded database new ones start from (${error}); the first start will make it`,
  );
}
