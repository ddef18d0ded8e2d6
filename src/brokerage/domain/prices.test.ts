// Package prices over rates shaped like the reports': Staffordshire's average supported living
// placement costs £28.9m ÷ 509 = about £56,800 a year, some £1,090 a week (report 000 §2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  annualPence,
  cardInForce,
  coreShareMinutes,
  packagePrice,
  priceProblem,
  contributionProblem,
  ratesProblems,
  sizeOf,
  type PackageInput,
  type Rates,
} from './prices.ts';

const rates: Rates = {
  weekly: { complex: { '1': 145_000, '2-3': 118_000, '4-6': 104_500 }, 'highly-complex': { '4-6': 182_000 } },
  hourly: { supportHour: 2_385, oneToOneHour: 2_500, sleepInNight: 11_000, wakingNightHour: 2_385 },
};
const base: PackageInput = {
  basis: 'banded',
  band: 'complex',
  tenants: 5,
  coreMinutesPerWeek: 168 * 60,
  oneToOneMinutesPerWeek: 0,
  nightSupport: 'none',
  wakingNightMinutes: 600,
};

test('scheme sizes: 1, 2-3, 4-6, 7+', () => {
  assert.deepEqual([1, 2, 3, 4, 6, 7, 12].map(sizeOf), ['1', '2-3', '2-3', '4-6', '4-6', '7+', '7+']);
});

test('banded: the weekly rate for band and size, plus 1:1 hours', () => {
  const price = packagePrice({ ...base, oneToOneMinutesPerWeek: 10 * 60 + 30 }, rates);
  assert.deepEqual(price.lines, [
    { label: 'Weekly rate', detail: 'Complex needs, scheme of 4 to 6 tenants', pence: 104_500 },
    { label: '1:1 support', detail: '10 h 30 min a week at £25.00 an hour', pence: 26_250 },
  ]);
  assert.equal(price.weeklyPence, 130_750);
  assert.equal(price.annualPence, 6_817_679); // 130,750 × 365 ÷ 7 = 6,817,678.57…
});

test('hourly: core hours shared by the tenants, 1:1, and a share of the night', () => {
  const price = packagePrice(
    { ...base, basis: 'hourly', tenants: 3, oneToOneMinutesPerWeek: 7 * 60, nightSupport: 'waking-night' },
    rates,
  );
  assert.deepEqual(
    price.lines.map((line) => [line.label, line.pence]),
    [
      ['Share of core hours', 133_560], // 168 h × £23.85 ÷ 3
      ['1:1 support', 17_500],
      ['Waking nights', 55_650], // 7 × 10 h × £23.85 ÷ 3
    ],
  );
  assert.equal(price.weeklyPence, 206_710);
  const sleepIn = packagePrice(
    { ...base, basis: 'hourly', tenants: 4, coreMinutesPerWeek: 0, nightSupport: 'sleep-in' },
    rates,
  );
  assert.deepEqual(sleepIn.lines, [
    { label: 'Sleep-in nights', detail: '7 nights at £110.00, shared by 4', pence: 19_250 },
  ]);
});

test('pennies are rounded once per line, not on each hour', () => {
  const price = packagePrice(
    { ...base, basis: 'hourly', tenants: 7, coreMinutesPerWeek: 100, nightSupport: 'none' },
    { ...rates, hourly: { ...rates.hourly, supportHour: 1_001 } },
  );
  assert.equal(price.lines[0]!.pence, 238); // 100 min × 1,001p ÷ 60 ÷ 7 = 238.33
  assert.equal(coreShareMinutes(168 * 60, 5), 2016);
  assert.equal(annualPence(109_000), 5_683_571);
});

test('a banded price needs a rate for the band and size; rates must be money', () => {
  assert.equal(
    priceProblem({ ...base, band: 'highly-complex', tenants: 2 }, rates),
    'The rate card has no weekly rate for highly complex needs in a scheme of 2 to 3 tenants',
  );
  assert.equal(priceProblem({ ...base, basis: 'hourly', band: 'highly-complex', tenants: 2 }, rates), undefined);
  assert.deepEqual(ratesProblems(rates), []);
  assert.deepEqual(
    ratesProblems({ weekly: { complex: { '1': -5 } }, hourly: { ...rates.hourly, sleepInNight: 10.5 } }),
    [
      {
        field: 'weekly.complex.1',
        message: 'The weekly rate for complex needs, 1 tenant is an amount of money, 0 or more',
      },
      { field: 'hourly.sleepInNight', message: 'Enter the sleep-in night rate' },
    ],
  );
});

test('the card in force on a date is the latest effective on or before it', () => {
  const cards = [
    { effectiveFrom: '2025-04-01', id: 'a' },
    { effectiveFrom: '2026-04-06', id: 'c' },
    { effectiveFrom: '2026-04-01', id: 'b' },
  ];
  assert.equal(cardInForce(cards, '2026-04-05')?.id, 'b');
  assert.equal(cardInForce(cards, '2026-11-23')?.id, 'c');
  assert.equal(cardInForce(cards, '2025-03-31'), undefined);
});

test("a person's contribution is never more than the package's weekly price", () => {
  assert.equal(contributionProblem('Sam Taylor', 2_500, 145_000), null);
  assert.equal(contributionProblem('Sam Taylor', 145_000, 145_000), null, 'paying it all');
  assert.equal(
    contributionProblem('Sam Taylor', 150_000, 145_000),
    "Sam Taylor's weekly contribution, £1,500.00, is more than the weekly price, £1,450.00: check both",
  );
});
