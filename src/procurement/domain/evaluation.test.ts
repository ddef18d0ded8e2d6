import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  moderationRows,
  overallScore,
  priceScore,
  progressOf,
  qualityScore,
  scoreProblems,
  stageDecisionProblem,
  stillInEvaluation,
  stillInEvaluationProblem,
  visibleScores,
  type StageDecision,
} from './evaluation.ts';
import type { Stage } from './vehicles.ts';

// Kent's pipeline (report 001 §3.3): selection, quality, negotiation, resubmission, financial check, award.
const kent: Stage[] = ['selection', 'quality', 'negotiation', 'resubmission', 'financial', 'award'];
const pass = (stage: Stage): StageDecision => ({ stage, outcome: 'pass', reason: null });

test('an application stands at the first stage it has not passed; a fail excludes it from the rest', () => {
  assert.deepEqual(progressOf(kent, []), { state: 'at', stage: 'selection' });
  assert.deepEqual(progressOf(kent, [pass('selection'), pass('quality')]), { state: 'at', stage: 'negotiation' });
  assert.deepEqual(
    progressOf(kent, [
      pass('selection'),
      pass('quality'),
      pass('negotiation'),
      pass('resubmission'),
      { stage: 'financial', outcome: 'fail', reason: 'Accounts show going-concern doubts' },
    ]),
    { state: 'excluded', stage: 'financial', reason: 'Accounts show going-concern doubts' },
  );
  assert.deepEqual(progressOf(['selection', 'award'], [pass('selection'), pass('award')]), { state: 'through' });
});

test('a stage is decided only when reached, once, and a fail needs its reason', () => {
  assert.equal(stageDecisionProblem(kent, [], 'selection', 'pass', null), null);
  assert.match(
    stageDecisionProblem(kent, [], 'financial', 'pass', null)!.message,
    /has not reached the financial stage/,
  );
  assert.match(
    stageDecisionProblem(kent, [pass('selection')], 'selection', 'fail', 'x')!.message,
    /already been decided/,
  );
  assert.match(
    stageDecisionProblem(
      kent,
      [{ stage: 'selection', outcome: 'fail', reason: 'No CQC registration' }],
      'quality',
      'pass',
      null,
    )!.message,
    /excluded at selection/,
  );
  assert.match(
    stageDecisionProblem(
      kent,
      [{ stage: 'selection', outcome: 'fail', reason: 'No CQC registration' }],
      'selection',
      'fail',
      'x',
    )!.message,
    /already been decided/,
    'a fail too is decided once',
  );
  assert.deepEqual(stageDecisionProblem(kent, [], 'selection', 'fail', ' ')!.field, 'reason');
  assert.match(
    stageDecisionProblem(['selection', 'award'], [], 'financial', 'pass', null)!.message,
    /no financial stage/,
  );
});

test('scores are whole numbers on the scale, each with its reason', () => {
  assert.deepEqual(scoreProblems(4, 'Clear recruitment plan', 5), []);
  assert.deepEqual(
    scoreProblems(6, '', 5).map((p) => p.field),
    ['score', 'comment'],
  );
  assert.deepEqual(
    scoreProblems(2.5, 'x', 5).map((p) => p.field),
    ['score'],
  );
});

test("evaluators see others' scores only after submitting their own", () => {
  const scores = [
    { evaluatorId: 'a', questionId: 'q1', score: 4, comment: 'good', submitted: true },
    { evaluatorId: 'b', questionId: 'q1', score: 2, comment: 'thin', submitted: false },
    { evaluatorId: 'c', questionId: 'q1', score: 3, comment: 'fair', submitted: true },
  ];
  assert.deepEqual(
    visibleScores(scores, 'b').map((s) => s.evaluatorId),
    ['b'],
  );
  assert.deepEqual(
    visibleScores(scores, 'a').map((s) => s.evaluatorId),
    ['a', 'c'],
  );
});

test('moderation shows every submitted score side by side with the spread', () => {
  const rows = moderationRows(
    ['q1', 'q2'],
    [
      { evaluatorId: 'a', questionId: 'q1', score: 4, comment: 'good', submitted: true },
      { evaluatorId: 'b', questionId: 'q1', score: 1, comment: 'weak', submitted: true },
      { evaluatorId: 'c', questionId: 'q1', score: 3, comment: 'draft', submitted: false },
    ],
  );
  assert.deepEqual(
    rows.map((row) => [row.questionId, row.scores.length, row.spread, row.mean]),
    [
      ['q1', 2, 3, 2.5],
      ['q2', 0, null, null],
    ],
  );
});

test('the weighted total: Σ weight × agreed score ÷ scale maximum, to 2 decimals', () => {
  const questions = [
    { id: 'q1', weightPercent: 40 },
    { id: 'q2', weightPercent: 35 },
    { id: 'q3', weightPercent: 25 },
  ];
  assert.equal(
    qualityScore(
      questions,
      new Map([
        ['q1', 4],
        ['q2', 3],
        ['q3', 5],
      ]),
      5,
    ),
    78,
  );
  assert.equal(
    qualityScore(
      questions,
      new Map([
        ['q1', 2],
        ['q2', 2],
        ['q3', 1],
      ]),
      3,
    ),
    58.33,
  );
  assert.equal(qualityScore(questions, new Map([['q1', 4]]), 5), null, 'not until every question is agreed');
});

test('price scores against the cheapest, and the quality/price weighting', () => {
  assert.equal(priceScore(150_000, 120_000), 80);
  assert.equal(priceScore(120_000, 120_000), 100);
  assert.equal(overallScore(78, 80, 70), 78.6);
  assert.equal(overallScore(78, null, 100), 78);
});

test('a tenderer answering more than 100% of weighting (questions for several lots) is scored over what it answered', () => {
  const questions = [
    { id: 'general', weightPercent: 60 },
    { id: 'north', weightPercent: 40 },
    { id: 'south', weightPercent: 40 },
  ];
  assert.equal(
    qualityScore(
      questions,
      new Map([
        ['general', 5],
        ['north', 5],
        ['south', 0],
      ]),
      5,
    ),
    71.43,
    '(60 + 40 + 0) ÷ 140',
  );
});

test('tiers and the award wait for every tenderer still in evaluation, each named', () => {
  assert.equal(stillInEvaluation({ state: 'at', stage: 'quality' }, null), true);
  assert.equal(stillInEvaluation({ state: 'at', stage: 'award' }, null), true, 'at award but not yet scored');
  assert.equal(stillInEvaluation({ state: 'at', stage: 'award' }, 72), false);
  assert.equal(stillInEvaluation({ state: 'excluded', stage: 'selection', reason: 'No insurance' }, null), false);
  assert.equal(stillInEvaluation({ state: 'through' }, 72), false);
  assert.equal(stillInEvaluationProblem([], 'deciding the award'), null);
  assert.equal(
    stillInEvaluationProblem(['Kestrel Care Ltd'], 'deciding the award'),
    'Kestrel Care Ltd is still in evaluation: decide its stages before deciding the award',
  );
  assert.equal(
    stillInEvaluationProblem(['Avocet', 'Heron', 'Kestrel'], 'confirming the tier allocation'),
    'Avocet, Heron and Kestrel are still in evaluation: decide their stages before confirming the tier allocation',
  );
});
