import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answersProblems,
  DEFAULT_LINES,
  outliers,
  staffShare,
  workbookResults,
} from '../../pricing/domain/exercise.ts';
import { DEMO_OUTLIERS, DEMO_WORKBOOKS, demoWorkbookAnswers } from './demo-exercise.ts';

const workbooks = Array.from({ length: DEMO_WORKBOOKS }, (_, index) => demoWorkbookAnswers(index));

test('every demo workbook would be accepted, paying at least the April 2025 National Living Wage', () => {
  for (const answers of workbooks) {
    assert.deepEqual(answersProblems(DEFAULT_LINES, answers, true), []);
    assert.ok(answers['support-worker-pay']! >= 1221);
  }
});

test('the demo’s two outliers are the ones flagged, on the lines they were made on', () => {
  const flaggedOn = (key: string) => [...outliers(workbooks.map((answers) => answers[key]!)).keys()];
  assert.ok(flaggedOn('central-overheads').includes(DEMO_OUTLIERS.overheads));
  assert.deepEqual(flaggedOn('productive-share'), [DEMO_OUTLIERS.productive]);
  const share = staffShare(workbooks.map((answers) => workbookResults(DEFAULT_LINES, answers)))!;
  assert.ok(share.basisPoints > 7000 && share.basisPoints < 9000, `care staff are ${share.basisPoints / 100}%`);
});
