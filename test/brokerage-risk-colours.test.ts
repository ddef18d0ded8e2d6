// Each provider's early-warning colour where a person's provider is chosen (report 003 §2.1): on
// the providers a referral's offers would go to, the vacancies that suit the person, the offers and
// the ranking of acceptances, each with its reasons, or "Not rated yet". A Red-rated provider is
// flagged, not barred: offering it the work, or placing with it, asks why, refused by the field
// when left blank, and the reason is kept in the audit trail. A provider never sees colours.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import './support/clock.ts';
import { auditEvents } from '../src/platform/audit/schema.ts';
import { rateServices } from '../src/quality/risk-run-service.ts';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { companyInAdministration, contractedService } from './support/quality.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from './support/brokerage.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
let scheme: Awaited<ReturnType<typeof schemeWithVacancies>>;
let broker: PageSession;
let social: PageSession;

const RED_TAG = /<strong class="govuk-tag govuk-tag--red">\s*Red\s*<\/strong>/;
const WHY_RED = /Why Red<span class="govuk-visually-hidden"> for Kestrel Care Ltd<\/span>/;
const ADMINISTRATION = /Company in administration since 28 November 2026 \(red flag\)/;
const GO_AHEAD = 'The only provider with a flat in North; the administrators keep its services running';

before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
  const kestrelTier1North = framework.memberships.find(
    (m) => m.providerId === world.otherProviderId && m.tier === 'tier1',
  )!;
  scheme = await schemeWithVacancies(world, { providerId: world.otherProviderId, membershipId: kestrelTier1North.id }, [
    'Flat 1',
  ]);
  // Kestrel's service is on the quality register and its company in administration: Red. Heron has no service rated.
  await contractedService(world, 'other_provider');
  await companyInAdministration(world, world.otherProviderId, '2026-11-28');
  await rateServices(world.db, { organisationId: world.councilId });
  broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
});
after(() => world.close());

async function refer(zoneId: string) {
  const person = await assessedPerson(world, { homeZoneId: zoneId });
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-02-28',
    zoneIds: [zoneId],
    urgency: 'urgent',
  });
  assert.equal(referred.statusCode, 201, referred.body);
  return { person, id: referred.json().referral.id as string };
}

