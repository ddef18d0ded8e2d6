// A placement's price over time: the price it is made at, a later price from its date, and the
// placement's own price following the one in force today, as the register and payments read it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { placeNewPerson, schemeWithVacancies, setRateCard } from '../../test/support/brokerage.ts';
import { tableRows } from '../../test/support/lists.ts';
import { bringTodaysPricesInForce, recordPlacementPrices } from './placement-price-service.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('a placement starts with the price it was made at; a later price takes over on its date, not before', async () => {
  const framework = await liveTieredFramework(world);
  const membership = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const card = await setRateCard(world, framework.vehicle.id);
  const { units } = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: membership.id },
    ['Flat A'],
  );
  const placement = await placeNewPerson(world, {
    providerId: world.otherProviderId,
    membershipId: membership.id,
    unitId: units[0]!.unit.id,
  });

  const finance = new PageSession(world.app);
  await finance.signIn(world.emails.finance_officer);
  const history = async () => tableRows((await finance.get(`/placements/${placement.id}`)).body, 'price-history');
  assert.deepEqual(await history(), [['2 November 2026', 'Price when placed', '£1,700.00']]);

  const april = {
    organisationId: world.councilId,
    placementId: placement.id,
    effectiveFrom: '2027-04-01',
    weeklyPricePence: 177_650,
    priceLines: [{ label: 'Weekly rate', detail: 'April 2027 uplift', pence: 177_650 }],
    reason: 'April 2027 uplift',
    rateCardId: card.id,
    recordedAt: new Date(),
    recordedBy: null,
  };
  await recordPlacementPrices(world.db, [april]);
  await recordPlacementPrices(world.db, [
    { ...april, weeklyPricePence: 178_000, reason: 'April 2027 uplift, corrected' },
  ]);
  assert.deepEqual(await history(), [
    ['2 November 2026', 'Price when placed', '£1,700.00'],
    ['1 April 2027', 'April 2027 uplift, corrected', '£1,780.00'],
  ]);
  const ownPrice = async () =>
    (await api(world, 'finance_officer', 'GET', `/api/v1/placements/${placement.id}`)).json().weeklyPricePence;
  assert.equal(await ownPrice(), 170_000, 'the April price is not in force in December');

  assert.equal(
    await bringTodaysPricesInForce(world.db, new Date('2027-03-31T22:30:00Z')),
    0,
    'half past eleven, summer time: still March',
  );
  assert.equal(await bringTodaysPricesInForce(world.db, new Date('2027-04-01T00:10:00+01:00')), 1);
  assert.equal(await ownPrice(), 178_000);
  assert.equal(await bringTodaysPricesInForce(world.db, new Date('2027-04-02T00:10:00+01:00')), 0, 'once only');

  const otherCouncil = new PageSession(world.app);
  await otherCouncil.signIn(world.emails.other_council_commissioner);
  assert.equal((await otherCouncil.get(`/placements/${placement.id}`)).statusCode, 404);
});
