// Giving many services their zones and officers at once: each checked as on its own, all or none,
// only the organisation's own services, each audited.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { contractedService } from '../../test/support/quality.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { assignServices } from './register-service.ts';
import { contractedServices } from './schema.ts';

let world: TestWorld;
let officer: CurrentUser;
let services: string[];
const userOf = async (email: string) => (await userDirectory(world.db).byId((await userByEmail(world.db, email))!.id))!;
before(async () => {
  world = await testWorld();
  officer = await userOf(world.emails.quality_officer);
  services = [await contractedService(world, 'provider'), await contractedService(world, 'other_provider')];
});
after(() => world.close());

const assigned = async () =>
  (
    await world.db
      .select({ id: contractedServices.id, zoneId: contractedServices.zoneId, officerId: contractedServices.officerId })
      .from(contractedServices)
      .where(inArray(contractedServices.id, services))
  ).sort((a, b) => services.indexOf(a.id) - services.indexOf(b.id));
const assignmentsAudited = async () =>
  (await world.db.select().from(auditEvents).where(eq(auditEvents.action, 'contracted-service.assign'))).length;

test('a batch with one bad assignment, or another council’s service, changes nothing', async () => {
  const before = await assigned();
  const auditor = await userOf(world.emails.auditor);
  await assert.rejects(
    assignServices(world.db, officer, [
      { serviceId: services[0]!, input: { zoneId: world.zoneIds[1], officerId: officer.id } },
      { serviceId: services[1]!, input: { zoneId: world.zoneIds[1], officerId: auditor.id } },
    ]),
    (error: { fieldErrors?: { field: string; message: string }[] }) =>
      error.fieldErrors?.[0]?.field === 'officerId' && /quality officers/.test(error.fieldErrors[0].message),
  );
  const elsewhere = await contractedService(world, 'provider', '2025-04-01', world.otherCouncilId);
  await assert.rejects(
    assignServices(world.db, officer, [
      { serviceId: services[0]!, input: { zoneId: world.zoneIds[1], officerId: officer.id } },
      { serviceId: elsewhere, input: { zoneId: null, officerId: null } },
    ]),
    NotFoundError,
  );
  await assert.rejects(
    assignServices(world.db, auditor, [{ serviceId: services[0]!, input: { zoneId: null, officerId: null } }]),
    ForbiddenError,
  );
  assert.deepEqual(await assigned(), before);
  assert.equal(await assignmentsAudited(), 0);
});

test('a batch assigns each service and audits each, with what it was before', async () => {
  assert.equal(
    await assignServices(
      world.db,
      officer,
      services.map((serviceId, i) => ({ serviceId, input: { zoneId: world.zoneIds[i + 1], officerId: officer.id } })),
    ),
    2,
  );
  assert.deepEqual(await assigned(), [
    { id: services[0], zoneId: world.zoneIds[1], officerId: officer.id },
    { id: services[1], zoneId: world.zoneIds[2], officerId: officer.id },
  ]);
  const events = await world.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, 'contracted-service.assign'))
    .orderBy(auditEvents.seq);
  assert.deepEqual(
    events.map((event) => [event.recordId, event.before]),
    services.map((id) => [id, { zoneId: world.zoneIds[0], officerId: null }]),
  );
  assert.equal(await assignServices(world.db, officer, []), 0);
});
