// Tier allocation from a vehicle's evaluation: both rules side by side, the confirmed one kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEvents } from '../platform/audit/service.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('where coverage-then-score fills a place rank order leaves empty, the commissioner sees it and confirms', async () => {
  // One Tier 1 place in North and one in South; a provider may be Tier 1 in one zone only.
  const vehicle = await openVehicle(world, {
    tiered: true, maxTier1ZonesPerProvider: 1, qualityThreshold: 50, allocationRule: 'coverage-then-score',
    zones: world.zoneIds.map((zoneId, i) => ({ zoneId, tier1Places: [1, 0, 1][i] })),
  });
  const [north, , south] = vehicle.lots;
  const heron = await submittedApplication(world, 'provider_user', vehicle, [north!.id, south!.id]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [north!.id]);

  const early = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).json();
  assert.deepEqual(early.input.bids, []);
  assert.deepEqual(early.waiting.sort(), ['Heron Supported Living Ltd', 'Kestrel Care Ltd']);
  assert.equal((await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'rank-order' })).statusCode, 422);

  await throughEvaluation(world, vehicle.id, heron, [5, 4]);
  await throughEvaluation(world, vehicle.id, kestrel, [3, 3]);
  const proposal = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).json();
  assert.deepEqual(proposal.input.bids, [
    { provider: 'Heron Supported Living Ltd', zone: 'north', score: 92 },
    { provider: 'Heron Supported Living Ltd', zone: 'south', score: 92 },
    { provider: 'Kestrel Care Ltd', zone: 'north', score: 60 },
  ]);
  const tier1 = (rule: string) => proposal.results[rule].tier1.map((bid: { provider: string; zone: string }) => `${bid.provider}/${bid.zone}`);
  assert.deepEqual(tier1('rank-order'), ['Heron Supported Living Ltd/north']);
  assert.deepEqual(tier1('coverage-then-score'), ['Heron Supported Living Ltd/south', 'Kestrel Care Ltd/north']);
  assert.deepEqual(proposal.differences.sort(), ['Heron Supported Living Ltd/north', 'Heron Supported Living Ltd/south', 'Kestrel Care Ltd/north']);
  assert.equal(proposal.results['rank-order'].reasons['Kestrel Care Ltd/north'], 'Tier 2: North had one place, all taken by higher scores');

  assert.equal((await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'rank-order' })).statusCode, 403);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).statusCode, 404);
  assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/vehicles/${vehicle.id}/tiers`)).statusCode, 403);
  const confirmed = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score', reason: 'Fills both zones' });
  assert.equal(confirmed.statusCode, 201, confirmed.body);
  const kept = confirmed.json().confirmed;
  assert.equal(kept.rule, 'coverage-then-score');
  assert.equal(kept.result.placesFilled, 2);
  assert.equal(kept.input.bidders['Kestrel Care Ltd'].applicationId, kestrel);
  const audit = await listAuditEvents(world.db, { recordType: 'vehicle', recordId: vehicle.id }, 1);
  assert.equal(audit.items[0]!.action, 'tiers.confirm');
  assert.equal(audit.items[0]!.reason, 'Fills both zones');
});
