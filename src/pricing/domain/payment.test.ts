import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  adjustment,
  adjustmentReason,
  amountsFor,
  divideHalfUp,
  linesFor,
  nhsPercentOf,
  periodOn,
  periodProblems,
  periodsOf,
  sumAmounts,
  type PayablePlacement,
} from './payment.ts';

test('four-weekly: 13 periods of 28 days from 1 April, the 13th running on to 31 March', () => {
  const periods = periodsOf(2026, 'four-weekly');
  assert.equal(periods.length, 13);
  assert.deepEqual(
    periods.slice(0, 2).map((p) => [p.startsOn, p.endsOn, p.days]),
    [
      ['2026-04-01', '2026-04-28', 28],
      ['2026-04-29', '2026-05-26', 28],
    ],
  );
  assert.deepEqual([periods[8]!.startsOn, periods[8]!.endsOn], ['2026-11-11', '2026-12-08']);
  // 12 × 28 = 336 days from 1 April 2026 is 3 March 2027; 365 − 336 = 29 days to 31 March.
  assert.deepEqual([periods[12]!.startsOn, periods[12]!.endsOn, periods[12]!.days], ['2027-03-03', '2027-03-31', 29]);
  // 2027/28 holds 29 February 2028: the 13th period takes 30 days.
  const leap = periodsOf(2027, 'four-weekly')[12]!;
  assert.deepEqual([leap.startsOn, leap.endsOn, leap.days], ['2028-03-02', '2028-03-31', 30]);
  assert.equal(
    periods.reduce((total, p) => total + p.days, 0),
    365,
  );
});

test('monthly: the calendar months April to March', () => {
  const periods = periodsOf(2026, 'monthly');
  assert.equal(periods.length, 12);
  assert.deepEqual([periods[0]!.startsOn, periods[0]!.endsOn, periods[0]!.days], ['2026-04-01', '2026-04-30', 30]);
  assert.deepEqual([periods[10]!.startsOn, periods[10]!.endsOn, periods[10]!.days], ['2027-02-01', '2027-02-28', 28]);
  assert.deepEqual([periods[11]!.startsOn, periods[11]!.endsOn], ['2027-03-01', '2027-03-31']);
  assert.equal(periodOn('2026-12-01', 'monthly').number, 9);
  assert.equal(periodOn('2026-12-01', 'four-weekly').number, 9);
  assert.equal(periodOn('2027-03-31', 'four-weekly').number, 13);
  assert.equal(periodOn('2027-01-15', 'four-weekly').year, 2026);
});

test('a period number outside the year is refused by its field', () => {
  assert.deepEqual(periodProblems(2026, 13, 'monthly'), [{ field: 'period', message: 'Enter a period from 1 to 12' }]);
  assert.deepEqual(periodProblems(2026, 13, 'four-weekly'), []);
  assert.deepEqual(
    periodProblems(26, 0, 'four-weekly').map((p) => p.field),
    ['year', 'period'],
  );
});

test('half up: a half penny goes up, less than half goes down', () => {
  assert.equal(divideHalfUp(176_365 * 50, 100), 88_183); // 88,182.5
  assert.equal(divideHalfUp(1_567_500, 7), 223_929); // 223,928.57
  assert.equal(divideHalfUp(25_000, 7), 3_571); // 3,571.43
  assert.equal(divideHalfUp(-176_365 * 50, 100), -88_183);
});

// Placed 15 March 2026 at £1,500.00 a week, repriced to £1,567.50 from 15 April, ended on
// 24 April; contributes £25.00 a week; half paid by NHS Continuing Healthcare.
const placement: PayablePlacement = {
  placementId: 'p1',
  startsOn: '2026-03-15',
  endsOn: '2026-04-24',
  prices: [
    { effectiveFrom: '2026-03-15', weeklyPricePence: 150_000 },
    { effectiveFrom: '2026-04-15', weeklyPricePence: 156_750 },
  ],
  weeklyContributionPence: 2_500,
  nhsPercent: 50,
};
const period1 = periodsOf(2026, 'four-weekly')[0]!;

