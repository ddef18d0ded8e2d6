import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redAmong, redGoAheadProblem, redGoAheadRecord, type RedRating } from './red-rated.ts';

const kestrel: RedRating = {
  providerName: 'Kestrel Care Ltd',
  headline: 'Red: Company in administration since 28 November 2026 (red flag)',
};
const red = new Map([['kestrel', kestrel]]);

test('only the Red-rated among those offered or chosen are flagged, each once', () => {
  assert.deepEqual(redAmong(['heron', 'kestrel', 'kestrel'], red), [kestrel]);
  assert.deepEqual(redAmong(['heron'], red), []);
  assert.deepEqual(redAmong([], red), []);
});

test('going ahead with a Red-rated provider needs a reason; without one nothing is asked', () => {
  assert.equal(
    redGoAheadProblem([kestrel], '  '),
    'Enter why you go ahead with a Red-rated provider (Kestrel Care Ltd)',
  );
  assert.equal(redGoAheadProblem([kestrel], null), redGoAheadProblem([kestrel], ''));
  assert.equal(redGoAheadProblem([kestrel], 'The only provider with a flat near her family'), undefined);
  assert.equal(redGoAheadProblem([], ''), undefined);
});

test('the audit keeps each Red provider with its reasons and why brokerage went ahead', () => {
  assert.deepEqual(redGoAheadRecord([kestrel], 'Administrators keep services running'), {
    redRated: ['Kestrel Care Ltd: Red: Company in administration since 28 November 2026 (red flag)'],
    redGoAheadReason: 'Administrators keep services running',
  });
  assert.deepEqual(redGoAheadRecord([], 'anything'), {});
});
