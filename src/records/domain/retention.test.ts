import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETENTION_RULE, isDue, retentionDate, retentionRuleProblems } from './retention.ts';

const rule = DEFAULT_RETENTION_RULE;

test('due eight years after the last placement ended, on that day and not the day before', () => {
  const facts = { lastPlacementEndedOn: '2018-11-30', inService: false, lastChangedOn: '2025-01-01' };
  assert.deepEqual(retentionDate(facts, rule), { dueOn: '2026-11-30', from: 'last placement ended' });
  assert.equal(isDue(facts, rule, '2026-11-29'), false);
  assert.equal(isDue(facts, rule, '2026-11-30'), true);
});

test('a placement ended on 29 February falls due on 28 February', () => {
  const facts = { lastPlacementEndedOn: '2016-02-29', inService: false, lastChangedOn: '2016-03-01' };
  assert.equal(retentionDate(facts, { ...rule, years: 7 })?.dueOn, '2023-02-28');
});

test('someone never placed runs from their record last changing', () => {
  const facts = { lastPlacementEndedOn: null, inService: false, lastChangedOn: '2017-06-15' };
  assert.deepEqual(retentionDate(facts, rule), { dueOn: '2025-06-15', from: 'record last changed (never placed)' });
});

test('someone placed now or waiting on a referral is never due, however old their last placement', () => {
  const facts = { lastPlacementEndedOn: '2001-01-01', inService: true, lastChangedOn: '2001-01-01' };
  assert.equal(retentionDate(facts, rule), null);
  assert.equal(isDue(facts, rule, '2026-12-01'), false);
});

test('a rule needs whole years in range and a stated basis', () => {
  assert.deepEqual(retentionRuleProblems(rule), []);
  assert.deepEqual(
    retentionRuleProblems({ years: 0, basis: 'x' }).map((problem) => problem.field),
    ['years', 'basis'],
  );
  assert.equal(retentionRuleProblems({ years: 2.5, basis: 'Retention schedule' })[0]?.field, 'years');
  assert.equal(retentionRuleProblems({ years: '8', basis: 'Retention schedule' })[0]?.field, 'years');
});
