// A vehicle under the NHS Provider Selection Regime: its decision record refused until whole, the
// award waiting for it and following it (the provider it names, the standstill it sets, longer
// after representations), its notices valid OCDS, and only the lead commissioners recording it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from '../../test/support/procurement.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-schema.ts';
import { noticeReleasePackage } from './domain/notice-release.ts';
import { PSR_CRITERIA, psrStandstill } from './domain/psr.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const today = () => isoDateInLondon(new Date());

/** A PSR framework with Heron and Kestrel through evaluation, in evaluation. */
async function psrVehicleInEvaluation(
  reference: string,
  seats: readonly ('provider_user' | 'other_provider_user')[] = ['provider_user', 'other_provider_user'],
) {
  const vehicle = await openVehicle(world, {
    reference,
    regime: 'psr',
    description: 'Continuing Healthcare packages in supported living',
    valuePence: 120_000_000,
  });
  const north = vehicle.lots[0]!.id;
  for (const seat of seats) {
    const application = await submittedApplication(world, seat, vehicle, [north]);
    await throughEvaluation(world, vehicle.id, application, [4, 4]);
  }
  const evaluation = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, {
    status: 'evaluation',
  });
  assert.equal(evaluation.statusCode, 200, evaluation.body);
  return vehicle;
}

const record = (
  vehicleId: string,
  body: unknown,
  seat: 'commissioner' | 'auditor' | 'other_council_commissioner' = 'commissioner',
) => api(world, seat, 'PUT', `/api/v1/vehicles/${vehicleId}/psr-decision`, body);

const competitive = {
  process: 'competitive',
  conditionsMet: true,
  criteria: PSR_CRITERIA.map((criterion) => ({ criterion, weightPercent: 20, rationale: 'Weighed by the panel' })),
  decisionMakers: 'ICB Continuing Healthcare panel',
  conflicts: 'None',
  rationale: 'Several capable providers: a competitive process.',
};

const noticeRelease = (release: object) =>
  ocdsPackageErrors(
    noticeReleasePackage([release], { uri: 'https://example.test/p', publishedAt: new Date(), publisher: 'Test' }),
  );

test('the competitive process: no award before the record, the standstill from its notice, longer after representations', async () => {
  const vehicle = await psrVehicleInEvaluation('PSR-1');
  const url = `/api/v1/vehicles/${vehicle.id}`;
  const early = await api(world, 'commissioner', 'POST', `${url}/award`, { noticeDate: today() });
  assert.equal(early.statusCode, 422, early.body);
  assert.match(early.json().errors[0].message, /Record the Provider Selection Regime decision/);

  const gaps = await record(vehicle.id, { process: 'most-suitable-provider', criteria: [] });
  assert.equal(gaps.statusCode, 422, gaps.body);
  assert.deepEqual(
    gaps.json().errors.map((error: { field: string }) => error.field),
    ['conditionsMet', 'providerId', 'criteria', 'decisionMakers', 'conflicts', 'rationale'],
  );
  assert.equal((await record(vehicle.id, competitive, 'auditor')).statusCode, 403);
  assert.equal((await record(vehicle.id, competitive, 'other_council_commissioner')).statusCode, 404);
  const recorded = await record(vehicle.id, competitive);
  assert.equal(recorded.statusCode, 200, recorded.body);
  assert.equal(recorded.json().decision.processLabel, 'Competitive process');
  const read = await api(world, 'auditor', 'GET', `${url}/psr-decision`);
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().canRecord, false, 'an auditor reads, and records nothing');
  assert.equal((await api(world, 'provider_user', 'GET', `${url}/psr-decision`)).statusCode, 403);

  const awarded = await api(world, 'commissioner', 'POST', `${url}/award`, { noticeDate: today() });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const expected = psrStandstill(today(), bankHolidays());
  assert.equal(awarded.json().decision.standstillRegime, 'psr');
  assert.equal(awarded.json().decision.standstillEnds, expected.ends);
  assert.equal((await record(vehicle.id, competitive)).statusCode, 409, 'the record is kept once awarded');

  const intention = (await api(world, 'commissioner', 'GET', `${url}/notices`)).json().notices[0];
  assert.equal(intention.kind, 'PSR-INT');
  const published = await api(world, 'commissioner', 'POST', `${url}/notices`, intention);
  assert.equal(published.statusCode, 201, published.body);
  assert.deepEqual(noticeRelease(published.json().release), []);
  assert.match(published.json().release.tender.procurementMethodDetails, /Competitive process/);

  const representations = await api(world, 'commissioner', 'POST', `${url}/psr-decision/representations`, {
    answeredOn: today(),
    representations: 'Kestrel asked how the value criterion was scored; the panel explained.',
  });
  assert.equal(representations.statusCode, 200, representations.body);
  const longer = psrStandstill(today(), bankHolidays(), { answeredOn: today() });
  const view = (await api(world, 'commissioner', 'GET', `${url}/award`)).json();
  assert.equal(view.decision.standstillEnds, longer.ends, '5 more working days');
  assert.ok(longer.ends > expected.ends);
  const tooEarly = await api(world, 'commissioner', 'POST', `${url}/contracts`, {
    startOn: expected.earliestContractDate,
  });
  assert.equal(tooEarly.statusCode, 422, 'contracts wait for the longer standstill');
  const future = await api(world, 'commissioner', 'POST', `${url}/psr-decision/representations`, {
    answeredOn: '2099-01-01',
    representations: 'x',
  });
  assert.equal(future.statusCode, 422);
});

