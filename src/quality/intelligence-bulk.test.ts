// Bringing in a log kept before Hearth: many entries at once, each concern with its finding where
// one was reached; each checked as on its own, all or none, the same audit events as one at a time,
// and each provider's services rated after.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, count, inArray } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { contractedService } from '../../test/support/quality.ts';
import { testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { userByEmail } from '../organisations/repository.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { recordEntries } from './intelligence-service.ts';
import { intelligenceEntries } from './intelligence-schema.ts';
import { serviceRisks } from './risk-schema.ts';

let world: TestWorld;
let officer: CurrentUser;
let heron: string;
let kestrel: string;
const userOf = async (email: string) => (await userDirectory(world.db).byId((await userByEmail(world.db, email))!.id))!;
before(async () => {
  world = await testWorld();
  officer = await userOf(world.emails.quality_officer);
  heron = await contractedService(world, 'provider');
  kestrel = await contractedService(world, 'other_provider');
});
after(() => world.close());

const MISSED_VISITS = {
  kind: 'concern',
  category: 'missed-visits',
  occurredOn: '2026-10-20',
  summary: 'Three evening calls missed in one week',
  source: 'Phone call from a family member',
};
const SUBSTANTIATED = { outcome: 'substantiated', outcomeReason: 'Call logs confirm the missed visits' };
const tally = async () => ({
  entries: (await world.db.select({ n: count() }).from(intelligenceEntries))[0]!.n,
  events: (await world.db.select({ n: count() }).from(auditEvents))[0]!.n,
});

test('a log with one bad entry or finding, another council’s service, or the wrong role is refused whole', async () => {
  const before = await tally();
  const good = { serviceId: heron, input: MISSED_VISITS };
  await assert.rejects(
    recordEntries(world.db, officer, [
      good,
      { serviceId: kestrel, input: MISSED_VISITS, finding: { outcome: 'substantiated' } },
    ]),
    (error: { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field === 'outcomeReason',
  );
  await assert.rejects(
    recordEntries(world.db, officer, [good, { serviceId: heron, input: { ...MISSED_VISITS, occurredOn: 'soon' } }]),
    (error: { fieldErrors?: { field: string }[] }) => error.fieldErrors?.[0]?.field === 'occurredOn',
  );
  await assert.rejects(
    recordEntries(world.db, officer, [
      good,
      {
        serviceId: heron,
        input: { ...MISSED_VISITS, kind: 'notification', category: 'serious-incident' },
        finding: SUBSTANTIATED,
      },
    ]),
    ConflictError,
  );
  const elsewhere = await contractedService(world, 'provider', '2025-04-01', world.otherCouncilId);
  await assert.rejects(
    recordEntries(world.db, officer, [good, { serviceId: elsewhere, input: MISSED_VISITS }]),
    NotFoundError,
  );
  await assert.rejects(recordEntries(world.db, await userOf(world.emails.auditor), [good]), ForbiddenError);
  assert.deepEqual(await tally(), before, 'nothing of a refused log is written');
});

test('a log is brought in with each finding, audited as one at a time, and the services rated', async () => {
  const before = await tally();
  assert.equal(
    await recordEntries(world.db, officer, [
      { serviceId: heron, input: MISSED_VISITS, finding: SUBSTANTIATED },
      { serviceId: heron, input: { ...MISSED_VISITS, occurredOn: '2026-11-02' } },
      { serviceId: kestrel, input: MISSED_VISITS },
    ]),
    3,
  );
  const entries = await world.db
    .select()
    .from(intelligenceEntries)
    .where(inArray(intelligenceEntries.serviceId, [heron, kestrel]))
    .orderBy(asc(intelligenceEntries.serviceId), asc(intelligenceEntries.occurredOn));
  const byService = (id: string) => entries.filter((entry) => entry.serviceId === id);
  assert.deepEqual(
    byService(heron).map((entry) => [entry.occurredOn, entry.outcome, entry.recordedBy]),
    [
      ['2026-10-20', 'substantiated', officer.id],
      ['2026-11-02', null, officer.id],
    ],
  );
  assert.equal(byService(kestrel).length, 1);
  const events = await world.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  const added = events.slice(before.events);
  assert.deepEqual(
    added.map((event) => event.action),
    ['intelligence.record', 'intelligence.finding', 'intelligence.record', 'intelligence.record'],
  );
  assert.deepEqual(added[1]!.before, { outcome: null, outcomeReason: null });
  assert.equal(added[1]!.recordId, byService(heron)[0]!.id);
  const rated = await world.db
    .select()
    .from(serviceRisks)
    .where(inArray(serviceRisks.serviceId, [heron, kestrel]));
  assert.equal(rated.length, 2, 'each service rated');
  assert.equal(await recordEntries(world.db, officer, []), 0);
});
