import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceProblem, rankAcceptances, type Acceptance } from './ranking.ts';

const accept = (offerId: string, extra: Partial<Acceptance>): Acceptance => ({
  offerId,
  providerId: offerId,
  providerName: offerId,
  step: 'tier1',
  qualityScore: 70,
  weeklyPricePence: 110_000,
  respondedAt: '2026-11-23T10:00:00Z',
  ...extra,
});
const offers = [
  accept('Alder', { qualityScore: 82, weeklyPricePence: 125_000 }),
  accept('Birch', { qualityScore: 74, weeklyPricePence: 100_000 }),
  accept('Cedar', { step: 'tier2', qualityScore: 95, weeklyPricePence: 90_000 }),
];

test('tier rank: tier first, then quality, then price, then who answered first', () => {
  const ranked = rankAcceptances(offers, { rule: 'tier-rank' });
  assert.deepEqual(
    ranked.map((r) => [r.offerId, r.rank]),
    [
      ['Alder', 1],
      ['Birch', 2],
      ['Cedar', 3],
    ],
  );
  assert.equal(ranked[0]!.reason, 'Tier 1, quality 82, £1,250.00 a week');
  const tie = rankAcceptances([accept('Late', { respondedAt: '2026-11-24T09:00:00Z' }), accept('Early', {})], {
    rule: 'tier-rank',
  });
  assert.deepEqual(
    tie.map((r) => r.offerId),
    ['Early', 'Late'],
  );
});

test('60/40 quality and price: the lowest price earns the full 40', () => {
  const ranked = rankAcceptances(offers, { rule: 'quality-price', qualityPercent: 60 });
  // Cedar 95×0.6 + 40 = 97; Birch 74×0.6 + 40×0.9 = 80.4; Alder 82×0.6 + 40×0.72 = 78
  assert.deepEqual(
    ranked.map((r) => [r.offerId, r.weightedScore]),
    [
      ['Cedar', 97],
      ['Birch', 80.4],
      ['Alder', 78],
    ],
  );
  assert.equal(
    ranked[1]!.reason,
    '80.4 of 100: quality 74 at 60%, price £1,000.00 a week against the lowest £900.00 at 40%',
  );
  assert.deepEqual(rankAcceptances([], { rule: 'tier-rank' }), []);
});

test('choosing other than the first ranked needs the reason (Care Act choice)', () => {
  const ranked = rankAcceptances(offers, { rule: 'tier-rank' });
  assert.equal(choiceProblem(ranked, 'Alder', ''), undefined);
  assert.equal(choiceProblem(ranked, 'Birch', '  '), 'Give the reason for choosing Birch over Alder, ranked first');
  assert.equal(choiceProblem(ranked, 'Birch', 'Closer to her sister'), undefined);
  assert.equal(choiceProblem(ranked, 'Nobody', 'x'), 'Choose one of the providers who accepted');
});