test('direct award A: one named provider, no standstill, and its award published once the contract starts', async () => {
  const vehicle = await psrVehicleInEvaluation('PSR-2');
  const url = `/api/v1/vehicles/${vehicle.id}`;
  const applicants = (await api(world, 'commissioner', 'GET', `${url}/psr-decision`)).json().applicants as {
    id: string;
    name: string;
  }[];
  const heron = applicants.find((applicant) => /Heron/.test(applicant.name))!;
  const directA = {
    process: 'direct-award-a',
    conditionsMet: true,
    providerId: heron.id,
    existingContract: 'CHC-2022-14',
    decisionMakers: 'ICB Continuing Healthcare panel',
    conflicts: 'None',
    rationale: 'The only provider able to support this person in their own home.',
  };
  assert.equal(
    (await record(vehicle.id, { ...directA, providerId: '00000000-0000-4000-8000-000000000000' })).statusCode,
    422,
  );
  assert.equal((await record(vehicle.id, directA)).statusCode, 200);
  // Both tenderers passed evaluation, but the decision names one: the award is refused.
  const both = await api(world, 'commissioner', 'POST', `${url}/award`, { noticeDate: today() });
  assert.equal(both.statusCode, 422, both.body);
  assert.match(both.json().errors[0].message, /awards to one provider/);

  const alone = await psrVehicleInEvaluation('PSR-3', ['provider_user']);
  const aloneUrl = `/api/v1/vehicles/${alone.id}`;
  assert.equal((await record(alone.id, directA)).statusCode, 200);
  const awarded = await api(world, 'commissioner', 'POST', `${aloneUrl}/award`, { noticeDate: today() });
  assert.equal(awarded.statusCode, 201, awarded.body);
  assert.equal(awarded.json().decision.earliestContractDate, today(), 'no standstill');
  assert.deepEqual(
    (await api(world, 'commissioner', 'GET', `${aloneUrl}/notices`)).json().notices,
    [],
    'no intention notice',
  );
  const started = await api(world, 'commissioner', 'POST', `${aloneUrl}/contracts`, { startOn: today() });
  assert.equal(started.statusCode, 200, started.body);
  const [award] = (await api(world, 'commissioner', 'GET', `${aloneUrl}/notices`)).json().notices;
  assert.equal(award.kind, 'PSR-CAN');
  const published = await api(world, 'commissioner', 'POST', `${aloneUrl}/notices`, award);
  assert.equal(published.statusCode, 201, published.body);
  assert.deepEqual(noticeRelease(published.json().release), []);
  assert.match(published.json().release.tender.procurementMethodDetails, /Direct award process A/);
  const representations = await api(world, 'commissioner', 'POST', `${aloneUrl}/psr-decision/representations`, {
    answeredOn: today(),
    representations: 'x',
  });
  assert.equal(representations.statusCode, 422, 'direct award A has no standstill for representations');
});
