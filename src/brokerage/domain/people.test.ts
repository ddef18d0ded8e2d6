import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateOfBirthProblem,
  ageOn,
  fundingDescription,
  fundingProblems,
  incompatibility,
  nhsNumberProblem,
  normaliseNhsNumber,
  readinessProblems,
  type CompatibilityProfile,
} from './people.ts';

test('NHS numbers: 10 digits with a modulus 11 check digit', () => {
  assert.equal(nhsNumberProblem('943 476 5919'), undefined);
  assert.equal(nhsNumberProblem('943-476-5919'), undefined);
  assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
  assert.equal(nhsNumberProblem('401 023 2137'), undefined);
  assert.equal(nhsNumberProblem('943 476 5918'), 'This is not a valid NHS number: check the digits');
  // 11 − 0 is written as check digit 0; a check of 10 means no valid number has these 9 digits.
  assert.equal(nhsNumberProblem('100 000 0060'), undefined);
  assert.equal(nhsNumberProblem('000 000 0060'), 'This is not a valid NHS number: check the digits');
  assert.equal(nhsNumberProblem('123 456 7890'), 'This is not a valid NHS number: check the digits');
  assert.match(nhsNumberProblem('94347659')!, /10 digits/);
  assert.match(nhsNumberProblem('ABC4765919')!, /10 digits/);
});

test('funding: one stream, or joint shares that add up to 100%', () => {
  assert.deepEqual(fundingProblems([{ stream: 'care-act', percent: 100 }]), []);
  assert.deepEqual(
    fundingProblems([
      { stream: 'care-act', percent: 50 },
      { stream: 'nhs-chc', percent: 50 },
    ]),
    [],
  );
  assert.deepEqual(
    fundingProblems([
      { stream: 'care-act', percent: 60 },
      { stream: 'nhs-chc', percent: 30 },
    ]),
    [{ field: 'funding', message: 'Funding shares must add up to 100%, not 90%' }],
  );
  assert.deepEqual(
    fundingProblems([
      { stream: 'care-act', percent: 50 },
      { stream: 'care-act', percent: 50 },
    ]),
    [{ field: 'funding.1.stream', message: 'Council (Care Act) is listed twice' }],
  );
  assert.deepEqual(
    fundingProblems([
      { stream: 'section-117', percent: 0 },
      { stream: 'care-act', percent: 100 },
    ]),
    [{ field: 'funding.0.percent', message: 'Each share is a whole percentage from 1 to 100' }],
  );
  assert.deepEqual(fundingProblems([]), [{ field: 'funding', message: 'Say who funds the care' }]);
  assert.equal(fundingDescription([{ stream: 'section-117', percent: 100 }]), 'Section 117 aftercare');
  assert.equal(
    fundingDescription([
      { stream: 'care-act', percent: 60 },
      { stream: 'nhs-chc', percent: 40 },
    ]),
    'Joint: Council (Care Act) 60%, NHS Continuing Healthcare 40%',
  );
});

test('compatibility: named people, and traits either side avoids', () => {
  const profile = (personId: string, extra: Partial<CompatibilityProfile> = {}): CompatibilityProfile => ({
    personId,
    name: personId,
    traits: [],
    avoids: [],
    mustNotLiveWith: [],
    ...extra,
  });
  assert.equal(incompatibility(profile('Ann'), profile('Ben')), undefined);
  assert.equal(incompatibility(profile('Ann', { mustNotLiveWith: ['Ben'] }), profile('Ben')), 'must not live with Ben');
  assert.equal(
    incompatibility(profile('Ann'), profile('Ben', { mustNotLiveWith: ['Ann'] })),
    'Ben must not live with them',
  );
  assert.equal(
    incompatibility(profile('Ann', { avoids: ['smokes'] }), profile('Ben', { traits: ['smokes'] })),
    'cannot share with someone who is "smokes" (Ben)',
  );
  assert.equal(
    incompatibility(profile('Ann', { traits: ['loud-at-night'] }), profile('Ben', { avoids: ['loud-at-night'] })),
    'Ben cannot share with someone who is "loud at night"',
  );
});

test('age on a date, for the 18-25 pathway', () => {
  assert.equal(ageOn('2001-11-24', '2026-11-23'), 24);
  assert.equal(ageOn('2001-11-23', '2026-11-23'), 25);
  assert.equal(ageOn('2004-02-29', '2026-02-28'), 21);
});

test('a date of birth gives an age from 16 to 120; 16 and 17 only on a transition pathway', () => {
  const today = '2026-12-01';
  assert.equal(dateOfBirthProblem('1990-05-17', today, false), null);
  assert.equal(dateOfBirthProblem('2008-12-01', today, false), null, '18 today');
  assert.equal(
    dateOfBirthProblem('2008-12-02', today, false),
    "The date of birth makes them 17: under 18, say they are on a transition pathway from children's services",
  );
  assert.equal(dateOfBirthProblem('2009-06-30', today, true), null, '17, moving from children’s services');
  assert.equal(
    dateOfBirthProblem('2010-12-02', today, true),
    'The date of birth makes them 15: supported living is for people aged 16 or over',
  );
  assert.equal(dateOfBirthProblem('1906-11-30', today, false), null, '120');
  assert.equal(dateOfBirthProblem('1905-11-30', today, false), 'The date of birth makes them 121: check the year');
  assert.equal(dateOfBirthProblem('2026-12-02', today, false), 'The date of birth must be in the past');
});

test('only an assessed person with an active record is referred or placed', () => {
  assert.deepEqual(readinessProblems({ name: 'Sam Taylor', status: 'active' }, true, 'referring'), []);
  assert.deepEqual(readinessProblems({ name: 'Sam Taylor', status: 'active' }, false, 'referring'), [
    { field: 'personId', message: "Record Sam Taylor's assessed needs before referring them" },
  ]);
  assert.deepEqual(readinessProblems({ name: 'Sam Taylor', status: 'moved-away' }, false, 'placing'), [
    { field: 'personId', message: "Record Sam Taylor's assessed needs before placing them" },
    { field: 'personId', message: "Sam Taylor's record is not active" },
  ]);
  assert.deepEqual(readinessProblems({ name: 'Sam Taylor', status: 'died' }, true, 'placing'), [
    { field: 'personId', message: "Sam Taylor's record is not active" },
  ]);
});
