// Bringing in an organisation's history of assessments many at once: all or none, each checked and
// audited as one at a time, and each service rated once, after all of them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { count, inArray } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { contractedService, frameworkInUse, QUESTION_KEYS } from '../../test/support/quality.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { qualityAssessments } from './assessment-schema.ts';
import { recordPastAssessments } from './past-assessment-service.ts';
import { riskSnapshots } from './risk-schema.ts';

let world: TestWorld;
let officer: CurrentUser;
let services: string[];
before(async () => {
  world = await testWorld();
  await frameworkInUse(world);
  officer = (await userDirectory(world.db).byId((await userByEmail(world.db, world.emails.quality_officer))!.id))!;
  services = [await contractedService(world, 'provider'), await contractedService(world, 'other_provider')];
});
after(() => world.close());

const past = (rating: string) => ({
  visitKind: 'announced',
  visitOn: '2026-03-02',
  officerIds: [officer.id],
  publishedOn: '2026-03-30',
  ratings: QUESTION_KEYS.map((questionKey) => ({ questionKey, rating, reason: 'From the paper report' })),
  source: 'Paper reports of 2026',
});
const tally = async () => ({
  assessments: (
    await world.db
      .select({ n: count() })
      .from(qualityAssessments)
      .where(inArray(qualityAssessments.serviceId, services))
  )[0]!.n,
  snapshots: (
    await world.db.select({ n: count() }).from(riskSnapshots).where(inArray(riskSnapshots.serviceId, services))
  )[0]!.n,
  events: (await world.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

test('past assessments are brought in many at once: all or none, each audited, each service rated', async () => {
  const before = await tally();
  await assert.rejects(
    recordPastAssessments(world.db, officer, [
      { serviceId: services[0]!, input: past('good') },
      { serviceId: services[1]!, input: { ...past('good'), publishedOn: '2026-02-01' } },
    ]),
    (error: { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field === 'publishedOn',
  );
  await assert.rejects(
    recordPastAssessments(world.db, officer, [
      { serviceId: services[0]!, input: past('good') },
      { serviceId: '00000000-0000-4000-8000-000000000000', input: past('good') },
    ]),
    { status: 404 },
  );
  assert.deepEqual(await tally(), before, 'nothing is brought in when one of them is refused');
  assert.deepEqual(await recordPastAssessments(world.db, officer, []), []);
  assert.deepEqual(await tally(), before, 'none brought in writes nothing');

  const brought = await recordPastAssessments(world.db, officer, [
    { serviceId: services[0]!, input: past('good') },
    { serviceId: services[1]!, input: past('poor') },
  ]);
  assert.deepEqual(
    brought.map((each) => each.overall),
    ['good', 'poor'],
  );
  const after = await tally();
  assert.equal(after.assessments, before.assessments + 2);
  assert.equal(after.events, before.events + 2, 'one audit event for each');
  assert.equal(after.snapshots, before.snapshots + 2, 'each service rated');
});
