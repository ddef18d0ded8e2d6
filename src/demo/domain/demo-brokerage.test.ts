// The demo county's brokerage plan: sized like Staffordshire's, the same every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoBrokerage } from './demo-brokerage.ts';
import { DPS_CONTRACTS_BEGAN } from './demo-procurement.ts';

test('about 500 placements, a sixth out of county and a sixth on direct payments, in schemes of 1-8 units', () => {
  const plan = generateDemoBrokerage('2026-11-23');
  assert.deepEqual(generateDemoBrokerage('2026-11-23'), plan, 'the same county every time');
  assert.equal(plan.placements.length, 500);
  const placed = plan.placements.map((placement) => plan.people[placement.person]!);
  assert.equal(placed.filter((person) => !person.inCounty).length, 83);
  assert.equal(placed.filter((person) => person.paymentRoute === 'direct-payment').length, 83);
  assert.ok(plan.schemes.every((scheme) => scheme.units.length >= 1 && scheme.units.length <= 8));
  assert.deepEqual([...new Set(plan.schemes.map((scheme) => scheme.zone))].sort(), [0, 1, 2]);
  assert.equal(
    plan.schemes.filter((scheme) => scheme.expectedReadyOn !== null && scheme.expectedReadyOn > '2026-11-23').length,
    2,
    'two in the pipeline',
  );
  const units = plan.schemes
    .filter((scheme) => scheme.expectedReadyOn === null)
    .reduce((total, scheme) => total + scheme.units.length, 0);
  const inSchemes = plan.placements.filter((placement) => 'scheme' in placement).length;
  assert.ok(units - inSchemes >= 10, `${units - inSchemes} voids`);
  assert.ok(
    plan.placements.every((placement) => placement.startsOn <= '2026-11-23'),
    'every placement has started',
  );
  assert.ok(
    plan.placements.every((placement) => !('scheme' in placement) || placement.startsOn >= DPS_CONTRACTS_BEGAN),
    'everyone in a scheme is placed under the DPS contracts',
  );
  assert.equal(plan.waiting.length, 5);
  assert.ok(plan.people.every((person) => person.funding.reduce((total, share) => total + share.percent, 0) === 100));
});
