// Award through the API: the decision from the confirmed tiers, standstill from the notice date,
// contracts that cannot start before it ends, and each applicant's letter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
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
    /can start on 6 January 2027 at the earliest: standstill ends at midnight at the end of 5 January 2027/,
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

test('tiers and the award wait for every tenderer still in evaluation, naming and linking each', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'WAIT-FOR-ALL',
    tiered: true,
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 50,
    allocationRule: 'coverage-then-score',
    zones: world.zoneIds.map((zoneId) => ({ zoneId, tier1Places: 1 })),
  });
  const north = vehicle.lots[0]!.id;
  const heron = await submittedApplication(world, 'provider_user', vehicle, [north]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [north]);
  await throughEvaluation(world, vehicle.id, heron, [5, 4]);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });

  const tiersUrl = `/api/v1/vehicles/${vehicle.id}/tiers`;
  const proposal = (await api(world, 'commissioner', 'GET', tiersUrl)).json();
  assert.deepEqual(
    proposal.waiting.map((row: { applicationId: string; providerName: string }) => [
      row.providerName,
      row.applicationId,
    ]),
    [['Kestrel Care Ltd', kestrel]],
  );
  const refused = await api(world, 'commissioner', 'POST', tiersUrl, { rule: 'coverage-then-score' });
  assert.equal(refused.statusCode, 422);
  assert.deepEqual(refused.json().errors, [
    {
      field: 'rule',
      message: 'Kestrel Care Ltd is still in evaluation: decide its stages before confirming the tier allocation',
    },
  ]);
  const awardUrl = `/api/v1/vehicles/${vehicle.id}/award`;
  const awaiting = (await api(world, 'commissioner', 'GET', awardUrl)).json();
  assert.match(
    awaiting.blocker,
    /^Kestrel Care Ltd is still in evaluation: decide its stages before deciding the award$/,
  );
  const notYet = await api(world, 'commissioner', 'POST', awardUrl, { noticeDate: isoDateInLondon(new Date()) });
  assert.equal(notYet.statusCode, 422);
  assert.match(notYet.json().errors[0].message, /Kestrel Care Ltd is still in evaluation/);

  // The pages name it and link to it, offer no confirmation, and call nobody unsuccessful before the allocation.
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const link = new RegExp(`<a class="govuk-link" href="/applications/${kestrel}">Kestrel Care Ltd</a>, at selection`);
  const tiersPage = (await session.get(`/vehicles/${vehicle.id}/tiers`)).body;
  assert.match(tiersPage, link);
  assert.doesNotMatch(tiersPage, /Confirm allocation/);
  const awardPage = (await session.get(`/vehicles/${vehicle.id}/award`)).body;
  assert.match(awardPage, link);
  assert.doesNotMatch(awardPage, /Decide award/);
  assert.match(awardPage, /Heron Supported Living Ltd<\/td>[\s\S]*?Awaiting the tier allocation/);
  assert.doesNotMatch(awardPage, /Unsuccessful/);

  // Once every tenderer's stages are decided, the allocation can be confirmed.
  await api(world, 'commissioner', 'POST', `/api/v1/applications/${kestrel}/stages`, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No CQC registration for personal care',
  });
  assert.equal((await api(world, 'commissioner', 'POST', tiersUrl, { rule: 'coverage-then-score' })).statusCode, 201);
  assert.equal((await api(world, 'commissioner', 'GET', awardUrl)).json().blocker, null);
});

