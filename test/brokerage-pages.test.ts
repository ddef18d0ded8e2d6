// Brokerage in the pages: adding a person with mistakes shown and kept, an assessment banded by the
// matrix, a referral, a provider's answer, the choice, and the register, summary and planning pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, RATE_CARD, schemeWithVacancies } from './support/brokerage.ts';
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
  const { units } = await schemeWithVacancies(world, { providerId: world.otherProviderId, membershipId: kestrel.id }, [
    'Flat 1',
  ]);
  const social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
  const person = {
    name: 'Aisha Khan',
    'dateOfBirth-day': '3',
    'dateOfBirth-month': '7',
    'dateOfBirth-year': '1994',
    caseReference: 'LAS-77001',
    nhsNumber: '943 476 5918',
    clientGroups: ['learning-disability', 'autism'],
    homeZoneId: world.zoneIds[0]!,
    inCounty: 'yes',
    paymentRoute: 'commissioned',
    'funding-care-act': '60',
    'funding-nhs-chc': '30',
    contribution: '£25.50',
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

  const assess = {
    'assessedOn-day': '2',
    'assessedOn-month': '11',
    'assessedOn-year': '2026',
    assessorName: 'Sam Social',
    oneToOneHours: '10',
    nightSupport: 'sleep-in',
    requiredFeatures: 'wheelchair-access',
    'score-personal-care': '2',
    'score-health': '2',
    'score-behaviour': '2',
    'score-communication': '2',
    'score-risk': '1',
    'score-daily-living': '2',
    'score-community': '9',
  };
  const badScore = await social.post(`/people/${personId}/assessments/new`, assess);
  assert.equal(badScore.statusCode, 400);
  assert.match(badScore.body, /href="#score-community"/, 'the summary links to the score field');
  const unknown = await social.post(`/people/${personId}/assessments/new`, {
    ...assess,
    'score-community': '1',
    mustNotLiveWith: 'LAS-NOBODY',
  });
  assert.match(unknown.body, /Nobody has case reference LAS-NOBODY/);
  const other = await assessedPerson(world);
  assert.equal(
    (
      await social.post(`/people/${personId}/assessments/new`, {
        ...assess,
        'score-community': '1',
        mustNotLiveWith: other.caseReference,
      })
    ).statusCode,
    302,
  );
  assert.deepEqual(
    (await api(world, 'social_worker', 'GET', `/api/v1/people/${personId}`)).json().needs.compatibility.mustNotLiveWith,
    [other.id],
  );
  assert.match(
    (await social.get(`/people/${personId}`)).body,
    new RegExp(`Must not live with[\\s\\S]*${other.name} \\(${other.caseReference}\\)`),
  );
  assert.match((await social.get(`/people/${personId}`)).body, /Complex: total 12/);

  assert.equal((await social.get(`/people/${personId}/referrals/new`)).statusCode, 200);
  const referral = {
    vehicleId: framework.vehicle.id,
    'startBy-day': '31',
    'startBy-month': '1',
    'startBy-year': '2027',
    zoneIds: world.zoneIds[0]!,
    urgency: 'urgent',
  };
  assert.match(
    (await social.post(`/people/${personId}/referrals/new`, { ...referral, zoneIds: [] })).body,
    /Choose at least one zone/,
  );
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
  assert.equal((await broker.post(`/referrals/${referralId}/send-offers`, { confirmed: 'yes' })).statusCode, 302);
  assert.match((await broker.get(`/referrals/${referralId}`)).body, /Tier 1 for complex needs in North/);

  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  const offers = await provider.get('/offers');
  const offerId = idFrom(
    /href="\/offers\/([0-9a-f-]+)"/.exec(offers.body)?.[0]?.replace('href="', ''),
    /\/offers\/([0-9a-f-]+)/,
  );
  const offer = await provider.get(`/offers/${offerId}`);
  assert.match(offer.body, /Aisha Khan/);
  assert.doesNotMatch(offer.body, /LAS-77001|943 476 5919|9434765919/, 'no case reference or NHS number for providers');
  const noAnswer = await provider.post(`/offers/${offerId}`, {});
  assert.equal(noAnswer.statusCode, 400);
  assert.match(noAnswer.body, /Choose whether to accept or decline/);
  const accepted = await provider.post(`/offers/${offerId}`, {
    response: 'accept',
    unitId: units[0]!.unit.id,
    'startsOn-day': '18',
    'startsOn-month': '1',
    'startsOn-year': '2027',
    oneToOneHours: '10',
  });
  assert.equal(accepted.statusCode, 302, accepted.body);
  assert.equal((await new PageSession(world.app).get(`/offers/${offerId}`)).statusCode, 302, 'signed out: to sign in');

  const choosing = await broker.get(`/referrals/${referralId}`);
  assert.match(choosing.body, /Place with the chosen provider/);
  assert.doesNotMatch(choosing.body, /name="offerId"[^>]*checked/, 'no provider is chosen until brokerage chooses');
  const placed = await broker.post(`/referrals/${referralId}/choice`, { offerId, confirmed: 'yes' });
  assert.equal(placed.statusCode, 302, placed.body);
  const placement = await broker.get(placed.headers.location as string);
  assert.match(placement.body, /Kestrel Care Ltd/);
  assert.match(placement.body, /id="weekly-price">£1,700.00</);
  assert.match(placement.body, /id="annual-cost">£88,642.86</);

  assert.doesNotMatch((await broker.get('/vacancies')).body, new RegExp(`Flat 1</td>[\\s\\S]*${units[0]!.unit.id}`));
  const register = await broker.get('/placements?activeOn=2027-01-18');
  assert.match(register.body, /Aisha Khan/);
  const summary = await broker.get('/reports/placements-summary?date=2027-01-18');
  assert.match(
    summary.body,
    /1 placement with 1 provider, 1 in county and 0 out of county, costing £88,642.86 a year gross/,
  );
  assert.equal((await broker.get('/planning')).statusCode, 200);
  assert.equal((await social.get('/placements')).statusCode, 403);
  assert.equal((await provider.get('/people')).statusCode, 403);
});

