import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_FRAMEWORK } from '../../quality/domain/demo-framework.ts';
import { rateAssessment } from '../../quality/domain/framework.ts';
import { actionPlanRequired } from '../../quality/domain/assessments.ts';
import { contractActionProblems } from '../../quality/domain/contract-actions.ts';
import { surveyResults } from '../../quality/domain/survey.ts';
import { demoAssessment, demoContractActions, demoOutcome, demoSurveys, SURVEY_GROUPS } from './demo-quality.ts';

const rated = (outcome: Parameters<typeof demoAssessment>[0]) =>
  rateAssessment(
    DEMO_FRAMEWORK,
    Object.fromEntries(demoAssessment(outcome, 3, '2026-12-01').ratings.map((r) => [r.questionKey, r.rating])),
  );

test('each demo outcome’s ratings roll up, by the demo framework’s rules, to that outcome', () => {
  for (const outcome of ['excellent', 'good', 'requires-improvement', 'poor'] as const)
    assert.equal(rated(outcome).overall.rating, outcome, outcome);
  assert.equal(actionPlanRequired(rated('good')), false);
  assert.equal(actionPlanRequired(rated('requires-improvement')), true);
});

test('the demo county’s outcomes: most Good, two Poor, one Excellent, several overdue, one awaiting its reply', () => {
  const outcomes = Array.from({ length: 60 }, (_, i) => demoOutcome(i, 60, 7));
  const count = (outcome: string) => outcomes.filter((given) => given === outcome).length;
  assert.equal(count('poor'), 2);
  assert.equal(count('excellent'), 1);
  assert.equal(count('awaiting-reply'), 1);
  assert.equal(count('requires-improvement'), 4);
  assert.equal(count('overdue-old') + count('never-assessed'), 5);
  assert.ok(count('good') > 40);
});

test('an action plan has one action overdue, one under way and one signed off; an overdue visit is over a year old', () => {
  const poor = demoAssessment('poor', 0, '2026-12-01');
  assert.deepEqual(
    poor.actions.map((action) => [action.status, action.dueOn < '2026-12-01']),
    [
      ['open', true],
      ['in-progress', false],
      ['signed-off', true],
    ],
  );
  assert.ok(demoAssessment('overdue-old', 0, '2026-12-01').publishedOn < '2025-12-01');
  assert.ok(demoAssessment('good', 9, '2026-12-01').visitOn > '2025-12-01');
});

test('about forty surveys: four providers’ people reach five responses and show, the rest stay hidden', () => {
  const surveys = demoSurveys('2026-12-01');
  assert.deepEqual(demoSurveys('2026-12-01'), surveys, 'the same every time');
  assert.equal(surveys.length, 40);
  const shown = SURVEY_GROUPS.map(
    (_, group) => surveyResults(surveys.filter((survey) => survey.group === group).map((s) => s.answers)).shown,
  );
  assert.deepEqual(shown, [true, true, true, true, false, false, false, false]);
  for (const survey of surveys) {
    assert.ok(Object.keys(survey.answers).length > 0, 'at least one statement answered');
    assert.ok(survey.answeredOn < '2026-12-01' && survey.answeredOn > '2025-12-01', survey.answeredOn);
  }
  const answers = surveys.flatMap((survey) => Object.values(survey.answers));
  const share = (answer: string) => answers.filter((given) => given === answer).length / answers.length;
  assert.ok(share('yes') > 0.6, 'mostly yes');
  for (const answer of ['sometimes', 'no', 'rather-not-say']) assert.ok(share(answer) > 0, answer);
  assert.deepEqual([...new Set(surveys.map((survey) => survey.respondent))].sort(), ['advocate', 'family', 'person']);
});

test('the default notice and the special measures plan are actions the quality team could issue', () => {
  const none = { serviceId: null, membershipId: null, placementId: null, default: null, remedy: null, toTier: null };
  for (const action of Object.values(demoContractActions('2026-12-01')))
    assert.deepEqual(contractActionProblems({ ...none, ...action }, { today: '2026-12-01' }), [], action.kind);
});
