import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyFactor,
  describeMethod,
  factorBasisPoints,
  methodsOf,
  monthWords,
  percent,
  upliftBasisProblems,
  upliftFactor,
  upliftRates,
  type UpliftBasis,
} from './uplift.ts';

// 70% staff, the living wage £12.21 → £12.71, CPI 3.8%, a flat 4.5% beside them.
const basis: UpliftBasis = {
  staffShareBasisPoints: 7_000,
  nlwBeforePence: 1_221,
  nlwAfterPence: 1_271,
  index: 'cpi',
  indexBasisPoints: 380,
  flatBasisPoints: 450,
};

test('a support hour of £24.00 by each method, worked by hand', () => {
  // Staff £16.80 × 1271/1221 = £17.48796…; the rest £7.20 unchanged: £24.68796… → £24.69.
  assert.equal(applyFactor(2_400, upliftFactor('nlw', basis)), 2_469);
  // Staff £17.48796…; the rest £7.20 × 1.038 = £7.4736: £24.96156… → £24.96.
  assert.equal(applyFactor(2_400, upliftFactor('nlw-index', basis)), 2_496);
  // £24.00 × 1.045 = £25.08.
  assert.equal(applyFactor(2_400, upliftFactor('flat', basis)), 2_508);
});

test('the rise in per cent: 0.7 × 4.095% + 0.3 × 3.8% = 4.0065% → 4.01%', () => {
  assert.equal(factorBasisPoints(upliftFactor('nlw-index', basis)), 401);
  // 0.7 × 4.09500…% = 2.86650…% → 2.87%
  assert.equal(factorBasisPoints(upliftFactor('nlw', basis)), 287);
  assert.equal(factorBasisPoints(upliftFactor('flat', basis)), 450);
  // All staff: the living wage's own rise, 4.10%.
  assert.equal(factorBasisPoints(upliftFactor('nlw', { ...basis, staffShareBasisPoints: 10_000 })), 410);
  // No staff: the index alone.
  assert.equal(factorBasisPoints(upliftFactor('nlw-index', { ...basis, staffShareBasisPoints: 0 })), 380);
});

test('each rate is rounded once, to the nearest penny, a half penny up', () => {
  const half = { ...basis, staffShareBasisPoints: 5_000, nlwBeforePence: 200, nlwAfterPence: 201 };
  // 200p × (½ × 201/200 + ½) = 200.5p → 201p; 100p → 100.25p → 100p; 300p → 300.75p → 301p.
  assert.equal(applyFactor(200, upliftFactor('nlw', half)), 201);
  assert.equal(applyFactor(100, upliftFactor('nlw', half)), 100);
  assert.equal(applyFactor(300, upliftFactor('nlw', half)), 301);
  // Flat 2.25%: 1000p → 1022.5p → 1023p; 999p → 1021.4775p → 1021p.
  const flat = upliftFactor('flat', { ...basis, flatBasisPoints: 225 });
  assert.equal(applyFactor(1_000, flat), 1_023);
  assert.equal(applyFactor(999, flat), 1_021);
  // A fall rounds a half towards the higher penny too: 1000p × 0.9775 = 977.5p → 978p.
  assert.equal(applyFactor(1_000, upliftFactor('flat', { ...basis, flatBasisPoints: -225 })), 978);
  // Large weekly rates stay exact: £2,100.00 × 1.045 = £2,194.50.
  assert.equal(applyFactor(210_000, upliftFactor('flat', basis)), 219_450);
});

test("a card's lines, old beside new, in the card's order; missing cells stay missing", () => {
  const { rates, lines } = upliftRates(
    {
      weekly: { complex: { '1': 150_000, '2-3': 118_000 } },
      hourly: { supportHour: 2_040, oneToOneHour: 2_140, sleepInNight: 9_800, wakingNightHour: 2_040 },
    },
    upliftFactor('flat', basis),
  );
  assert.deepEqual(rates.weekly, { complex: { '1': 156_750, '2-3': 123_310 } });
  // 2040 × 1.045 = 2131.8 → 2132; 2140 × 1.045 = 2236.3 → 2236; 9800 × 1.045 = 10241.
  assert.deepEqual(rates.hourly, {
    supportHour: 2_132,
    oneToOneHour: 2_236,
    sleepInNight: 10_241,
    wakingNightHour: 2_132,
  });
  assert.deepEqual(
    lines.map((line) => [line.key, line.beforePence, line.afterPence]),
    [
      ['weekly.complex.1', 150_000, 156_750],
      ['weekly.complex.2-3', 118_000, 123_310],
      ['hourly.supportHour', 2_040, 2_132],
      ['hourly.oneToOneHour', 2_140, 2_236],
      ['hourly.sleepInNight', 9_800, 10_241],
      ['hourly.wakingNightHour', 2_040, 2_132],
    ],
  );
  assert.equal(lines[0]!.label, 'Weekly, complex needs, 1 tenant');
});

test('methods, words and refusals', () => {
  assert.deepEqual(methodsOf(basis), ['nlw', 'nlw-index', 'flat']);
  assert.deepEqual(methodsOf({ ...basis, flatBasisPoints: null }), ['nlw', 'nlw-index']);
  assert.equal(
    describeMethod('nlw-index', basis),
    'The staff share (70%) with the National Living Wage (£12.21 to £12.71 an hour); the rest with CPI (3.8%)',
  );
  assert.equal(percent(7_250), '72.5%');
  assert.equal(monthWords('2025-09'), 'September 2025');
  assert.equal(percent(5), '0.05%');
  assert.equal(percent(-50), '-0.5%');
  assert.deepEqual(upliftBasisProblems(basis), []);
  assert.deepEqual(
    upliftBasisProblems({ ...basis, staffShareBasisPoints: 10_001, indexBasisPoints: 6_000, nlwAfterPence: 1_000 }).map(
      (problem) => problem.field,
    ),
    ['staffSharePercent', 'effectiveFrom', 'indexPercent'],
  );
});
