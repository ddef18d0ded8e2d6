import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeRule, rollUp, ruleProblems, type QuestionRating, type RollUpRule } from './ratings.ts';
import { frameworkProblems, questionsOf, rateAssessment } from './framework.ts';
import { DEMO_FRAMEWORK } from './demo-framework.ts';

const RULE: RollUpRule = DEMO_FRAMEWORK.domainRule;

test('a domain is its questions’ average, banded at 3.5, 2.5 and 1.5', () => {
  assert.equal(rollUp(RULE, ['excellent', 'excellent', 'good', 'excellent'], 'questions').rating, 'excellent');
  const good = rollUp(RULE, ['excellent', 'good', 'requires-improvement'], 'questions');
  assert.equal(good.rating, 'good');
  assert.equal(good.averageHundredths, 300);
  // 2.5 exactly is Good: the band is "2.50 or more", compared without rounding.
  assert.equal(rollUp(RULE, ['good', 'requires-improvement'], 'questions').rating, 'good');
  // 10/3 = 3.33 is below 3.5, however it is rounded.
  assert.equal(rollUp(RULE, ['excellent', 'good', 'good'], 'questions').rating, 'good');
  assert.equal(
    rollUp(RULE, ['requires-improvement', 'requires-improvement', 'good'], 'questions').rating,
    'requires-improvement',
  );
});

test('any Poor question caps the domain at Requires Improvement, and the working says so', () => {
  const capped = rollUp(RULE, ['excellent', 'excellent', 'excellent', 'poor'], 'questions');
  assert.equal(capped.averageHundredths, 325);
  assert.equal(capped.rating, 'requires-improvement');
  assert.deepEqual(capped.cappedBy, { when: 'poor', from: 'good' });
  assert.equal(
    capped.working,
    '4 questions assessed, average 3.25: Good (an average of 2.50 or more). A Poor rating caps it at Requires Improvement.',
  );
  // A cap never raises a rating: mostly Poor stays Poor.
  assert.equal(rollUp(RULE, ['poor', 'poor', 'requires-improvement'], 'questions').rating, 'poor');
});

test('a question not assessed is left out of the average; with none assessed there is no rating', () => {
  const some = rollUp(RULE, ['excellent', 'not-assessed', 'excellent', 'good'], 'questions');
  assert.equal(some.rating, 'excellent');
  assert.equal(some.assessed, 3);
  assert.equal(some.notAssessed, 1);
  assert.match(some.working, /^3 questions assessed \(1 not assessed, left out\), average 3\.67: Excellent/);
  const none = rollUp(RULE, ['not-assessed', 'not-assessed'], 'questions');
  assert.equal(none.rating, 'not-assessed');
  assert.equal(none.averageHundredths, null);
  assert.equal(none.working, 'No questions assessed (2 not assessed, left out), so not rated.');
});

test('the overall rating rolls domain ratings up the same way, leaving out a domain not assessed', () => {
  const ratings: Record<string, QuestionRating> = {};
  for (const question of questionsOf(DEMO_FRAMEWORK)) ratings[question.key] = 'good';
  // Safeguarding has one Poor question: that domain is capped, and with it the overall rating.
  ratings.S3 = 'poor';
  ratings.M1 = 'excellent';
  for (const key of ['W1', 'W2', 'W3', 'W4']) ratings[key] = 'not-assessed';
  const rated = rateAssessment(DEMO_FRAMEWORK, ratings);
  assert.deepEqual(
    rated.domains.map((domain) => [domain.key, domain.result.rating]),
    [
      ['I', 'good'],
      ['P', 'good'],
      ['S', 'requires-improvement'],
      ['W', 'not-assessed'],
      ['M', 'good'],
    ],
  );
  assert.equal(rated.overall.rating, 'good', 'average 2.75 over four domains; no domain is Poor');
  assert.equal(
    rated.overall.working,
    '4 domains assessed (1 not assessed, left out), average 2.75: Good (an average of 2.50 or more).',
  );
});

test('a question with no rating yet counts as not assessed', () => {
  const rated = rateAssessment(DEMO_FRAMEWORK, { I1: 'poor' });
  assert.equal(rated.domains[0]!.result.rating, 'poor');
  assert.equal(rated.domains[1]!.result.rating, 'not-assessed');
  assert.equal(rated.overall.rating, 'poor');
});

test('the framework page states each rule in words', () => {
  assert.deepEqual(describeRule(RULE), [
    'Excellent: an average of 3.50 or more',
    'Good: an average of 2.50 or more',
    'Requires Improvement: an average of 1.50 or more',
    'Poor: an average below 1.50',
    'Any Poor rating makes it Requires Improvement at best',
  ]);
});

test('the demo framework is five domains of about twenty questions, and sound', () => {
  assert.equal(DEMO_FRAMEWORK.domains.length, 5);
  assert.equal(questionsOf(DEMO_FRAMEWORK).length, 20);
  assert.deepEqual(frameworkProblems(DEMO_FRAMEWORK), []);
});

test('an unusable framework or rule is refused with every problem named', () => {
  assert.deepEqual(
    ruleProblems({ bands: { excellent: 250, good: 250, 'requires-improvement': 90 }, caps: [] }, 'Rule'),
    [
      'Rule: the Requires Improvement band must be an average from 1.00 to 4.00',
      'Rule: the bands must fall from Excellent to Good to Requires Improvement',
    ],
  );
  assert.deepEqual(ruleProblems({ ...RULE, caps: [{ when: 'good', atMost: 'poor' }] }, 'Rule'), [
    'Rule: a Good rating cannot cap the result at the lower Poor',
  ]);
  const broken = {
    ...DEMO_FRAMEWORK,
    domains: [
      { key: 'A', title: 'First', questions: [{ key: 'A1', text: 'Q', standard: 'S', evidence: '' }] },
      { key: 'A', title: '', questions: [] },
      { key: 'B', title: 'Third', questions: [{ key: 'A1', text: '', standard: '', evidence: '' }] },
    ],
  };
  assert.deepEqual(frameworkProblems(broken), [
    'Domain "A" uses a key already used',
    'Domain "A" needs a title',
    'Domain "A" needs at least one question',
    'Question "A1" uses a key already used',
    'Question "A1" needs its text and the standard expected',
  ]);
});