test('a care provider sees its own schemes, adds a vacancy and reports a void; another provider cannot', async () => {
  const kestrel = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const { scheme, units } = await schemeWithVacancies(
    world,
    { providerId: world.otherProviderId, membershipId: kestrel.id },
    ['Flat A'],
  );
  const person = await assessedPerson(world);
  const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    unitId: units[0]!.unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrel.id,
    startsOn: '2026-11-02',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  });
  assert.equal(placed.statusCode, 201, placed.body);

  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  assert.match((await provider.get('/schemes')).body, new RegExp(scheme.name));
  const page = await provider.get(`/schemes/${scheme.id}`);
  assert.match(page.body, /Let since 2 November 2026/);
  const noDate = await provider.post(`/schemes/${scheme.id}/units`, { name: 'Flat B' });
  assert.equal(noDate.statusCode, 400);
  assert.match(noDate.body, /Enter the date it is available from/);
  assert.equal(
    (
      await provider.post(`/schemes/${scheme.id}/units`, {
        name: 'Flat B',
        features: 'ground-floor',
        'availableFrom-day': '1',
        'availableFrom-month': '12',
        'availableFrom-year': '2026',
      })
    ).statusCode,
    302,
  );
  const reported = await provider.post(`/schemes/${scheme.id}/void`, {
    unitId: units[0]!.unit.id,
    'endsOn-day': '20',
    'endsOn-month': '11',
    'endsOn-year': '2026',
    reason: 'hospital',
  });
  assert.equal(reported.statusCode, 302, reported.body);
  assert.match((await provider.get(`/schemes/${scheme.id}`)).body, /Void since 21 November 2026/);

  const other = new PageSession(world.app);
  await other.signIn(world.emails.provider_user);
  assert.equal((await other.get(`/schemes/${scheme.id}`)).statusCode, 404);
  assert.doesNotMatch((await other.get('/schemes')).body, new RegExp(scheme.name));
});

