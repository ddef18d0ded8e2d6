// Procurement set-ups shared by the API and page tests: an open vehicle with questions and lots,
// and an application answered in full.
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { api, type Seat, type TestWorld } from './test-app.ts';

/** An open vehicle with two selection and two quality questions and three lots. */
export async function openVehicle(world: TestWorld, overrides: Record<string, unknown> = {}) {
  const created = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: `FW-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Supported Living Framework',
    kind: 'framework',
    regime: 'pa2023',
    submissionDeadline: addDays(isoDateInLondon(new Date()), 30),
    pricesFixed: true,
    zones: world.zoneIds.map((zoneId) => ({ zoneId })),
    partners: [{ organisation: 'QNC', fundingSharePercent: 20 }],
    ...overrides,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().vehicle.id;
  const ask = (question: Record<string, unknown>) =>
    api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/questions`, question);
  assert.equal(
    (await ask({ kind: 'selection', text: 'Are you registered with the CQC for personal care?' })).statusCode,
    201,
  );
  await ask({ kind: 'selection', text: 'Do you hold £5m public liability insurance?' });
  await ask({ kind: 'quality', text: 'How will you recruit and keep staff?', wordLimit: 20, weightPercent: 60 });
  const last = await ask({
    kind: 'quality',
    text: 'How will you support people to be independent?',
    wordLimit: 20,
    weightPercent: 30,
  });
  await api(world, 'commissioner', 'PUT', `/api/v1/vehicles/${id}/lots`, {
    zoneIds: world.zoneIds,
    needBands: ['complex'],
    serviceTypes: ['supported-living'],
  });
  const weights = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/status`, { status: 'open' });
  assert.equal(weights.statusCode, 422);
  assert.match(weights.json().errors[0].message, /add up to 90%; they must add up to 100%/);
  await api(world, 'commissioner', 'DELETE', `/api/v1/vehicles/${id}/questions/${last.json().id}`);
  await ask({
    kind: 'quality',
    text: 'How will you support people to be independent?',
    wordLimit: 20,
    weightPercent: 40,
  });
  const opened = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${id}/status`, { status: 'open' });
  assert.equal(opened.statusCode, 200, opened.body);
  const questions = (await api(world, 'provider_user', 'GET', `/api/v1/vehicles/${id}/questions`)).json() as {
    id: string;
    kind: string;
  }[];
  return { id, lots: opened.json().lots as { id: string }[], questions };
}

export async function answerEverything(
  world: TestWorld,
  applicationId: string,
  questions: { id: string; kind: string }[],
  seat: Seat = 'provider_user',
) {
  for (const question of questions) {
    const body =
      question.kind === 'selection'
        ? { meetsRequirement: true, text: 'Yes: certificate attached' }
        : { text: 'We grow our own staff with local colleges.' };
    const saved = await api(world, seat, 'PUT', `/api/v1/applications/${applicationId}/answers/${question.id}`, body);
    assert.equal(saved.statusCode, 200, saved.body);
  }
}

/**
 * Takes a submitted application through selection, scoring by the test world's evaluator,
 * moderation to `agreed` (one score per quality question, in order), quality and the financial check.
 */
export async function throughEvaluation(world: TestWorld, vehicleId: string, applicationId: string, agreed: number[]) {
  const ok = async (response: Promise<{ statusCode: number; body: string }>, expected = 200) => {
    const result = await response;
    assert.equal(result.statusCode, expected, result.body);
  };
  await ok(
    api(world, 'commissioner', 'POST', `/api/v1/applications/${applicationId}/stages`, {
      stage: 'selection',
      outcome: 'pass',
    }),
  );
  await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicleId}/declaration`, { hasConflict: false });
  const quality = (await api(world, 'evaluator', 'GET', `/api/v1/vehicles/${vehicleId}/questions`))
    .json()
    .filter((q: { kind: string }) => q.kind === 'quality') as { id: string }[];
  for (const [i, question] of quality.entries()) {
    await ok(
      api(world, 'evaluator', 'PUT', `/api/v1/applications/${applicationId}/scores/${question.id}`, {
        score: agreed[i],
        comment: 'Scored against the published criteria',
      }),
    );
  }
  await ok(api(world, 'evaluator', 'POST', `/api/v1/applications/${applicationId}/scores/submit`));
  for (const [i, question] of quality.entries()) {
    await ok(
      api(world, 'commissioner', 'PUT', `/api/v1/applications/${applicationId}/agreed-scores/${question.id}`, {
        score: agreed[i],
        rationale: 'Agreed',
      }),
    );
  }
  await ok(
    api(world, 'commissioner', 'POST', `/api/v1/applications/${applicationId}/stages`, {
      stage: 'quality',
      outcome: 'pass',
    }),
  );
  await ok(
    api(world, 'finance_officer', 'POST', `/api/v1/applications/${applicationId}/stages`, {
      stage: 'financial',
      outcome: 'pass',
    }),
  );
}

/** A provider's application to `lotIds`, answered in full (and priced, where given a rate) and submitted; returns its id. */
export async function submittedApplication(
  world: TestWorld,
  seat: Seat,
  vehicle: { id: string; questions: { id: string; kind: string }[] },
  lotIds: string[],
  price?: { weeklyRatePence: number },
) {
  const started = (await api(world, seat, 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json();
  await api(world, seat, 'PUT', `/api/v1/applications/${started.application.id}/lots`, { lotIds });
  await answerEverything(world, started.application.id, vehicle.questions, seat);
  if (price)
    await api(world, seat, 'PUT', `/api/v1/applications/${started.application.id}/prices`, {
      prices: lotIds.map((lotId) => ({ lotId, ...price })),
    });
  const submitted = await api(world, seat, 'POST', `/api/v1/applications/${started.application.id}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  return started.application.id as string;
}

/**
 * A tiered framework with one Tier 1 place in North and one in South, a cap of one zone each:
 * Heron (the test world's provider) applies for North and South and scores 92, Kestrel for North
 * only and scores 60. Rank order leaves South empty; coverage then score fills both.
 */
export async function tieredFrameworkThroughEvaluation(world: TestWorld, reference = 'TIERED-1') {
  const vehicle = await openVehicle(world, {
    reference,
    tiered: true,
    maxTier1ZonesPerProvider: 1,
    qualityThreshold: 50,
    allocationRule: 'coverage-then-score',
    zones: world.zoneIds.map((zoneId, i) => ({ zoneId, tier1Places: [1, 0, 1][i] })),
  });
  const [north, , south] = vehicle.lots;
  const heron = await submittedApplication(world, 'provider_user', vehicle, [north!.id, south!.id]);
  const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [north!.id]);
  await throughEvaluation(world, vehicle.id, heron, [5, 4]);
  await throughEvaluation(world, vehicle.id, kestrel, [3, 3]);
  return { vehicle, heron, kestrel };
}

/** The tiered framework awarded and live: Kestrel Tier 1 in North; Heron Tier 2 in North and Tier 1 in South. */
export async function liveTieredFramework(world: TestWorld, reference = 'TIERED-LIVE') {
  const { vehicle } = await tieredFrameworkThroughEvaluation(world, reference);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' });
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  // Awarded today, so browser journeys (on the real clock) can use it too; contracts start when standstill allows.
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: isoDateInLondon(new Date()),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const started = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, {
    startOn: awarded.json().decision.earliestContractDate,
  });
  const memberships = started.json().memberships as { id: string; providerId: string; lotId: string; tier: string }[];
  return { vehicle, memberships };
}
