// Award through the API: the decision from the confirmed tiers, standstill from the notice date,
// contracts that cannot start before it ends, and each applicant's letter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { tieredFrameworkThroughEvaluation } from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

test('a tiered framework is awarded by its confirmed allocation; contracts wait for standstill; each applicant gets its letter', async () => {
  const { vehicle, heron, kestrel } = await tieredFrameworkThroughEvaluation(world);
  const awardUrl = `/api/v1/vehicles/${vehicle.id}/award`;
  const blocked = (await api(world, 'commissioner', 'GET', awardUrl)).json();
  assert.equal(blocked.blocker, 'Confirm the tier allocation first');
  assert.equal((await api(world, 'commissioner', 'POST', awardUrl, { noticeDate: '2026-12-21' })).statusCode, 422);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' });

  const view = (await api(world, 'commissioner', 'GET', awardUrl)).json();
  assert.equal(view.blocker, null);
  assert.deepEqual(
    view.outcomes.map((o: { providerName: string; successful: boolean; memberships: { tier: string }[] }) => [
      o.providerName,
      o.successful,
      o.memberships.map((m) => m.tier),
    ]),
    [
      ['Heron Supported Living Ltd', true, ['tier2', 'tier1']],
      ['Kestrel Care Ltd', true, ['tier1']],
    ],
    'Heron: Tier 2 in North, Tier 1 in South',
  );
  assert.equal((await api(world, 'evaluator', 'POST', awardUrl, { noticeDate: '2026-12-21' })).statusCode, 403);
  const open = await api(world, 'commissioner', 'POST', awardUrl, { noticeDate: '2026-12-21' });
  assert.match(open.json().errors[0].message, /while the vehicle is in evaluation/);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  assert.equal((await api(world, 'commissioner', 'POST', awardUrl, { noticeDate: '2026-02-30' })).statusCode, 422);

  const decided = await api(world, 'commissioner', 'POST', awardUrl, { noticeDate: '2026-12-21' });
  assert.equal(decided.statusCode, 201, decided.body);
  const decision = decided.json().decision;
  assert.deepEqual(
    [decision.standstillEnds, decision.earliestContractDate],
    ['2027-01-05', '2027-01-06'],
    "Procurement Act: 8 working days across Christmas and Scotland's 2 January",
  );
  assert.deepEqual(
    decided
      .json()
      .memberships.map((m: { providerName: string; status: string; tier: string }) => [
        m.providerName,
        m.status,
        m.tier,
      ])
      .sort(),
    [
      ['Heron Supported Living Ltd', 'awarded', 'tier1'],
      ['Heron Supported Living Ltd', 'awarded', 'tier2'],
      ['Kestrel Care Ltd', 'awarded', 'tier1'],
    ],
  );
  assert.equal(
    (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}`)).json().vehicle.status,
    'standstill',
  );

  const early = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: '2027-01-05',
  });
  assert.equal(early.statusCode, 422);
  assert.match(
    early.json().errors[0].message,
    /can start on 2027-01-06 at the earliest: standstill ends at midnight at the end of 2027-01-05/,
  );
  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: '2027-01-06',
  });
  assert.equal(started.statusCode, 200, started.body);
  assert.ok(
    started
      .json()
      .memberships.every(
        (m: { status: string; startOn: string }) => m.status === 'active' && m.startOn === '2027-01-06',
      ),
  );
  assert.equal(
    (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}`)).json().vehicle.status,
    'live',
  );

  const membership = started
    .json()
    .memberships.find((m: { providerName: string }) => m.providerName === 'Kestrel Care Ltd');
  const change = (body: Record<string, unknown>, seat: 'commissioner' | 'evaluator' = 'commissioner') =>
    api(world, seat, 'PATCH', `/api/v1/vehicles/${vehicle.id}/memberships/${membership.id}`, body);
  assert.equal((await change({ status: 'suspended', reason: 'x' }, 'evaluator')).statusCode, 403);
  assert.equal((await change({ status: 'suspended', reason: '' })).statusCode, 422);
  const suspended = (await change({ status: 'suspended', reason: 'Embargo after a safeguarding concern' })).json();
  assert.equal(suspended.memberships.find((m: { id: string }) => m.id === membership.id).status, 'suspended');
  assert.equal((await change({ status: 'active', reason: 'Action plan completed' })).statusCode, 200);
  const removed = (await change({ status: 'removed', reason: 'Contract terminated' }))
    .json()
    .memberships.find((m: { id: string }) => m.id === membership.id);
  assert.equal(removed.status, 'removed');
  assert.ok(removed.endOn);
  assert.match((await change({ status: 'active', reason: 'Back?' })).json().errors[0].message, /cannot become active/);

  const letter = (await api(world, 'other_provider_user', 'GET', `/api/v1/applications/${kestrel}/letter`)).json();
  assert.equal(letter.outcome, 'successful');
  assert.deepEqual(
    letter.questions.map((q: { score: number; bestSuccessful: number }) => [q.score, q.bestSuccessful]),
    [
      [3, 5],
      [3, 4],
    ],
  );
  assert.deepEqual(letter.successfulRange, { lowest: 60, highest: 92 });
  assert.deepEqual(letter.memberships, [{ lotTitle: 'North: supported living, complex needs', tier: 'tier1' }]);
  assert.ok(!JSON.stringify(letter).includes('Heron'), 'another tenderer is never named');
  assert.equal(
    (await api(world, 'other_provider_user', 'GET', `/api/v1/applications/${heron}/letter`)).statusCode,
    404,
  );
  assert.equal((await api(world, 'commissioner', 'GET', `/api/v1/applications/${heron}/letter`)).statusCode, 200);
});
