// Many people at once: audited views and changes from concurrent requests keep one unbroken chain.
// On PostgreSQL the requests really run side by side (the embedded engine takes them in turn).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuditTrail } from '../src/platform/audit/service.ts';
import { api, testWorld, type TestWorld } from './support/test-app.ts';
import { assessedPerson, COMPLEX_SCORES } from './support/brokerage.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('16 people viewing and changing records at once leave a chain that verifies', async () => {
  const people: { id: string }[] = [];
  for (let i = 0; i < 8; i += 1) people.push(await assessedPerson(world));
  const requests = Array.from({ length: 64 }, (_, i) => {
    const person = people[i % people.length]!;
    if (i % 4 === 3) {
      return api(world, 'social_worker', 'POST', `/api/v1/people/${person.id}/assessments`, {
        assessedOn: '2026-11-02',
        assessorName: 'Sam Social',
        scores: COMPLEX_SCORES,
        oneToOneMinutesPerWeek: 300 + i,
        nightSupport: 'sleep-in',
        requiredFeatures: [],
      });
    }
    return api(world, i % 2 === 0 ? 'brokerage_officer' : 'social_worker', 'GET', `/api/v1/people/${person.id}`);
  });
  // Sixteen at a time, like sixteen officers.
  for (let i = 0; i < requests.length; i += 16) {
    const answers = await Promise.all(requests.slice(i, i + 16));
    for (const answer of answers) assert.ok([200, 201].includes(answer.statusCode), answer.body);
  }
  const result = await verifyAuditTrail(world.db);
  assert.equal(result.broken, undefined, JSON.stringify(result.broken));
  assert.ok(result.events > 64);
});
