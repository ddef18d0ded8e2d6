import { test } from 'node:test';
import assert from 'node:assert/strict';
import { managerName, normalisePostcode, parseCqcDate, parseYesNo } from './cqc-values.ts';
import { parseRating, SERVICE_TYPES, SPECIALISMS, splitCqcList, toCodes } from './cqc-vocabulary.ts';

test("dates in all three of CQC's shapes become ISO dates", () => {
  assert.equal(parseCqcDate('2025-01-02'), '2025-01-02');
  assert.equal(parseCqcDate('1/2/2025 12:00:00 AM'), '2025-01-02');
  assert.equal(parseCqcDate('12/20/2010 12:00:00 AM'), '2010-12-20');
  assert.equal(parseCqcDate('2025-05-02T13:52:23Z'), '2025-05-02');
  assert.equal(parseCqcDate('  '), null);
  assert.throws(() => parseCqcDate('2/30/2025 12:00:00 AM'), /not a real date/);
  assert.throws(() => parseCqcDate('yesterday'), /not a date/);
});

test('ratings in any spelling, and the ways of saying there is none', () => {
  assert.equal(parseRating('Requires improvement'), 'requires_improvement');
  assert.equal(parseRating('Requires Improvement'), 'requires_improvement');
  assert.equal(parseRating(' Good '), 'good');
  assert.equal(parseRating('Inspected but not rated'), 'inspected_not_rated');
  assert.equal(parseRating('No published rating'), null);
  assert.equal(parseRating(''), null);
  assert.equal(parseRating('Excellent'), undefined);
});

test('service types and specialisms from the exports and the API agree', () => {
  assert.deepEqual(toCodes(SERVICE_TYPES, splitCqcList('Domiciliary care service, Supported living service')), [
    'homecare',
    'supported_living',
  ]);
  assert.deepEqual(toCodes(SERVICE_TYPES, splitCqcList('Homecare agencies,Supported living')), [
    'homecare',
    'supported_living',
  ]);
  assert.deepEqual(toCodes(SERVICE_TYPES, splitCqcList('Doctors/GPs,Doctors/GPs')), ['Doctors/GPs']);
  assert.deepEqual(
    toCodes(SPECIALISMS, ['Learning Disabilities or autistic spectrum disorder', 'Sensory impairments']),
    ['autism', 'learning_disabilities', 'sensory_impairment'],
  );
});

test('a label with a comma of its own is not split', () => {
  assert.deepEqual(splitCqcList('Personal care,Treatment of disease, disorder or injury,Surgical procedures'), [
    'Personal care',
    'Surgical procedures',
    'Treatment of disease, disorder or injury',
  ]);
});

test('names, flags and postcodes', () => {
  assert.equal(managerName('Mubayi, Shingirai Oneness, Mr'), 'Mr Shingirai Oneness Mubayi');
  assert.equal(managerName(''), null);
  assert.equal(parseYesNo('Y'), true);
  assert.equal(parseYesNo('N'), false);
  assert.throws(() => parseYesNo('maybe'));
  assert.equal(normalisePostcode(' gl2 0xe'), 'GL2 0XE');
  assert.equal(normalisePostcode('ST163QA'), 'ST16 3QA');
});
