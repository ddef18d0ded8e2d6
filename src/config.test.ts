import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig } from './config.ts';

test('HEARTH_TRUST_PROXY trusts exactly the hops or addresses it names, never every hop', () => {
  assert.equal(readConfig({}).trustProxy, false);
  assert.equal(readConfig({ HEARTH_TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(readConfig({ HEARTH_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(readConfig({ HEARTH_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24' }).trustProxy, ['10.0.0.5', '10.0.1.0/24']);
  assert.throws(() => readConfig({ HEARTH_TRUST_PROXY: 'true' }), /number of proxy hops/);
});

test('HEARTH_RATE_LIMIT is a whole number of requests a minute', () => {
  assert.equal(readConfig({}).rateLimitPerMinute, 1200);
  assert.equal(readConfig({ HEARTH_RATE_LIMIT: '300' }).rateLimitPerMinute, 300);
  assert.throws(() => readConfig({ HEARTH_RATE_LIMIT: 'lots' }), /HEARTH_RATE_LIMIT must be a whole number/);
});
