// Food hygiene ratings from the FSA's open data, as `hearth import fhrs` records them: matched to
// the council's running services, each rating once, and files or organisations it cannot use refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import '../../test/support/clock.ts';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { importFoodHygieneRatings } from './intelligence-import-service.ts';
import { insertServices } from './register-repository.ts';

const sample = readFileSync(new URL('../../test/fixtures/fhrs/fhrs-sample.xml', import.meta.url), 'utf8');
let world: TestWorld;
const services = new Map<string, string>();

before(async () => {
  world = await testWorld();
  const named: [string, string, string | null][] = [
    ['Willow Court Care Home', 'HV1 4QT', null],
    ['Meadowbank House', 'HV4 2RS', null],
    ['Hilltop Residential Home', 'HV3 8JD', '2026-01-31'],
  ];
  for (const [name] of named) services.set(name, randomUUID());
  await insertServices(
    world.db,
    named.map(([name, postcode, endedOn]) => ({
      organisationId: world.councilId,
      id: services.get(name)!,
      providerId: world.providerId,
      locationId: null,
      name,
      postcode,
      contractedFrom: '2025-04-01',
      endedOn,
      createdAt: new Date(),
    })),
  );
});
after(() => world.close());

const importing = (xml: string, code: string | undefined = 'E10000028') =>
  importFoodHygieneRatings(world.db, commandLineActor, code, xml);

test('each matched establishment is recorded with its rating, rating date and FHRSID, once', async () => {
  const first = await importing(sample);
  assert.deepEqual(
    [first.organisation, first.read, first.matched, first.added],
    ['Staffordshire County Council', 9, 2, 2],
  );
  assert.ok(
    first.unmatched.some((one) => one.businessName === 'Hilltop Residential Home'),
    'a service whose contract has ended is not matched',
  );
  const { items } = (
    await api(world, 'auditor', 'GET', '/api/v1/quality/intelligence?kind=food-hygiene&sort=service&order=asc')
  ).json() as { items: Record<string, unknown>[] };
  assert.deepEqual(
    items.map((entry) => [entry.serviceId, entry.occurredOn, entry.rating, entry.externalId, entry.source]),
    [
      [
        services.get('Meadowbank House'),
        '2026-12-01',
        'AwaitingInspection',
        '1604415',
        'Food Standards Agency open data',
      ],
      [services.get('Willow Court Care Home'), '2023-05-17', '5', '1604412', 'Food Standards Agency open data'],
    ],
  );
  assert.equal(items[1]!.recordedByName, null);
  const again = await importing(sample);
  assert.deepEqual([again.added, again.alreadyRecorded], [0, 2], 'undated, the same status is the same rating');
});

test('a new rating date is a new entry', async () => {
  const rerated = sample.replace('<RatingDate>2023-05-17</RatingDate>', '<RatingDate>2026-10-12</RatingDate>');
  assert.deepEqual((await importing(rerated)).added, 1);
});

test('a file that is not FHRS data, or an organisation not named where there are several, is refused by field', async () => {
  const refusal = (field: string) => (error: unknown) =>
    error instanceof ValidationError && error.fieldErrors.some((problem) => problem.field === field);
  await assert.rejects(importing('<Nothing/>'), refusal('file'));
  await assert.rejects(importing('not xml at all <'), refusal('file'));
  await assert.rejects(importing(sample, 'E99999999'), refusal('organisation'));
  await assert.rejects(
    importFoodHygieneRatings(world.db, commandLineActor, undefined, sample),
    refusal('organisation'),
  );
});
