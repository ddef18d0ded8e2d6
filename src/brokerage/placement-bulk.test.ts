// Placing many people at once (a council's placements brought in): each checked and priced as on
// its own, a later one seeing the units and scheme places the earlier ones took; all or none; each
// audited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq } from 'drizzle-orm';
import { assessedPerson, schemeWithVacancies, setRateCard } from '../../test/support/brokerage.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import type { PlacementInput } from './input.ts';
import { createPlacements } from './new-placement-service.ts';
import { placementPrices, placements, tenancies } from './schema.ts';

let world: TestWorld;
let officer: CurrentUser;
let care: { providerId: string; membershipId: string };
let flats: string[];
let people: { id: string; name: string }[];
before(async () => {
  world = await testWorld();
  officer = (await userDirectory(world.db).byId((await userByEmail(world.db, world.emails.brokerage_officer))!.id))!;
  const framework = await liveTieredFramework(world);
  const membership = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  care = { providerId: world.otherProviderId, membershipId: membership.id };
  await setRateCard(world, framework.vehicle.id);
  const { units } = await schemeWithVacancies(world, care, ['Flat A', 'Flat B']);
  flats = units.map(({ unit }) => unit.id);
  people = [await assessedPerson(world), await assessedPerson(world), await assessedPerson(world)];
});
after(() => world.close());

const placing = (person: { id: string }, unitId?: string): PlacementInput => ({
  personId: person.id,
  ...(unitId ? { unitId } : { priceBasis: 'hourly' }),
  ...care,
  startsOn: '2026-11-02',
  oneToOneMinutesPerWeek: 600,
  nightSupport: 'sleep-in',
});
const tally = async () => ({
  placements: (await world.db.select({ n: count() }).from(placements))[0]!.n,
  prices: (await world.db.select({ n: count() }).from(placementPrices))[0]!.n,
  tenancies: (await world.db.select({ n: count() }).from(tenancies))[0]!.n,
  events: (
    await world.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'placement.create'))
  )[0]!.n,
});
const refusedBy = (field: string, message: RegExp) => (error: { fieldErrors?: { field: string; message: string }[] }) =>
  error.fieldErrors?.[0]?.field === field && message.test(error.fieldErrors[0].message);

test('a batch that takes one unit twice, places one person twice, or names nobody is refused whole', async () => {
  const before = await tally();
  await assert.rejects(
    createPlacements(world.db, officer, [placing(people[0]!, flats[0]), placing(people[1]!, flats[0])]),
    refusedBy('unitId', /just been taken/),
  );
  await assert.rejects(
    createPlacements(world.db, officer, [placing(people[0]!, flats[0]), placing(people[0]!, flats[1])]),
    refusedBy('personId', new RegExp(`${people[0]!.name} already has a current placement`)),
  );
  await assert.rejects(
    createPlacements(world.db, officer, [placing(people[0]!, flats[0]), placing({ id: world.councilId })]),
    refusedBy('personId', /Choose a person of your organisation/),
  );
  await assert.rejects(
    createPlacements(world.db, officer, [placing(people[1]!), { ...placing(people[0]!), startsOn: 'soon' }]),
    (error: { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field === 'startsOn',
  );
  assert.deepEqual(await tally(), before, 'nothing of a refused batch is written');
});

test('only a brokerage officer places people, in batches as one at a time', async () => {
  const socialWorker = (await userDirectory(world.db).byId(
    (await userByEmail(world.db, world.emails.social_worker))!.id,
  ))!;
  await assert.rejects(createPlacements(world.db, socialWorker, [placing(people[0]!, flats[0])]), ForbiddenError);
});

test('a batch places each in turn: the second tenant of a scheme shares its core hours, each is audited', async () => {
  const before = await tally();
  const made = await createPlacements(world.db, officer, [
    placing(people[0]!, flats[0]),
    placing(people[1]!, flats[1]),
    placing(people[2]!),
  ]);
  assert.deepEqual(
    made.map((placement) => [placement.personName, placement.tenantsAtStart, placement.coreShareMinutesPerWeek]),
    [
      [people[0]!.name, 1, 168 * 60],
      [people[1]!.name, 2, (168 * 60) / 2],
      [people[2]!.name, 1, 0],
    ],
  );
  assert.ok(made.every((placement) => placement.weeklyPricePence > 0 && placement.providerName !== ''));
  assert.ok(made[0]!.weeklyPricePence > made[1]!.weeklyPricePence, 'a shared scheme costs each tenant less');
  assert.deepEqual(await tally(), {
    placements: before.placements + 3,
    prices: before.prices + 3,
    tenancies: before.tenancies + 2,
    events: before.events + 3,
  });
  assert.deepEqual(await createPlacements(world.db, officer, []), []);
});