test('a finance officer adds a rate card in pounds; mistakes are shown against their rates; social workers read it', async () => {
  const finance = new PageSession(world.app);
  await finance.signIn(world.emails.finance_officer);
  const url = `/vehicles/${framework.vehicle.id}/rate-cards`;
  assert.match((await finance.get(url)).body, /Every lot, from 1 April 2026/);
  const card = {
    'effectiveFrom-day': '1',
    'effectiveFrom-month': '4',
    'effectiveFrom-year': '2027',
    'weekly-complex-1': '£1,515.25',
    'weekly-complex-2-3': 'lots',
    'hourly-supportHour': '24.92',
    'hourly-oneToOneHour': '26.13',
    'hourly-sleepInNight': '114.95',
    'hourly-wakingNightHour': '',
  };
  const bad = await finance.post(url, card);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#weekly.complex.2-3"/);
  assert.match(bad.body, /Enter the waking night hour rate|waking night/i);
  assert.match(bad.body, /value="lots"/);
  assert.equal(
    (await finance.post(url, { ...card, 'weekly-complex-2-3': '1,234.50', 'hourly-wakingNightHour': '24.92' }))
      .statusCode,
    302,
  );
  const page = (await finance.get(url)).body;
  assert.match(page, /Every lot, from 1 April 2027/);
  const lot = framework.memberships[0]!.lotId;
  assert.equal(
    (await finance.post(url, { ...card, lotId: lot, 'weekly-complex-2-3': '1,250', 'hourly-wakingNightHour': '24.92' }))
      .statusCode,
    302,
  );
  assert.match((await finance.get(url)).body, /(North|South)[^<]*, from 1 April 2027/);
  assert.match(page, /£1,515.25/);
  const social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
  assert.equal((await social.get(url)).statusCode, 200);
  assert.doesNotMatch((await social.get(url)).body, /Add a rate card/);
  assert.equal((await social.post(url, card)).statusCode, 403);
});

test('a quality officer places an embargo and lifts it, with reasons', async () => {
  const quality = new PageSession(world.app);
  await quality.signIn(world.emails.quality_officer);
  assert.equal((await quality.get('/embargoes')).statusCode, 200);
  const noReason = await quality.post('/embargoes', {
    providerId: world.providerId,
    reason: '',
    'startsOn-day': '1',
    'startsOn-month': '11',
    'startsOn-year': '2026',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Enter the reason/);
  assert.equal(
    (
      await quality.post('/embargoes', {
        providerId: world.providerId,
        reason: 'Two safeguarding concerns substantiated',
        'startsOn-day': '1',
        'startsOn-month': '11',
        'startsOn-year': '2026',
      })
    ).statusCode,
    302,
  );
  const page = await quality.get('/embargoes');
  assert.match(page.body, /Two safeguarding concerns substantiated/);
  const id = /action="\/embargoes\/([0-9a-f-]+)\/lift"/.exec(page.body)![1]!;
  assert.equal((await quality.post(`/embargoes/${id}/lift`, { liftReason: '' })).statusCode, 400);
  assert.equal((await quality.post(`/embargoes/${id}/lift`, { liftReason: 'Action plan completed' })).statusCode, 302);
  assert.match((await quality.get('/embargoes')).body, /Lifted: Action plan completed/);
  const broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  assert.equal((await broker.get('/embargoes')).statusCode, 403);
});

test('brokerage adds a scheme in the pages, then moves its care to another provider', async () => {
  const broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  assert.equal((await broker.get('/schemes/new')).statusCode, 200);
  const kestrel = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const heron = framework.memberships.find((m) => m.providerId === world.providerId && m.tier === 'tier2')!;
  const scheme = {
    name: 'Rowan House',
    housingProviderName: 'Golden Lane Housing',
    housingProviderRegistration: 'L4280',
    addressLine1: '4 Rowan Way',
    townCity: 'Stafford',
    postcode: 'nope',
    zoneId: world.zoneIds[0]!,
    accommodationBand: 'complex',
    membershipId: kestrel.id,
    coreHours: '120',
    nightCover: 'sleep-in',
    wakingNightHours: '10',
  };
  const bad = await broker.post('/schemes/new', scheme);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter a real postcode/);
  const saved = await broker.post('/schemes/new', { ...scheme, postcode: 'st16 3aa' });
  assert.equal(saved.statusCode, 302, saved.body);
  const schemeId = /\/schemes\/([0-9a-f-]+)/.exec(saved.headers.location as string)![1]!;
  assert.equal(
    (
      await broker.post(`/schemes/${schemeId}/units`, {
        name: 'Flat 1',
        'availableFrom-day': '1',
        'availableFrom-month': '10',
        'availableFrom-year': '2026',
      })
    ).statusCode,
    302,
  );
  const page = await broker.get(`/schemes/${schemeId}`);
  assert.match(page.body, /ST16 3AA/);
  assert.match(page.body, /Move care to another provider/);
  const unitId = (await api(world, 'brokerage_officer', 'GET', `/api/v1/schemes/${schemeId}`)).json().units[0].unit.id;
  const person = await assessedPerson(world);
  assert.equal(
    (
      await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
        personId: person.id,
        unitId,
        providerId: world.otherProviderId,
        membershipId: kestrel.id,
        startsOn: '2026-10-05',
        oneToOneMinutesPerWeek: 0,
        nightSupport: 'none',
      })
    ).statusCode,
    201,
  );
  await broker.get(`/schemes/${schemeId}`);
  const noReason = await broker.post(`/schemes/${schemeId}/transfer`, {
    membershipId: heron.id,
    'transferOn-day': '1',
    'transferOn-month': '4',
    'transferOn-year': '2027',
    transferReason: '',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#transferReason"/);
  const moved = await broker.post(`/schemes/${schemeId}/transfer`, {
    membershipId: heron.id,
    'transferOn-day': '1',
    'transferOn-month': '4',
    'transferOn-year': '2027',
    transferReason: 'Contract with Kestrel ended',
  });
  assert.equal(moved.statusCode, 302, moved.body);
  const after = await broker.get(`/schemes/${schemeId}`);
  assert.match(after.body, /Care moved to the new provider: 1 placement moved with their tenancies/);
  assert.match(after.body, /Heron Supported Living Ltd/);
});

