import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONFLICTED, procurementSight, UNDECLARED } from './procurement-sight.ts';

test('commissioners and auditors see the whole tender', () => {
  for (const role of ['commissioner', 'auditor'] as const)
    assert.deepEqual(procurementSight([role], null), {
      applicants: true,
      submissions: true,
      scores: true,
      withheld: null,
    });
});

test('an evaluator sees bids only after declaring no conflict, and never after declaring one', () => {
  assert.deepEqual(procurementSight(['evaluator'], null), {
    applicants: true,
    submissions: false,
    scores: false,
    withheld: UNDECLARED,
  });
  assert.deepEqual(procurementSight(['evaluator'], { hasConflict: true }), {
    applicants: true,
    submissions: false,
    scores: false,
    withheld: CONFLICTED,
  });
  assert.deepEqual(procurementSight(['evaluator'], { hasConflict: false }), {
    applicants: true,
    submissions: true,
    scores: true,
    withheld: null,
  });
});

test('finance officers see submissions for the financial check, not the scores', () => {
  assert.deepEqual(procurementSight(['finance_officer'], null), {
    applicants: true,
    submissions: true,
    scores: false,
    withheld: null,
  });
  assert.deepEqual(procurementSight(['finance_officer', 'evaluator'], null), {
    applicants: true,
    submissions: true,
    scores: false,
    withheld: null,
  });
});

test('a declared conflict holds whatever other role the evaluator has', () => {
  assert.deepEqual(procurementSight(['finance_officer', 'evaluator'], { hasConflict: true }), {
    applicants: true,
    submissions: false,
    scores: false,
    withheld: CONFLICTED,
  });
});

test('the rest of the staff see nothing of a tender', () => {
  for (const role of ['administrator', 'brokerage_officer', 'social_worker', 'quality_officer'] as const) {
    const sight = procurementSight([role], null);
    assert.equal(sight.applicants || sight.submissions || sight.scores, false, role);
  }
});