const referral = async (id: string) => (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${id}`)).json();

/** What the audit trail kept of one kind of event about a person. */
const audited = async (personId: string, action: string) =>
  (
    await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, personId), eq(auditEvents.action, action)))
  ).map((event) => event.after as Record<string, unknown>);

/** One table of a page, by its id. */
const tableOf = (body: string, id: string) => {
  const start = body.indexOf(`<table class="govuk-table" id="${id}">`);
  assert.ok(start >= 0, `the page has the table ${id}`);
  return body.slice(start, body.indexOf('</table>', start));
};

test('a Red-rated provider is shown with its reasons before offers are sent, and offering it the work asks why', async () => {
  const { person, id } = await refer(world.zoneIds[0]!);
  const url = `/referrals/${id}`;

  const page = await broker.get(url);
  assert.equal(page.statusCode, 200, page.body);
  const toOffer = tableOf(page.body, 'to-offer');
  assert.match(toOffer, /Kestrel Care Ltd[\s\S]*Tier 1 for complex needs in North/);
  assert.match(toOffer, RED_TAG);
  assert.match(toOffer, WHY_RED);
  assert.match(toOffer, ADMINISTRATION);
  const shortlist = tableOf(page.body, 'shortlist');
  assert.match(shortlist, new RegExp(`${scheme.scheme.name}, Flat 1[\\s\\S]*Kestrel Care Ltd[\\s\\S]*Why Red`));
  assert.match(page.body, /Rated Red on the early-warning risk dashboard: Kestrel Care Ltd/);
  assert.match(page.body, /<label class="govuk-label" for="redReason">\s*Why go ahead with a Red-rated provider/);

  // Without a reason: refused by the field, nothing sent and no check page.
  const refused = await broker.post(`${url}/send-offers`, { redReason: ' ' });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.match(refused.body, /href="#redReason">Enter why you go ahead with a Red-rated provider \(Kestrel Care Ltd\)/);
  assert.doesNotMatch(refused.body, /Check your answers/);
  assert.equal((await referral(id)).state, 'send-offers');
  assert.deepEqual(await audited(person.id, 'referral.cascade-step'), []);

  // With one: the check page flags the provider with its reasons and says why, then the offer is sent.
  const check = await broker.post(`${url}/send-offers`, { redReason: GO_AHEAD });
  assert.equal(check.statusCode, 200, check.body);
  assert.match(check.body, /Check your answers/);
  assert.match(
    check.body,
    /Rated Red on the early-warning risk dashboard: Kestrel Care Ltd \(Red: Company in administration since 28 November 2026 \(red flag\)/,
  );
  assert.match(check.body, new RegExp(`Why go ahead with a Red-rated provider[\\s\\S]*${GO_AHEAD}`));
  const sent = await broker.post(`${url}/send-offers`, { redReason: GO_AHEAD, confirmed: 'yes' });
  assert.equal(sent.statusCode, 302, sent.body);
  const [step] = await audited(person.id, 'referral.cascade-step');
  assert.match(String(step?.redRated), /^Kestrel Care Ltd: Red: Company in administration since 28 November 2026/);
  assert.equal(step?.redGoAheadReason, GO_AHEAD);
  const history = await broker.get(`/history/person/${person.id}`);
  assert.equal(history.statusCode, 200);
  assert.match(history.body, new RegExp(GO_AHEAD));

  // The offers made, with the colour of each provider offered.
  const offering = await broker.get(url);
  assert.match(offering.body, /Offers at Tier 1[\s\S]*Kestrel Care Ltd[\s\S]*Why Red/);
});

test('the ranking of acceptances shows each colour, and choosing a Red-rated provider asks why', async () => {
  const { person, id } = await refer(world.zoneIds[0]!);
  const url = `/referrals/${id}`;
  const sent = await api(world, 'brokerage_officer', 'POST', `/api/v1${url}/send-offers`, { redReason: GO_AHEAD });
  assert.equal(sent.statusCode, 200, sent.body);
  const offer = sent.json().steps[0].offers[0];
  const accepted = await api(world, 'other_provider_user', 'POST', `/api/v1/offers/${offer.id}/response`, {
    response: 'accept',
    unitId: null,
    startsOn: '2027-01-18',
    oneToOneMinutesPerWeek: 600,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);

  // Brokerage, recording the person's choice: the colour under each provider ranked, and the question.
  const choosing = await broker.get(url);
  assert.match(
    choosing.body,
    /1\. Kestrel Care Ltd\s*<\/label>\s*<div id="offerId-item-hint"[^>]*>\s*Tier 1[^<]*<div[^>]*>\s*<strong class="govuk-tag govuk-tag--red">/,
  );
  assert.match(choosing.body, WHY_RED);
  assert.match(choosing.body, ADMINISTRATION);
  assert.match(choosing.body, /for="redReason">\s*Why go ahead with a Red-rated provider/);
  // The social worker helping the person choose sees the same ranking and colours.
  const seen = await social.get(url);
  assert.match(
    seen.body,
    /<ol class="govuk-list govuk-list--number"><li>Kestrel Care Ltd: [^<]*<strong class="govuk-tag govuk-tag--red">/,
  );
  assert.match(seen.body, WHY_RED);
  assert.doesNotMatch(seen.body, /name="offerId"/, 'the choice is brokerage’s to record');

  const refused = await broker.post(`${url}/choice`, { offerId: offer.id, choiceReason: '', redReason: '' });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.match(refused.body, /href="#redReason">Enter why you go ahead with a Red-rated provider \(Kestrel Care Ltd\)/);
  assert.doesNotMatch(refused.body, /Check your answers/);

  const chosen = { offerId: offer.id, choiceReason: '', redReason: 'Her family live two streets away' };
  const check = await broker.post(`${url}/choice`, chosen);
  assert.equal(check.statusCode, 200, check.body);
  assert.match(
    check.body,
    /Rated Red on the early-warning risk dashboard: Kestrel Care Ltd \(Red: Company in administration/,
  );
  assert.match(check.body, /Why go ahead with a Red-rated provider[\s\S]*Her family live two streets away/);
  assert.deepEqual(await audited(person.id, 'placement.create'), []);
  const placed = await broker.post(`${url}/choice`, { ...chosen, confirmed: 'yes' });
  assert.equal(placed.statusCode, 302, placed.body);
  const [placement] = await audited(person.id, 'placement.create');
  assert.equal(placement?.redGoAheadReason, 'Her family live two streets away');
  assert.match(String(placement?.redRated), /^Kestrel Care Ltd: Red: Company in administration since 28 November 2026/);
});

test('a provider not yet rated says so, and offering it the work asks nothing more', async () => {
  // In South the Tier 1 provider is Heron, which has no rated service.
  const { id } = await refer(world.zoneIds[2]!);
  const url = `/referrals/${id}`;
  const page = await broker.get(url);
  const toOffer = tableOf(page.body, 'to-offer');
  assert.match(toOffer, /Heron Supported Living Ltd[\s\S]*<strong class="govuk-tag govuk-tag--grey">\s*Not rated yet/);
  assert.doesNotMatch(page.body, /id="redReason"/);
  const check = await broker.post(`${url}/send-offers`, {});
  assert.equal(check.statusCode, 200, check.body);
  assert.match(check.body, /Check your answers/);
  assert.doesNotMatch(check.body, /Red-rated/);
});

test('the API asks why too, naming the field', async () => {
  const { person, id } = await refer(world.zoneIds[0]!);
  const path = `/api/v1/referrals/${id}/send-offers`;
  const refused = await api(world, 'brokerage_officer', 'POST', path);
  assert.equal(refused.statusCode, 422, refused.body);
  assert.deepEqual(
    refused.json().errors.map((error: { field: string }) => error.field),
    ['redReason'],
  );
  assert.equal((await referral(id)).state, 'send-offers', 'nothing sent');
  assert.equal((await api(world, 'brokerage_officer', 'POST', path, { redReason: GO_AHEAD })).statusCode, 200);
  assert.equal((await audited(person.id, 'referral.cascade-step'))[0]?.redGoAheadReason, GO_AHEAD);
});

test('a provider never sees colours: not on its offers, and not the referral', async () => {
  const { id } = await refer(world.zoneIds[0]!);
  const sent = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/send-offers`, {
    redReason: GO_AHEAD,
  });
  const offerId = sent.json().steps[0].offers[0].id;
  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  for (const url of ['/offers', '/offers?status=all', `/offers/${offerId}`]) {
    const page = await provider.get(url);
    assert.equal(page.statusCode, 200, `${url}: ${page.body}`);
    assert.doesNotMatch(page.body, /govuk-tag--red|Why Red|Not rated yet|Risk rating|Red-rated/, url);
  }
  assert.ok([403, 404].includes((await provider.get(`/referrals/${id}`)).statusCode));
});
