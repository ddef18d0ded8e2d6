// Which notices each event requires: PCR 2015 against the Procurement Act 2023, light-touch or
// not, a dynamic market against a framework.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dpsTransition,
  hasStandstill,
  largePaymentQuarters,
  quarterOf,
  regimeRules,
  requiredNotices,
  type VehicleEvents,
} from './notice-rules.ts';

const NOTHING: VehicleEvents = {
  advertisedOn: null,
  closedOn: null,
  awards: [],
  contractsStarted: [],
  terminations: [],
  changes: [],
};
const framework = {
  kind: 'framework' as const,
  regime: 'pa2023' as const,
  lightTouch: true,
  voluntaryStandstill: true,
};
const kinds = (notices: { kind: string; dueBy: string }[]) => notices.map((n) => `${n.kind} ${n.dueBy}`);

test('a draft vehicle requires no notice', () => {
  assert.deepEqual(requiredNotices(framework, NOTHING), []);
});

test('a light-touch Procurement Act framework: tender, award, then contract details within 120 days', () => {
  const events: VehicleEvents = {
    ...NOTHING,
    advertisedOn: '2026-03-02',
    awards: [{ id: 'a1', decidedOn: '2026-06-15' }],
    contractsStarted: [{ awardId: 'a1', startOn: '2026-07-01' }],
  };
  assert.deepEqual(kinds(requiredNotices(framework, events)), ['UK4 2026-03-02', 'UK6 2026-06-15', 'UK7 2026-10-29']);
  const [, award] = requiredNotices(framework, events);
  assert.equal(award!.subject, 'award:a1');
});

test('not light-touch, the contract details notice is due within 30 days and changes need a change notice', () => {
  const events: VehicleEvents = {
    ...NOTHING,
    advertisedOn: '2026-03-02',
    awards: [{ id: 'a1', decidedOn: '2026-06-15' }],
    contractsStarted: [{ awardId: 'a1', startOn: '2026-07-01' }],
    changes: [{ id: 'c1', on: '2026-09-01' }],
  };
  const notices = requiredNotices({ ...framework, lightTouch: false }, events);
  assert.deepEqual(kinds(notices), ['UK4 2026-03-02', 'UK6 2026-06-15', 'UK7 2026-07-31', 'UK10 2026-09-01']);
  // A light-touch contract's modification needs none.
  assert.equal(
    requiredNotices(framework, events).some((n) => n.kind === 'UK10'),
    false,
  );
});

test('each round of a framework has its own award and contract details notices', () => {
  const events: VehicleEvents = {
    ...NOTHING,
    advertisedOn: '2026-03-02',
    awards: [
      { id: 'r1', decidedOn: '2026-06-15' },
      { id: 'r2', decidedOn: '2027-06-14' },
    ],
    contractsStarted: [{ awardId: 'r1', startOn: '2026-07-01' }],
  };
  assert.deepEqual(
    requiredNotices(framework, events).map((n) => n.subject),
    ['vehicle', 'award:r1', 'contracts:r1', 'award:r2'],
  );
});

test('a procurement closed before award needs a procurement termination notice; one closed after award does not', () => {
  const abandoned = requiredNotices(framework, { ...NOTHING, advertisedOn: '2026-03-02', closedOn: '2026-04-10' });
  assert.deepEqual(kinds(abandoned), ['UK4 2026-03-02', 'UK12 2026-04-10']);
  const ended = requiredNotices(framework, {
    ...NOTHING,
    advertisedOn: '2026-03-02',
    awards: [{ id: 'a1', decidedOn: '2026-06-15' }],
    closedOn: '2030-03-31',
  });
  assert.equal(
    ended.some((n) => n.kind === 'UK12'),
    false,
  );
});

test('a dynamic market is established and ceases by dynamic market notices, not a tender notice', () => {
  const market = { ...framework, kind: 'dynamic-market' as const };
  assert.deepEqual(kinds(requiredNotices(market, { ...NOTHING, advertisedOn: '2026-04-01', closedOn: '2030-03-31' })), [
    'UK14 2026-04-01',
    'UK16 2030-03-31',
  ]);
  // A change to its terms once established is published; a framework's is not.
  const changed = { ...NOTHING, advertisedOn: '2026-04-01', modifications: [{ id: 'e1', on: '2026-06-01' }] };
  assert.deepEqual(kinds(requiredNotices(market, changed)), ['UK14 2026-04-01', 'UK15 2026-06-01']);
  assert.deepEqual(kinds(requiredNotices(framework, changed)), ['UK4 2026-04-01']);
  // Admitting suppliers to the market awards no contract.
  const admitted = requiredNotices(market, {
    ...NOTHING,
    advertisedOn: '2026-04-01',
    awards: [{ id: 'a1', decidedOn: '2026-05-01' }],
    contractsStarted: [{ awardId: 'a1', startOn: '2026-05-20' }],
  });
  assert.deepEqual(kinds(admitted), ['UK14 2026-04-01']);
});

