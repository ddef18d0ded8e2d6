// Quality set-ups shared by the API and page tests: the framework in use and contracted services.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { locationsOf } from '../../src/providers/repository.ts';
import { DEMO_FRAMEWORK } from '../../src/quality/domain/demo-framework.ts';
import { insertServices } from '../../src/quality/register-repository.ts';
import { api, type TestWorld } from './test-app.ts';

/** The council uses Hearth's own framework (version 1). */
export async function frameworkInUse(world: TestWorld): Promise<void> {
  if ((await api(world, 'quality_officer', 'GET', '/api/v1/quality/framework')).statusCode === 200) return;
  const saved = await api(world, 'quality_officer', 'POST', '/api/v1/quality/framework/versions', {
    name: 'Supported living quality framework',
    changeNote: 'Started from Hearth’s framework',
    content: DEMO_FRAMEWORK,
  });
  assert.equal(saved.statusCode, 201, saved.body);
}

/**
 * A contracted service of the council's, named as a provider's CQC location (Heron's unless `of` names the
 * other provider), in the first zone, contracted from `contractedFrom`.
 */
export async function contractedService(
  world: TestWorld,
  of: 'provider' | 'other_provider' = 'provider',
  contractedFrom = '2025-04-01',
  organisationId = world.councilId,
): Promise<string> {
  const providerId = of === 'provider' ? world.providerId : world.otherProviderId;
  const [location] = await locationsOf(world.db, providerId);
  assert.ok(location, 'the provider has a CQC location');
  const id = randomUUID();
  await insertServices(world.db, [
    {
      organisationId,
      id,
      providerId,
      locationId: null,
      name: location.name,
      postcode: location.postcode,
      zoneId: organisationId === world.councilId ? world.zoneIds[0]! : null,
      contractedFrom,
      createdAt: new Date(),
    },
  ]);
  return id;
}

/** Heron's service at its CQC location (which CQC's data, a rating or a manager, reaches), in an organisation. */
export async function serviceAtLocation(world: TestWorld, organisationId = world.councilId): Promise<string> {
  const [location] = await locationsOf(world.db, world.providerId);
  assert.ok(location, 'the provider has a CQC location');
  const id = randomUUID();
  await insertServices(world.db, [
    {
      organisationId,
      id,
      providerId: world.providerId,
      locationId: location.id,
      name: location.name,
      postcode: location.postcode,
      contractedFrom: '2025-04-01',
      createdAt: new Date(),
    },
  ]);
  return id;
}

/** The keys of the assessment framework's twenty questions: I1-I4, P1-P4, S1-S4, W1-W4, M1-M4. */
export const QUESTION_KEYS = ['I', 'P', 'S', 'W', 'M'].flatMap((domain) => [1, 2, 3, 4].map((n) => `${domain}${n}`));

/** Brings in an assessment done before Hearth, rated question by question; returns its id. */
export async function pastAssessment(
  world: TestWorld,
  serviceId: string,
  made: {
    visitOn: string;
    publishedOn: string;
    source: string;
    rating: (questionKey: string) => string;
    reason: string;
  },
): Promise<string> {
  const officerId = (await api(world, 'quality_officer', 'GET', '/api/v1/me')).json().id;
  const brought = await api(
    world,
    'quality_officer',
    'POST',
    `/api/v1/quality/services/${serviceId}/past-assessments`,
    {
      visitKind: 'announced',
      visitOn: made.visitOn,
      officerIds: [officerId],
      publishedOn: made.publishedOn,
      ratings: QUESTION_KEYS.map((questionKey) => ({
        questionKey,
        rating: made.rating(questionKey),
        reason: made.reason,
      })),
      source: made.source,
    },
  );
  assert.equal(brought.statusCode, 201, brought.body);
  return brought.json().id;
}

/** Records that a provider's company went into administration on a day: a red flag in the risk model. */
export async function companyInAdministration(world: TestWorld, providerId: string, occurredOn: string): Promise<void> {
  const recorded = await api(
    world,
    'quality_officer',
    'POST',
    `/api/v1/quality/providers/${providerId}/company-status`,
    {
      category: 'administration',
      occurredOn,
      summary: 'Administrators appointed; services continue while a buyer is sought',
      source: 'The Gazette',
    },
  );
  assert.equal(recorded.statusCode, 201, recorded.body);
}

/** Records a concern about a service on each day given, each found substantiated. */
export async function substantiatedConcerns(
  world: TestWorld,
  serviceId: string,
  days: readonly string[],
): Promise<void> {
  for (const occurredOn of days) {
    const recorded = await api(world, 'quality_officer', 'POST', `/api/v1/quality/services/${serviceId}/intelligence`, {
      kind: 'concern',
      category: 'missed-visits',
      occurredOn,
      summary: 'Evening calls missed',
      source: 'Phone call from a family member',
      outcome: 'substantiated',
      outcomeReason: 'The rota showed no one booked',
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
  }
}
