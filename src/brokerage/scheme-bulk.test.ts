// A council's schemes brought in at once, each with its units: each checked as on its own, all or
// none, one audit append with the same events as creating a scheme and adding its units.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { asc, count, gt } from 'drizzle-orm';
import { complexScheme } from '../../test/support/brokerage.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ConflictError, ForbiddenError } from '../platform/http/errors.ts';
import type { UnitInput } from './input.ts';
import { createSchemes, getScheme } from './scheme-service.ts';
import { schemes, units } from './schema.ts';

let world: TestWorld;
let officer: CurrentUser;
let care: { providerId: string; membershipId: string };
const userOf = async (email: string) => (await userDirectory(world.db).byId((await userByEmail(world.db, email))!.id))!;
before(async () => {
  world = await testWorld();
  officer = await userOf(world.emails.brokerage_officer);
  const framework = await liveTieredFramework(world);
  const membership = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  care = { providerId: membership.providerId, membershipId: membership.id };
});
after(() => world.close());

const scheme = (name: string, zoneId = world.zoneIds[0]!) => complexScheme(name, zoneId, care);
const unit = (name: string, availableFrom = '2026-09-01'): UnitInput => ({
  name,
  features: ['wheelchair-access'],
  availableFrom,
});
const tally = async () => ({
  schemes: (await world.db.select({ n: count() }).from(schemes))[0]!.n,
  units: (await world.db.select({ n: count() }).from(units))[0]!.n,
  events: (await world.db.select({ n: count() }).from(auditEvents))[0]!.n,
});
const fieldOf = (error: Error & { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field;

test('schemes with a unit named twice, a zone not the council’s, a date too far, or the wrong role are refused whole', async () => {
  const before = await tally();
  const good = { input: scheme('Maple Court'), units: [unit('Flat 1')] };
  await assert.rejects(
    createSchemes(world.db, officer, [good, { input: scheme('Oak House'), units: [unit('Flat 1'), unit('flat 1')] }]),
    (error: Error) => error instanceof ConflictError && fieldOf(error) === 'name',
  );
  await assert.rejects(
    createSchemes(world.db, officer, [good, { input: scheme('Oak House', randomUUID()), units: [] }]),
    (error: Error) => fieldOf(error) === 'zoneId',
  );
  await assert.rejects(
    createSchemes(world.db, officer, [
      good,
      { input: scheme('Oak House'), units: [unit('Flat 1', '2026-01-01')], recordedOn: '2027-06-01' },
    ]),
    (error: Error) => fieldOf(error) === 'availableFrom',
  );
  await assert.rejects(createSchemes(world.db, await userOf(world.emails.social_worker), [good]), ForbiddenError);
  assert.deepEqual(await tally(), before, 'nothing of a refused batch is written');
});

test('schemes and their units are created at once, audited as one at a time, and open as any other', async () => {
  const before = await tally();
  const lastSeq =
    (await world.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(asc(auditEvents.seq))).at(-1)?.seq ?? 0;
  const created = await createSchemes(world.db, officer, [
    { input: scheme('Maple Court'), units: [unit('Flat 1'), unit('Flat 2')] },
    { input: scheme('Oak House', world.zoneIds[1]), units: [unit('Room A', '2025-12-10')], recordedOn: '2026-06-01' },
  ]);
  assert.deepEqual(
    created.map(({ scheme: row, units: rows }) => [row.name, rows.map((one) => one.name)]),
    [
      ['Maple Court', ['Flat 1', 'Flat 2']],
      ['Oak House', ['Room A']],
    ],
  );
  assert.deepEqual(await tally(), { schemes: before.schemes + 2, units: before.units + 3, events: before.events + 5 });
  const events = await world.db
    .select()
    .from(auditEvents)
    .where(gt(auditEvents.seq, lastSeq))
    .orderBy(asc(auditEvents.seq));
  assert.deepEqual(
    events.map((event) => [event.action, event.recordId]),
    [
      ['scheme.create', created[0]!.scheme.id],
      ['unit.create', created[0]!.scheme.id],
      ['unit.create', created[0]!.scheme.id],
      ['scheme.create', created[1]!.scheme.id],
      ['unit.create', created[1]!.scheme.id],
    ],
  );
  const view = await getScheme(world.db, officer, created[1]!.scheme.id);
  assert.deepEqual(
    view.units.map(({ unit: row, tenancy }) => [row.id, row.availableFrom, tenancy]),
    [[created[1]!.units[0]!.id, '2025-12-10', null]],
  );
  assert.deepEqual(await createSchemes(world.db, officer, []), []);
});
