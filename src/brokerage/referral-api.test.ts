// Referrals through the API: a social worker refers, brokerage sends the offers down the cascade,
// providers answer (each seeing only its own offers), deadlines lapse, acceptances are ranked, the
// person's choice becomes the placement, and an off-framework purchase needs a commissioner.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../platform/audit/schema.ts';
import { addDays } from '../platform/domain/calendar.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from '../../test/support/brokerage.ts';
import { runGuarded } from '../platform/jobs/scheduler.ts';
import { offerDeadlineJob } from './jobs.ts';
import { lapseOverdueOffers } from './cascade-service.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
let north: string;
let south: string;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  [north, , south] = world.zoneIds as [string, string, string];
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD))
      .statusCode,
    201,
  );
});
after(() => world.close());

const membership = (providerId: string, tier: string) =>
  framework.memberships.find((m) => m.providerId === providerId && m.tier === tier)!;
const kestrelTier1North = () => membership(world.otherProviderId, 'tier1');
const heronTier2North = () => membership(world.providerId, 'tier2');

async function refer(personId: string, zoneIds = [north]) {
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId,
    vehicleId: framework.vehicle.id,
    startBy: '2027-01-31',
    zoneIds,
    urgency: 'urgent',
  });
  assert.equal(referred.statusCode, 201, referred.body);
  return referred.json() as {
    referral: { id: string };
    state: string;
    shortlist: { suitable: { unitId: string }[]; excluded: { vacancy: { unitId: string }; reasons: string[] }[] };
  };
}

