import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_STATUSES,
  offFrameworkDecisionProblems,
  lateStartWarning,
  referralProblems,
  referralState,
  startByProblem,
  type ReferralCheck,
} from './referrals.ts';

test('every status has its label, and placed and withdrawn referrals are not open', () => {
  assert.deepEqual(REFERRAL_STATUSES, [
    'new',
    'offering',
    'needs-off-framework',
    'off-framework-requested',
    'off-framework-approved',
    'placed',
    'withdrawn',
  ]);
  assert.deepEqual(
    REFERRAL_STATUSES.filter((status) => !OPEN_REFERRAL_STATUSES.includes(status)),
    ['placed', 'withdrawn'],
  );
});

test('what brokerage can do next follows the status, and while offering, the current step', () => {
  assert.equal(referralState('new', undefined), 'send-offers');
  assert.equal(referralState('offering', 'awaiting-answers'), 'awaiting-answers');
  assert.equal(referralState('offering', 'choose'), 'choose');
  // Moving on is the cascade's own work: brokerage waits for the next step's answers.
  assert.equal(referralState('offering', 'move-on'), 'awaiting-answers');
  assert.equal(referralState('needs-off-framework', 'move-on'), 'request-off-framework');
  assert.equal(referralState('off-framework-requested', undefined), 'awaiting-approval');
  assert.equal(referralState('off-framework-approved', undefined), 'place-off-framework');
  assert.equal(referralState('placed', 'choose'), 'closed');
  assert.equal(referralState('withdrawn', 'awaiting-answers'), 'closed');
});

// Kent's central purchasing team (001 §4.15) receives a referral for the North and South zones.
const check: ReferralCheck = {
  zoneIds: ['north', 'south'],
  knownZoneIds: new Set(['north', 'south', 'east']),
  vehicleHasProviders: true,
};

test('a referral under a vehicle with providers, to known zones, can be made', () => {
  assert.deepEqual(referralProblems(check), []);
});

test("a vehicle with nobody on it or another organisation's zone is refused", () => {
  assert.deepEqual(referralProblems({ ...check, vehicleHasProviders: false, zoneIds: ['north', 'west'] }), [
    { field: 'vehicleId', message: 'Choose a framework or DPS of your organisation with providers on it' },
    { field: 'zoneIds', message: 'Choose zones of your organisation' },
  ]);
});

test('care is asked for from today to two years ahead', () => {
  const today = '2026-12-01';
  assert.equal(startByProblem('2026-12-01', today), null, 'starting today');
  assert.equal(startByProblem('2028-12-01', today), null);
  assert.equal(startByProblem('2026-11-30', today), 'The start-by date cannot be in the past');
  assert.equal(startByProblem('2028-12-02', today), 'The start-by date must be within 2 years, by 1 December 2028');
});

test('a start more than two weeks after the start-by date is flagged', () => {
  assert.equal(lateStartWarning('2027-01-15', '2027-01-01'), null, 'two weeks on');
  assert.equal(lateStartWarning('2026-12-20', '2027-01-01'), null, 'early');
  assert.equal(lateStartWarning('2027-01-16', '2027-01-01'), 'Starts 15 days after the start-by date, 1 January 2027');
});

test('a commissioner approves an off-framework purchase as it stands, but refuses it only with a reason', () => {
  assert.deepEqual(offFrameworkDecisionProblems({ approve: true }), []);
  assert.deepEqual(offFrameworkDecisionProblems({ approve: false, note: 'A Tier 2 provider has capacity now' }), []);
  assert.deepEqual(offFrameworkDecisionProblems({ approve: false, note: null }), [
    { field: 'note', message: 'Say why the purchase is refused' },
  ]);
});
