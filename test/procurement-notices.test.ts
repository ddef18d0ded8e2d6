// Procurement tells providers when a decision is made: an application ended at a stage, and every
// tenderer's award letter once the award is decided. Each message links to the page; the decision
// itself is read there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notifications } from '../src/notifications/schema.ts';
import { api, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework, openVehicle, submittedApplication } from './support/procurement.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const messagesOf = (kind: string) => world.db.select().from(notifications).where(eq(notifications.kind, kind));

test('an application excluded at a stage: its provider is told a decision is made, once', async () => {
  const vehicle = await openVehicle(world, { reference: 'NOTICE-STAGE' });
  const id = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
  assert.equal((await messagesOf('application-decision')).length, 0, 'nothing is said while it is open');
  const failed = await api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, {
    stage: 'selection',
    outcome: 'fail',
    reason: 'No public liability insurance of £5m',
  });
  assert.equal(failed.statusCode, 200, failed.body);
  const told = await messagesOf('application-decision');
  assert.deepEqual(
    told.map((message) => [message.recipientEmail, message.link]),
    [[world.emails.other_provider_user, `/applications/${id}`]],
  );
  assert.doesNotMatch(told[0]!.body, /insurance/, 'the reason is read on the page, not in an email');
});

test('deciding the award issues every tenderer its letter and tells its people', async () => {
  await liveTieredFramework(world, 'NOTICE-AWARD');
  const letters = await messagesOf('award-letter');
  assert.deepEqual(
    letters.map((message) => message.recipientEmail).sort(),
    [world.emails.other_provider_user, world.emails.provider_user].sort(),
  );
  for (const letter of letters) assert.match(letter.link, /^\/applications\/[0-9a-f-]{36}\/letter$/);
  assert.match(letters[0]!.subject, /^Your award letter for /);
});
