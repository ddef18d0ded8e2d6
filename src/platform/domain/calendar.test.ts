import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addYears, isIsoDate, isoDateInLondon, startOfLondonDay, WorkingDays } from './calendar.ts';
import { bankHolidays, parseBankHolidays } from '../reference/reference-data.ts';

test('dates are real days written YYYY-MM-DD', () => {
  assert.ok(isIsoDate('2024-02-29'));
  for (const bad of ['2023-02-29', '2026-13-01', '26-01-01', '2026-1-1', '1/2/2025'])
    assert.equal(isIsoDate(bad), false, bad);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addYears('2026-12-01', -1), '2025-12-01');
  assert.equal(addYears('2028-02-29', 1), '2029-02-28');
  assert.equal(addYears('2028-02-29', 4), '2032-02-29');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(isoDateInLondon(new Date('2026-06-30T23:30:00Z')), '2026-07-01', 'British Summer Time');
  assert.equal(isoDateInLondon(new Date('2026-12-31T23:30:00Z')), '2026-12-31', 'Greenwich Mean Time');
});

test('working days skip weekends and the holidays given, and say why', () => {
  const days = WorkingDays.forNations(bankHolidays(), ['england-and-wales']);
  assert.equal(days.whyNotWorking('2026-12-25'), 'Christmas Day');
  assert.equal(days.whyNotWorking('2026-12-26'), 'Saturday');
  assert.equal(days.whyNotWorking('2026-11-30'), null, "St Andrew's Day is not a holiday in England");
  assert.equal(days.onOrAfter('2026-12-25'), '2026-12-29');
  assert.equal(days.nthWorkingDayFrom('2026-12-24', 2), '2026-12-29');
});

test("the shipped calendar has each nation's own days, and a bad extra file is refused line by line", () => {
  const on = (date: string) =>
    bankHolidays()
      .filter((holiday) => holiday.date === date)
      .map((holiday) => holiday.nation)
      .sort();
  assert.deepEqual(on('2026-03-17'), ['northern-ireland']);
  assert.deepEqual(on('2026-08-03'), ['scotland']);
  assert.deepEqual(on('2026-04-06'), ['england-and-wales', 'northern-ireland']);
  assert.deepEqual(on('2022-09-19'), ['england-and-wales', 'northern-ireland', 'scotland']);
  assert.throws(
    () => parseBankHolidays('date,nation,name\n2031-02-30,england-and-wales,x\n2031-01-01,wales,y\n', 'extra.csv'),
    /extra\.csv line 2: "2031-02-30" is not a date written YYYY-MM-DD\nextra\.csv line 3: nation must be one of/,
  );
});

test('a day starts at midnight in London: 00:00 UTC in winter, 23:00 UTC the evening before in summer', () => {
  assert.equal(startOfLondonDay('2026-12-01').toISOString(), '2026-12-01T00:00:00.000Z');
  assert.equal(startOfLondonDay('2026-07-14').toISOString(), '2026-07-13T23:00:00.000Z');
  // The clocks change at 1am: the Sundays themselves start on the old offset.
  assert.equal(startOfLondonDay('2026-03-29').toISOString(), '2026-03-29T00:00:00.000Z');
  assert.equal(startOfLondonDay('2026-10-25').toISOString(), '2026-10-24T23:00:00.000Z');
});
