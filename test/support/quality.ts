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
