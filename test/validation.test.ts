// What a careful officer would call impossible is refused, naming the field and saying how to put
// it right, with every problem of a form at once: ages, 1:1 hours, contributions above the price,
// vacancies and start-by dates too far off, rates named by their row and column; and a start well
// after the start-by date is flagged to brokerage rather than refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, addYears, isoDateInLondon, longDate } from '../src/platform/domain/calendar.ts';
import { ageOn } from '../src/brokerage/domain/people.ts';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, COMPLEX_SCORES, RATE_CARD, schemeWithVacancies } from './support/brokerage.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
let today: string;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
  today = isoDateInLondon(new Date());
});
after(() => world.close());

const kestrelNorth = () =>
  framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;

/** The refusal's messages by field, checking it was a refusal. */
async function refused(response: Promise<{ statusCode: number; body: string; json(): unknown }>) {
  const answer = await response;
  assert.equal(answer.statusCode, 422, answer.body);
  const { errors } = answer.json() as { errors: { field: string; message: string }[] };
  return Object.fromEntries(errors.map((error) => [error.field, error.message]));
}

const person = (extra: Record<string, unknown>) => ({
  name: 'Sam Taylor',
  dateOfBirth: '1990-05-17',
  caseReference: `LAS-V-${Math.random().toString(36).slice(2, 8)}`,
  clientGroups: ['learning-disability'],
  inCounty: true,
  paymentRoute: 'commissioned',
  funding: [{ stream: 'care-act', percent: 100 }],
  ...extra,
});
const born = (yearsAgo: number, days = 0) => addDays(addYears(today, -yearsAgo), days);

describe('a person', () => {
  test('is 16 to 120, and under 18 only on a transition pathway; every problem is given at once', async () => {
    const add = (extra: Record<string, unknown>) =>
      api(world, 'social_worker', 'POST', '/api/v1/people', person(extra));
    const all = await refused(add({ name: '', dateOfBirth: born(17), nhsNumber: '123', funding: [] }));
    assert.deepEqual(Object.keys(all).sort(), ['dateOfBirth', 'funding', 'name', 'nhsNumber']);
    assert.equal(
      all.dateOfBirth,
      "The date of birth makes them 17: under 18, say they are on a transition pathway from children's services",
    );
    assert.equal((await add({ dateOfBirth: born(17), transitionPathway: true })).statusCode, 201);
    assert.equal((await add({ dateOfBirth: born(18) })).statusCode, 201, '18 today');
    assert.match(
      (await refused(add({ dateOfBirth: born(16, 1), transitionPathway: true }))).dateOfBirth!,
      /makes them 15: supported living is for people aged 16 or over/,
    );
    assert.equal(
      (await refused(add({ dateOfBirth: '1890-01-01' }))).dateOfBirth,
      `The date of birth makes them ${ageOn('1890-01-01', today)}: check the year`,
    );
    assert.equal(
      (await refused(add({ dateOfBirth: addDays(today, 1) }))).dateOfBirth,
      'The date of birth must be in the past',
    );
  });

  test('the form asks about the transition pathway and shows the age problem by the date', async () => {
    const social = new PageSession(world.app);
    await social.signIn(world.emails.social_worker);
    const form = await social.get('/people/new');
    assert.match(form.body, /Moving from children&#39;s services \(transition pathway\)/);
    const [year, month, day] = born(17).split('-');
    const typed = await social.post('/people/new', {
      name: 'Ava Lee',
      'dateOfBirth-day': day!,
      'dateOfBirth-month': month!,
      'dateOfBirth-year': year!,
      caseReference: 'LAS-V-AVA',
      clientGroups: 'autism',
      inCounty: 'yes',
      paymentRoute: 'commissioned',
      'funding-care-act': '100',
    });
    assert.equal(typed.statusCode, 400);
    assert.match(typed.body, /href="#dateOfBirth[^"]*">The date of birth makes them 17/);
    const placed = await social.post('/people/new', {
      name: 'Ava Lee',
      'dateOfBirth-day': day!,
      'dateOfBirth-month': month!,
      'dateOfBirth-year': year!,
      transitionPathway: 'yes',
      caseReference: 'LAS-V-AVA',
      clientGroups: 'autism',
      inCounty: 'yes',
      paymentRoute: 'commissioned',
      'funding-care-act': '100',
    });
    assert.equal(placed.statusCode, 302, placed.body);
    assert.match((await social.get(placed.headers.location!)).body, /17 \(born [^)]+\), on a transition pathway/);
  });

  test('1:1 support is at most the 168 hours of a week, and each score is shown with what it means', async () => {
    const { id } = await assessedPerson(world);
    const assess = (minutes: number) =>
      api(world, 'social_worker', 'POST', `/api/v1/people/${id}/assessments`, {
        assessedOn: today,
        assessorName: 'Sam Social',
        scores: COMPLEX_SCORES,
        oneToOneMinutesPerWeek: minutes,
        nightSupport: 'none',
      });
    assert.equal((await assess(168 * 60)).statusCode, 201);
    assert.equal(
      (await refused(assess(169 * 60))).oneToOneMinutesPerWeek,
      '1:1 support cannot be more than 168 hours a week, every hour there is',
    );
    const social = new PageSession(world.app);
    await social.signIn(world.emails.social_worker);
    const form = (await social.get(`/people/${id}/assessments/new`)).body;
    assert.match(
      form,
      /<input class="govuk-radios__input" id="score-behaviour" name="score-behaviour" type="radio" value="0">/,
    );
    assert.match(form, /3: Support with most tasks, most days/);
    const typed = await social.post(`/people/${id}/assessments/new`, {
      'assessedOn-day': today.slice(8),
      'assessedOn-month': today.slice(5, 7),
      'assessedOn-year': today.slice(0, 4),
      assessorName: 'Sam Social',
      'score-behaviour': '9',
      oneToOneHours: '200',
      nightSupport: 'none',
    });
    assert.equal(typed.statusCode, 400);
    assert.match(typed.body, /href="#oneToOneMinutesPerWeek">1:1 support cannot be more than 168 hours a week/);
    assert.match(typed.body, /href="#score-behaviour">Score behaviour that challenges as a whole number from 0 to 4/);
    assert.match(typed.body, /href="#score-health">Score health and medication/, 'with the form, not after it');
  });
});

