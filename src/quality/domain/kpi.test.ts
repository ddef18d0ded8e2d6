import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingDays } from '../../platform/domain/calendar.ts';
import {
  acrossProviders,
  askedIn,
  figureProblems,
  isLate,
  lastEndedQuarter,
  quarterBounds,
  quarterLabel,
  quarterOf,
  quarterProblem,
  quartersBetween,
  rated,
  ragOf,
  returnDueOn,
  summarySentence,
  totalOf,
  type KpiRule,
} from './kpi.ts';

test('quarters are the financial year’s: Q1 April to June … Q4 January to March', () => {
  assert.equal(quarterOf('2026-04-01'), '2026-Q1');
  assert.equal(quarterOf('2026-09-30'), '2026-Q2');
  assert.equal(quarterOf('2026-12-01'), '2026-Q3');
  assert.equal(quarterOf('2027-03-31'), '2026-Q4');
  assert.deepEqual(quarterBounds('2026-Q4'), { startsOn: '2027-01-01', endsOn: '2027-03-31' });
  assert.deepEqual(quarterBounds('2026-Q3'), { startsOn: '2026-10-01', endsOn: '2026-12-31' });
  assert.equal(quarterLabel('2026-Q2'), 'Q2 2026-27 (July to September 2026)');
  assert.equal(quarterLabel('2026-Q4'), 'Q4 2026-27 (January to March 2027)');
  assert.equal(quarterLabel('2099-Q4'), 'Q4 2099-00 (January to March 2100)');
  assert.equal(lastEndedQuarter('2026-12-01'), '2026-Q2');
  assert.equal(lastEndedQuarter('2026-04-01'), '2025-Q4');
  assert.deepEqual(quartersBetween('2025-Q3', '2026-Q2'), ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
});

test('a return is due a number of working days after its quarter ends, bank holidays aside', () => {
  const calendar = new WorkingDays([
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-01-01', 'New Year’s Day'],
  ]);
  // Q2 ends Wednesday 30 September 2026: 20 working days on is Wednesday 28 October.
  assert.equal(returnDueOn('2026-Q2', 20, calendar), '2026-10-28');
  // Q3 ends Thursday 31 December: New Year's Day is not counted, so 5 working days on is 8 January.
  assert.equal(returnDueOn('2026-Q3', 5, calendar), '2027-01-08');
  assert.equal(isLate('2026-10-28', '2026-10-28'), false);
  assert.equal(isLate('2026-10-29', '2026-10-28'), true);
});

const trained: KpiRule = { measure: 'percentage', target: 100, direction: 'higher', amberTolerance: 10 };

test('higher is better: Green at the target, Amber within the tolerance, Red further short', () => {
  assert.equal(ragOf(trained, 100), 'green');
  assert.equal(ragOf(trained, 90), 'amber');
  assert.equal(ragOf(trained, 89), 'red');
  assert.deepEqual(rated(trained, { numerator: 654, denominator: 807 }), { value: 81, rag: 'red' });
  assert.deepEqual(rated({ ...trained, target: 75 }, { numerator: 72, denominator: 100 }), { value: 72, rag: 'amber' });
  assert.deepEqual(rated(trained, { numerator: 0, denominator: 0 }), { value: null, rag: null }, 'a share of nobody');
});

test('lower is better is the mirror: Green at or under, Amber over by the tolerance at most', () => {
  const missedVisits: KpiRule = { measure: 'count', target: 3, direction: 'lower', amberTolerance: 2 };
  assert.equal(ragOf(missedVisits, 0), 'green');
  assert.equal(ragOf(missedVisits, 3), 'green');
  assert.equal(ragOf(missedVisits, 5), 'amber');
  assert.equal(ragOf(missedVisits, 6), 'red');
  assert.deepEqual(rated(missedVisits, { numerator: 4, denominator: 40 }), { value: 4, rag: 'amber' });
});

test('a KPI is asked for from its first quarter until the one it was retired after', () => {
  const kpi = { firstQuarter: '2025-Q3', retiredAfter: '2026-Q1' };
  assert.equal(askedIn(kpi, '2025-Q2'), false);
  assert.equal(askedIn(kpi, '2025-Q3'), true);
  assert.equal(askedIn(kpi, '2026-Q1'), true);
  assert.equal(askedIn(kpi, '2026-Q2'), false);
  assert.equal(askedIn({ ...kpi, retiredAfter: null }, '2030-Q4'), true);
});

test('figures must be whole numbers, 0 or more, the number achieving it no more than the number counted', () => {
  const fields = { numerator: 'n', denominator: 'd' };
  const kpi = { name: 'Care Certificate' };
  assert.deepEqual(figureProblems(kpi, { numerator: 5, denominator: 5 }, fields), []);
  assert.deepEqual(figureProblems(kpi, { numerator: 6, denominator: 5 }, fields), [
    { field: 'n', message: 'The number achieving it for Care Certificate cannot be more than the number counted (5)' },
  ]);
  assert.deepEqual(
    figureProblems(kpi, { numerator: null, denominator: -1 }, fields).map((problem) => problem.field),
    ['n', 'd'],
  );
  assert.equal(figureProblems(kpi, { numerator: 1.5, denominator: 3 }, fields).length, 1);
});

test('a return is for an ended quarter, not one before the membership began', () => {
  assert.equal(quarterProblem('2026-Q2', '2026-12-01', '2024-04-01'), null);
  assert.equal(
    quarterProblem('2026-Q3', '2026-12-01', '2024-04-01'),
    'Q3 2026-27 (October to December 2026) has not ended yet',
  );
  assert.equal(
    quarterProblem('2024-Q1', '2026-12-01', '2024-09-01'),
    'Q1 2024-25 (April to June 2024) ended before this membership began',
  );
  assert.equal(quarterProblem('2024-Q2', '2026-12-01', '2024-09-01'), null, 'the quarter the membership began in');
  assert.equal(quarterProblem('Q2', '2026-12-01', '2024-09-01'), 'Choose a quarter, such as 2026-Q2');
  assert.match(quarterProblem('2026-Q1', '2026-12-01', null)!, /before this membership began/);
});

test('the report’s sentence: 81% (654) of care workers trained; in the previous period 47% (316)', () => {
  const kpi = {
    measure: 'percentage' as const,
    denominatorLabel: 'care workers',
    summaryPhrase: 'have now been trained',
  };
  assert.equal(
    summarySentence(kpi, { numerator: 654, denominator: 807 }, { numerator: 316, denominator: 672 }),
    '81% (654) of care workers have now been trained; in the previous period 47% (316).',
  );
  assert.equal(
    summarySentence(kpi, { numerator: 654, denominator: 807 }, null),
    '81% (654) of care workers have now been trained.',
  );
  assert.equal(
    summarySentence(
      { measure: 'count', denominatorLabel: 'visits', summaryPhrase: 'were missed' },
      { numerator: 4, denominator: 900 },
      { numerator: 9, denominator: 880 },
    ),
    '4 visits were missed; in the previous period 9.',
  );
  assert.deepEqual(
    totalOf([
      { numerator: 400, denominator: 500 },
      { numerator: 254, denominator: 307 },
    ]),
    { numerator: 654, denominator: 807 },
  );
});

test('across providers: each lot’s return added, the survey’s figures once a provider, providers counted once', () => {
  const heronNorth = { providerId: 'heron', figures: { numerator: 400, denominator: 500 } };
  const heronSouth = { providerId: 'heron', figures: { numerator: 254, denominator: 307 } };
  const kestrel = { providerId: 'kestrel', figures: { numerator: 10, denominator: 20 } };
  assert.deepEqual(acrossProviders('return', [heronNorth, heronSouth, kestrel]), {
    total: { numerator: 664, denominator: 827 },
    providers: 2,
  });
  const heronSurvey = { numerator: 45, denominator: 50 };
  assert.deepEqual(
    acrossProviders('survey', [
      { providerId: 'heron', figures: heronSurvey },
      { providerId: 'heron', figures: heronSurvey },
      kestrel,
    ]),
    { total: { numerator: 55, denominator: 70 }, providers: 2 },
  );
  assert.equal(acrossProviders('return', []), null);
});
