// Open data: each vehicle's OCDS release package validates against the standard's schema with the
// lots and techniques extensions, and carries nothing commercially sensitive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-schema.ts';
import {
  openVehicle,
  submittedApplication,
  throughEvaluation,
  tieredFrameworkThroughEvaluation,
} from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('a tiered framework from advert to running contracts is valid OCDS at every step', async () => {
  const { vehicle } = await tieredFrameworkThroughEvaluation(world);
  const url = `/api/v1/vehicles/${vehicle.id}/ocds`;
  const advertised = (await api(world, 'commissioner', 'GET', url)).json();
  assert.deepEqual(ocdsPackageErrors(advertised), []);
  const release = advertised.releases[0];
  assert.equal(release.ocid, `ocds-hearth-${vehicle.id}`);
  assert.deepEqual(release.tag, ['tender']);
  assert.equal(release.tender.techniques.hasFrameworkAgreement, true);
  assert.equal(release.tender.lots.length, 3);
  assert.deepEqual(release.parties.map((p: { id: string; roles: string[] }) => [p.id, p.roles]).slice(1), [
    ['GB-NHS-QNC', ['funder']],
  ]);
  assert.deepEqual(release.awards, []);
  // The validator does catch what the standard forbids.
  const broken = structuredClone(advertised);
  broken.releases[0].tender.status = 'ongoing';
  broken.releases[0].tender.lots[0].status = 'open';
  broken.releases[0].tender.techniques.hasFrameworkAgreement = 'yes';
  assert.equal(ocdsPackageErrors(broken).length >= 3, true, ocdsPackageErrors(broken).join('; '));

  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, { noticeDate: '2026-12-21' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, { startOn: '2027-01-06' });
  const contracted = (await api(world, 'auditor', 'GET', url)).json();
  assert.deepEqual(ocdsPackageErrors(contracted), []);
  const final = contracted.releases[0];
  assert.deepEqual(final.tag, ['tender', 'award', 'contract']);
  assert.equal(final.awards.length, 2);
  assert.equal(final.contracts.length, 2);
  assert.deepEqual(
    final.awards
      .map((a: { suppliers: { name: string }[]; relatedLots: string[] }) => [
        a.suppliers[0]!.name,
        a.relatedLots.length,
      ])
      .sort(),
    [
      ['Heron Supported Living Ltd', 2],
      ['Kestrel Care Ltd', 1],
    ],
  );
  assert.ok(
    final.contracts.every((c: { period: { startDate: string } }) => c.period.startDate === '2027-01-06T00:00:00Z'),
  );
});

test('a DPS names only its successful suppliers: no scores, prices, answers or unsuccessful tenderers', async () => {
  const dps = await openVehicle(world, {
    reference: 'DPS-OCDS',
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2024-06-03',
    submissionDeadline: null,
    pricesFixed: false,
    qualityWeightPercent: 70,
  });
  assert.deepEqual(
    ocdsPackageErrors((await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${dps.id}/ocds`)).json()),
    [],
  );
  const heron = await submittedApplication(world, 'provider_user', dps, [dps.lots[0]!.id], {
    weeklyRatePence: 187_654,
  });
  const kestrel = await submittedApplication(world, 'other_provider_user', dps, [dps.lots[0]!.id], {
    weeklyRatePence: 176_543,
  });
  await api(world, 'commissioner', 'POST', `/api/v1/applications/${kestrel}/stages`, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No CQC registration for personal care',
  });
  await throughEvaluation(world, dps.id, heron, [4, 4]);
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${dps.id}/award`, {
    noticeDate: addDays(isoDateInLondon(new Date()), -3),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const data = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${dps.id}/ocds`)).json();
  assert.deepEqual(ocdsPackageErrors(data), []);
  assert.equal(data.releases[0].tender.techniques.hasDynamicPurchasingSystem, true);
  const text = JSON.stringify(data);
  for (const secret of [
    'Kestrel',
    '1876.54',
    '187654',
    '1765.43',
    'No CQC registration',
    'score',
    'We grow our own staff',
  ])
    assert.ok(!text.includes(secret), `no "${secret}" in open data`);
  assert.ok(text.includes('Heron Supported Living Ltd'));
});

test('a draft has no open data, and other councils cannot see it', async () => {
  const draft = (
    await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
      reference: 'OCDS-DRAFT',
      name: 'Draft',
      kind: 'framework',
      regime: 'pa2023',
    })
  ).json().vehicle;
  assert.equal((await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${draft.id}/ocds`)).statusCode, 404);
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/vehicles/${draft.id}/ocds`)).statusCode,
    404,
  );
});
