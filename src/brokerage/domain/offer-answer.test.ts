import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptanceProblems, declineProblems, type AcceptanceContext } from './offer-answer.ts';

// Kent's central purchasing team (001 §4.15-4.18) offers a package; a provider answers with one of its schemes.
const context: AcceptanceContext = {
  providerId: 'heron',
  today: '2026-12-01',
  pricesFixed: true,
  personName: 'Sam Taylor',
  suitable: [
    { unitId: 'maple-flat-2', careProviderId: 'heron' },
    { unitId: 'oak-flat-1', careProviderId: 'kestrel' },
  ],
  excluded: [
    {
      unitId: 'maple-flat-3',
      careProviderId: 'heron',
      reasons: ['Access: no step-free access', 'Incompatible tenant: avoids loud environments'],
    },
  ],
};
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

test('one of its own suitable vacancies, from today, at the rate card price, can be acted on', () => {
  assert.deepEqual(
    acceptanceProblems({ unitId: 'maple-flat-2', startsOn: '2026-12-01', weeklyPricePence: null }, context),
    [],
  );
  assert.deepEqual(
    acceptanceProblems({ unitId: null, startsOn: '2027-01-04', weeklyPricePence: null }, context),
    [],
    'support at home',
  );
});

test("another provider's vacancy, or its own that does not suit, is refused with the reasons", () => {
  assert.deepEqual(
    acceptanceProblems({ unitId: 'oak-flat-1', startsOn: '2026-12-01', weeklyPricePence: null }, context),
    [{ field: 'unitId', message: 'Choose one of your own vacancies, or support in their own home' }],
  );
  assert.deepEqual(
    acceptanceProblems({ unitId: 'maple-flat-3', startsOn: '2026-12-01', weeklyPricePence: null }, context),
    [
      {
        field: 'unitId',
        message:
          'That vacancy does not suit Sam Taylor: Access: no step-free access; Incompatible tenant: avoids loud environments',
      },
    ],
  );
});

test('a start in the past, or a price where the rate card fixes it, is refused on its field', () => {
  assert.deepEqual(
    fields(acceptanceProblems({ unitId: null, startsOn: '2026-11-30', weeklyPricePence: 145_000 }, context)),
    ['startsOn', 'weeklyPricePence'],
  );
});

test('where tenderers price, the price is needed', () => {
  assert.deepEqual(
    acceptanceProblems(
      { unitId: null, startsOn: '2026-12-01', weeklyPricePence: null },
      { ...context, pricesFixed: false },
    ),
    [{ field: 'weeklyPricePence', message: 'Enter your weekly price for this package' }],
  );
});

test('a decline for a listed reason needs no note; "other" needs the provider\'s own words', () => {
  assert.deepEqual(declineProblems({ declineReason: 'capacity' }), []);
  assert.deepEqual(declineProblems({ declineReason: 'other', declineNote: 'The service is closing in March' }), []);
  assert.deepEqual(declineProblems({ declineReason: 'other', declineNote: null }), [
    { field: 'declineNote', message: 'Say why you are declining' },
  ]);
  assert.deepEqual(fields(declineProblems({ declineReason: 'other', declineNote: '' })), ['declineNote']);
});
