import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listenAddress, readConfig } from './config.ts';

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

test('HOST is the address to listen on; unset, the server decides (the demo: this machine only)', () => {
  assert.equal(readConfig({}).host, undefined);
  assert.equal(readConfig({ HOST: '' }).host, undefined);
  assert.equal(readConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  assert.equal(listenAddress(readConfig({}), true), '127.0.0.1');
  assert.equal(listenAddress(readConfig({}), false), '0.0.0.0');
  assert.equal(listenAddress(readConfig({ HOST: '0.0.0.0' }), true), '0.0.0.0');
});
