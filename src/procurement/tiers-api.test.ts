// Tier allocation from a vehicle's evaluation: both rules side by side, the confirmed one kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEvents } from '../platform/audit/service.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle, submittedApplication, tieredFrameworkThroughEvaluation } from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('tenderers not yet through evaluation are listed as waiting, and nothing can be confirmed', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'WAITING',
    tiered: true,
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 50,
    allocationRule: 'rank-order',
    zones: world.zoneIds.map((zoneId) => ({ zoneId, tier1Places: 1 })),
  });
  await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
  const early = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).json();
  assert.deepEqual(early.input.bids, []);
  assert.deepEqual(
    early.waiting.map((row: { providerName: string }) => row.providerName),
    ['Heron Supported Living Ltd'],
  );
  const refused = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, {
    rule: 'rank-order',
  });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.json().errors[0].message, /^Heron Supported Living Ltd is still in evaluation/);
});

test('where coverage-then-score fills a place rank order leaves empty, the commissioner sees it and confirms', async () => {
  const { vehicle, kestrel } = await tieredFrameworkThroughEvaluation(world);
  const proposal = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).json();
  assert.deepEqual(proposal.input.bids, [
    { provider: 'Heron Supported Living Ltd', zone: 'north', score: 92 },
    { provider: 'Heron Supported Living Ltd', zone: 'south', score: 92 },
    { provider: 'Kestrel Care Ltd', zone: 'north', score: 60 },
  ]);
  const tier1 = (rule: string) =>
    proposal.results[rule].tier1.map((bid: { provider: string; zone: string }) => `${bid.provider}/${bid.zone}`);
  assert.deepEqual(tier1('rank-order'), ['Heron Supported Living Ltd/north']);
  assert.deepEqual(tier1('coverage-then-score'), ['Heron Supported Living Ltd/south', 'Kestrel Care Ltd/north']);
  assert.deepEqual(proposal.differences.sort(), [
    'Heron Supported Living Ltd/north',
    'Heron Supported Living Ltd/south',
    'Kestrel Care Ltd/north',
  ]);
  assert.equal(
    proposal.results['rank-order'].reasons['Kestrel Care Ltd/north'],
    'Tier 2: North had one place, all taken by higher scores',
  );

  assert.equal(
    (await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'rank-order' })).statusCode,
    403,
  );
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).statusCode,
    404,
  );
  assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).statusCode, 403);
  const confirmed = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, {
    rule: 'coverage-then-score',
    reason: 'Fills both zones',
  });
  assert.equal(confirmed.statusCode, 201, confirmed.body);
  const kept = confirmed.json().confirmed;
  assert.equal(kept.rule, 'coverage-then-score');
  assert.equal(kept.result.placesFilled, 2);
  assert.equal(kept.input.bidders['Kestrel Care Ltd'].applicationId, kestrel);
  const audit = await listAuditEvents(world.db, { recordType: 'vehicle', recordId: vehicle.id }, 1);
  assert.equal(audit.items[0]!.action, 'tiers.confirm');
  assert.equal(audit.items[0]!.reason, 'Fills both zones');
});