async function sendOffers(referralId: string) {
  const sent = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referralId}/send-offers`);
  assert.equal(sent.statusCode, 200, sent.body);
  return sent.json();
}

interface OfferJson {
  id: string;
  providerId: string;
  reason: string;
  respondBy: string;
  status: string;
}
const offerTo = (detail: { steps: { offers: OfferJson[] }[] }, providerId: string) =>
  detail.steps.flatMap((step) => step.offers).find((offer) => offer.providerId === providerId)!;

test('a referral is validated, and only staff of the council who may see people can see it', async () => {
  const person = await assessedPerson(world);
  const bad = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: 'nope',
    startBy: '2027-02-30',
    zoneIds: [],
    urgency: 'whenever',
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['startBy', 'urgency', 'vehicleId', 'zoneIds'],
  );
  const past = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2020-01-01',
    zoneIds: [north],
    urgency: 'routine',
  });
  assert.deepEqual(past.json().errors, [{ field: 'startBy', message: 'The start-by date cannot be in the past' }]);
  assert.equal(
    (await api(world, 'commissioner', 'POST', '/api/v1/referrals', {})).statusCode,
    403,
    'commissioners do not refer',
  );
  const referral = await refer(person.id);
  assert.equal(referral.state, 'send-offers');
  const again = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-01-31',
    zoneIds: [north],
    urgency: 'urgent',
  });
  assert.equal(again.statusCode, 409);
  const url = `/api/v1/referrals/${referral.referral.id}`;
  for (const seat of ['provider_user', 'other_provider_user', 'evaluator'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 403, seat);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', url)).statusCode, 404);
  assert.equal((await api(world, 'auditor', 'GET', url)).statusCode, 200);
  assert.equal(
    (await api(world, 'social_worker', 'POST', `${url}/send-offers`)).statusCode,
    403,
    'brokerage sends offers',
  );
  const listed = (await api(world, 'brokerage_officer', 'GET', '/api/v1/referrals')).json();
  assert.ok(
    listed.items.some(
      (item: { id: string; status: string }) => item.id === referral.referral.id && item.status === 'new',
    ),
  );
  const withdrawn = await api(world, 'social_worker', 'POST', `${url}/withdraw`, {
    reason: 'Family found a home nearer to them',
  });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  assert.equal(withdrawn.json().status, 'withdrawn');
  assert.equal((await api(world, 'social_worker', 'POST', `${url}/withdraw`, { reason: 'again' })).statusCode, 409);
});

test('Tier 1 declines, the cascade moves to Tier 2 in its existing schemes, and the acceptance becomes the placement', async () => {
  const kestrelScheme = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: kestrelTier1North().id },
    ['Flat 1'],
  );
  const heronScheme = await schemeWithVacancies(
    world,
    { providerId: world.providerId, membershipId: heronTier2North().id },
    ['Flat 1', 'Flat 2'],
  );
  const person = await assessedPerson(world, {}, { requiredFeatures: ['wheelchair-access'] });
  const referral = await refer(person.id);
  assert.ok(referral.shortlist.suitable.some((vacancy) => vacancy.unitId === heronScheme.units[0]!.unit.id));

  const offered = await sendOffers(referral.referral.id);
  assert.equal(offered.referral.step, 'tier1');
  assert.equal(offered.state, 'awaiting-answers');
  const kestrelOffer = offerTo(offered, world.otherProviderId);
  assert.equal(kestrelOffer.reason, 'Tier 1 for complex needs in North');
  assert.ok(kestrelOffer.respondBy > offered.steps[0].startedAt.slice(0, 10));
  assert.equal(offered.steps[0].offers.length, 1, 'only the Tier 1 provider of North is offered the work');

  // Providers see only their own offers, and only what they need of the person.
  assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/offers/${kestrelOffer.id}`)).statusCode, 404);
  assert.ok(
    !(await api(world, 'provider_user', 'GET', '/api/v1/offers'))
      .json()
      .items.some((item: { offer: { id: string } }) => item.offer.id === kestrelOffer.id),
  );
  const seen = await api(world, 'other_provider_user', 'GET', `/api/v1/offers/${kestrelOffer.id}`);
  assert.equal(seen.statusCode, 200);
  assert.equal(seen.json().person.band, 'complex');
  assert.ok(!seen.body.includes(person.caseReference), 'no case reference for providers');
  assert.deepEqual(
    seen.json().vacancies.map((v: { unitId: string }) => v.unitId),
    [kestrelScheme.units[0]!.unit.id],
  );
  const providerViews = await world.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, person.id), eq(auditEvents.action, 'person.view')));
  assert.ok(
    providerViews.some((event) => event.actorLabel.includes(world.emails.other_provider_user)),
    "the provider's view is audited",
  );
  assert.equal((await api(world, 'brokerage_officer', 'GET', '/api/v1/offers')).statusCode, 403);

  const respond = (seat: 'provider_user' | 'other_provider_user', offerId: string, body: Record<string, unknown>) =>
    api(world, seat, 'POST', `/api/v1/offers/${offerId}/response`, body);
  assert.equal(
    (await respond('provider_user', kestrelOffer.id, { response: 'decline', declineReason: 'capacity' })).statusCode,
    404,
    'another provider cannot answer',
  );
  assert.deepEqual(
    (await respond('other_provider_user', kestrelOffer.id, { response: 'decline', declineReason: 'other' })).json()
      .errors,
    [{ field: 'declineNote', message: 'Say why you are declining' }],
  );
  const declined = await respond('other_provider_user', kestrelOffer.id, {
    response: 'decline',
    declineReason: 'skills',
    declineNote: 'No staff trained in PBS this month',
  });
  assert.equal(declined.statusCode, 200, declined.body);
  assert.equal(
    (await respond('other_provider_user', kestrelOffer.id, { response: 'decline', declineReason: 'skills' }))
      .statusCode,
    409,
  );

  const moved = (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json();
  assert.equal(moved.referral.step, 'tier2');
  const heronOffer = offerTo(moved, world.providerId);
  assert.equal(heronOffer.reason, 'Tier 2 with a suitable vacancy in an existing scheme');

  const accept = {
    response: 'accept',
    unitId: kestrelScheme.units[0]!.unit.id,
    startsOn: '2027-01-18',
    oneToOneMinutesPerWeek: 600,
  };
  assert.deepEqual((await respond('provider_user', heronOffer.id, accept)).json().errors, [
    { field: 'unitId', message: 'Choose one of your own vacancies, or support in their own home' },
  ]);
  assert.deepEqual(
    (
      await respond('provider_user', heronOffer.id, {
        ...accept,
        unitId: heronScheme.units[0]!.unit.id,
        weeklyPricePence: 99_000,
      })
    ).json().errors,
    [{ field: 'weeklyPricePence', message: 'Prices on this vehicle are fixed by the rate card: leave the price out' }],
  );
  const heronSouth = await schemeWithVacancies(
    world,
    { providerId: world.providerId, membershipId: membership(world.providerId, 'tier1').id, zoneId: south },
    ['Flat 1'],
  );
  assert.deepEqual(
    (await respond('provider_user', heronOffer.id, { ...accept, unitId: heronSouth.units[0]!.unit.id })).json().errors,
    [
      {
        field: 'unitId',
        message: `That vacancy does not suit ${person.name}: Zone: in South, not a zone the referral accepts`,
      },
    ],
    'its own vacancy, but in a zone the referral does not accept',
  );
  const accepted = await respond('provider_user', heronOffer.id, { ...accept, unitId: heronScheme.units[0]!.unit.id });
  assert.equal(accepted.statusCode, 200, accepted.body);

  const choosing = (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json();
  assert.equal(choosing.state, 'choose');
  assert.equal(choosing.ranked.length, 1);
  assert.equal(
    choosing.ranked[0].weeklyPricePence,
    145_000 + 25_000,
    'the first tenant of the scheme: the one-tenant rate and ten hours of 1:1 from the rate card',
  );
  assert.equal(
    (
      await api(world, 'social_worker', 'POST', `/api/v1/referrals/${referral.referral.id}/choice`, {
        offerId: heronOffer.id,
      })
    ).statusCode,
    403,
  );
  const placed = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral.referral.id}/choice`, {
    offerId: heronOffer.id,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  assert.equal(placed.json().referralId, referral.referral.id);
  assert.equal(placed.json().offerId, heronOffer.id);
  assert.equal(placed.json().weeklyPricePence, 170_000);
  assert.equal(
    (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json().status,
    'placed',
  );
  const vacancies = (await api(world, 'brokerage_officer', 'GET', '/api/v1/vacancies')).json();
  assert.ok(
    !vacancies.some((v: { unitId: string }) => v.unitId === heronScheme.units[0]!.unit.id),
    'the unit is no longer vacant',
  );
  assert.equal(
    (
      await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral.referral.id}/choice`, {
        offerId: heronOffer.id,
      })
    ).statusCode,
    409,
  );
  const supported = (await api(world, 'provider_user', 'GET', '/api/v1/provider-placements')).json();
  assert.ok(
    supported.some(
      (p: { personName: string; where: string }) =>
        p.personName === person.name && p.where === `${heronScheme.scheme.name}, Flat 1`,
    ),
    'the provider sees who it supports',
  );
  assert.ok(
    !(await api(world, 'other_provider_user', 'GET', '/api/v1/provider-placements'))
      .json()
      .some((p: { personName: string }) => p.personName === person.name),
    'another provider does not',
  );
  assert.equal((await api(world, 'brokerage_officer', 'GET', '/api/v1/provider-placements')).statusCode, 403);
});

