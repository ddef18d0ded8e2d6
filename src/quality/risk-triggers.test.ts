// Services' risk ratings kept current: rated again in the same transaction as any change to a record
// they read (from quality's own API, from brokerage's embargoes, from the CQC import, in every
// organisation that contracts the provider), every night for every service, and counting only
// what falls inside each look-back window. The test clock's today is 1 December 2026.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import {
  companyInAdministration,
  contractedService,
  frameworkInUse,
  pastAssessment,
  serviceAtLocation,
} from '../../test/support/quality.ts';
import { api, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { runJob } from '../platform/jobs/scheduler.ts';
import { importCqcFiles } from '../providers/cqc-import.ts';
import type { IndicatorResult } from './domain/risk-score.ts';
import { riskRatingJob } from './jobs.ts';

let world: TestWorld;
/** Heron's service at its CQC location (rated Good), and Kestrel's: each assessed Good, so 0 points. */
let heron: string;
let kestrel: string;
/** Heron's service at the same location in the other council, which CQC's rating reaches too. */
let heronInKent: string;
let kestrelAssessment: string;
/** Kestrel's second service, for the look-back windows. */
let windowed: string;
before(async () => {
  world = await testWorld();
  await frameworkInUse(world);
  heron = await serviceAtLocation(world);
  heronInKent = await serviceAtLocation(world, world.otherCouncilId);
  kestrel = await contractedService(world, 'other_provider');
  await assessedGood(heron);
  kestrelAssessment = await assessedGood(kestrel);
});
after(() => world.close());

/** A Good assessment done before Hearth, brought in: the first thing that rates the service. */
async function assessedGood(serviceId: string): Promise<string> {
  return pastAssessment(world, serviceId, {
    visitOn: '2026-03-02',
    publishedOn: '2026-03-30',
    source: 'Paper report of March 2026',
    rating: () => 'good',
    reason: 'From the paper report',
  });
}

const ratingUrl = (serviceId: string) => `/api/v1/risk/services/${serviceId}`;

/** The service's rating as the dashboard's API gives it (the council's, unless `seat` reads Kent's). */
async function rating(serviceId: string, seat: Seat = 'quality_officer') {
  const response = await api(world, seat, 'GET', ratingUrl(serviceId));
  assert.equal(response.statusCode, 200, response.body);
  const found = response.json().rating as {
    colour: string;
    score: number;
    reasons: string[];
    indicators: IndicatorResult[];
  };
  const indicator = (key: string) => found.indicators.find((each) => each.key === key)!;
  return { colour: found.colour, score: found.score, reasons: found.reasons, indicator };
}

const concern = (serviceId: string, occurredOn: string, finding: object = {}) =>
  api(world, 'quality_officer', 'POST', `/api/v1/quality/services/${serviceId}/intelligence`, {
    kind: 'concern',
    category: 'missed-visits',
    occurredOn,
    summary: 'Evening calls missed',
    source: 'Phone call from a family member',
    ...finding,
  });
const SUBSTANTIATED = { outcome: 'substantiated', outcomeReason: 'Call logs confirm the missed visits' };

test('a service is rated as soon as its assessment is brought in: Good, with no points, is Green', async () => {
  for (const service of [heron, kestrel]) {
    const rated = await rating(service);
    assert.deepEqual({ colour: rated.colour, score: rated.score }, { colour: 'green', score: 0 });
    assert.equal(rated.indicator('quality-assessment').text, 'Quality assessment rated Good on 30 March 2026');
  }
});

test('a third substantiated concern turns the service Amber the moment its finding is recorded', async () => {
  for (const occurredOn of ['2026-10-05', '2026-11-02'])
    assert.equal((await concern(heron, occurredOn, SUBSTANTIATED)).statusCode, 201);
  assert.deepEqual((await rating(heron)).reasons, ['2 substantiated concerns in 12 months (+5)']);
  assert.equal((await rating(heron)).colour, 'green');

  const third = await concern(heron, '2026-11-20');
  assert.equal(third.statusCode, 201, third.body);
  assert.equal((await rating(heron)).colour, 'green', 'a concern not yet investigated does not count');
  const found = await api(
    world,
    'quality_officer',
    'POST',
    `/api/v1/quality/intelligence/${third.json().id}/finding`,
    SUBSTANTIATED,
  );
  assert.equal(found.statusCode, 200, found.body);
  const rated = await rating(heron);
  assert.deepEqual(
    { colour: rated.colour, score: rated.score, reasons: rated.reasons },
    { colour: 'amber', score: 15, reasons: ['3 substantiated concerns in 12 months (+15)'] },
  );
  assert.equal((await rating(kestrel)).colour, 'green', 'another provider’s service is untouched');
});

test('a default notice makes the service Amber at once, and ending it makes it Green again', async () => {
  const issued = await api(world, 'commissioner', 'POST', '/api/v1/quality/contract-actions', {
    kind: 'default-notice',
    providerId: world.otherProviderId,
    reason: 'Quality concerns',
    startsOn: '2026-12-01',
    default: 'Three missed visits in October',
    remedy: 'A staffing plan covering every visit',
    dueOn: '2027-01-15',
  });
  assert.equal(issued.statusCode, 201, issued.body);
  const noticed = await rating(kestrel);
  assert.deepEqual(
    { colour: noticed.colour, reasons: noticed.reasons },
    { colour: 'amber', reasons: ['Default notice in force since 1 December 2026 (+15)'] },
  );
  const ended = await api(world, 'commissioner', 'POST', `/api/v1/quality/contract-actions/${issued.json().id}/end`, {
    reason: 'Put right',
  });
  assert.equal(ended.statusCode, 200, ended.body);
  assert.deepEqual(
    { colour: (await rating(kestrel)).colour, score: (await rating(kestrel)).score },
    { colour: 'green', score: 0 },
  );
});

test('an embargo placed from brokerage’s own API makes the provider’s services Amber; lifting it, Green', async () => {
  const placed = await api(world, 'quality_officer', 'POST', '/api/v1/embargoes', {
    providerId: world.otherProviderId,
    reason: 'Safeguarding enquiry open',
    startsOn: '2026-12-01',
  });
  assert.equal(placed.statusCode, 201, placed.body);
  assert.deepEqual((await rating(kestrel)).reasons, ['Embargo on new placements since 1 December 2026 (+20)']);
  assert.equal((await rating(kestrel)).colour, 'amber');
  const lifted = await api(world, 'commissioner', 'POST', `/api/v1/embargoes/${placed.json().id}/lift`, {
    reason: 'Enquiry closed',
  });
  assert.equal(lifted.statusCode, 204, lifted.body);
  assert.equal((await rating(kestrel)).colour, 'green');
});

test('a CQC import rating the location Inadequate makes its services Red in every council that contracts them', async () => {
  const response = {
    locationId: '1-201000001',
    providerId: '1-101000001',
    name: 'Heron Supported Living Ltd – Stafford',
    postalCode: 'ST16 2LH',
    registrationStatus: 'Registered',
    currentRatings: { overall: { rating: 'Inadequate', reportDate: '2026-11-25' } },
  };
  const summary = await importCqcFiles(world.db, commandLineActor, [
    { name: 'location_1-201000001.json', content: Buffer.from(JSON.stringify(response)) },
  ]);
  assert.equal(summary.locations.updated, 1);
  for (const [service, seat] of [
    [heron, 'quality_officer'],
    [heronInKent, 'other_council_commissioner'],
  ] as const) {
    const rated = await rating(service, seat);
    assert.equal(rated.colour, 'red');
    assert.equal(rated.reasons[0], 'CQC rated Inadequate on 25 November 2026 (red flag)');
  }
});

test('the nightly run rates a service nobody touched, in every organisation', async () => {
  const untouched = await contractedService(world, 'other_provider', '2026-06-01', world.otherCouncilId);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', ratingUrl(untouched))).statusCode, 404);
  assert.equal(await runJob(world.db, riskRatingJob), '4 services rated in 2 organisations');
  const rated = await rating(untouched, 'other_council_commissioner');
  assert.deepEqual(
    { colour: rated.colour, reasons: rated.reasons },
    { colour: 'green', reasons: ['Not yet assessed (+5)'] },
  );
});

test('a concern counts for 12 months: one dated 13 months ago does not, one 11 months ago does', async () => {
  windowed = await contractedService(world, 'other_provider', '2024-04-01');
  assert.equal((await concern(windowed, '2025-11-01', SUBSTANTIATED)).statusCode, 201);
  assert.deepEqual((await rating(windowed)).reasons, ['Not yet assessed (+5)']);
  assert.equal((await concern(windowed, '2026-01-01', SUBSTANTIATED)).statusCode, 201);
  const counted = await rating(windowed);
  assert.deepEqual(
    { colour: counted.colour, score: counted.score, reasons: counted.reasons },
    {
      colour: 'amber',
      score: 10,
      reasons: ['Not yet assessed (+5)', '1 substantiated concern in 12 months (+5)'],
    },
  );
  assert.equal(counted.indicator('substantiated-concerns').on, '2026-01-01', 'the one counted is the later');
});

test('an action added past its due date counts as overdue at once, and no longer once it is signed off', async () => {
  const added = await api(
    world,
    'quality_officer',
    'POST',
    `/api/v1/quality/assessments/${kestrelAssessment}/actions`,
    {
      questionKey: 'S2',
      title: 'Train every carer in medicines',
      owner: 'Registered manager',
      dueOn: '2026-06-01',
    },
  );
  assert.equal(added.statusCode, 201, added.body);
  assert.deepEqual((await rating(kestrel)).reasons, ['1 action-plan item overdue (+3)']);
  const signedOff = await api(world, 'quality_officer', 'POST', `/api/v1/quality/actions/${added.json().id}/sign-off`, {
    note: 'Training records seen',
  });
  assert.equal(signedOff.statusCode, 204, signedOff.body);
  assert.deepEqual((await rating(kestrel)).reasons, []);
});

test('a company recorded in administration is a red flag on every one of its services at once', async () => {
  await companyInAdministration(world, world.otherProviderId, '2026-11-28');
  for (const service of [kestrel, windowed]) {
    const rated = await rating(service);
    assert.equal(rated.colour, 'red');
    assert.equal(rated.reasons[0], 'Company in administration since 28 November 2026 (red flag)');
  }
});
