import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMALLEST_GROUP_SHOWN, SURVEY_STATEMENTS, surveyResults, type SurveyResponse } from './survey.ts';

const answering = (answers: SurveyResponse['staff-listen'][]): SurveyResponse[] =>
  answers.map((answer) => ({ 'staff-listen': answer, 'feel-safe': 'yes' }));

test('fewer than five responses show only how many came in', () => {
  const four = surveyResults(answering(['yes', 'no', 'yes', 'sometimes']));
  assert.equal(SMALLEST_GROUP_SHOWN, 5);
  assert.equal(four.responses, 4);
  assert.equal(four.shown, false);
  assert.ok(four.statements.every((statement) => !statement.shown));
  assert.equal(JSON.stringify(four).includes('counts'), false, 'no count of any answer leaves the function');
});

test('five responses show each answer’s count and the share of yes among those who answered', () => {
  const five = surveyResults(answering(['yes', 'yes', 'sometimes', 'no', 'rather-not-say']));
  assert.equal(five.shown, true);
  const listen = five.statements.find((statement) => statement.key === 'staff-listen')!;
  assert.ok(listen.shown);
  assert.deepEqual(listen.counts, { yes: 2, sometimes: 1, no: 1, 'rather-not-say': 1 });
  assert.equal(listen.yesPercent, 50, '2 of the 4 who gave an answer');
  const safe = five.statements.find((statement) => statement.key === 'feel-safe')!;
  assert.ok(safe.shown);
  assert.equal(safe.yesPercent, 100);
});

test('a statement fewer than five people answered is held back even when the group is large enough', () => {
  const responses: SurveyResponse[] = [...answering(['yes', 'yes', 'yes', 'no', 'no']), { 'choose-my-day': 'no' }];
  const results = surveyResults(responses);
  assert.equal(results.shown, true);
  const choose = results.statements.find((statement) => statement.key === 'choose-my-day')!;
  assert.equal(choose.shown, false, 'one person answered it: they could be picked out');
  assert.equal(results.statements.length, SURVEY_STATEMENTS.length);
});

test('where everyone chose not to say, there is no share of yes', () => {
  const results = surveyResults(
    answering(['rather-not-say', 'rather-not-say', 'rather-not-say', 'rather-not-say', 'rather-not-say']),
  );
  const listen = results.statements.find((statement) => statement.key === 'staff-listen')!;
  assert.ok(listen.shown);
  assert.equal(listen.yesPercent, null);
});
