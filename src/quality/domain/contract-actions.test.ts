// The rules of contract actions and transition plans: what each kind needs, what is impossible,
// when one is in force, and the date a transition is due by.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contractActionProblems,
  fieldsOfKind,
  inForceOn,
  transitionTargetOn,
  type ContractActionDraft,
} from './contract-actions.ts';

const TODAY = '2026-12-01';
const draft = (more: Partial<ContractActionDraft>): ContractActionDraft => ({
  kind: 'improvement-plan',
  startsOn: TODAY,
  dueOn: null,
  serviceId: null,
  membershipId: null,
  placementId: null,
  default: null,
  remedy: null,
  toTier: null,
  ...more,
});
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

test('a default notice needs its default, remedy and cure date, each named', () => {
  const problems = contractActionProblems(draft({ kind: 'default-notice' }), { today: TODAY });
  assert.deepEqual(problems, [
    { field: 'default', message: 'Say what the default is' },
    { field: 'remedy', message: 'Say what the provider must do to put it right' },
    { field: 'dueOn', message: 'Give the cure date' },
  ]);
});

test('a cure date on or before the notice is impossible; a day after is fine', () => {
  const notice = draft({ kind: 'default-notice', default: 'Late', remedy: 'Staff it', startsOn: '2026-12-10' });
  assert.deepEqual(contractActionProblems({ ...notice, dueOn: '2026-12-09' }, { today: TODAY }), [
    { field: 'dueOn', message: 'The cure date must be after the start date' },
  ]);
  assert.deepEqual(fields(contractActionProblems({ ...notice, dueOn: '2026-12-10' }, { today: TODAY })), ['dueOn']);
  assert.deepEqual(contractActionProblems({ ...notice, dueOn: '2026-12-11' }, { today: TODAY }), []);
  assert.deepEqual(fields(contractActionProblems({ ...notice, dueOn: '2030-01-01' }, { today: TODAY })), ['dueOn']);
});

test('a suspension, tier change or contract termination needs its membership and takes effect at once', () => {
  assert.deepEqual(fields(contractActionProblems(draft({ kind: 'suspension' }), { today: TODAY })), ['membershipId']);
  assert.deepEqual(fields(contractActionProblems(draft({ kind: 'tier-change' }), { today: TODAY })), [
    'membershipId',
    'toTier',
  ]);
  assert.deepEqual(
    contractActionProblems(draft({ kind: 'suspension', membershipId: 'm', startsOn: '2026-12-02' }), { today: TODAY }),
    [{ field: 'startsOn', message: 'A suspension from a vehicle takes effect at once: it starts today or earlier' }],
  );
  assert.deepEqual(
    fields(contractActionProblems(draft({ kind: 'contract-termination', membershipId: 'm' }), { today: TODAY })),
    ['dueOn'],
  );
  assert.deepEqual(
    contractActionProblems(draft({ kind: 'embargo', startsOn: '2026-12-20' }), { today: TODAY }),
    [],
    'an embargo may start later: brokerage honours its date',
  );
});

test('a tier change to the tier the membership has is refused', () => {
  assert.deepEqual(
    contractActionProblems(draft({ kind: 'tier-change', membershipId: 'm', toTier: 'tier1' }), {
      today: TODAY,
      fromTier: 'tier1',
    }),
    [{ field: 'toTier', message: 'The membership is already Tier 1' }],
  );
  assert.deepEqual(
    contractActionProblems(draft({ kind: 'tier-change', membershipId: 'm', toTier: 'tier2' }), {
      today: TODAY,
      fromTier: 'tier1',
    }),
    [],
  );
});

test('a package termination needs the package and its last day; a start over a year away is refused', () => {
  assert.deepEqual(fields(contractActionProblems(draft({ kind: 'package-termination' }), { today: TODAY })), [
    'placementId',
    'dueOn',
  ]);
  assert.deepEqual(
    fields(contractActionProblems(draft({ kind: 'embargo', startsOn: '2025-11-30' }), { today: TODAY })),
    ['startsOn'],
  );
});

test('only the fields a kind has are kept', () => {
  const kept = fieldsOfKind(draft({ kind: 'embargo', dueOn: '2027-01-01', membershipId: 'm', serviceId: 's' }));
  assert.equal(kept.dueOn, null);
  assert.equal(kept.membershipId, null);
  assert.equal(kept.serviceId, null);
  assert.equal(fieldsOfKind(draft({ kind: 'default-notice', serviceId: 's' })).serviceId, 's');
});

test('an action is in force from its start until the day it ends', () => {
  assert.equal(inForceOn({ startsOn: '2026-12-01', endedOn: null }, '2026-11-30'), false);
  assert.equal(inForceOn({ startsOn: '2026-12-01', endedOn: null }, '2026-12-01'), true);
  assert.equal(inForceOn({ startsOn: '2026-12-01', endedOn: '2026-12-05' }, '2026-12-04'), true);
  assert.equal(inForceOn({ startsOn: '2026-12-01', endedOn: '2026-12-05' }, '2026-12-05'), false);
});

test('a transition is due 18 months from the framework start when left out, 24 for a Tier 2 review, or as the contract ends', () => {
  assert.equal(transitionTargetOn('left-framework', { frameworkStartOn: '2026-08-31' }), '2028-02-29');
  assert.equal(transitionTargetOn('tier2-review', { frameworkStartOn: '2026-08-31' }), '2028-08-31');
  assert.equal(transitionTargetOn('contract-termination', { contractEndsOn: '2027-06-30' }), '2027-06-30');
  assert.equal(transitionTargetOn('left-framework', {}), null);
});
