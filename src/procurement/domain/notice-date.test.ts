import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noticeDateProblems } from './notice-date.ts';

const facts: { today: string; advertOn: string | null; setUpOn: string } = {
  today: '2026-12-01',
  advertOn: '2026-10-15',
  setUpOn: '2026-09-01',
};
const messages = (date: string, given = facts) => noticeDateProblems(date, given).map((problem) => problem.message);

test('a notice date from the last 30 days to a year ahead, after the advert, is taken', () => {
  for (const date of ['2026-11-01', '2026-12-01', '2026-12-21', '2027-12-01'])
    assert.deepEqual(messages(date), [], date);
});

test('a notice date before the advert, over 30 days ago or over a year ahead is refused, naming the field', () => {
  assert.deepEqual(noticeDateProblems('2026-10-31', facts), [
    {
      field: 'noticeDate',
      message: 'The date the notice is sent or published must be in the last 30 days: 1 November 2026 or later',
    },
  ]);
  assert.deepEqual(messages('2026-10-14'), [
    'The date the notice is sent or published must be on or after the advert, 15 October 2026',
    'The date the notice is sent or published must be in the last 30 days: 1 November 2026 or later',
  ]);
  assert.deepEqual(messages('2027-12-02'), [
    'The date the notice is sent or published must be within a year from today: 1 December 2027 or earlier',
  ]);
  assert.deepEqual(messages('2026-11-20', { ...facts, advertOn: '2026-11-25' }), [
    'The date the notice is sent or published must be on or after the advert, 25 November 2026',
  ]);
});

test('without an advert date, the notice cannot be before the vehicle was set up', () => {
  assert.deepEqual(messages('2026-11-20', { today: '2026-12-01', advertOn: null, setUpOn: '2026-11-25' }), [
    'The date the notice is sent or published must be on or after the day the vehicle was set up, 25 November 2026',
  ]);
});

test('a year ahead from 29 February is 28 February', () => {
  assert.deepEqual(messages('2029-02-28', { today: '2028-02-29', advertOn: null, setUpOn: '2028-01-01' }), []);
  assert.equal(messages('2029-03-01', { today: '2028-02-29', advertOn: null, setUpOn: '2028-01-01' }).length, 1);
});
