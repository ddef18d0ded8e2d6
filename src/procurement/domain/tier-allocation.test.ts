// Tier allocation by both rules, solved by the real HiGHS, over cases shaped like Lancashire's
// (report 004 §6: Tier 1 places per area, no provider Tier 1 in more than 2 of the 3 areas).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MilpSolver } from '../../platform/domain/milp.ts';
import { highsSolver } from '../../platform/optimisation/highs.ts';
import { seededRandom } from '../../demo/domain/demo-county.ts';
import {
  allocateTiers,
  tierInputProblems,
  type AllocationRule,
  type TierBid,
  type TierInput,
} from './tier-allocation.ts';

let solve: MilpSolver;
before(async () => {
  solve = await highsSolver();
});

const threeAreas = (places: [number, number, number]) => [
  { id: 'north', tier1Places: places[0] },
  { id: 'central', tier1Places: places[1] },
  { id: 'south', tier1Places: places[2] },
];
const run = (input: Omit<TierInput, 'rule'>, rule: AllocationRule) => allocateTiers({ ...input, rule }, solve);
const keys = (bids: readonly TierBid[]) => bids.map((bid) => `${bid.provider}/${bid.zone}`).sort();

test("a zone's places go to its highest scores; the rest above the threshold are Tier 2", () => {
  const input = {
    zones: threeAreas([2, 1, 1]),
    maxTier1ZonesPerProvider: 2,
    qualityThreshold: 60,
    bids: [
      { provider: 'P01', zone: 'north', score: 87.5 },
      { provider: 'P02', zone: 'north', score: 91 },
      { provider: 'P03', zone: 'north', score: 72.25 },
      { provider: 'P04', zone: 'central', score: 80 },
      { provider: 'P05', zone: 'central', score: 59.99 },
      { provider: 'P03', zone: 'south', score: 66 },
    ],
  };
  for (const rule of ['coverage-then-score', 'rank-order'] as const) {
    const result = run(input, rule);
    assert.deepEqual(keys(result.tier1), ['P01/north', 'P02/north', 'P03/south', 'P04/central'], rule);
    assert.deepEqual(keys(result.tier2), ['P03/north']);
    assert.deepEqual(keys(result.unsuccessful), ['P05/central']);
    assert.equal(result.placesFilled, 4);
    assert.equal(result.totalTier1Score, 324.5);
    assert.equal(result.reasons['P03/north'], 'Tier 2: North had two places, all taken by higher scores');
    assert.equal(
      result.reasons['P05/central'],
      'Below the quality threshold: not admitted (scored 59.99; the threshold is 60)',
    );
    assert.equal(result.reasons['P02/north'], 'Tier 1 in North: ranked 1st of 3 by score, for two places');
    assert.deepEqual(
      result.tier1.find((bid) => bid.provider === 'P01'),
      { provider: 'P01', zone: 'north', score: 87.5, rank: 2 },
    );
  }
});

test('the cap binds: a provider top in all three areas is Tier 1 in two, and told so', () => {
  const input = {
    zones: threeAreas([1, 1, 1]),
    maxTier1ZonesPerProvider: 2,
    qualityThreshold: 60,
    bids: [
      { provider: 'A', zone: 'north', score: 95 },
      { provider: 'A', zone: 'central', score: 94 },
      { provider: 'A', zone: 'south', score: 93 },
      { provider: 'B', zone: 'south', score: 70 },
    ],
  };
  for (const rule of ['coverage-then-score', 'rank-order'] as const) {
    const result = run(input, rule);
    assert.deepEqual(keys(result.tier1), ['A/central', 'A/north', 'B/south'], rule);
    assert.equal(result.reasons['A/south'], 'Tier 2: already Tier 1 in two zones, North and Central');
  }
});

test('where the rules differ: rank-order leaves a place empty that coverage-then-score fills', () => {
  const input = {
    zones: [
      { id: 'north', tier1Places: 1 },
      { id: 'south', tier1Places: 1 },
    ],
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 60,
    bids: [
      { provider: 'A', zone: 'north', score: 90 },
      { provider: 'A', zone: 'south', score: 85 },
      { provider: 'B', zone: 'north', score: 80 },
    ],
  };
  const rankOrder = run(input, 'rank-order');
  assert.deepEqual(keys(rankOrder.tier1), ['A/north']);
  assert.equal(rankOrder.placesFilled, 1);
  assert.equal(rankOrder.reasons['B/north'], 'Tier 2: North had one place, all taken by higher scores');
  const coverage = run(input, 'coverage-then-score');
  assert.deepEqual(keys(coverage.tier1), ['A/south', 'B/north']);
  assert.equal(coverage.placesFilled, 2);
  assert.equal(coverage.totalTier1Score, 165);
  assert.equal(coverage.reasons['A/north'], 'Tier 2: already Tier 1 in one zone, South');
});

