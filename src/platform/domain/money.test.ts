import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPence, parsePounds } from './money.ts';

test('amounts as councils write them become whole pence', () => {
  assert.equal(parsePounds('£28,900,000'), 2_890_000_000);
  assert.equal(parsePounds('94000000'), 9_400_000_000);
  assert.equal(parsePounds(' 1,234.5 '), 123_450);
  assert.equal(parsePounds('0.07'), 7);
  for (const bad of ['', '£', '12.345', '-5', 'ten', '1,23', '1e6']) assert.equal(parsePounds(bad), null, bad);
});

test('pence shown as pounds, always with the pence', () => {
  assert.equal(formatPence(2_890_000_000), '£28,900,000.00');
  assert.equal(formatPence(123_450), '£1,234.50');
  assert.equal(formatPence(-7), '-£0.07');
});
