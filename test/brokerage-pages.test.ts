// Brokerage in the pages: adding a person with mistakes shown and kept, an assessment banded by the
// matrix, a referral, a provider's answer, the choice, and the register, summary and planning pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { RATE_CARD, schemeWithVacancies } from './support/brokerage.ts';
import { api } from './support/test-app.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
});
after(() => world.close());

const idFrom = (location: string | undefined, pattern: RegExp) => pattern.exec(location ?? '')![1]!;

test('a social worker adds and assesses a person and refers them; a provider accepts; brokerage places them', async () => {
  const kestrel = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const { units } = await schemeWithVacancies(world, { providerId: world.otherProviderId, membershipId: kestrel.id }, ['Flat 1']);
  const social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
  const person = {
    name: 'Aisha Khan', 'dateOfBirth-day': '3', 'dateOfBirth-month': '7', 'dateOfBirth-year': '1994', caseReference: 'LAS-77001', nhsNumber: '943 476 5918',
    clientGroups: ['learning-disability', 'autism'], homeZoneId: world.zoneIds[0]!, inCounty: 'yes', paymentRoute: 'commissioned', 'funding-care-act': '60', 'funding-nhs-chc': '30', contribution: '£25.50',
  };
  assert.equal((await social.get('/people/new')).statusCode, 200);
  const bad = await social.post('/people/new', person);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /This is not a valid NHS number: check the digits/);
  assert.match(bad.body, /add up to 100/);
  assert.match(bad.body, /value="Aisha Khan"/, 'keeps what was typed');
  const added = await social.post('/people/new', { ...person, nhsNumber: '943 476 5919', 'funding-nhs-chc': '40' });
  assert.equal(added.statusCode, 302, added.body);
  const personId = idFrom(added.headers.location as string, /\/people\/([0-9a-f-]+)/);
  const record = await social.get(`/people/${personId}`);
  assert.match(record.body, /Council \(Care Act\) 60%, NHS Continuing Healthcare 40%/);
  assert.match(record.body, /£25.50/);

  const assess = { 'assessedOn-day': '2', 'assessedOn-month': '11', 'assessedOn-year': '2026', assessorName: 'Sam Social', oneToOneHours: '10', nightSupport: 'sleep-in', requiredFeatures: 'wheelchair-access',
    'score-personal-care': '2', 'score-health': '2', 'score-behaviour': '2', 'score-communication': '2', 'score-risk': '1', 'score-daily-living': '2', 'score-community': '9' };
  const badScore = await social.post(`/people/${personId}/assessments/new`, assess);
  assert.equal(badScore.statusCode, 400);
  assert.match(badScore.body, /href="#score-community"/, 'the summary links to the score field');
  assert.equal((await social.post(`/people/${personId}/assessments/new`, { ...assess, 'score-community': '1' })).statusCode, 302);
  assert.match((await social.get(`/people/${personId}`)).body, /Complex: total 12/);

  assert.equal((await social.get(`/people/${personId}/referrals/new`)).statusCode, 200);
  const referral = { vehicleId: framework.vehicle.id, 'startBy-day': '31', 'startBy-month': '1', 'startBy-year': '2027', zoneIds: world.zoneIds[0]!, urgency: 'urgent' };
  assert.match((await social.post(`/people/${personId}/referrals/new`, { ...referral, zoneIds: [] })).body, /Choose at least one zone/);
  const referred = await social.post(`/people/${personId}/referrals/new`, referral);
  assert.equal(referred.statusCode, 302, referred.body);
  const referralId = idFrom(referred.headers.location as string, /\/referrals\/([0-9a-f-]+)/);
  const seen = await social.get(`/referrals/${referralId}`);
  assert.match(seen.body, /Maple Court \d+, Flat 1/, 'the shortlist');
  assert.doesNotMatch(seen.body, /Send offers to Tier 1 providers/, 'only brokerage sends offers');

  const broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  assert.match((await broker.get('/referrals')).body, /Aisha Khan/);
  assert.match((await broker.get(`/referrals/${referralId}`)).body, /Send offers to Tier 1 providers/);
  assert.equal((await broker.post(`/referrals/${referralId}/send-offers`, {})).statusCode, 302);
  assert.match((await broker.get(`/referrals/${referralId}`)).body, /Tier 1 for complex needs in North/);

  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  const offers = await provider.get('/offers');
  const offerId = idFrom(/href="\/offers\/([0-9a-f-]+)"/.exec(offers.body)?.[0]?.replace('href="', ''), /\/offers\/([0-9a-f-]+)/);
  const offer = await provider.get(`/offers/${offerId}`);
  assert.match(offer.body, /Aisha Khan/);
  assert.doesNotMatch(offer.body, /LAS-77001|943 476 5919|9434765919/, 'no case reference or NHS number for providers');
  const noAnswer = await provider.post(`/offers/${offerId}`, {});
  assert.equal(noAnswer.statusCode, 400);
  assert.match(noAnswer.body, /Choose whether to accept or decline/);
  const accepted = await provider.post(`/offers/${offerId}`, { response: 'accept', unitId: units[0]!.unit.id, 'startsOn-day': '18', 'startsOn-month': '1', 'startsOn-year': '2027', oneToOneHours: '10' });
  assert.equal(accepted.statusCode, 302, accepted.body);
  assert.equal((await new PageSession(world.app).get(`/offers/${offerId}`)).statusCode, 302, 'signed out: to sign in');

  const choosing = await broker.get(`/referrals/${referralId}`);
  assert.match(choosing.body, /Place with the chosen provider/);
  const placed = await broker.post(`/referrals/${referralId}/choice`, { offerId });
  assert.equal(placed.statusCode, 302, placed.body);
  const placement = await broker.get(placed.headers.location as string);
  assert.match(placement.body, /Kestrel Care Ltd/);
  assert.match(placement.body, /id="weekly-price">£1,700</);
  assert.match(placement.body, /id="annual-cost">£88,642.86</);

  assert.doesNotMatch((await broker.get('/vacancies')).body, new RegExp(`Flat 1</td>[\\s\\S]*${units[0]!.unit.id}`));
  const register = await broker.get('/placements?activeOn=2027-01-18');
  assert.match(register.body, /Aisha Khan/);
  const summary = await broker.get('/reports/placements-summary?date=2027-01-18');
  assert.match(summary.body, /1 placement with 1 provider, 1 in county and 0 out of county, costing £88,642.86 a year gross/);
  assert.equal((await broker.get('/planning')).statusCode, 200);
  assert.equal((await social.get('/placements')).statusCode, 403);
  assert.equal((await provider.get('/people')).statusCode, 403);
});