test('a price change and an end date in a period split its line, each worked out on its own days', () => {
  assert.deepEqual(linesFor(placement, period1), [
    {
      placementId: 'p1',
      fromOn: '2026-04-01',
      toOn: '2026-04-14',
      weeklyPricePence: 150_000,
      days: 14,
      grossPence: 300_000, // 1,500.00 × 14 ÷ 7
      nhsSharePence: 150_000, // 50%
      contributionPence: 5_000, // 25.00 × 14 ÷ 7
      netPence: 145_000,
    },
    {
      placementId: 'p1',
      fromOn: '2026-04-15',
      toOn: '2026-04-24',
      weeklyPricePence: 156_750,
      days: 10,
      grossPence: 223_929, // 1,567.50 × 10 ÷ 7 = 2,239.2857
      nhsSharePence: 111_965, // 50% of 2,239.29 = 1,119.645
      contributionPence: 3_571, // 25.00 × 10 ÷ 7 = 35.714
      netPence: 108_393,
    },
  ]);
  assert.deepEqual(linesFor(placement, periodsOf(2026, 'four-weekly')[1]!), [], 'ended before period 2');
  assert.deepEqual(
    linesFor(
      { ...placement, startsOn: '2026-04-20', prices: [{ effectiveFrom: '2026-04-20', weeklyPricePence: 70_000 }] },
      period1,
    ).map((line) => [line.fromOn, line.toOn, line.days, line.grossPence]),
    [['2026-04-20', '2026-04-24', 5, 50_000]],
    'begun in the period',
  );
  const ongoing = linesFor({ ...placement, endsOn: null, nhsPercent: 0 }, periodsOf(2026, 'four-weekly')[12]!);
  assert.deepEqual(
    ongoing.map((line) => [line.days, line.grossPence, line.contributionPence, line.nhsSharePence, line.netPence]),
    [[29, 649_393, 10_357, 0, 639_036]], // 1,567.50 × 29 ÷ 7 = 6,493.93; 25 × 29 ÷ 7 = 103.57
  );
});

test('the contribution is never more than the gross less the NHS share', () => {
  assert.deepEqual(amountsFor(7, 5_000, 10_000, 0), {
    days: 7,
    grossPence: 5_000,
    contributionPence: 5_000,
    nhsSharePence: 0,
    netPence: 0,
  });
  assert.deepEqual(amountsFor(7, 10_000, 8_000, 40), {
    days: 7,
    grossPence: 10_000,
    contributionPence: 6_000,
    nhsSharePence: 4_000,
    netPence: 0,
  });
});

test('an end date recorded after a period was paid gives the difference as an adjustment', () => {
  const paid = sumAmounts(linesFor({ ...placement, endsOn: null }, period1));
  const due = sumAmounts(linesFor(placement, period1));
  // Paid for 28 days (14 at 1,500.00, 14 at 1,567.50); due for 24: four days at 1,567.50 fewer.
  assert.deepEqual(paid, {
    days: 28,
    grossPence: 300_000 + 313_500,
    contributionPence: 10_000,
    nhsSharePence: 150_000 + 156_750,
    netPence: 145_000 + 151_750,
  });
  const difference = adjustment(due, paid)!;
  assert.deepEqual(difference, {
    days: -4,
    grossPence: 223_929 - 313_500,
    contributionPence: 8_571 - 10_000,
    nhsSharePence: 111_965 - 156_750,
    netPence: 108_393 - 151_750,
  });
  assert.equal(
    adjustmentReason('Period 1 2026/27', difference),
    'Correction to Period 1 2026/27: 4 days fewer than paid',
  );
  assert.equal(adjustment(due, due), null);
  const repriced = adjustment({ ...paid, grossPence: paid.grossPence + 100, netPence: paid.netPence + 100 }, paid)!;
  assert.equal(
    adjustmentReason('Period 1 2026/27', repriced),
    'Correction to Period 1 2026/27: the weekly price changed',
  );
});

test("the NHS partner's percentage is its Continuing Healthcare share", () => {
  assert.equal(
    nhsPercentOf([
      { stream: 'care-act', percent: 60 },
      { stream: 'nhs-chc', percent: 40 },
    ]),
    40,
  );
  assert.equal(nhsPercentOf([{ stream: 'section-117', percent: 100 }]), 0);
});
