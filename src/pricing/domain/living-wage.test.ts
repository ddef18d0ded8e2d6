import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  livingWageChange,
  livingWageOn,
  livingWageRateFrom,
  mergeLivingWageRates,
  riseInBasisPoints,
} from './living-wage.ts';

const rates = [
  { from: '2024-04-01', pence: 1144, source: 'a' },
  { from: '2025-04-01', pence: 1221, source: 'b' },
  { from: '2026-04-01', pence: 1271, source: 'c' },
];

test('the rate in force on a day is the latest begun on or before it', () => {
  assert.equal(livingWageOn(rates, '2024-03-31'), null);
  assert.equal(livingWageOn(rates, '2024-04-01')?.pence, 1144);
  assert.equal(livingWageOn(rates, '2026-03-31')?.pence, 1221);
  assert.equal(livingWageOn(rates, '2026-04-01')?.pence, 1271);
  assert.equal(livingWageOn(rates, '2030-01-01')?.pence, 1271);
  assert.equal(livingWageOn([...rates].reverse(), '2025-06-01')?.pence, 1221, 'order of the list does not matter');
});

test('the change between two days keeps both rates and rounds the percentage half up', () => {
  const change = livingWageChange(rates, '2026-03-31', '2026-04-01');
  assert.equal(change?.before.pence, 1221);
  assert.equal(change?.after.pence, 1271);
  assert.equal(change?.risePence, 50);
  // 50 × 10000 ÷ 1221 = 409.50…, so 4.10%
  assert.equal(change?.basisPoints, 410);
  // 77 × 10000 ÷ 1144 = 673.07…, so 6.73%
  assert.equal(livingWageChange(rates, '2024-04-01', '2025-04-01')?.basisPoints, 673);
  assert.equal(livingWageChange(rates, '2025-05-01', '2025-06-01')?.basisPoints, 0);
  assert.equal(livingWageChange(rates, '2020-01-01', '2026-04-01'), null);
  assert.equal(riseInBasisPoints(200, 201), 50);
  assert.equal(riseInBasisPoints(3, 4), 3333);
  assert.equal(riseInBasisPoints(8, 9), 1250);
  assert.equal(riseInBasisPoints(201, 200), -50);
});

test("an administrator's row for a day already listed replaces it; rows are checked", () => {
  const merged = mergeLivingWageRates(rates, [
    { from: '2027-04-01', pence: 1320, source: 'x' },
    { from: '2026-04-01', pence: 1272, source: 'y' },
  ]);
  assert.deepEqual(
    merged.map((rate) => [rate.from, rate.pence]),
    [
      ['2024-04-01', 1144],
      ['2025-04-01', 1221],
      ['2026-04-01', 1272],
      ['2027-04-01', 1320],
    ],
  );
  assert.equal(
    livingWageRateFrom({ from: '2027-02-30', pence: '1300', source: 's' }),
    '"2027-02-30" is not a date written YYYY-MM-DD',
  );
  assert.match(
    String(livingWageRateFrom({ from: '2027-04-01', pence: '13.20', source: 's' })),
    /whole number of pence/,
  );
  assert.match(String(livingWageRateFrom({ from: '2027-04-01', pence: '1320', source: ' ' })), /source/);
});
