// Evaluation through the API: stages in order with exclusions, declarations before scoring,
// independent scores, moderation to agreed scores, and the financial check by finance officers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor } from '../platform/audit/service.ts';
import { createApiToken, userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { agreeScores } from './evaluation-service.ts';
import { createUser } from '../organisations/user-service.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { answerEverything, openVehicle } from '../../test/support/procurement.ts';

let world: TestWorld;
const tokens: Record<string, string> = {};

before(async () => {
  world = await testWorld();
  for (const [key, email, organisation] of [
    ['second', 'second.evaluator@example.gov.uk', 'E10000028'],
    ['partner', 'nhs.evaluator@example.nhs.uk', 'QNC'],
  ] as const) {
    const user = await createUser(world.db, commandLineActor, {
      email,
      name: key === 'second' ? 'Sol Second' : 'Nat NHS',
      roles: ['evaluator'],
      organisation,
      password: 'a long enough password',
    });
    tokens[key] = (await createApiToken(world.db, commandLineActor, user.id, { name: 'tests' })).token;
  }
});
after(() => world.close());

const as = (key: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  world.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens[key]}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function submittedApplications() {
  const vehicle = await openVehicle(world);
  const ids: string[] = [];
  for (const seat of ['provider_user', 'other_provider_user'] as const) {
    const started = (await api(world, seat, 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json();
    await api(world, seat, 'PUT', `/api/v1/applications/${started.application.id}/lots`, {
      lotIds: [vehicle.lots[0]!.id],
    });
    await answerEverything(world, started.application.id, vehicle.questions, seat);
    assert.equal(
      (await api(world, seat, 'POST', `/api/v1/applications/${started.application.id}/submit`)).statusCode,
      200,
    );
    ids.push(started.application.id);
  }
  return { vehicle, heron: ids[0]!, kestrel: ids[1]! };
}

test('stages run in order: a fail excludes the tenderer, who is told why; finance officers do the financial check', async () => {
  const { heron, kestrel } = await submittedApplications();
  const stage = (seat: 'commissioner' | 'evaluator' | 'finance_officer', id: string, body: Record<string, unknown>) =>
    api(world, seat, 'POST', `/api/v1/applications/${id}/stages`, body);
  assert.equal((await stage('evaluator', heron, { stage: 'selection', outcome: 'pass' })).statusCode, 403);
  assert.equal(
    (
      await api(world, 'other_council_commissioner', 'POST', `/api/v1/applications/${heron}/stages`, {
        stage: 'selection',
        outcome: 'pass',
      })
    ).statusCode,
    404,
  );
  assert.match(
    (await stage('commissioner', heron, { stage: 'quality', outcome: 'pass' })).json().errors[0].message,
    /has not reached the quality stage/,
  );
  assert.equal(
    (await stage('commissioner', heron, { stage: 'selection', outcome: 'pass' })).json().progress.stage,
    'quality',
  );
  const failed = await stage('commissioner', kestrel, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No public liability insurance of £5m',
  });
  assert.equal(failed.json().application.status, 'excluded');
  const told = (await api(world, 'other_provider_user', 'GET', `/api/v1/applications/${kestrel}`)).json();
  assert.deepEqual(told.progress, {
    state: 'excluded',
    stage: 'selection',
    reason: 'No public liability insurance of £5m',
  });
  assert.match(
    (await stage('commissioner', kestrel, { stage: 'quality', outcome: 'pass' })).json().errors[0].message,
    /excluded at selection/,
  );
  assert.equal(
    (await stage('commissioner', heron, { stage: 'selection', outcome: 'fail', reason: 'changed my mind' })).statusCode,
    422,
    'decided once',
  );
  assert.equal(
    (await stage('commissioner', heron, { stage: 'quality', outcome: 'fail' })).json().errors[0].field,
    'reason',
  );

  assert.equal((await stage('commissioner', heron, { stage: 'quality', outcome: 'pass' })).statusCode, 200);
  assert.equal(
    (await stage('commissioner', heron, { stage: 'financial', outcome: 'pass' })).statusCode,
    403,
    'a finance officer records the financial check',
  );
  const financial = await stage('finance_officer', heron, { stage: 'financial', outcome: 'pass' });
  assert.equal(financial.json().progress.stage, 'award');
});

test('evaluators declare first, score independently, and see others only after submitting; commissioners moderate', async () => {
  const { vehicle, heron } = await submittedApplications();
  await api(world, 'commissioner', 'POST', `/api/v1/applications/${heron}/stages`, {
    stage: 'selection',
    outcome: 'pass',
  });
  const quality = vehicle.questions.filter((q) => q.kind === 'quality');
  const scoring = `/api/v1/applications/${heron}/scoring`;

  const before = (await api(world, 'evaluator', 'GET', scoring)).json();
  assert.match(before.scoringProblem, /Declare whether you have a conflict of interest/);
  assert.equal(before.application, null, 'nothing of the application before the declaration');
  assert.equal(
    (
      await api(world, 'evaluator', 'PUT', `/api/v1/applications/${heron}/scores/${quality[0]!.id}`, {
        score: 4,
        comment: 'Strong',
      })
    ).statusCode,
    422,
  );
  assert.equal(
    (await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false }))
      .statusCode,
    201,
  );
  assert.equal(
    (await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false }))
      .statusCode,
    409,
  );
  assert.equal(
    (await as('second', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: true })).statusCode,
    422,
    'a conflict needs its details',
  );
  await as('second', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, {
    hasConflict: true,
    details: "My sister manages Heron's Stafford service",
  });
  assert.match((await as('second', 'GET', scoring)).json().scoringProblem, /declared a conflict of interest/);
  await as('partner', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false });

  const score = (key: string, questionId: string, body: Record<string, unknown>) =>
    key === 'evaluator'
      ? api(world, 'evaluator', 'PUT', `/api/v1/applications/${heron}/scores/${questionId}`, body)
      : as(key, 'PUT', `/api/v1/applications/${heron}/scores/${questionId}`, body);
  assert.deepEqual(
    (await score('evaluator', quality[0]!.id, { score: 6, comment: '' }))
      .json()
      .errors.map((e: { field: string }) => e.field),
    ['score', 'comment'],
  );
  await score('partner', quality[0]!.id, { score: 2, comment: 'Recruitment plan lacks numbers' });
  await score('partner', quality[1]!.id, { score: 3, comment: 'Adequate' });
  await as('partner', 'POST', `/api/v1/applications/${heron}/scores/submit`);
  await score('evaluator', quality[0]!.id, { score: 4, comment: 'Clear local recruitment plan' });
  const mine = (await api(world, 'evaluator', 'GET', scoring)).json();
  assert.deepEqual(
    mine.scores.map((s: { evaluatorName: string }) => s.evaluatorName),
    ['Test evaluator'],
    'only my own before I submit',
  );
  const incomplete = await api(world, 'evaluator', 'POST', `/api/v1/applications/${heron}/scores/submit`);
  assert.deepEqual(
    incomplete.json().errors.map((e: { field: string }) => e.field),
    [`score-${quality[1]!.id}`],
  );
  await score('evaluator', quality[1]!.id, { score: 3, comment: 'Sound approach to independence' });
  const submitted = (await api(world, 'evaluator', 'POST', `/api/v1/applications/${heron}/scores/submit`)).json();
  assert.deepEqual(submitted.scores.map((s: { evaluatorName: string }) => s.evaluatorName).sort(), [
    'Nat NHS',
    'Nat NHS',
    'Test evaluator',
    'Test evaluator',
  ]);
  assert.equal(
    (await score('evaluator', quality[0]!.id, { score: 5, comment: 'On reflection' })).statusCode,
    422,
    'fixed once submitted',
  );

  const moderation = `/api/v1/applications/${heron}/moderation`;
  assert.equal((await api(world, 'evaluator', 'GET', moderation)).statusCode, 403);
  assert.equal((await api(world, 'other_council_commissioner', 'GET', moderation)).statusCode, 404);
  const view = (await api(world, 'commissioner', 'GET', moderation)).json();
  assert.deepEqual(
    view.rows.map((row: { spread: number; mean: number }) => [row.spread, row.mean]),
    [
      [2, 3],
      [0, 3],
    ],
  );
  assert.equal(view.qualityScore, null);
  assert.equal(
    (
      await api(world, 'commissioner', 'PUT', `/api/v1/applications/${heron}/agreed-scores/${quality[0]!.id}`, {
        score: 4,
        rationale: '',
      })
    ).json().errors[0].field,
    'rationale',
  );
  // A moderation meeting's scores at once: one without its rationale, and neither is kept.
  const commissioner = (await userDirectory(world.db).byId(
    (await userByEmail(world.db, world.emails.commissioner))!.id,
  ))!;
  await assert.rejects(
    agreeScores(world.db, commissioner, heron, [
      { questionId: quality[0]!.id, input: { score: 4, rationale: 'Agreed at moderation' } },
      { questionId: quality[1]!.id, input: { score: 3, rationale: '' } },
    ]),
    (error: { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field === 'rationale',
  );
  assert.deepEqual(
    (await api(world, 'commissioner', 'GET', moderation)).json().rows.map((row: { agreed: unknown }) => row.agreed),
    [null, null],
  );
  await api(world, 'commissioner', 'PUT', `/api/v1/applications/${heron}/agreed-scores/${quality[0]!.id}`, {
    score: 4,
    rationale: 'Agreed at moderation: the plan names its colleges',
  });
  const agreed = (
    await api(world, 'commissioner', 'PUT', `/api/v1/applications/${heron}/agreed-scores/${quality[1]!.id}`, {
      score: 3,
      rationale: 'Consensus',
    })
  ).json();
  assert.equal(agreed.qualityScore, 72, '60 × 4/5 + 40 × 3/5');
  const provider = (await api(world, 'provider_user', 'GET', `/api/v1/applications/${heron}`)).json();
  assert.ok(!('scores' in provider), "providers do not see evaluators' scores");
  assert.equal((await api(world, 'provider_user', 'GET', moderation)).statusCode, 403);
  assert.equal((await api(world, 'provider_user', 'GET', scoring)).statusCode, 403);
});