test('where the rules differ on score alone: the same places filled, a higher total', () => {
  const input = {
    zones: [
      { id: 'north', tier1Places: 1 },
      { id: 'south', tier1Places: 1 },
    ],
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 40,
    bids: [
      { provider: 'A', zone: 'north', score: 90 },
      { provider: 'A', zone: 'south', score: 89 },
      { provider: 'B', zone: 'north', score: 88 },
      { provider: 'C', zone: 'south', score: 50 },
    ],
  };
  assert.deepEqual(keys(run(input, 'rank-order').tier1), ['A/north', 'C/south']);
  const coverage = run(input, 'coverage-then-score');
  assert.deepEqual(keys(coverage.tier1), ['A/south', 'B/north']);
  assert.equal(coverage.totalTier1Score, 177);
});

test('ties are settled the documented way: provider id, then the order zones are listed', () => {
  const input = {
    zones: [
      { id: 'south', tier1Places: 1 },
      { id: 'north', tier1Places: 1 },
    ],
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 60,
    bids: [
      { provider: 'Q', zone: 'north', score: 75 },
      { provider: 'P', zone: 'north', score: 75 },
      { provider: 'P', zone: 'south', score: 75 },
      { provider: 'Q', zone: 'south', score: 75 },
    ],
  };
  for (const rule of ['coverage-then-score', 'rank-order'] as const) {
    const result = run(input, rule);
    assert.deepEqual(keys(result.tier1), ['P/south', 'Q/north'], rule);
    assert.equal(
      result.reasons['Q/south'],
      'Tier 2: South had one place, all taken by equal or higher scores; already Tier 1 in one zone, North',
    );
  }
});

test('a zone with no Tier 1 places, and no bids at all', () => {
  const result = run(
    {
      zones: threeAreas([0, 1, 1]),
      maxTier1ZonesPerProvider: 2,
      qualityThreshold: 60,
      bids: [{ provider: 'A', zone: 'north', score: 99 }],
    },
    'coverage-then-score',
  );
  assert.equal(result.reasons['A/north'], 'Tier 2: North has no Tier 1 places');
  assert.deepEqual(
    run(
      { zones: threeAreas([1, 1, 1]), maxTier1ZonesPerProvider: 2, qualityThreshold: 60, bids: [] },
      'coverage-then-score',
    ).placesFilled,
    0,
  );
});

test('coverage-then-score is optimal: it matches an exhaustive search over 40 random markets', () => {
  const random = seededRandom(2026);
  for (let round = 0; round < 40; round += 1) {
    const zones = threeAreas([1 + Math.floor(random() * 2), 1 + Math.floor(random() * 2), Math.floor(random() * 3)]);
    const bids: TierBid[] = [];
    for (const provider of ['A', 'B', 'C', 'D', 'E']) {
      for (const zone of zones)
        if (random() < 0.5) bids.push({ provider, zone: zone.id, score: 40 + Math.round(random() * 120) / 2 });
    }
    const input = { zones, maxTier1ZonesPerProvider: 1 + Math.floor(random() * 2), qualityThreshold: 60, bids };
    const result = run(input, 'coverage-then-score');
    const eligible = bids.filter((bid) => bid.score >= 60);
    let best = { places: 0, score: 0 };
    for (let mask = 0; mask < 1 << eligible.length; mask += 1) {
      const chosen = eligible.filter((_, i) => mask & (1 << i));
      const fits =
        zones.every((zone) => chosen.filter((bid) => bid.zone === zone.id).length <= zone.tier1Places) &&
        ['A', 'B', 'C', 'D', 'E'].every(
          (p) => chosen.filter((bid) => bid.provider === p).length <= input.maxTier1ZonesPerProvider,
        );
      const score = chosen.reduce((total, bid) => total + bid.score, 0);
      if (fits && (chosen.length > best.places || (chosen.length === best.places && score > best.score)))
        best = { places: chosen.length, score };
    }
    assert.deepEqual(
      { places: result.placesFilled, score: result.totalTier1Score },
      best,
      `market ${round}: ${JSON.stringify(input)}`,
    );
    assert.equal(result.tier1.length + result.tier2.length + result.unsuccessful.length, bids.length);
  }
});

test('bad input is refused with every problem listed', () => {
  const problems = tierInputProblems({
    zones: [
      { id: 'north', tier1Places: -1 },
      { id: 'north', tier1Places: 2 },
    ],
    maxTier1ZonesPerProvider: 0,
    qualityThreshold: 'sixty',
    rule: 'best',
    bids: [
      { provider: 'P01', zone: 'east', score: 80 },
      { provider: 'P02', zone: 'north', score: '87' },
      { provider: 'P02', zone: 'north', score: 50 },
    ],
  });
  assert.deepEqual(
    problems.map((p) => p.field),
    [
      'zones[0].tier1Places',
      'zones[1].id',
      'maxTier1ZonesPerProvider',
      'qualityThreshold',
      'rule',
      'bids[0].zone',
      'bids[1].score',
      'bids[2]',
    ],
  );
  assert.match(problems.find((p) => p.field === 'bids[0].zone')!.message, /There is no zone east/);
  assert.match(problems.find((p) => p.field === 'bids[1].score')!.message, /must be a number, not "87"/);
  assert.match(problems.find((p) => p.field === 'bids[2]')!.message, /P02 bids for north more than once/);
  assert.deepEqual(
    tierInputProblems([]).map((p) => p.field),
    [''],
  );
});
