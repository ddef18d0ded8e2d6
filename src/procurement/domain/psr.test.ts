import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bankHolidays } from '../../platform/reference/reference-data.ts';
import { PSR_CRITERIA, psrDecisionProblems, psrStandstill, type PsrDecisionRecord } from './psr.ts';

const holidays = bankHolidays();

test('the standstill runs 8 working days from the day after the intention notice, over Christmas', () => {
  // Friday 18 December 2026: the 25th, the 28th (Boxing Day's substitute) and 1 January do not count.
  const period = psrStandstill('2026-12-18', holidays);
  assert.equal(period.ends, '2027-01-04');
  assert.equal(period.earliestContractDate, '2027-01-05');
  assert.match(period.explanation, /8th is 4 January 2027/);
});

test('representations add 5 working days after they are answered', () => {
  // Published Monday 2 November 2026: the 8th working day after is Thursday 12 November.
  assert.equal(psrStandstill('2026-11-02', holidays).ends, '2026-11-12');
  // Answered within the standstill: 5 working days after its 8th day.
  assert.equal(psrStandstill('2026-11-02', holidays, { answeredOn: '2026-11-10' }).ends, '2026-11-19');
  // Answered after it: 5 working days after the answer.
  const late = psrStandstill('2026-11-02', holidays, { answeredOn: '2026-11-16' });
  assert.equal(late.ends, '2026-11-23');
  assert.match(late.explanation, /representations/);
});

const competitive: PsrDecisionRecord = {
  process: 'competitive',
  conditionsMet: true,
  providerId: null,
  existingContract: null,
  criteria: PSR_CRITERIA.map((criterion) => ({ criterion, weightPercent: 20, rationale: 'Weighed at the panel' })),
  decisionMakers: 'ICB Continuing Healthcare panel',
  conflicts: 'None',
  rationale: 'Several capable providers; a competitive process gives the best value.',
};

test('a whole decision record has no problems; every gap is named against its field', () => {
  assert.deepEqual(psrDecisionProblems(competitive), []);
  const fields = psrDecisionProblems({
    ...competitive,
    process: 'direct-award-c',
    conditionsMet: false,
    criteria: competitive.criteria.slice(1).map((c) => ({ ...c, weightPercent: 25, rationale: '' })),
    decisionMakers: '',
  }).map((problem) => problem.field);
  assert.deepEqual(fields, [
    'conditionsMet',
    'providerId',
    'existingContract',
    'criteria',
    'criteria.value',
    'criteria.integration-collaboration',
    'criteria.access-inequalities',
    'criteria.social-value',
    'decisionMakers',
  ]);
});

test('direct award A and B weigh no key criteria; the weights of the others add up to 100%', () => {
  const a = { ...competitive, process: 'direct-award-a' as const, providerId: 'p1', existingContract: 'CHC-2022-14' };
  assert.match(psrDecisionProblems(a)[0]!.message, /without weighing the key criteria/);
  assert.deepEqual(psrDecisionProblems({ ...a, criteria: [] }), []);
  const uneven = { ...competitive, criteria: competitive.criteria.map((c) => ({ ...c, weightPercent: 10 })) };
  assert.match(psrDecisionProblems(uneven)[0]!.message, /add up to 50%/);
});