test('a tenderer below the quality threshold is not admitted, and its status, the award page and its letter say so', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'THRESHOLD',
    tiered: true,
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 70,
    allocationRule: 'coverage-then-score',
    zones: world.zoneIds.map((zoneId) => ({ zoneId, tier1Places: 1 })),
  });
  const [north, , south] = vehicle.lots;
  const heron = await submittedApplication(world, 'provider_user', vehicle, [north!.id]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [north!.id, south!.id]);
  await throughEvaluation(world, vehicle.id, heron, [5, 4]);
  await throughEvaluation(world, vehicle.id, kestrel, [3, 3]);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  const reason = 'Below the quality threshold: not admitted (scored 60; the threshold is 70)';
  const view = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/award`)).json();
  const outcome = view.outcomes.find((o: { providerName: string }) => o.providerName === 'Kestrel Care Ltd');
  assert.deepEqual([outcome.standing, outcome.reason], ['not-admitted', reason], 'one reason, for both zones');
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const awardPage = (await session.get(`/vehicles/${vehicle.id}/award`)).body;
  assert.match(awardPage, /Kestrel Care Ltd<\/td>[\s\S]*?Below the quality threshold: not admitted<\/td>/);
  const tiersPage = (await session.get(`/vehicles/${vehicle.id}/tiers`)).body;
  assert.match(
    tiersPage,
    /Below quality threshold<\/th>[\s\S]*<td class="govuk-table__cell">Kestrel Care Ltd \(60.00\)<\/td>/,
  );

  const decided = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: isoDateInLondon(new Date()),
  });
  assert.equal(decided.statusCode, 201, decided.body);
  const told = (await api(world, 'other_provider_user', 'GET', `/api/v1/applications/${kestrel}`)).json();
  assert.equal(told.application.status, 'not-admitted');
  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.other_provider_user);
  const page = (await provider.get(`/applications/${kestrel}`)).body;
  assert.match(page, /<strong class="govuk-tag">\s*Below the quality threshold: not admitted\s*<\/strong>/);
  assert.doesNotMatch(page, /Unsuccessful|Excluded at/);
  const letter = (await api(world, 'other_provider_user', 'GET', `/api/v1/applications/${kestrel}/letter`)).json();
  assert.deepEqual([letter.outcome, letter.outcomeText, letter.reason], ['not-admitted', 'not admitted', reason]);
  const list = (await session.get(`/vehicles/${vehicle.id}/evaluation`)).body;
  assert.match(
    list,
    /Kestrel Care Ltd<\/a><\/td>\s*<td class="govuk-table__cell">Below the quality threshold: not admitted<\/td>/,
  );
});

test('the notice date is typed in day, month and year boxes, and refused before the advert, over 30 days ago or over a year ahead', async () => {
  const today = isoDateInLondon(new Date());
  const vehicle = await openVehicle(world, { reference: 'NOTICE-DATE', advertOn: addDays(today, -10) });
  const heron = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
  await throughEvaluation(world, vehicle.id, heron, [4, 4]);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const page = await session.get(`/vehicles/${vehicle.id}/award`);
  for (const box of ['day', 'month', 'year']) assert.match(page.body, new RegExp(`name="noticeDate-${box}"`));
  const boxes = (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return { 'noticeDate-day': String(day), 'noticeDate-month': String(month), 'noticeDate-year': String(year) };
  };
  const refused = async (form: Record<string, string>, message: RegExp) => {
    const response = await session.post(`/vehicles/${vehicle.id}/award`, form);
    assert.equal(response.statusCode, 400, response.body.slice(0, 300));
    assert.match(response.body, /<a href="#noticeDate">The date the notice is sent or published must /);
    assert.match(response.body, message);
    assert.match(response.body, new RegExp(`name="noticeDate-year"[^>]*value="${form['noticeDate-year']}"`));
  };
  await refused(boxes(addDays(today, -11)), /must be on or after the advert, /);
  await refused(boxes(addDays(today, -31)), /must be in the last 30 days: /);
  await refused(boxes(addDays(today, 400)), /must be within a year from today: /);
  await refused(
    { 'noticeDate-day': '31', 'noticeDate-month': '2', 'noticeDate-year': '2026' },
    /a real date, for example 27 3 2026/,
  );
  const api422 = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: addDays(today, -40),
  });
  assert.deepEqual(
    api422.json().errors.map((error: { field: string }) => error.field),
    ['noticeDate', 'noticeDate'],
    'before the advert and over 30 days ago',
  );
  assert.equal((await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}/award`)).json().decision, null);
});
