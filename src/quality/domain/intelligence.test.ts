import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATEGORY_LABELS,
  entryProblems,
  findingProblems,
  INTELLIGENCE_KINDS,
  isNewVacancy,
  managerVacancy,
  PROVIDER_WIDE_KINDS,
  personalDetailProblem,
  ratingLabel,
  ratingText,
  type EntryFacts,
} from './intelligence.ts';

const TODAY = '2026-12-01';
const concern: EntryFacts = {
  kind: 'concern',
  category: 'missed-visits',
  occurredOn: '2026-11-20',
  summary: 'Three evening calls missed in one week',
  outcome: null,
  outcomeReason: null,
  rating: null,
};
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

test('every kind has categories, each with a label', () => {
  for (const kind of INTELLIGENCE_KINDS) {
    const categories = Object.entries(CATEGORY_LABELS[kind]);
    assert.ok(categories.length > 0, kind);
    for (const [key, label] of categories) assert.ok(key && label, `${kind} ${key}`);
  }
});

test('a concern as first recorded, without its finding, is sound', () => {
  assert.deepEqual(entryProblems(concern, TODAY), []);
});

test('a category must be one of its kind’s, and the date not in the future', () => {
  const problems = entryProblems({ ...concern, category: 'unexpected-death', occurredOn: '2026-12-02' }, TODAY);
  assert.deepEqual(fields(problems), ['occurredOn', 'category']);
  assert.match(problems[1]!.message, /category of contract concern/);
});

test('a concern’s finding needs its reason; a reason needs a finding', () => {
  assert.deepEqual(fields(entryProblems({ ...concern, outcome: 'substantiated' }, TODAY)), ['outcomeReason']);
  assert.deepEqual(fields(entryProblems({ ...concern, outcomeReason: 'Rotas checked' }, TODAY)), ['outcome']);
  assert.deepEqual(fields(entryProblems({ ...concern, outcome: 'risk-removed', outcomeReason: 'x' }, TODAY)), [
    'outcome',
  ]);
  const found = { ...concern, outcome: 'not-substantiated', outcomeReason: 'Visit logs show every call made' };
  assert.deepEqual(entryProblems(found, TODAY), []);
});

test('a section 42 enquiry is recorded with its outcome; only concerns and enquiries have one', () => {
  const enquiry = { ...concern, kind: 'safeguarding', category: 'section-42' };
  assert.deepEqual(fields(entryProblems(enquiry, TODAY)), ['outcome']);
  assert.deepEqual(entryProblems({ ...enquiry, outcome: 'risk-reduced' }, TODAY), []);
  assert.deepEqual(fields(entryProblems({ ...enquiry, outcome: 'substantiated' }, TODAY)), ['outcome']);
  const death = { ...concern, kind: 'notification', category: 'unexpected-death', outcome: 'substantiated' };
  assert.match(entryProblems(death, TODAY)[0]!.message, /Only a concern’s finding or a section 42/);
});

test('a rating belongs to a food hygiene entry, as the FSA publishes it', () => {
  const food = { ...concern, kind: 'food-hygiene', category: 'rating' };
  assert.deepEqual(fields(entryProblems(food, TODAY)), ['rating']);
  assert.deepEqual(fields(entryProblems({ ...food, rating: '6' }, TODAY)), ['rating']);
  assert.deepEqual(entryProblems({ ...food, rating: '0' }, TODAY), []);
  assert.deepEqual(entryProblems({ ...food, rating: 'AwaitingInspection' }, TODAY), []);
  assert.deepEqual(fields(entryProblems({ ...concern, rating: '5' }, TODAY)), ['rating']);
});

test('a company’s status is the provider’s, not a service’s; an unknown kind is refused', () => {
  const status = { ...concern, kind: 'company-status', category: 'administration' };
  assert.match(entryProblems(status, TODAY)[0]!.message, /against its provider/);
  assert.deepEqual(entryProblems(status, TODAY, PROVIDER_WIDE_KINDS), []);
  assert.deepEqual(fields(entryProblems({ ...status, category: 'liquidation' }, TODAY, PROVIDER_WIDE_KINDS)), [
    'category',
  ]);
  assert.deepEqual(fields(entryProblems({ ...concern, kind: 'gossip' }, TODAY)), ['kind']);
});

test('a summary that looks like it holds an NHS number or a date of birth is refused', () => {
  for (const text of [
    'NHS no 943 476 5919 missed',
    'ref 9434765919',
    'id 943-476-5919',
    'DOB 3/4/1980',
    'born on 3 May',
  ])
    assert.ok(personalDetailProblem(text), text);
  for (const text of ['Call 01234 567890', '12 of 40 visits late', 'Rated 2023-05-17', 'Adobe software'])
    assert.equal(personalDetailProblem(text), null, text);
  assert.deepEqual(fields(entryProblems({ ...concern, summary: 'Her date of birth is on the MAR chart' }, TODAY)), [
    'summary',
  ]);
});

test('a finding is substantiated or not, with its reason', () => {
  assert.deepEqual(fields(findingProblems({ outcome: null, outcomeReason: null })), ['outcome']);
  assert.deepEqual(fields(findingProblems({ outcome: 'substantiated', outcomeReason: null })), ['outcomeReason']);
  assert.deepEqual(findingProblems({ outcome: 'substantiated', outcomeReason: 'Staff confirmed it' }), []);
});

test('ratings read as the FSA means them', () => {
  assert.equal(ratingText({ kind: 'score', value: 0 }), '0');
  assert.equal(ratingText({ kind: 'status', status: 'Exempt' }), 'Exempt');
  assert.equal(ratingLabel('5'), '5: very good');
  assert.equal(ratingLabel('0'), '0: urgent improvement necessary');
  assert.equal(ratingLabel('AwaitingInspection'), 'Awaiting inspection');
  assert.equal(ratingLabel(null), null);
});

test('a vacancy from CQC data: none registered, or absent since a date; news only when it differs', () => {
  assert.equal(
    managerVacancy({ registeredManager: 'Ms Ada Lovelace', registeredManagerAbsentSince: null }, TODAY),
    null,
  );
  const none = managerVacancy({ registeredManager: '  ', registeredManagerAbsentSince: null }, TODAY)!;
  assert.deepEqual([none.category, none.occurredOn], ['no-registered-manager', TODAY]);
  assert.doesNotMatch(none.summary, /Lovelace/);
  const absent = managerVacancy(
    { registeredManager: 'Ms Ada Lovelace', registeredManagerAbsentSince: '2026-09-01' },
    TODAY,
  )!;
  assert.deepEqual([absent.category, absent.occurredOn], ['manager-absent', '2026-09-01']);
  assert.doesNotMatch(absent.summary, /Lovelace/, 'the manager is never named');
  assert.equal(isNewVacancy(none, null), true);
  assert.equal(isNewVacancy(none, { category: 'no-registered-manager', occurredOn: '2026-01-01' }), false);
  assert.equal(isNewVacancy(absent, { category: 'manager-absent', occurredOn: '2026-09-01' }), false);
  assert.equal(isNewVacancy(absent, { category: 'manager-absent', occurredOn: '2025-02-01' }), true);
  assert.equal(isNewVacancy(absent, { category: 'no-registered-manager', occurredOn: '2026-09-01' }), true);
});
