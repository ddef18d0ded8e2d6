// Brokerage's commitments in the pages go through "check your answers": sending offers, the
// person's choice, approving an off-framework purchase, placing off framework and ending a
// placement. The first post shows what will happen and changes nothing; confirming commits it; a
// second confirmation (a double click) commits nothing more; input the service refuses shows the
// form's errors, not the check.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/schema.ts';
import { placements } from '../src/brokerage/schema.ts';
import { longDate } from '../src/platform/domain/calendar.ts';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from './support/brokerage.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
let broker: PageSession;
let commissioner: PageSession;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
  broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
});
after(() => world.close());

const kestrelTier1North = () =>
  framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;

async function refer(personId: string, zoneId = world.zoneIds[0]!) {
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId,
    vehicleId: framework.vehicle.id,
    startBy: '2027-02-28',
    zoneIds: [zoneId],
    urgency: 'urgent',
  });
  assert.equal(referred.statusCode, 201, referred.body);
  return referred.json().referral.id as string;
}

const referral = async (id: string) => (await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${id}`)).json();

/** The audit events of one kind about a person. */
const audited = async (personId: string, action: string) =>
  (
    await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, personId), eq(auditEvents.action, action)))
  ).length;

const placementsOf = async (personId: string) =>
  (await world.db.select().from(placements).where(eq(placements.personId, personId))).length;

/** A check-your-answers page: its title, its confirming and "Change" buttons, and its "Cancel" link. */
function assertCheckPage(body: string, title: RegExp, cancelHref: string) {
  assert.match(body, /<span class="govuk-caption-l">Check your answers<\/span>/);
  assert.match(body, title);
  assert.match(body, /<button type="submit" value="yes" name="confirmed"/);
  assert.match(body, /<button type="submit" value="yes" name="change"/);
  assert.match(body, new RegExp(`<a class="govuk-link" href="${cancelHref}">Cancel</a>`));
}

test('sending offers and the choice are checked first, confirmed once, and a missing choice is refused', async () => {
  const scheme = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: kestrelTier1North().id },
    ['Flat 1'],
  );
  const person = await assessedPerson(world);
  const id = await refer(person.id);
  const url = `/referrals/${id}`;
  await broker.get(url);

  // Sending offers: who is offered the work at this step, by when, and that each is told.
  const sendCheck = await broker.post(`${url}/send-offers`, {});
  assert.equal(sendCheck.statusCode, 200, sendCheck.body);
  assertCheckPage(sendCheck.body, /<h1 class="govuk-heading-l">Send offers to Tier 1 providers<\/h1>/, url);
  assert.match(sendCheck.body, /Kestrel Care Ltd \(Tier 1 for complex needs in North\)/);
  assert.match(sendCheck.body, /Kestrel Care Ltd will be told it is offered the work, and must accept or decline/);
  assert.match(sendCheck.body, /Send the offer/);
  assert.equal((await referral(id)).state, 'send-offers', 'nothing sent yet');
  assert.equal(await audited(person.id, 'referral.cascade-step'), 0);

  const sent = await broker.post(`${url}/send-offers`, { confirmed: 'yes' });
  assert.equal(sent.statusCode, 302, sent.body);
  assert.equal(sent.headers.location, url);
  const offering = await referral(id);
  assert.equal(offering.state, 'awaiting-answers');
  const offer = offering.steps[0].offers[0];
  assert.match(sendCheck.body, new RegExp(`Answer by[\\s\\S]*${longDate(offer.respondBy)}`), 'the deadline it has');
  const again = await broker.post(`${url}/send-offers`, { confirmed: 'yes' });
  assert.equal(again.statusCode, 400, 'a second confirmation sends nothing');
  assert.match(again.body, /This referral is now: offered to providers/);
  assert.equal(await audited(person.id, 'referral.cascade-step'), 1);
  assert.equal((await referral(id)).steps.flatMap((step: { offers: unknown[] }) => step.offers).length, 1);
  const unconfirmed = await broker.post(`${url}/send-offers`, {});
  assert.equal(unconfirmed.statusCode, 400, 'offers already sent: the refusal, not the check');
  assert.doesNotMatch(unconfirmed.body, /Check your answers/);

  const accepted = await api(world, 'other_provider_user', 'POST', `/api/v1/offers/${offer.id}/response`, {
    response: 'accept',
    unitId: scheme.units[0]!.unit.id,
    startsOn: '2027-01-18',
    oneToOneMinutesPerWeek: 600,
  });
  assert.equal(accepted.statusCode, 200, accepted.body);

  // The choice: nothing chosen for brokerage, and choosing nothing is refused by its field.
  const choosing = await broker.get(url);
  assert.match(choosing.body, /1\. Kestrel Care Ltd/);
  assert.doesNotMatch(choosing.body, /name="offerId"[^>]*checked/);
  const none = await broker.post(`${url}/choice`, { choiceReason: '' });
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /href="#offerId">Choose the provider the person or family chose/);
  assert.doesNotMatch(none.body, /Check your answers/);
  const unknown = await broker.post(`${url}/choice`, { offerId: randomUUID(), choiceReason: '' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /Choose one of the providers who accepted/);

  const choiceCheck = await broker.post(`${url}/choice`, { offerId: offer.id, choiceReason: '' });
  assert.equal(choiceCheck.statusCode, 200, choiceCheck.body);
  assertCheckPage(choiceCheck.body, new RegExp(`Place ${person.name} with Kestrel Care Ltd`), url);
  assert.match(choiceCheck.body, new RegExp(`${scheme.scheme.name}, Flat 1`));
  assert.match(choiceCheck.body, /18 January 2027/);
  assert.match(choiceCheck.body, /Weekly price[\s\S]*£1,700\.00/);
  assert.match(choiceCheck.body, /Yearly cost[\s\S]*£88,642.86 a year/);
  assert.match(choiceCheck.body, /None needed: ranked first/);
  assert.match(choiceCheck.body, new RegExp(`<input type="hidden" name="offerId" value="${offer.id}">`));
  assert.equal((await referral(id)).state, 'choose', 'not placed yet');
  assert.equal(await placementsOf(person.id), 0);

  const placed = await broker.post(`${url}/choice`, { offerId: offer.id, choiceReason: '', confirmed: 'yes' });
  assert.equal(placed.statusCode, 302, placed.body);
  const placement = await broker.get(placed.headers.location as string);
  assert.match(placement.body, /id="weekly-price">£1,700.00</);
  assert.match(placement.body, /id="annual-cost">£88,642.86</, 'the cost the check page gave');
  const twice = await broker.post(`${url}/choice`, { offerId: offer.id, choiceReason: '', confirmed: 'yes' });
  assert.equal(twice.statusCode, 400, 'a second confirmation places nobody');
  assert.equal(await placementsOf(person.id), 1);
  assert.equal(await audited(person.id, 'placement.create'), 1);
});

test('an off-framework purchase: approving it is checked (refusing is not), then the placement and its cost', async () => {
  const south = world.zoneIds[2]!;
  const person = await assessedPerson(world, { homeZoneId: south });
  const id = await refer(person.id, south);
  const url = `/referrals/${id}`;
  const sent = (await api(world, 'brokerage_officer', 'POST', `/api/v1${url}/send-offers`)).json();
  const declined = await api(world, 'provider_user', 'POST', `/api/v1/offers/${sent.steps[0].offers[0].id}/response`, {
    response: 'decline',
    declineReason: 'location',
  });
  assert.equal(declined.statusCode, 200, declined.body);
  const request = () =>
    api(world, 'brokerage_officer', 'POST', `/api/v1${url}/off-framework`, {
      providerId: world.otherProviderId,
      reason: 'Nobody in South could start before discharge',
    });
  assert.equal((await request()).statusCode, 200);

  // Refusing commits no money: recorded at once, without a check.
  await commissioner.get(url);
  const unanswered = await commissioner.post(`${url}/off-framework-decision`, { note: '' });
  assert.equal(unanswered.statusCode, 400);
  assert.match(unanswered.body, /Say whether you approve/);
  const refused = await commissioner.post(`${url}/off-framework-decision`, { approve: 'no', note: 'Ask Heron again' });
  assert.equal(refused.statusCode, 302, refused.body);
  assert.equal((await referral(id)).state, 'request-off-framework');
  assert.equal((await request()).statusCode, 200);

  const approval = { approve: 'yes', note: '' };
  const approveCheck = await commissioner.post(`${url}/off-framework-decision`, approval);
  assert.equal(approveCheck.statusCode, 200, approveCheck.body);
  assertCheckPage(approveCheck.body, /Approve buying off framework from Kestrel Care Ltd/, url);
  assert.match(approveCheck.body, /Brokerage&#39;s reason[\s\S]*Nobody in South could start before discharge/);
  assert.match(
    approveCheck.body,
    new RegExp(`Brokerage may then place ${person.name} with Kestrel Care Ltd off the framework, at a weekly price`),
  );
  assert.equal((await referral(id)).state, 'awaiting-approval', 'not approved yet');
  assert.equal(
    (await commissioner.post(`${url}/off-framework-decision`, { ...approval, confirmed: 'yes' })).statusCode,
    302,
  );
  assert.equal((await referral(id)).state, 'place-off-framework');
  assert.equal(
    (await commissioner.post(`${url}/off-framework-decision`, { ...approval, confirmed: 'yes' })).statusCode,
    400,
    'a second confirmation approves nothing more',
  );
  assert.equal(await audited(person.id, 'referral.off-framework-approve'), 1);

  // The placement: the refusals on the form; then the check with the agreed price and its yearly cost.
  await broker.get(url);
  const placing = {
    unitId: '',
    'startsOn-day': '1',
    'startsOn-month': '2',
    'startsOn-year': '2027',
    oneToOneHours: '10',
    price: '£1,150',
  };
  const noPrice = await broker.post(`${url}/off-framework-placement`, { ...placing, price: '' });
  assert.equal(noPrice.statusCode, 400);
  assert.match(noPrice.body, /href="#agreedWeeklyPricePence"/);
  const noStart = await broker.post(`${url}/off-framework-placement`, {
    ...placing,
    'startsOn-day': '',
    'startsOn-month': '',
    'startsOn-year': '',
  });
  assert.equal(noStart.statusCode, 400);
  assert.match(noStart.body, /Enter the start date/);
  assert.doesNotMatch(noStart.body, /Check your answers/);

  const placeCheck = await broker.post(`${url}/off-framework-placement`, placing);
  assert.equal(placeCheck.statusCode, 200, placeCheck.body);
  assertCheckPage(placeCheck.body, new RegExp(`Place ${person.name} off framework with Kestrel Care Ltd`), url);
  assert.match(placeCheck.body, /Support in the person&#39;s own home/);
  assert.match(placeCheck.body, /1 February 2027/);
  assert.match(placeCheck.body, /10 hours a week/);
  assert.match(placeCheck.body, /Weekly price[\s\S]*£1,150\.00/);
  assert.match(placeCheck.body, /Yearly cost[\s\S]*£59,964.29 a year/, '£1,150 × 365 ÷ 7');
  assert.match(placeCheck.body, /<input type="hidden" name="price" value="£1,150">/);
  assert.equal(await placementsOf(person.id), 0, 'not placed yet');

  const placed = await broker.post(`${url}/off-framework-placement`, { ...placing, confirmed: 'yes' });
  assert.equal(placed.statusCode, 302, placed.body);
  const placement = await broker.get(placed.headers.location as string);
  assert.match(placement.body, /id="annual-cost">£59,964.29</);
  assert.equal((await broker.post(`${url}/off-framework-placement`, { ...placing, confirmed: 'yes' })).statusCode, 400);
  assert.equal(await placementsOf(person.id), 1);
  assert.equal(await audited(person.id, 'placement.create'), 1);
});

test('ending a placement is checked first: whose, where, the last day and why; the unit is vacant again', async () => {
  const scheme = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: kestrelTier1North().id },
    ['Flat 1'],
  );
  const person = await assessedPerson(world);
  const made = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    unitId: scheme.units[0]!.unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrelTier1North().id,
    startsOn: '2026-11-02',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  });
  assert.equal(made.statusCode, 201, made.body);
  const url = `/placements/${made.json().id}`;
  await broker.get(url);
  const ending = { 'endsOn-day': '1', 'endsOn-month': '3', 'endsOn-year': '2027', reason: 'moved' };

  const noDate = await broker.post(`${url}/end`, { reason: 'moved' });
  assert.equal(noDate.statusCode, 400);
  assert.match(noDate.body, /Enter the end date/);
  const early = await broker.post(`${url}/end`, { ...ending, 'endsOn-year': '2025' });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /cannot end before that/);
  assert.match(early.body, /value="moved" checked/, 'the reason chosen is kept');
  assert.doesNotMatch(early.body, /Check your answers/);

  const check = await broker.post(`${url}/end`, ending);
  assert.equal(check.statusCode, 200, check.body);
  assertCheckPage(check.body, new RegExp(`End ${person.name}&#39;s placement`), url);
  assert.match(check.body, /Care provider[\s\S]*Kestrel Care Ltd/);
  assert.match(check.body, new RegExp(`Where[\\s\\S]*${scheme.scheme.name}, Flat 1`));
  assert.match(check.body, /Last day[\s\S]*1 March 2027/);
  assert.match(check.body, /Why it ends[\s\S]*Moved/);
  assert.match(check.body, /goes back on the vacancy list from 2 March 2027/);
  assert.equal((await api(world, 'brokerage_officer', 'GET', `/api/v1${url}`)).json().endsOn, null, 'not ended yet');

  const ended = await broker.post(`${url}/end`, { ...ending, confirmed: 'yes' });
  assert.equal(ended.statusCode, 302, ended.body);
  assert.equal((await api(world, 'brokerage_officer', 'GET', `/api/v1${url}`)).json().endsOn, '2027-03-01');
  const twice = await broker.post(`${url}/end`, { ...ending, confirmed: 'yes' });
  assert.equal(twice.statusCode, 400, 'a second confirmation ends nothing more');
  assert.match(twice.body, /This placement ended on 1 March 2027/);
  assert.equal(await audited(person.id, 'placement.end'), 1);
});
