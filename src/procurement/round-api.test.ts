// A framework reopened in a second round: who may reopen it and with which dates, providers
// applying again (one application each per round), and the round's own evaluation and award.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEvents } from '../platform/audit/service.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from '../../test/support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const today = () => isoDateInLondon(new Date());

/** Award the vehicle's tenderers in evaluation today and start their contracts: it is live. */
async function awardAndStart(vehicleId: string) {
  const evaluation = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/status`, {
    status: 'evaluation',
  });
  assert.equal(evaluation.statusCode, 200, evaluation.body);
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/award`, {
    noticeDate: today(),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/contracts`, {
    startOn: awarded.json().decision.earliestContractDate,
  });
  assert.equal(started.statusCode, 200, started.body);
  return started.json() as {
    decision: { roundNumber: number };
    memberships: { providerId: string; lotId: string; roundNumber: number; status: string }[];
  };
}

test('a provider that failed round 1 applies in round 2, is admitted, and its place records round 2', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'ROUNDS-1',
    clarificationDeadline: addDays(today(), 10),
    qualityThreshold: 50,
  });
  const [north, central] = vehicle.lots;
  const url = `/api/v1/vehicles/${vehicle.id}`;
  assert.deepEqual(
    (await api(world, 'commissioner', 'GET', `${url}/rounds`)).json().map((round: { number: number }) => round.number),
    [1],
    'the first advertisement is round 1',
  );

  // Round 1: Heron fails selection; Kestrel is admitted to North.
  const heron1 = await submittedApplication(world, 'provider_user', vehicle, [north!.id]);
  const kestrel1 = await submittedApplication(world, 'other_provider_user', vehicle, [north!.id]);
  const failed = await api(world, 'commissioner', 'POST', `/api/v1/applications/${heron1}/stages`, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No CQC registration for personal care',
  });
  assert.equal(failed.json().application.status, 'excluded');
  await throughEvaluation(world, vehicle.id, kestrel1, [4, 4]);
  const round1 = await awardAndStart(vehicle.id);
  assert.equal(round1.decision.roundNumber, 1);
  assert.deepEqual(
    round1.memberships.map((m) => [m.lotId, m.roundNumber, m.status]),
    [[north!.id, 1, 'active']],
  );

  // A live framework is reopened in a round with its dates, not by the plain status change.
  const plainOpen = await api(world, 'commissioner', 'POST', `${url}/status`, { status: 'open' });
  assert.equal(plainOpen.statusCode, 422);
  assert.match(plainOpen.json().errors[0].message, /Reopen .* in a new round \(round 2\)/);

  const reopened = await api(world, 'commissioner', 'POST', `${url}/rounds`, {
    clarificationDeadline: addDays(today(), 7),
    submissionDeadline: addDays(today(), 21),
    reason: 'Unmet demand for complex needs in Central',
  });
  assert.equal(reopened.statusCode, 201, reopened.body);
  assert.equal(reopened.json().vehicle.status, 'open');
  assert.equal(reopened.json().currentRound, 2);
  assert.equal(reopened.json().deadlines.submissionDeadline, addDays(today(), 21));
  const events = (await listAuditEvents(world.db, { recordType: 'vehicle', recordId: vehicle.id }, 1)).items;
  const opened = events.find((event) => event.action === 'vehicle.round');
  assert.ok(opened, 'opening the round is in the vehicle history');
  assert.equal(opened.reason, 'Unmet demand for complex needs in Central');
  assert.deepEqual((opened.after as { round: number }).round, 2);

  // Heron, excluded in round 1, starts a new application in round 2.
  const started = await api(world, 'provider_user', 'POST', `${url}/applications`);
  assert.equal(started.statusCode, 201, started.body);
  const heron2 = started.json().application;
  assert.equal(heron2.roundNumber, 2);
  assert.notEqual(heron2.id, heron1);
  assert.equal(heron2.status, 'draft');
  // Its round-1 application stays as it was decided.
  assert.equal(
    (await api(world, 'provider_user', 'GET', `/api/v1/applications/${heron1}`)).json().application.status,
    'excluded',
  );

  // Kestrel, already on North, may apply in round 2 for lots it does not hold.
  const kestrelStart = await api(world, 'other_provider_user', 'POST', `${url}/applications`);
  assert.equal(kestrelStart.statusCode, 201, kestrelStart.body);
  const kestrel2 = kestrelStart.json().application.id;
  const held = await api(world, 'other_provider_user', 'PUT', `/api/v1/applications/${kestrel2}/lots`, {
    lotIds: [north!.id, central!.id],
  });
  assert.equal(held.statusCode, 422);
  assert.equal(held.json().errors[0].field, 'lotIds');
  assert.match(held.json().errors[0].message, /already hold a place on .*North.* \(admitted in round 1\)/);
  assert.equal(
    (
      await api(world, 'other_provider_user', 'PUT', `/api/v1/applications/${kestrel2}/lots`, {
        lotIds: [central!.id],
      })
    ).statusCode,
    200,
  );

  // Heron submits; a second application in the same round is refused.
  await api(world, 'provider_user', 'PUT', `/api/v1/applications/${heron2.id}/lots`, { lotIds: [north!.id] });
  for (const question of vehicle.questions)
    await api(
      world,
      'provider_user',
      'PUT',
      `/api/v1/applications/${heron2.id}/answers/${question.id}`,
      question.kind === 'selection'
        ? { meetsRequirement: true, text: 'Registered since March' }
        : { text: 'We grow our own staff with local colleges.' },
    );
  const submitted = await api(world, 'provider_user', 'POST', `/api/v1/applications/${heron2.id}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  const again = await api(world, 'provider_user', 'POST', `${url}/applications`);
  assert.equal(again.statusCode, 422);
  assert.match(again.headers['content-type'] as string, /application\/problem\+json/);
  assert.match(
    again.json().errors[0].message,
    /already applied in round 2: a provider makes one application per round/,
  );

  // Round 2's evaluation deals with round 2's applications; round 1's stay decided.
  const evaluation = (await api(world, 'commissioner', 'GET', `${url}/evaluation`)).json();
  assert.deepEqual(
    evaluation.rows.map((row: { application: { id: string } }) => row.application.id),
    [heron2.id],
  );
  assert.equal(evaluation.round, 2);
  assert.deepEqual(evaluation.earlierRounds, [{ round: 1, applications: 2 }]);
  await throughEvaluation(world, vehicle.id, heron2.id, [5, 4]);
  const round2 = await awardAndStart(vehicle.id);
  assert.equal(round2.decision.roundNumber, 2);
  const byProvider = new Map(round2.memberships.map((m) => [m.providerId, m]));
  assert.equal(round2.memberships.length, 2);
  assert.equal(byProvider.get(world.providerId)?.roundNumber, 2, "Heron's place records round 2");
  assert.equal(byProvider.get(world.providerId)?.status, 'active');
  assert.equal(byProvider.get(world.otherProviderId)?.roundNumber, 1, 'Kestrel keeps its round-1 place');
  assert.equal(byProvider.get(world.otherProviderId)?.status, 'active');
  assert.equal(
    (await api(world, 'provider_user', 'GET', `/api/v1/applications/${heron2.id}`)).json().application.status,
    'successful',
  );

  const detail = (await api(world, 'commissioner', 'GET', url)).json();
  assert.equal(detail.vehicle.status, 'live');
  assert.deepEqual(
    detail.rounds.map((round: { number: number; applicationsReceived: number; providersAdmitted: number }) => [
      round.number,
      round.applicationsReceived,
      round.providersAdmitted,
    ]),
    [
      [1, 2, 1],
      [2, 1, 1],
    ],
    "Kestrel's round-2 draft is not an application received",
  );
  assert.equal(detail.rounds[1].submissionDeadline, addDays(today(), 21));
  // The vehicle page shows the rounds.
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const page = await session.get(`/vehicles/${vehicle.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 class="govuk-heading-m" id="rounds">Rounds<\/h2>/);
  assert.match(page.body, /2 rounds: applications now go to round 2/);
  assert.match(page.body, /Reopen in a new round/);
});

test('reopening with bad dates is refused, each problem naming its field; nothing is saved', async () => {
  const vehicle = await openVehicle(world, { reference: 'ROUNDS-2', clarificationDeadline: addDays(today(), 10) });
  const url = `/api/v1/vehicles/${vehicle.id}`;
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
  await throughEvaluation(world, vehicle.id, kestrel, [4, 4]);
  await awardAndStart(vehicle.id);

  const missing = await api(world, 'commissioner', 'POST', `${url}/rounds`, {});
  assert.equal(missing.statusCode, 422);
  assert.deepEqual(
    missing.json().errors.map((error: { field: string }) => error.field),
    ['clarificationDeadline', 'submissionDeadline'],
  );
  const past = await api(world, 'commissioner', 'POST', `${url}/rounds`, {
    clarificationDeadline: addDays(today(), 3),
    submissionDeadline: addDays(today(), -1),
  });
  assert.equal(past.statusCode, 422);
  assert.deepEqual(past.json().errors, [
    {
      field: 'submissionDeadline',
      message: past.json().errors[0].message,
    },
  ]);
  assert.match(past.json().errors[0].message, /The submission deadline must be today .* or later/);
  const backwards = await api(world, 'commissioner', 'POST', `${url}/rounds`, {
    clarificationDeadline: addDays(today(), 20),
    submissionDeadline: addDays(today(), 10),
  });
  assert.deepEqual(
    backwards.json().errors.map((error: { field: string }) => error.field),
    ['submissionDeadline'],
  );
  const notADate = await api(world, 'commissioner', 'POST', `${url}/rounds`, {
    clarificationDeadline: '2027-02-30',
    submissionDeadline: addDays(today(), 10),
  });
  assert.equal(notADate.statusCode, 422);
  assert.equal(notADate.json().errors[0].field, 'clarificationDeadline');

  const detail = (await api(world, 'commissioner', 'GET', url)).json();
  assert.equal(detail.vehicle.status, 'live');
  assert.equal(detail.rounds.length, 1);
});

test('only the lead organisation reopens: another council and providers cannot', async () => {
  const vehicle = await openVehicle(world, { reference: 'ROUNDS-3' });
  const url = `/api/v1/vehicles/${vehicle.id}`;
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
  await throughEvaluation(world, vehicle.id, kestrel, [4, 4]);
  await awardAndStart(vehicle.id);
  const dates = { submissionDeadline: addDays(today(), 14) };

  const otherCouncil = await api(world, 'other_council_commissioner', 'POST', `${url}/rounds`, dates);
  assert.equal(otherCouncil.statusCode, 404, 'another organisation is told it does not exist');
  for (const seat of ['provider_user', 'other_provider_user', 'evaluator'] as const) {
    const refused = await api(world, seat, 'POST', `${url}/rounds`, dates);
    assert.ok([403, 404].includes(refused.statusCode), `${seat}: ${refused.statusCode}`);
  }
  // The vehicle page's reopening form too.
  const formUrl = `/vehicles/${vehicle.id}/rounds/new`;
  const outsider = new PageSession(world.app);
  await outsider.signIn(world.emails.other_council_commissioner);
  assert.equal((await outsider.get(formUrl)).statusCode, 404);
  assert.equal((await api(world, 'commissioner', 'GET', url)).json().rounds.length, 1);

  // The lead's commissioner reopens on the form, through a check-your-answers page (no clarification
  // deadline: this vehicle takes no questions).
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const form = await session.get(formUrl);
  assert.equal(form.statusCode, 200);
  assert.doesNotMatch(form.body, /name="clarificationDeadline-day"/);
  const [year, month, day] = addDays(today(), -2).split('-');
  const late = await session.post(formUrl, {
    'submissionDeadline-day': day!,
    'submissionDeadline-month': month!,
    'submissionDeadline-year': year!,
  });
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /href="#submissionDeadline"[^>]*>The submission deadline must be today/);
  const [y, m, d] = addDays(today(), 14).split('-');
  const typed = {
    'submissionDeadline-day': d!,
    'submissionDeadline-month': m!,
    'submissionDeadline-year': y!,
    reason: 'More providers wanted in the south',
  };
  const check = await session.post(formUrl, typed);
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Reopen in round 2/);
  assert.equal((await api(world, 'commissioner', 'GET', url)).json().rounds.length, 1, 'nothing before confirming');
  const confirmed = await session.post(formUrl, { ...typed, confirmed: 'yes' });
  assert.equal(confirmed.statusCode, 302, confirmed.body);
  const detail = (await api(world, 'commissioner', 'GET', url)).json();
  assert.equal(detail.vehicle.status, 'open');
  assert.deepEqual(
    detail.rounds.map((round: { number: number; submissionDeadline: string }) => [
      round.number,
      round.submissionDeadline,
    ]),
    [
      [1, detail.vehicle.submissionDeadline],
      [2, addDays(today(), 14)],
    ],
  );
});

test('a DPS is open continuously and cannot be given a round', async () => {
  const dps = await openVehicle(world, {
    reference: 'ROUNDS-DPS',
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2024-04-01',
    submissionDeadline: null,
  });
  const url = `/api/v1/vehicles/${dps.id}`;
  const dates = { submissionDeadline: addDays(today(), 14) };
  for (const status of [undefined, 'live'] as const) {
    if (status) assert.equal((await api(world, 'commissioner', 'POST', `${url}/status`, { status })).statusCode, 200);
    const refused = await api(world, 'commissioner', 'POST', `${url}/rounds`, dates);
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().errors, [
      {
        field: 'status',
        message: 'A dynamic purchasing system (pcr 2015) is open to applications continuously: it has no rounds',
      },
    ]);
  }
  const detail = (await api(world, 'commissioner', 'GET', url)).json();
  assert.deepEqual(detail.rounds, []);
  assert.equal(detail.currentRound, 1);
  // Its applications are the vehicle's, one per provider, as before.
  const started = await api(world, 'provider_user', 'POST', `${url}/applications`);
  assert.equal(started.json().application.roundNumber, 1);
});