test('negotiation, then a resubmission window in which tenderers at that stage may change and resubmit', async () => {
  const vehicle = await openVehicle(world, {
    reference: 'NEG-1',
    stages: ['selection', 'negotiation', 'resubmission', 'award'],
  });
  const started = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json();
  const id = started.application.id;
  await api(world, 'provider_user', 'PUT', `/api/v1/applications/${id}/lots`, { lotIds: [vehicle.lots[0]!.id] });
  await answerEverything(world, id, vehicle.questions);
  await api(world, 'provider_user', 'POST', `/api/v1/applications/${id}/submit`);
  const quality = vehicle.questions.find((q) => q.kind === 'quality')!;
  const change = () =>
    api(world, 'provider_user', 'PUT', `/api/v1/applications/${id}/answers/${quality.id}`, {
      text: 'A sharper answer after negotiation.',
    });

  await api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, {
    stage: 'selection',
    outcome: 'pass',
  });
  const notes = await api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, {
    stage: 'negotiation',
    outcome: 'pass',
    reason: 'Agreed to add weekend cover in the South',
  });
  assert.equal(
    notes.json().decisions.find((d: { stage: string }) => d.stage === 'negotiation').reason,
    'Agreed to add weekend cover in the South',
  );
  assert.match((await change()).json().errors[0].message, /can no longer be changed/, 'not before the window opens');
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/resubmission`, { until: '2020-01-01' }))
      .statusCode,
    422,
  );
  const noStage = await openVehicle(world, { reference: 'NEG-2' });
  assert.match(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${noStage.id}/resubmission`, { until: '2099-01-01' })
    ).json().errors[0].message,
    /no resubmission stage/,
  );
  assert.equal(
    (await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/resubmission`, { until: '2099-01-01' }))
      .statusCode,
    200,
  );
  assert.equal((await change()).statusCode, 200, 'open now');
  const resubmitted = await api(world, 'provider_user', 'POST', `/api/v1/applications/${id}/submit`);
  assert.equal(resubmitted.statusCode, 200, resubmitted.body);
  assert.equal(resubmitted.json().application.status, 'submitted');
  assert.equal(
    (
      await api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, {
        stage: 'resubmission',
        outcome: 'pass',
      })
    ).json().progress.stage,
    'award',
  );
  assert.match(
    (await change()).json().errors[0].message,
    /can no longer be changed/,
    'closed once past the resubmission stage',
  );
});
