// The vehicles API as commissioners, partners, other councils and providers use it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor, listAuditEvents } from '../platform/audit/service.ts';
import { createApiToken } from '../organisations/account-service.ts';
import { createUser } from '../organisations/user-service.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';

let world: TestWorld;
let nhsToken: string;
before(async () => {
  world = await testWorld();
  const nhsCommissioner = await createUser(world.db, commandLineActor, {
    email: 'nhs@example.nhs.uk',
    name: 'NHS commissioner',
    roles: ['commissioner'],
    organisation: 'QNC',
    password: 'a long enough password',
  });
  nhsToken = (await createApiToken(world.db, commandLineActor, nhsCommissioner.id, { name: 'tests' })).token;
});
after(() => world.close());

const framework = () => ({
  reference: 'WVCC-SL-FW-2026',
  name: 'Supported Living Framework 2026',
  kind: 'framework',
  regime: 'pa2023',
  valuePence: 7_000_000_000,
  advertOn: '2026-01-05',
  clarificationDeadline: '2026-02-13',
  submissionDeadline: '2026-03-02',
  awardOn: '2026-06-01',
  contractStartOn: '2026-10-01',
  contractEndOn: '2031-09-30',
  extensionOptions: 'two further periods of 12 months',
  stages: ['selection', 'quality', 'negotiation', 'resubmission', 'financial', 'award'],
  pricesFixed: true,
  qualityWeightPercent: 100,
  scoreScaleMax: 5,
  tiered: true,
  maxTier1ZonesPerProvider: 2,
  qualityThreshold: 60,
  allocationRule: 'coverage-then-score',
  zones: world.zoneIds.map((zoneId, i) => ({ zoneId, tier1Places: [3, 4, 3][i] })),
  partners: [{ organisation: 'QNC', fundingSharePercent: 25 }],
});

test('a commissioner sets up a tiered framework with its NHS partner, zones, lots, and opens it', async () => {
  const created = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', framework());
  assert.equal(created.statusCode, 201, created.body);
  const vehicle = created.json();
  assert.equal(vehicle.vehicle.status, 'draft');
  assert.equal(vehicle.leadFundingSharePercent, 75);
  assert.deepEqual(
    vehicle.partners.map((p: { code: string; fundingSharePercent: number }) => [p.code, p.fundingSharePercent]),
    [['QNC', 25]],
  );
  assert.deepEqual(
    vehicle.zones.map((z: { name: string; tier1Places: number }) => [z.name, z.tier1Places]),
    [
      ['North', 3],
      ['Central', 4],
      ['South', 3],
    ],
  );
  const id = vehicle.vehicle.id;

  const tooSoon = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/status`, { status: 'open' });
  assert.equal(tooSoon.statusCode, 422);
  assert.match(tooSoon.json().errors[0].message, /Set the lots before advertising/);

  const lots = await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${id}/lots`, {
    zoneIds: world.zoneIds,
    needBands: ['highly-complex', 'complex', 'less-complex'],
    serviceTypes: ['supported-living'],
  });
  assert.equal(lots.statusCode, 200, lots.body);
  assert.equal(lots.json().lots.length, 9);
  assert.equal(lots.json().lots[0].title, 'North: supported living, complex needs');

  const skip = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/status`, { status: 'live' });
  assert.equal(skip.statusCode, 422);
  assert.match(skip.json().errors[0].message, /can become open for applications/);
  const opened = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/status`, {
    status: 'open',
    reason: 'Advertised on Find a Tender',
  });
  assert.equal(opened.json().vehicle.status, 'open');
  assert.equal(opened.json().acceptingApplications, true);

  const relot = await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${id}/lots`, {
    zoneIds: world.zoneIds,
    needBands: ['complex'],
    serviceTypes: ['respite'],
  });
  assert.equal(relot.statusCode, 422);
  const rekind = await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${id}`, { kind: 'block-contract' });
  assert.equal(rekind.statusCode, 422);
  assert.match(rekind.json().errors[0].message, /fixed once it has been advertised/);

  const renamed = await api(
    world,
    'commissioner',
    'PATCH',
    `/api/v1/vehicles/${id}?reason=${encodeURIComponent('Cabinet renamed it')}`,
    { name: 'Supported Living and Complex Care Framework 2026' },
  );
  assert.equal(renamed.statusCode, 200, renamed.body);
  assert.equal(renamed.json().vehicle.submissionDeadline, '2026-03-02', 'fields not sent are kept');
  assert.equal(renamed.json().partners.length, 1);
  const history = await listAuditEvents(world.db, { recordType: 'vehicle', recordId: id }, 1);
  assert.deepEqual(
    history.items.map((event) => event.action),
    ['vehicle.update', 'vehicle.status', 'vehicle.lots', 'vehicle.create'],
  );
  assert.equal(history.items[0]!.reason, 'Cabinet renamed it');
  assert.deepEqual(history.items[0]!.after, { name: 'Supported Living and Complex Care Framework 2026' });
  assert.equal(history.items[1]!.reason, 'Advertised on Find a Tender');
});