test("when several accept they are ranked, and choosing other than the first needs the person's reason", async () => {
  const person = await assessedPerson(world);
  const referral = await refer(person.id, [north, south]);
  const offered = await sendOffers(referral.referral.id);
  assert.deepEqual(
    offered.steps[0].offers.map((offer: { providerId: string }) => offer.providerId).sort(),
    [world.providerId, world.otherProviderId].sort(),
  );
  const homeCare = { response: 'accept', unitId: null, startsOn: '2027-02-01', oneToOneMinutesPerWeek: 600 };
  for (const [seat, providerId] of [
    ['other_provider_user', world.otherProviderId],
    ['provider_user', world.providerId],
  ] as const) {
    const answered = await api(
      world,
      seat,
      'POST',
      `/api/v1/offers/${offerTo(offered, providerId).id}/response`,
      homeCare,
    );
    assert.equal(answered.statusCode, 200, answered.body);
  }
  const detail = (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json();
  assert.deepEqual(
    detail.ranked.map((r: { providerName: string; rank: number }) => [r.rank, r.providerName]),
    [
      [1, 'Heron Supported Living Ltd'],
      [2, 'Kestrel Care Ltd'],
    ],
    'both Tier 1: the higher quality score first',
  );
  const kestrel = offerTo(offered, world.otherProviderId);
  const noReason = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral.referral.id}/choice`, {
    offerId: kestrel.id,
  });
  assert.deepEqual(noReason.json().errors, [
    {
      field: 'choiceReason',
      message: 'Give the reason for choosing Kestrel Care Ltd over Heron Supported Living Ltd, ranked first',
    },
  ]);
  const chosen = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral.referral.id}/choice`, {
    offerId: kestrel.id,
    choiceReason: "Her sister already lives with Kestrel's support",
  });
  assert.equal(chosen.statusCode, 201, chosen.body);
  assert.equal(chosen.json().choiceReason, "Her sister already lives with Kestrel's support");
  assert.deepEqual(
    chosen
      .json()
      .priceLines.map((line: { label: string }) => line.label)
      .slice(0, 1),
    ['1:1 support'],
    'support at home is priced by the hour',
  );
  const after = (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json();
  assert.equal(offerTo(after, world.providerId).status, 'not-chosen');
});

