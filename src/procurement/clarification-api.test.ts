// Clarification questions: asked by providers, answered and published to all, never saying who asked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle } from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('a provider asks, the commissioner answers, and every applicant sees the answer but not who asked', async () => {
  const vehicle = await openVehicle(world, { clarificationDeadline: null });
  const url = `/api/v1/vehicles/${vehicle.id}/clarifications`;
  assert.equal((await api(world, 'provider_user', 'POST', url, { question: ' ' })).statusCode, 422);
  assert.equal((await api(world, 'commissioner', 'POST', url, { question: 'Staff asking?' })).statusCode, 403);
  const asked = await api(world, 'provider_user', 'POST', url, {
    question: 'Is TUPE likely to apply to existing services?',
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const id = asked.json()[0].id;
  assert.equal(asked.json()[0].askedByYou, true);
  assert.deepEqual(
    (await api(world, 'other_provider_user', 'GET', url)).json(),
    [],
    'unanswered questions are not shown to other providers',
  );
  assert.equal((await api(world, 'evaluator', 'PUT', `${url}/${id}`, { answer: 'Maybe' })).statusCode, 403);
  assert.equal(
    (await api(world, 'other_council_commissioner', 'PUT', `${url}/${id}`, { answer: 'Maybe' })).statusCode,
    404,
  );
  assert.equal(
    (
      await api(world, 'commissioner', 'PUT', `${url}/${id}`, {
        answer: 'Yes: see the staffing schedule in the tender pack.',
      })
    ).statusCode,
    200,
  );
  const seen = (await api(world, 'other_provider_user', 'GET', url)).json();
  assert.equal(seen[0].answer, 'Yes: see the staffing schedule in the tender pack.');
  assert.equal(seen[0].askedByYou, false);
  assert.ok(!JSON.stringify(seen).includes('Heron') && !('askedByProviderId' in seen[0]), 'never who asked');
  const page = new PageSession(world.app);
  await page.signIn(world.emails.other_provider_user);
  const body = (await page.get(`/vehicles/${vehicle.id}`)).body;
  assert.match(body, /Is TUPE likely to apply to existing services\?/);
  assert.doesNotMatch(body, /Heron/);
});

test('questions close at the clarification deadline', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'CLOSED-Q',
    clarificationDeadline: '2025-01-10',
    advertOn: '2025-01-02',
  });
  const late = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/clarifications`, {
    question: 'Too late?',
  });
  assert.equal(late.statusCode, 422);
  assert.match(late.json().errors[0].message, /closed at the end of 10 January 2025/);
});
