import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDemoMarket } from './demo-county.ts';

test("the demo market is the same every time, sized like Staffordshire's", () => {
  const first = generateDemoMarket();
  assert.deepEqual(generateDemoMarket(), first);
  assert.equal(first.length, 80);
  assert.equal(
    first.reduce((n, p) => n + p.locations.length, 0),
    150,
  );
  assert.ok(first.every((p) => p.locations.length >= 1));
  assert.equal(new Set(first.map((p) => p.name)).size, 80);
});

test('about a tenth of providers carry real-looking CQC data, with ratings on every service', () => {
  const market = generateDemoMarket();
  const registered = market.filter((p) => p.cqcProviderId);
  assert.equal(registered.length, 8);
  for (const provider of registered) {
    assert.match(provider.cqcProviderId!, /^1-\d{10}$/);
    for (const location of provider.locations) {
      assert.match(location.cqcLocationId!, /^1-\d{11}$/);
      assert.ok(['outstanding', 'good', 'requires_improvement', 'inadequate'].includes(location.overallRating!));
    }
  }
  assert.ok(market.flatMap((p) => p.locations).every((l) => /^XV\d{1,2} \d[A-Z]{2}$/.test(l.postcode)));
});