test('a contract terminated by a contract action needs a termination notice within 30 days', () => {
  const notices = requiredNotices(framework, { ...NOTHING, terminations: [{ id: 't1', on: '2027-01-31' }] });
  assert.deepEqual(kinds(notices), ['UK11 2027-03-02']);
  assert.equal(notices[0]!.subject, 'termination:t1');
});

test('PCR 2015 keeps its contract notice and an award notice within 30 days, and none of the Act’s', () => {
  const dps = { kind: 'dps' as const, regime: 'pcr2015' as const, lightTouch: true, voluntaryStandstill: true };
  const notices = requiredNotices(dps, {
    ...NOTHING,
    advertisedOn: '2019-04-01',
    awards: [{ id: 'a1', decidedOn: '2019-07-01' }],
    contractsStarted: [{ awardId: 'a1', startOn: '2019-08-01' }],
    terminations: [{ id: 't1', on: '2024-01-31' }],
  });
  assert.deepEqual(kinds(notices), ['PCR-CN 2019-04-01', 'PCR-CAN 2019-07-31']);
});

test('the Provider Selection Regime requires none of the Act’s notices', () => {
  assert.deepEqual(requiredNotices({ ...framework, regime: 'psr' }, { ...NOTHING, advertisedOn: '2026-03-02' }), []);
});

test('a light-touch award waits through a standstill only where one is kept voluntarily', () => {
  assert.equal(hasStandstill(framework), true);
  assert.equal(hasStandstill({ ...framework, voluntaryStandstill: false }), false);
  assert.equal(hasStandstill({ ...framework, lightTouch: false, voluntaryStandstill: false }), true);
  assert.equal(hasStandstill({ ...framework, regime: 'pcr2015', voluntaryStandstill: false }), true);
  assert.match(regimeRules({ ...framework, voluntaryStandstill: false }).join(' '), /no voluntary one is kept/);
  assert.match(regimeRules(framework).join(' '), /within 120 days/);
});

test('a PCR 2015 DPS runs on until 23 February 2029, with a warning from a year before', () => {
  const dps = { kind: 'dps' as const, regime: 'pcr2015' as const };
  assert.deepEqual(dpsTransition(dps, '2028-02-23'), { lastDay: '2029-02-23', warn: false });
  assert.deepEqual(dpsTransition(dps, '2028-02-24'), { lastDay: '2029-02-23', warn: true });
  assert.equal(dpsTransition({ kind: 'dynamic-market', regime: 'pa2023' }, '2028-06-01'), null);
});

test('payments over £30,000 need a contract payments notice within 30 days of their quarter ending', () => {
  assert.deepEqual(quarterOf('2026-05-05'), { start: '2026-04-01', end: '2026-06-30' });
  assert.deepEqual(quarterOf('2026-12-31'), { start: '2026-10-01', end: '2026-12-31' });
  const quarters = largePaymentQuarters(
    [
      // A four-weekly schedule's payment to Heron, over £30,000.
      { providerId: 'heron', paidOn: '2026-05-05', pence: 3_120_000 },
      { providerId: 'heron', paidOn: '2026-06-02', pence: 3_250_000 },
      // Exactly £30,000 is not over it.
      { providerId: 'kestrel', paidOn: '2026-05-05', pence: 3_000_000 },
      // In the quarter still running: not due yet.
      { providerId: 'heron', paidOn: '2026-11-24', pence: 4_000_000 },
    ],
    '2026-12-03',
  );
  assert.deepEqual(quarters, [{ quarterStart: '2026-04-01', quarterEnd: '2026-06-30', providerId: 'heron' }]);
  const notices = requiredNotices(framework, { ...NOTHING, largePayments: quarters });
  assert.deepEqual(kinds(notices), ['UK8 2026-07-30']);
  assert.equal(notices[0]!.subject, 'payments:2026-04-01:heron');
});

test('a contract terminated after a default notice needs a contract performance notice too', () => {
  const notices = requiredNotices(framework, {
    ...NOTHING,
    terminations: [
      { id: 't1', on: '2027-01-31', afterDefaultNotice: true },
      { id: 't2', on: '2027-02-28', afterDefaultNotice: false },
    ],
  });
  assert.deepEqual(kinds(notices), ['UK11 2027-03-02', 'UK9 2027-03-02', 'UK11 2027-03-30']);
  assert.equal(notices.find((notice) => notice.kind === 'UK9')!.subject, 'performance:t1');
});
