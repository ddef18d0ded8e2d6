// Standstill dates over the real bank-holiday calendar shipped with Hearth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bankHolidays } from '../../platform/reference/reference-data.ts';
import { standstill } from './standstill.ts';

const holidays = bankHolidays();
const ends = (regime: 'pcr2015' | 'pa2023', date: string, nation?: 'scotland') => {
  const result = standstill(regime, date, holidays, { nation });
  return [result.ends, result.earliestContractDate];
};

test('PCR 2015: the 10th calendar day after the notice, when it is a working day', () => {
  assert.deepEqual(ends('pcr2015', '2026-11-02'), ['2026-11-12', '2026-11-13']);
});

test('PCR 2015: a 10th day at a weekend moves to the next working day', () => {
  assert.deepEqual(ends('pcr2015', '2026-11-04'), ['2026-11-16', '2026-11-17']);
});

test('PCR 2015 across Christmas: the 10th day is the Boxing Day substitute, so the Tuesday', () => {
  const result = standstill('pcr2015', '2026-12-18', holidays);
  assert.deepEqual([result.ends, result.earliestContractDate], ['2026-12-29', '2026-12-30']);
  assert.match(
    result.explanation,
    /Monday 28 December 2026, which is not a working day \(Boxing Day \(substitute day\)\)/,
  );
});

test('PCR 2015 across Easter: Good Friday, the weekend and Easter Monday all pass', () => {
  assert.deepEqual(ends('pcr2015', '2026-03-24'), ['2026-04-07', '2026-04-08']);
});

test('PCR 2015 over one-off bank holidays: the State Funeral and the Coronation', () => {
  assert.deepEqual(ends('pcr2015', '2022-09-09'), ['2022-09-20', '2022-09-21']);
  assert.deepEqual(ends('pcr2015', '2023-04-28'), ['2023-05-09', '2023-05-10']);
});

test("PCR 2015 in Scotland when the vehicle says so: St Andrew's Day is not a working day there", () => {
  assert.deepEqual(ends('pcr2015', '2026-11-20'), ['2026-11-30', '2026-12-01']);
  assert.deepEqual(ends('pcr2015', '2026-11-20', 'scotland'), ['2026-12-01', '2026-12-02']);
});

test('Procurement Act 2023: 8 working days beginning with the day of publication', () => {
  assert.deepEqual(ends('pa2023', '2026-11-09'), ['2026-11-18', '2026-11-19']);
});

test('Procurement Act 2023: published at a weekend, the count begins on the Monday', () => {
  const result = standstill('pa2023', '2026-11-07', holidays);
  assert.equal(result.ends, '2026-11-18');
  assert.match(
    result.explanation,
    /not a working day \(Saturday\), so the 8 working days begin on Monday 9 November 2026/,
  );
});

test("Procurement Act 2023 across Christmas and New Year: Scotland's 2 January substitute counts too", () => {
  assert.deepEqual(ends('pa2023', '2026-12-21'), ['2027-01-05', '2027-01-06']);
});

test('Procurement Act 2023 across Easter, and over a bank holiday in Northern Ireland only', () => {
  assert.deepEqual(ends('pa2023', '2026-03-30'), ['2026-04-10', '2026-04-11']);
  assert.deepEqual(ends('pa2023', '2026-07-06'), ['2026-07-16', '2026-07-17']);
});

test('Procurement Act 2023 over the Coronation bank holiday', () => {
  assert.deepEqual(ends('pa2023', '2023-05-02'), ['2023-05-12', '2023-05-13']);
});

test('a date outside the calendar is refused, not guessed', () => {
  assert.throws(
    () => standstill('pa2023', '2031-03-02', holidays),
    /covers 2015 to 2030; add the years you need with HEARTH_BANK_HOLIDAYS_FILE/,
  );
  assert.throws(() => standstill('pcr2015', '2030-12-20', holidays), /covers 2015 to 2030/);
});
