import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowestPriceShare, shareText } from './lowest-price.ts';

test('a competition counts when two or more prices were offered and one was chosen', () => {
  const share = lowestPriceShare([
    // A lot where the cheapest of three tenders was admitted, with another.
    { prices: [182_000, 175_500, 190_000], chosen: [175_500, 190_000] },
    // A lot where the cheapest failed quality: only dearer ones were admitted.
    { prices: [160_000, 175_500], chosen: [175_500] },
    // A tie for the lowest counts as the lowest.
    { prices: [175_500, 175_500], chosen: [175_500] },
    // One tender, or nobody admitted: price decided nothing.
    { prices: [175_500], chosen: [175_500] },
    { prices: [175_500, 180_000], chosen: [] },
  ]);
  assert.deepEqual(share, { competed: 3, toLowest: 2 });
  assert.equal(shareText(share, 'none'), '2 of 3 (67%)');
  assert.equal(shareText(lowestPriceShare([]), 'No competition on price yet'), 'No competition on price yet');
});