test("unanswered offers lapse on their own; an exhausted cascade needs a commissioner's approval to buy off framework", async () => {
  const embargo = await api(world, 'quality_officer', 'POST', '/api/v1/embargoes', {
    providerId: world.providerId,
    reason: 'Safeguarding enquiry open',
    startsOn: '2026-10-01',
  });
  const person = await assessedPerson(world);
  const referral = await refer(person.id);
  const offered = await sendOffers(referral.referral.id);
  const kestrelOffer = offerTo(offered, world.otherProviderId);
  assert.equal(
    await runGuarded(world.db, offerDeadlineJob),
    '0 unanswered offers lapsed, 0 providers reminded on the last day',
    'the scheduled job: nothing is overdue today',
  );
  assert.equal(
    await lapseOverdueOffers(world.db, new Date(`${kestrelOffer.respondBy}T12:00:00Z`)),
    0,
    'not before its last day has passed',
  );
  assert.equal(await lapseOverdueOffers(world.db, new Date(`${addDays(kestrelOffer.respondBy, 1)}T12:00:00Z`)), 1);
  const lapsed = (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.referral.id}`)).json();
  assert.equal(offerTo(lapsed, world.otherProviderId).status, 'lapsed');
  assert.deepEqual(
    lapsed.steps.map((step: { step: string }) => step.step),
    ['tier1', 'tier2', 'specialist', 'off-framework'],
  );
  assert.deepEqual(
    lapsed.steps[1].excluded.map((e: { providerName: string; reason: string }) => `${e.providerName}: ${e.reason}`),
    ['Heron Supported Living Ltd: Under embargo: Safeguarding enquiry open'],
  );
  assert.equal(lapsed.steps[2].emptyBecause, 'No specialist provider for complex needs');
  assert.equal(lapsed.state, 'request-off-framework');
  assert.equal(
    (
      await api(world, 'other_provider_user', 'POST', `/api/v1/offers/${kestrelOffer.id}/response`, {
        response: 'decline',
        declineReason: 'capacity',
      })
    ).statusCode,
    409,
  );

  const url = `/api/v1/referrals/${referral.referral.id}/off-framework`;
  assert.deepEqual(
    (await api(world, 'brokerage_officer', 'POST', url, { providerId: world.providerId, reason: 'x' })).json().errors[0]
      .message,
    'The provider is under an embargo on new placements: Safeguarding enquiry open',
  );
  assert.equal(
    (await api(world, 'brokerage_officer', 'POST', url, { providerId: world.otherProviderId, reason: '' })).statusCode,
    422,
  );
  const requested = await api(world, 'brokerage_officer', 'POST', url, {
    providerId: world.otherProviderId,
    reason: 'Nobody on the framework could start before the hospital discharge',
  });
  assert.equal(requested.statusCode, 200, requested.body);
  assert.equal(
    (
      await api(world, 'brokerage_officer', 'POST', `${url}/placement`, {
        startsOn: '2027-01-20',
        oneToOneMinutesPerWeek: 600,
        agreedWeeklyPricePence: 120_000,
      })
    ).statusCode,
    409,
    'not yet approved',
  );
  assert.equal(
    (await api(world, 'brokerage_officer', 'POST', `${url}/decision`, { approve: true })).statusCode,
    403,
    'a commissioner approves',
  );
  assert.equal(
    (await api(world, 'other_council_commissioner', 'POST', `${url}/decision`, { approve: true })).statusCode,
    404,
  );
  assert.deepEqual((await api(world, 'commissioner', 'POST', `${url}/decision`, { approve: false })).json().errors, [
    { field: 'note', message: 'Say why the purchase is refused' },
  ]);
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `${url}/decision`, { approve: true, note: 'Agreed for twelve weeks' })
    ).json().state,
    'place-off-framework',
  );
  const placed = await api(world, 'brokerage_officer', 'POST', `${url}/placement`, {
    startsOn: '2027-01-20',
    oneToOneMinutesPerWeek: 600,
    agreedWeeklyPricePence: 120_000,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  assert.equal(placed.json().offFramework, true);
  assert.equal(placed.json().offFrameworkReason, 'Nobody on the framework could start before the hospital discharge');
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/embargoes/${embargo.json().id}/lift`, {
        reason: 'Enquiry closed',
      })
    ).statusCode,
    204,
  );
});