describe('money', () => {
  test("a contribution above the package's weekly price is refused, when placing and on the person's record", async () => {
    const { units } = await schemeWithVacancies(
      world,
      { providerId: world.otherProviderId, membershipId: kestrelNorth().id },
      ['Flat 1', 'Flat 2'],
    );
    const place = (personId: string, unitId: string) =>
      api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
        personId,
        unitId,
        providerId: world.otherProviderId,
        membershipId: kestrelNorth().id,
        startsOn: addDays(today, 30),
        oneToOneMinutesPerWeek: 600,
        nightSupport: 'sleep-in',
      });
    const wealthy = await assessedPerson(world, { name: 'Pat Rich', contributionPence: 200_000 });
    assert.match(
      (await refused(place(wealthy.id, units[0]!.unit.id))).personId!,
      /^Pat Rich's weekly contribution, £2,000\.00, is more than the weekly price, £1,700\.00: check both$/,
    );
    const placedPerson = await assessedPerson(world, { name: 'Lee Fair' });
    assert.equal((await place(placedPerson.id, units[1]!.unit.id)).statusCode, 201);
    const record = (await api(world, 'social_worker', 'GET', `/api/v1/people/${placedPerson.id}`)).json().person;
    const change = (contributionPence: number) =>
      api(world, 'social_worker', 'PUT', `/api/v1/people/${placedPerson.id}`, {
        ...person({}),
        ...record,
        contributionPence,
      });
    assert.match((await refused(change(180_000))).contributionPence!, /is more than the weekly price, £1,700\.00/);
    assert.equal((await change(170_000)).statusCode, 200, 'paying the whole price');
  });

  test('rates in pounds are named by their row and column', async () => {
    const finance = new PageSession(world.app);
    await finance.signIn(world.emails.finance_officer);
    await finance.get(`/vehicles/${framework.vehicle.id}/rate-cards`);
    const typed = await finance.post(`/vehicles/${framework.vehicle.id}/rate-cards`, {
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2027',
      'weekly-complex-2-3': 'lots',
      'weekly-highly-complex-1': '-5',
      'hourly-supportHour': 'x',
      'hourly-oneToOneHour': '26.13',
      'hourly-sleepInNight': '114.95',
      'hourly-wakingNightHour': '24.92',
    });
    assert.equal(typed.statusCode, 400);
    for (const message of [
      'The weekly rate for complex needs, 2 to 3 tenants must be an amount of money',
      'The weekly rate for highly complex needs, 1 tenant must be an amount of money',
      'The support hour rate must be an amount of money',
    ])
      assert.ok(typed.body.includes(message), message);
  });
});

