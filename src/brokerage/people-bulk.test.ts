// Adding people and their assessments many at once (the demo county's hundreds): all or none, each
// with the same checks and audit event as one at a time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { count } from 'drizzle-orm';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { HttpError } from '../platform/http/errors.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { COMPLEX_SCORES } from '../../test/support/brokerage.ts';
import type { PersonInput } from './input.ts';
import { createPeople, getPerson, recordAssessments } from './people-service.ts';
import { people } from './schema.ts';

let world: TestWorld;
let socialWorker: CurrentUser;
before(async () => {
  world = await testWorld();
  const user = await userByEmail(world.db, world.emails.social_worker);
  socialWorker = (await userDirectory(world.db).byId(user!.id))!;
});
after(() => world.close());

const person = (caseReference: string): PersonInput => ({
  name: `Person ${caseReference}`,
  dateOfBirth: '1990-05-17',
  caseReference,
  clientGroups: ['learning-disability'],
  homeZoneId: world.zoneIds[0]!,
  inCounty: true,
  paymentRoute: 'commissioned',
  funding: [{ stream: 'care-act', percent: 100 }],
  contributionPence: 2_500,
});
const assessment = {
  assessedOn: addDays(isoDateInLondon(new Date()), -30),
  assessorName: 'Sam Social',
  scores: COMPLEX_SCORES,
  oneToOneMinutesPerWeek: 600,
  nightSupport: 'sleep-in' as const,
  requiredFeatures: [],
};
const tally = async () => ({
  people: (await world.db.select({ n: count() }).from(people))[0]!.n,
  events: (await world.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

test('people and their assessments are added many at once, all or none, each audited', async () => {
  const before = await tally();
  await assert.rejects(createPeople(world.db, socialWorker, [person('BULK-1'), person('BULK-1')]), /BULK-1/);
  assert.deepEqual(await tally(), before, 'a repeated case reference adds nobody');

  const added = await createPeople(world.db, socialWorker, [person('BULK-2'), person('BULK-3')]);
  await assert.rejects(
    recordAssessments(world.db, socialWorker, [
      { personId: added[0]!.id, input: assessment },
      { personId: added[1]!.id, input: { ...assessment, mustNotLiveWith: [added[1]!.id] } },
    ]),
    (error: HttpError) => error.fieldErrors.some((problem) => /kept apart from themselves/.test(problem.message)),
  );
  const needs = await recordAssessments(
    world.db,
    socialWorker,
    added.map((row) => ({ personId: row.id, input: assessment })),
  );
  assert.deepEqual(
    needs.map((need) => need.band),
    ['complex', 'complex'],
  );
  assert.deepEqual(await tally(), { people: before.people + 2, events: before.events + 4 }, 'one event a change');
  const record = await getPerson(world.db, socialWorker, added[0]!.id);
  assert.equal(record.assessments.length, 1, 'the refused batch recorded nothing');
});
