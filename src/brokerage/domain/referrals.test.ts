import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_STATUSES,
  offFrameworkDecisionProblems,
  referralProblems,
  referralState,
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
  startBy: '2026-12-14',
  knownZoneIds: new Set(['north', 'south', 'east']),
  today: '2026-12-01',
  vehicleHasProviders: true,
};

test('a referral under a vehicle with providers, to known zones, from today or later, can be made', () => {
  assert.deepEqual(referralProblems(check), []);
  assert.deepEqual(referralProblems({ ...check, startBy: '2026-12-01' }), [], 'starting today');
});

test("a vehicle with nobody on it, another organisation's zone or a start-by date gone by is refused", () => {
  assert.deepEqual(
    referralProblems({ ...check, vehicleHasProviders: false, zoneIds: ['north', 'west'], startBy: '2026-11-30' }),
    [
      { field: 'vehicleId', message: 'Choose a framework or DPS of your organisation with providers on it' },
      { field: 'zoneIds', message: 'Choose zones of your organisation' },
      { field: 'startBy', message: 'The start-by date cannot be in the past' },
    ],
  );
});

test('a commissioner approves an off-framework purchase as it stands, but refuses it only with a reason', () => {
  assert.deepEqual(offFrameworkDecisionProblems({ approve: true }), []);
  assert.deepEqual(offFrameworkDecisionProblems({ approve: false, note: 'A Tier 2 provider has capacity now' }), []);
  assert.deepEqual(offFrameworkDecisionProblems({ approve: false, note: null }), [
    { field: 'note', message: 'Say why the purchase is refused' },
  ]);
});