describe('dates', () => {
  test('a vacancy is available from no earlier than a year ago, and within five years', async () => {
    const { scheme } = await schemeWithVacancies(
      world,
      { providerId: world.otherProviderId, membershipId: kestrelNorth().id },
      [],
    );
    const add = (availableFrom: string) =>
      api(world, 'brokerage_officer', 'POST', `/api/v1/schemes/${scheme.id}/units`, { name: 'Flat 9', availableFrom });
    assert.equal(
      (await refused(add(addDays(addYears(today, -1), -1)))).availableFrom,
      `The date it is available from must be no earlier than a year ago, ${longDate(addYears(today, -1))}`,
    );
    assert.match((await refused(add(addYears(today, 6)))).availableFrom!, /must be within 5 years/);
    assert.equal((await add(addYears(today, -1))).statusCode, 201);
  });

  test('care is asked for from today to two years ahead; a start well after the start-by date is flagged', async () => {
    const { units } = await schemeWithVacancies(
      world,
      { providerId: world.otherProviderId, membershipId: kestrelNorth().id },
      ['Flat 1'],
    );
    const { id: personId, name } = await assessedPerson(world);
    const refer = (startBy: string) =>
      api(world, 'social_worker', 'POST', '/api/v1/referrals', {
        personId,
        vehicleId: framework.vehicle.id,
        startBy,
        zoneIds: [world.zoneIds[0]],
        urgency: 'routine',
      });
    assert.equal((await refused(refer(addDays(today, -1)))).startBy, 'The start-by date cannot be in the past');
    assert.match((await refused(refer(addDays(addYears(today, 2), 1)))).startBy!, /must be within 2 years/);
    const startBy = addDays(today, 30);
    const referral = (await refer(startBy)).json().referral.id as string;
    const sent = (await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral}/send-offers`)).json();
    const accepted = await api(
      world,
      'other_provider_user',
      'POST',
      `/api/v1/offers/${sent.steps[0].offers[0].id}/response`,
      {
        response: 'accept',
        unitId: units[0]!.unit.id,
        startsOn: addDays(startBy, 21),
        oneToOneMinutesPerWeek: 600,
      },
    );
    assert.equal(accepted.statusCode, 200, accepted.body);
    const warning = `Starts 21 days after the start-by date, ${longDate(startBy)}`;
    const broker = new PageSession(world.app);
    await broker.signIn(world.emails.brokerage_officer);
    const page = await broker.get(`/referrals/${referral}`);
    assert.ok(page.body.includes(warning), 'beside the acceptance');
    const check = await broker.post(`/referrals/${referral}/choice`, {
      offerId: sent.steps[0].offers[0].id,
      choiceReason: '',
    });
    assert.equal(check.statusCode, 200, check.body);
    assert.match(check.body, new RegExp(`Place ${name} with Kestrel Care Ltd`));
    assert.ok(check.body.includes(`${longDate(addDays(startBy, 21))}. ${warning}`), 'on the check before placing');
  });
});