test('who sees a vehicle: the lead and its partner; providers once it is open; other councils never', async () => {
  const draft = (
    await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
      ...framework(),
      reference: 'DRAFT-1',
      name: 'A draft',
    })
  ).json().vehicle;
  const url = `/api/v1/vehicles/${draft.id}`;
  for (const seat of ['commissioner', 'evaluator', 'auditor', 'finance_officer'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 200, seat);
  const partner = await world.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${nhsToken}` } });
  assert.equal(partner.statusCode, 200);
  assert.equal(partner.json().canManage, false);
  assert.equal(
    (
      await world.app.inject({
        method: 'PATCH',
        url,
        payload: { name: 'Taken over' },
        headers: { authorization: `Bearer ${nhsToken}` },
      })
    ).statusCode,
    404,
  );
  for (const seat of ['other_council_commissioner', 'provider_user'] as const)
    assert.equal((await api(world, seat, 'GET', url)).statusCode, 404, seat);
  assert.equal((await api(world, 'other_council_commissioner', 'PATCH', url, { name: 'Ours now' })).statusCode, 404);
  assert.equal((await api(world, 'evaluator', 'PATCH', url, { name: 'Mine' })).statusCode, 403);
  assert.equal((await api(world, 'provider_user', 'POST', '/api/v1/vehicles', framework())).statusCode, 403);

  const providerList = (await api(world, 'provider_user', 'GET', '/api/v1/vehicles')).json();
  assert.ok(
    providerList.items.every((v: { acceptingApplications: boolean }) => v.acceptingApplications),
    'providers see only open opportunities',
  );
  assert.ok(!providerList.items.some((v: { id: string }) => v.id === draft.id));
  const theirs = (await api(world, 'other_council_commissioner', 'GET', '/api/v1/vehicles')).json();
  assert.equal(theirs.total, 0);
  const ours = (await api(world, 'auditor', 'GET', '/api/v1/vehicles?search=draft')).json();
  assert.deepEqual(
    ours.items.map((v: { reference: string }) => v.reference),
    ['DRAFT-1'],
  );
});

test('bad settings are refused with every problem listed; a reference is used once', async () => {
  const bad = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    ...framework(),
    reference: 'BAD-1',
    kind: 'dps',
    regime: 'pa2023',
    submissionDeadline: '2026-01-01',
    contractEndOn: '2026-09-01',
    pricesFixed: true,
    qualityWeightPercent: 70,
    maxTier1ZonesPerProvider: null,
    zones: [{ zoneId: world.zoneIds[0], tier1Places: null }],
    partners: [{ organisation: 'NOPE', fundingSharePercent: 10 }],
  });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(
    bad.json().errors.map((e: { field: string }) => e.field),
    [
      'partners.0.organisation',
      'regime',
      'submissionDeadline',
      'contractEndOn',
      'qualityWeightPercent',
      'maxTier1ZonesPerProvider',
      'zones.0.tier1Places',
    ],
  );
  const shape = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: '',
    kind: 'auction',
    valuePence: 1.5,
    advertOn: '2026-02-30',
  });
  assert.equal(shape.statusCode, 422);
  assert.deepEqual(
    shape
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['advertOn', 'kind', 'name', 'reference', 'regime', 'valuePence'],
  );
  const foreignZone = (await api(world, 'other_council_commissioner', 'GET', '/api/v1/me')).json();
  assert.ok(foreignZone.organisationId);
  const theirZone = await api(world, 'other_council_commissioner', 'POST', '/api/v1/vehicles', {
    ...framework(),
    reference: 'KENT-1',
    partners: [],
  });
  assert.deepEqual(
    theirZone.json().errors.map((e: { field: string }) => e.field),
    ['zones.0.zoneId', 'zones.1.zoneId', 'zones.2.zoneId'],
  );
  const again = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', framework());
  assert.equal(again.statusCode, 409);
});

test('a PCR 2015 DPS runs on only if advertised before the Procurement Act came in, and stays open while live', async () => {
  const late = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: 'DPS-LATE',
    name: 'Too late for PCR',
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2025-03-01',
    zones: [{ zoneId: world.zoneIds[0] }],
  });
  assert.match(late.json().errors[0].message, /follow the Procurement Act 2023/);
  const dps = (
    await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
      reference: 'DPS-2019',
      name: 'Supported Living DPS',
      kind: 'dps',
      regime: 'pcr2015',
      advertOn: '2019-03-01',
      pricesFixed: true,
      zones: [{ zoneId: world.zoneIds[0] }],
    })
  ).json().vehicle;
  await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${dps.id}/lots`, {
    zoneIds: [world.zoneIds[0]],
    needBands: ['complex'],
    serviceTypes: ['supported-living'],
  });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${dps.id}/status`, { status: 'open' });
  const live = (
    await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${dps.id}/status`, { status: 'live' })
  ).json();
  assert.equal(live.vehicle.status, 'live');
  assert.equal(live.acceptingApplications, true);
  assert.equal(
    (await api(world, 'provider_user', 'GET', `/api/v1/vehicles/${dps.id}`)).statusCode,
    200,
    'providers can see an open opportunity',
  );
});
