// The offer cascade over a market shaped like Lancashire's tiers (report 004 §6) and Rotherham's
// borough-wide Tier 2 (report 003 §1.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingDays } from '../../platform/domain/calendar.ts';
import {
  hasLapsed,
  offereesAt,
  respondBy,
  stepAfter,
  stepState,
  type CascadeMembership,
  type CascadeProvider,
  type CascadeSettings,
} from './cascade.ts';

const names = new Map([
  ['N', 'North'],
  ['C', 'Central'],
  ['S', 'South'],
]);
const member = (
  zoneId: string,
  tier: CascadeMembership['tier'],
  extra: Partial<CascadeMembership> = {},
): CascadeMembership => ({
  membershipId: `${zoneId}-${tier}`,
  zoneId,
  band: 'complex',
  serviceType: 'supported-living',
  tier,
  status: 'active',
  ...extra,
});
const provider = (
  providerId: string,
  memberships: CascadeMembership[],
  extra: Partial<CascadeProvider> = {},
): CascadeProvider => ({
  providerId,
  name: providerId,
  memberships,
  specialisms: ['Learning disabilities'],
  hasSuitableVacancy: false,
  ...extra,
});
const tiered: CascadeSettings = { responseWorkingDays: 2, tier2Mode: 'existing-schemes', tiered: true };
const referral = { zoneIds: ['N'], band: 'complex' as const, specialisms: ['Learning disabilities'] };
const market = [
  provider('Alder', [member('N', 'tier1'), member('C', 'tier1')]),
  provider('Birch', [member('N', 'tier1')], { embargo: 'safeguarding concerns under investigation' }),
  provider('Cedar', [member('N', 'tier1', { status: 'suspended' })]),
  provider('Damson', [member('S', 'tier1'), member('N', 'tier2')], { hasSuitableVacancy: true }),
  provider('Elm', [member('C', 'tier2')]),
  provider('Fir', [member('N', 'tier1', { band: 'highly-complex' })]),
  provider('Hazel', [member('N', null, { serviceType: 'specialist-interventions' })], {
    specialisms: ['Learning disabilities', 'Mental health conditions'],
  }),
  provider('Ivy', [member('S', null, { serviceType: 'complex-clinical-care' })], {
    specialisms: ['Physical disabilities'],
  }),
];

test('step 1: Tier 1 of the zone and band, all at once; embargoed and suspended providers are never offered', () => {
  const outcome = offereesAt('tier1', referral, market, tiered, names);
  assert.deepEqual(outcome.offered, [
    { providerId: 'Alder', membershipId: 'N-tier1', reason: 'Tier 1 for complex needs in North' },
  ]);
  assert.deepEqual(outcome.excluded, [
    { providerId: 'Birch', reason: 'Under embargo: safeguarding concerns under investigation' },
    { providerId: 'Cedar', reason: 'Membership suspended' },
  ]);
  assert.equal(outcome.emptyBecause, undefined);
  const south = offereesAt('tier1', { ...referral, zoneIds: ['C', 'S'] }, market, tiered, names);
  assert.deepEqual(
    south.offered.map((o) => o.providerId),
    ['Alder', 'Damson'],
  );
  assert.equal(
    offereesAt('tier1', { ...referral, band: 'less-complex' }, market, tiered, names).emptyBecause,
    'No Tier 1 provider for less complex needs in North',
  );
});

test('step 2: Tier 2 only with a suitable vacancy in an existing scheme, or area-wide at peak', () => {
  const existing = offereesAt('tier2', referral, market, tiered, names);
  assert.deepEqual(existing.offered, [
    { providerId: 'Damson', membershipId: 'N-tier2', reason: 'Tier 2 with a suitable vacancy in an existing scheme' },
  ]);
  const withoutVacancy = offereesAt(
    'tier2',
    referral,
    market.map((p) => ({ ...p, hasSuitableVacancy: false })),
    tiered,
    names,
  );
  assert.deepEqual(withoutVacancy.excluded, [
    {
      providerId: 'Damson',
      reason: 'Tier 2 takes new tenants only into its existing schemes, and none has a suitable vacancy',
    },
  ]);
  assert.equal(withoutVacancy.emptyBecause, 'Every Tier 2 provider who could take it is excluded');
  const boroughWide = offereesAt('tier2', referral, market, { ...tiered, tier2Mode: 'borough-wide' }, names);
  assert.deepEqual(
    boroughWide.offered.map((o) => o.providerId),
    ['Damson', 'Elm'],
  );
  assert.equal(
    offereesAt('tier2', referral, market, { ...tiered, tiered: false }, names).emptyBecause,
    'The vehicle is not tiered',
  );
});

test("step 3: specialist providers whose registration covers the person's needs", () => {
  const outcome = offereesAt('specialist', referral, market, tiered, names);
  assert.deepEqual(
    outcome.offered.map((o) => o.providerId),
    ['Hazel'],
  );
  const physical = offereesAt(
    'specialist',
    { ...referral, specialisms: ['Physical disabilities'] },
    market,
    tiered,
    names,
  );
  assert.deepEqual(
    physical.offered.map((o) => o.providerId),
    ['Ivy'],
  );
  assert.deepEqual(physical.excluded, [{ providerId: 'Hazel', reason: 'Not registered for physical disabilities' }]);
});

test('a vehicle without tiers offers every member of the zone and band at step 1', () => {
  const dps = [provider('Oak', [member('N', null)]), provider('Pine', [member('N', null, { status: 'removed' })])];
  const outcome = offereesAt('tier1', referral, dps, { ...tiered, tiered: false }, names);
  assert.deepEqual(outcome.offered, [
    { providerId: 'Oak', membershipId: 'N-null', reason: 'On the vehicle for complex needs in North' },
  ]);
  assert.deepEqual(outcome.excluded, [{ providerId: 'Pine', reason: 'Membership removed' }]);
});

test('a step waits for every answer, then chooses among acceptances or moves on', () => {
  assert.equal(stepState(['accepted', 'awaiting']), 'awaiting-answers');
  assert.equal(stepState(['accepted', 'declined', 'lapsed']), 'choose');
  assert.equal(stepState(['declined', 'lapsed']), 'move-on');
  assert.equal(stepState([]), 'move-on');
  assert.equal(stepAfter('tier1'), 'tier2');
  assert.equal(stepAfter('specialist'), 'off-framework');
  assert.equal(stepAfter('off-framework'), undefined);
});

test('answers are due two working days after the offer, skipping weekends and bank holidays', () => {
  const calendar = new WorkingDays([
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
  ]);
  assert.equal(respondBy('2026-11-23', 2, calendar), '2026-11-25'); // Monday → Wednesday
  assert.equal(respondBy('2026-11-26', 2, calendar), '2026-11-30'); // Thursday → Monday
  assert.equal(respondBy('2026-12-24', 2, calendar), '2026-12-30'); // Christmas Eve → over Christmas and Boxing Day
  assert.equal(hasLapsed({ status: 'awaiting', respondBy: '2026-11-25' }, '2026-11-25'), false);
  assert.equal(hasLapsed({ status: 'awaiting', respondBy: '2026-11-25' }, '2026-11-26'), true);
  assert.equal(hasLapsed({ status: 'declined', respondBy: '2026-11-25' }, '2026-11-26'), false);
});