test('a commissioner sets how offers are made on a vehicle; brokerage reads it', async () => {
  const commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
  const url = `/vehicles/${framework.vehicle.id}/brokerage-settings`;
  assert.match((await commissioner.get(url)).body, /value="2"/, 'two working days by default');
  const bad = await commissioner.post(url, {
    offerResponseWorkingDays: '0',
    tier2Mode: 'borough-wide',
    rankingRule: 'quality-price',
    rankingQualityPercent: '60',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /The working days to answer an offer must be 1 or more/);
  assert.equal(
    (
      await commissioner.post(url, {
        offerResponseWorkingDays: '3',
        tier2Mode: 'borough-wide',
        rankingRule: 'quality-price',
        rankingQualityPercent: '60',
      })
    ).statusCode,
    302,
  );
  const broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  const read = await broker.get(url);
  assert.match(read.body, /Quality 60%, price 40%/);
  assert.doesNotMatch(read.body, /Save settings/);
  assert.equal((await broker.post(url, {})).statusCode, 403);
  await commissioner.get(url);
  assert.equal(
    (
      await commissioner.post(url, {
        offerResponseWorkingDays: '2',
        tier2Mode: 'existing-schemes',
        rankingRule: 'tier-rank',
      })
    ).statusCode,
    302,
  );
});

test('when nobody on the framework accepts, brokerage finds an off-framework provider by search', async () => {
  const person = await assessedPerson(world, { homeZoneId: world.zoneIds[2] });
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-02-28',
    zoneIds: [world.zoneIds[2]],
    urgency: 'routine',
  });
  const id = referred.json().referral.id;
  const sent = (await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/send-offers`)).json();
  const offer = sent.steps[0].offers[0];
  assert.equal(
    (
      await api(world, 'provider_user', 'POST', `/api/v1/offers/${offer.id}/response`, {
        response: 'decline',
        declineReason: 'location',
      })
    ).statusCode,
    200,
  );
  const broker = new PageSession(world.app);
  await broker.signIn(world.emails.brokerage_officer);
  const page = await broker.get(`/referrals/${id}?providerSearch=kestrel`);
  assert.match(page.body, /Ask to buy off framework/);
  assert.match(page.body, /<option value="[0-9a-f-]+">Kestrel Care Ltd<\/option>/);
  assert.doesNotMatch(page.body, /<option value="[0-9a-f-]+">Heron/);
  const missing = await broker.post(`/referrals/${id}/off-framework`, {
    providerId: world.otherProviderId,
    reason: '',
  });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Enter why no provider on the framework can meet the need/);
  assert.equal(
    (
      await broker.post(`/referrals/${id}/off-framework`, {
        providerId: world.otherProviderId,
        reason: 'Nobody in South could start before discharge',
      })
    ).statusCode,
    302,
  );

  const commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
  assert.match(
    (await commissioner.get(`/referrals/${id}`)).body,
    /Kestrel Care Ltd: Nobody in South could start before discharge/,
  );
  const refusedWithoutNote = await commissioner.post(`/referrals/${id}/off-framework-decision`, { approve: 'no' });
  assert.equal(refusedWithoutNote.statusCode, 400);
  assert.match(refusedWithoutNote.body, /Say why the purchase is refused/);
  assert.equal(
    (await commissioner.post(`/referrals/${id}/off-framework-decision`, { approve: 'yes', note: '', confirmed: 'yes' }))
      .statusCode,
    302,
  );

  const placing = await broker.get(`/referrals/${id}`);
  assert.match(placing.body, /Place off framework with Kestrel Care Ltd/);
  const noPrice = await broker.post(`/referrals/${id}/off-framework-placement`, {
    unitId: '',
    'startsOn-day': '1',
    'startsOn-month': '2',
    'startsOn-year': '2027',
    oneToOneHours: '10',
    price: '',
  });
  assert.equal(noPrice.statusCode, 400);
  assert.match(noPrice.body, /href="#agreedWeeklyPricePence"/);
  const placed = await broker.post(`/referrals/${id}/off-framework-placement`, {
    unitId: '',
    'startsOn-day': '1',
    'startsOn-month': '2',
    'startsOn-year': '2027',
    oneToOneHours: '10',
    price: '£1,150',
    confirmed: 'yes',
  });
  assert.equal(placed.statusCode, 302, placed.body);
  const placement = await broker.get(placed.headers.location as string);
  assert.match(placement.body, /off framework: Nobody in South could start before discharge/);
  assert.match(placement.body, /id="weekly-price">£1,150.00</);
});

test('a social worker withdraws a referral with a reason', async () => {
  const person = await assessedPerson(world);
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-02-28',
    zoneIds: [world.zoneIds[0]],
    urgency: 'routine',
  });
  const id = referred.json().referral.id;
  const social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
  await social.get(`/referrals/${id}`);
  const noReason = await social.post(`/referrals/${id}/withdraw`, { withdrawReason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /href="#withdrawReason">Enter why the referral is withdrawn/);
  assert.equal(
    (await social.post(`/referrals/${id}/withdraw`, { withdrawReason: 'Moved to live with family' })).statusCode,
    302,
  );
  assert.match((await social.get(`/referrals/${id}`)).body, /Withdrawn/);
});

test('planning and the placements summary are in the navigation, for those who may open them', async () => {
  const navigation = async (seat: 'brokerage_officer' | 'commissioner' | 'finance_officer' | 'social_worker') => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails[seat]);
    const home = (await session.get('/')).body;
    return [...home.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map((match) => match[1]);
  };
  for (const seat of ['brokerage_officer', 'commissioner'] as const) {
    const links = await navigation(seat);
    assert.ok(links.includes('/planning') && links.includes('/reports/placements-summary'), seat);
  }
  const finance = await navigation('finance_officer');
  assert.ok(finance.includes('/reports/placements-summary') && !finance.includes('/planning'));
  assert.ok(!(await navigation('social_worker')).includes('/reports/placements-summary'));
});
