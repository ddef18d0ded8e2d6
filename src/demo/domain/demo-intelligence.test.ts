import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addYears } from '../../platform/domain/calendar.ts';
import {
  CATEGORY_LABELS,
  entryProblems,
  findingProblems,
  SECTION_42_OUTCOMES,
} from '../../quality/domain/intelligence.ts';
import { demoIntelligence, subjectOf } from './demo-intelligence.ts';

const TODAY = '2026-12-01';
const entries = demoIntelligence(TODAY);
const of = (kind: string) => entries.filter((item) => item.entry.kind === kind);

test('about sixty entries over the past year, each one the log itself would take', () => {
  assert.ok(entries.length >= 55 && entries.length <= 65, `${entries.length} entries`);
  for (const { entry, finding } of entries) {
    assert.deepEqual(entryProblems(entry, TODAY), [], entry.summary);
    assert.ok(entry.occurredOn > addYears(TODAY, -1) && entry.occurredOn <= TODAY, entry.occurredOn);
    if (finding) assert.deepEqual(findingProblems(finding), [], entry.summary);
  }
  assert.deepEqual([...new Set(entries.map((item) => item.subject))].sort(), [
    'embargoed',
    'good',
    'poor',
    'requires-improvement',
  ]);
});

test('concerns of every category, some substantiated and some not, the latest still open', () => {
  const concerns = of('concern');
  assert.deepEqual(
    [...new Set(concerns.map((item) => item.entry.category))].sort(),
    Object.keys(CATEGORY_LABELS.concern).sort(),
  );
  const findings = concerns.map((item) => item.finding?.outcome ?? 'open');
  for (const outcome of ['substantiated', 'not-substantiated', 'open'])
    assert.ok(findings.filter((given) => given === outcome).length >= 5, outcome);
  const poor = concerns.filter((item) => item.subject === 'poor' && item.finding);
  assert.ok(poor.filter((item) => item.finding!.outcome === 'substantiated').length > poor.length / 2);
  const open = concerns.filter((item) => !item.finding).map((item) => item.entry.occurredOn);
  assert.ok(
    open.every((on) => on >= '2026-10-01'),
    'only recent concerns await their finding',
  );
});

test('section 42 enquiries with each outcome, one unexpected death, serious incidents, a vacancy and food hygiene ratings', () => {
  assert.deepEqual(
    [...new Set(of('safeguarding').map((item) => item.entry.outcome))].sort(),
    [...SECTION_42_OUTCOMES].sort(),
  );
  const notified = of('notification').map((item) => item.entry.category);
  assert.equal(notified.filter((category) => category === 'unexpected-death').length, 1);
  assert.ok(notified.filter((category) => category === 'serious-incident').length >= 2);
  assert.ok(of('manager-vacancy').length >= 1);
  assert.ok(of('food-hygiene').length >= 3);
});

test('a service’s assessment outcome says which entries it may be the subject of', () => {
  assert.equal(subjectOf('poor'), 'poor');
  assert.equal(subjectOf('excellent'), 'good');
  assert.equal(subjectOf('awaiting-reply'), null);
  assert.equal(subjectOf('never-assessed'), null);
});
