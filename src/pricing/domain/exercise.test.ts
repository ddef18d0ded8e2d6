import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerAsText,
  answerFromText,
  answerShown,
  answersProblems,
  formatPercent,
  DEFAULT_LINES,
  outliers,
  quartiles,
  staffShare,
  workbookResults,
  type Answers,
} from './exercise.ts';

test('quartiles are QUARTILE.INC, worked by hand, rounded half up to a penny', () => {
  // 1..10: positions 2.25, 4.5, 6.75 (from 0) → 3.25, 5.5, 7.75.
  assert.deepEqual(quartiles([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), {
    count: 10,
    lowerQuartile: 3,
    median: 6,
    upperQuartile: 8,
  });
  // Five values: positions 1, 2, 3 fall on values exactly.
  assert.deepEqual(quartiles([1250, 1221, 1300, 1280, 1230]), {
    count: 5,
    lowerQuartile: 1230,
    median: 1250,
    upperQuartile: 1280,
  });
  // Six values 100..600: positions 1.25, 2.5, 3.75 → 225, 350, 475.
  assert.deepEqual(quartiles([600, 100, 500, 200, 400, 300]), {
    count: 6,
    lowerQuartile: 225,
    median: 350,
    upperQuartile: 475,
  });
  // 1, 2, 4, 7, 8, 9, 10: positions 1.5, 3, 4.5 → 3, 7, 8.5 (half up: 9).
  assert.deepEqual(quartiles([1, 2, 4, 7, 8, 9, 10]), { count: 7, lowerQuartile: 3, median: 7, upperQuartile: 9 });
});

test('no quartiles are given for fewer than five responses', () => {
  assert.equal(quartiles([1, 2, 3, 4]), undefined);
  assert.equal(quartiles([]), undefined);
});

test('outliers are beyond 1.5 times the interquartile range, on either side', () => {
  // Q1 2, Q3 4, IQR 2: fences −1 and 7.
  assert.deepEqual([...outliers([1, 2, 3, 4, 100])], [[4, 'high']]);
  // 1..8 and one more: positions 2 and 6 give Q1 3, Q3 7, IQR 4, fences −3 and 13 (on the fence is not beyond).
  assert.deepEqual([...outliers([1, 2, 3, 4, 5, 6, 7, 8, 13])], []);
  assert.deepEqual([...outliers([1, 2, 3, 4, 5, 6, 7, 8, 14])], [[8, 'high']]);
  // 100, 1000..1003: Q1 1000, Q3 1002, fences 997 and 1005.
  assert.deepEqual([...outliers([100, 1000, 1001, 1002, 1003])], [[0, 'low']]);
  assert.equal(outliers([1, 2, 100]).size, 0);
});

const answered: Answers = {
  'support-worker-pay': 1250,
  'non-contact': 1500,
  'training-time': 200,
  'employer-ni': 800,
  'employer-pension': 300,
  'productive-share': 8000,
  'hours-delivered': 6000,
  management: 5_200_000,
  return: 500,
  people: 10,
  'sleep-in-pay': 9000,
  headcount: 20,
  leavers: 6,
};

test('a workbook’s results, worked by hand', () => {
  // Care staff: £12.50 × 1.28 ÷ 0.8 = £20.00. Running: £52,000 ÷ (100 h × 365 ÷ 7) = £9.9726 → 997p.
  // With a 5% return: (2000 + 997) × 1.05 = 3146.85 → 3147p. A person's week: 3147 × 100 h ÷ 10.
  // Sleep-in: £90 × 1.28 × 1.05 = £120.96. Turnover: 6 ÷ 20 = 30%.
  assert.deepEqual(workbookResults(DEFAULT_LINES, answered), {
    'running-per-hour': 997,
    'care-staff-per-hour': 2000,
    'cost-per-hour': 3147,
    'cost-per-person-week': 31_470,
    'cost-per-sleep-in': 12_096,
    turnover: 3000,
  });
  // Travel of £10,430 a year over 5,214.29 care hours adds £2.00 an hour to care staff (£20.00 to £22.00).
  assert.equal(workbookResults(DEFAULT_LINES, { ...answered, travel: 1_043_000 })['care-staff-per-hour'], 2200);
  // No hours delivered: nothing per hour.
  const none = workbookResults(DEFAULT_LINES, { ...answered, 'hours-delivered': 0 });
  assert.equal(none['cost-per-hour'], undefined);
  assert.equal(none['cost-per-sleep-in'], 12_096);
});

test('every problem with a workbook is listed against its line', () => {
  const problems = answersProblems(
    DEFAULT_LINES,
    { ...answered, management: Number.NaN, 'hours-delivered': -60, return: 12_000, people: 2.5, mystery: 1 },
    true,
  );
  const by = new Map(problems.map((problem) => [problem.field, problem.message]));
  assert.equal(by.get('management'), 'Registered manager and office staff must be an amount of money, like 12.50');
  assert.equal(by.get('hours-delivered'), 'Care hours delivered a week cannot be negative hours');
  assert.equal(by.get('return'), 'Return on operations, as a share of costs cannot be more than 100%');
  assert.equal(by.get('people'), 'People supported must be a whole number');
  assert.equal(by.get('mystery'), 'This is not a line of this workbook');
  assert.equal(by.get('premises'), 'Enter rent, rates and utilities');
  assert.equal(by.has('travel'), false, 'an optional line may be blank');
  // A draft may leave lines blank, but what it holds is still checked.
  assert.deepEqual(answersProblems(DEFAULT_LINES, { people: -1 }, false), [
    { field: 'people', message: 'People supported cannot be negative' },
  ]);
});

test('the care staff’s share of a care hour is the ratio of the two medians', () => {
  const results = [2000, 2100, 2200, 2300, 2400].map((staff, i) => ({
    'care-staff-per-hour': staff,
    'cost-per-hour': [3000, 3100, 3300, 3400, 3600][i]!,
  }));
  // 2200 ÷ 3300 = 66.67% → 6667 basis points.
  assert.deepEqual(staffShare(results), { basisPoints: 6667, staffMedian: 2200, totalMedian: 3300 });
  assert.equal(staffShare(results.slice(0, 4)), undefined);
});

test('answers are read as typed, in pounds, hours and percentages, and shown back', () => {
  assert.equal(answerFromText('pence-per-hour', '£12.21'), 1221);
  assert.equal(answerFromText('pence-per-year', '52,000'), 5_200_000);
  assert.equal(answerFromText('pence-per-hour', 'twelve'), Number.NaN);
  assert.equal(answerFromText('pence-per-hour', '12.215'), Number.NaN);
  assert.equal(answerFromText('pence-per-hour', '-3'), -300);
  assert.equal(answerFromText('minutes-per-week', '37.5'), 2250);
  assert.equal(answerFromText('minutes-per-week', '-4'), -240);
  assert.equal(answerFromText('basis-points', '12.5%'), 1250);
  assert.equal(answerFromText('count', '14'), 14);
  assert.equal(answerFromText('count', '2.5'), Number.NaN);
  assert.equal(answerFromText('count', ' '), null);
  assert.equal(answerAsText('pence-per-hour', 1221), '12.21');
  assert.equal(answerAsText('minutes-per-week', 2250), '37.5');
  assert.equal(answerShown('pence-per-year', 5_200_000), '£52,000.00');
  assert.equal(answerShown('basis-points', 6667), '66.67%');
  assert.equal(formatPercent(500), '5%');
  assert.equal(formatPercent(1250), '12.5%');
});
