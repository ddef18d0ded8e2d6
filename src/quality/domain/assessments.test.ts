import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingDays } from '../../platform/domain/calendar.ts';
import {
  actionPlanRequired,
  afterCommentWindow,
  closePlanProblems,
  commentRefusal,
  DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS,
  factualAccuracyDeadline,
  isOverdue,
  publishProblems,
  sendProblems,
} from './assessments.ts';
import { rateAssessment } from './framework.ts';
import { DEMO_FRAMEWORK } from './demo-framework.ts';
import { nextDueOn, scheduleStatus } from './schedule.ts';

// England and Wales, winter 2026-27: Christmas Day on a Friday, Boxing Day's substitute on Monday 28th.
const ENGLAND = new WorkingDays([
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', "New Year's Day"],
]);

test('the provider has ten working days to check the facts, bank holidays not counted', () => {
  // Sent on Tuesday 1 December: ten working days later is Tuesday 15 December.
  assert.equal(factualAccuracyDeadline('2026-12-01', DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS, ENGLAND), '2026-12-15');
  // Sent on Friday 18 December: Christmas, Boxing Day's substitute and New Year's Day pass over, so Wednesday 6 January.
  assert.equal(factualAccuracyDeadline('2026-12-18', DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS, ENGLAND), '2027-01-06');
  // Sent on a Saturday: the first working day counted is the Monday.
  assert.equal(factualAccuracyDeadline('2026-12-05', 1, ENGLAND), '2026-12-07');
});

test('a comment is taken only while the draft is with the provider, up to the end of the last day', () => {
  const withProvider = { status: 'factual-accuracy' as const, commentsDueOn: '2026-12-15' };
  assert.equal(commentRefusal(withProvider, '2026-12-15'), null);
  assert.equal(commentRefusal(withProvider, '2026-12-16'), 'Comments closed at the end of 15 December 2026');
  assert.equal(
    commentRefusal({ status: 'draft', commentsDueOn: null }, '2026-12-01'),
    'This assessment is not open for comments',
  );
  assert.equal(
    commentRefusal({ status: 'published', commentsDueOn: '2026-12-15' }, '2026-12-02'),
    'This assessment is not open for comments',
  );
});

test('when the window ends, an unanswered draft is published and comments go to the officer', () => {
  const withProvider = { status: 'factual-accuracy' as const, commentsDueOn: '2026-12-15' };
  assert.equal(afterCommentWindow(withProvider, 0, '2026-12-15'), null, 'the last day is still open');
  assert.equal(afterCommentWindow(withProvider, 0, '2026-12-16'), 'publish-unanswered');
  assert.equal(afterCommentWindow(withProvider, 2, '2026-12-16'), 'decide-comments');
  assert.equal(afterCommentWindow({ status: 'published', commentsDueOn: '2026-12-15' }, 0, '2027-01-01'), null);
});

test('a draft is sent only with every question rated, each with its reason; published only with every comment decided', () => {
  const questions = [
    { key: 'S1', text: 'Do staff know how to report abuse?' },
    { key: 'S2', text: 'Are risks managed?' },
    { key: 'S3', text: 'Are incidents learned from?' },
  ];
  assert.deepEqual(
    sendProblems(questions, {
      S1: { rating: 'good', reason: 'All staff trained' },
      S2: { rating: 'not-assessed', reason: ' ' },
    }),
    [
      'S2 Are risks managed?: say why it is rated so',
      'S3 Are incidents learned from?: give a rating, or mark it not assessed',
    ],
  );
  assert.deepEqual(
    publishProblems([
      { questionKey: 'S1', decision: 'accepted' },
      { questionKey: 'S2', decision: null },
    ]),
    ['Accept or reject the provider’s comment on S2 before publishing'],
  );
});

test('an action plan is needed where any domain is below Good, and closes only with every action signed off', () => {
  const allGood = Object.fromEntries(
    DEMO_FRAMEWORK.domains.flatMap((d) => d.questions).map((q) => [q.key, 'good' as const]),
  );
  assert.equal(actionPlanRequired(rateAssessment(DEMO_FRAMEWORK, allGood)), false);
  assert.equal(
    actionPlanRequired(rateAssessment(DEMO_FRAMEWORK, { ...allGood, W2: 'poor' })),
    true,
    'capped to Requires Improvement',
  );
  assert.deepEqual(
    closePlanProblems([
      { title: 'Complete DBS checks', status: 'signed-off' },
      { title: 'Train night staff', status: 'ready-to-sign-off' },
    ]),
    ['“Train night staff” is done: awaiting sign-off: sign it off first'],
  );
  assert.equal(isOverdue({ status: 'in-progress', dueOn: '2026-11-30' }, '2026-12-01'), true);
  assert.equal(isOverdue({ status: 'signed-off', dueOn: '2026-11-30' }, '2026-12-01'), false);
  assert.equal(isOverdue({ status: 'open', dueOn: '2026-12-01' }, '2026-12-01'), false, 'due today is not late');
});

test('a service is due twelve months after its last published assessment, or from its contract if never assessed', () => {
  assert.equal(nextDueOn({ lastPublishedOn: '2025-12-10', contractedFrom: '2019-04-01' }, 12), '2026-12-10');
  assert.equal(nextDueOn({ lastPublishedOn: null, contractedFrom: '2026-04-01' }, 12), '2026-04-01');
  assert.equal(nextDueOn({ lastPublishedOn: '2024-02-29', contractedFrom: '2019-04-01' }, 12), '2025-02-28');
  assert.equal(scheduleStatus('2026-11-30', '2026-12-01'), 'overdue');
  assert.equal(scheduleStatus('2026-12-01', '2026-12-01'), 'due');
  assert.equal(scheduleStatus('2027-01-30', '2026-12-01'), 'due', 'within 60 days');
  assert.equal(scheduleStatus('2027-02-15', '2026-12-01'), 'done');
});
