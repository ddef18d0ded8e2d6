// Who brokerage tells, and when: providers offered work (and reminded on the last day to answer),
// brokerage when a provider answers, commissioners when an off-framework purchase needs approval.
// Each message is queued with what happened, never anything about the person placed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { notifications } from '../src/notifications/schema.ts';
import { remindOnLastDay } from '../src/brokerage/cascade-service.ts';
import { api, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, RATE_CARD } from './support/brokerage.ts';

let world: TestWorld;
let framework: Awaited<ReturnType<typeof liveTieredFramework>>;

before(async () => {
  world = await testWorld();
  framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
});
after(() => world.close());

const messagesOf = async (kind: string) => world.db.select().from(notifications).where(eq(notifications.kind, kind));

test('providers offered work are told, reminded on their last day, and brokerage hears their answers', async () => {
  const person = await assessedPerson(world);
  const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
    personId: person.id,
    vehicleId: framework.vehicle.id,
    startBy: '2027-01-31',
    zoneIds: [world.zoneIds[0]],
    urgency: 'urgent',
  });
  const referralId = referred.json().referral.id as string;
  const sent = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referralId}/send-offers`);
  const offer = sent.json().steps[0].offers[0] as { id: string; providerId: string; respondBy: string };

  const made = await messagesOf('offer-made');
  assert.equal(made.length, 1, 'one message to the one provider user offered the work');
  assert.equal(made[0]!.recipientEmail, world.emails.other_provider_user);
  assert.equal(made[0]!.link, `/offers/${offer.id}`);
  assert.match(made[0]!.subject, /has offered you work: answer by the end of \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.doesNotMatch(`${made[0]!.subject} ${made[0]!.body}`, new RegExp(person.name));

  // The morning of the last day: one reminder, however often the job runs.
  const lastDay = new Date(`${offer.respondBy}T09:00:00Z`);
  assert.equal(await remindOnLastDay(world.db, lastDay), 1);
  assert.equal(await remindOnLastDay(world.db, lastDay), 0);
  assert.equal((await messagesOf('offer-lapsing')).length, 1);
  assert.equal(await remindOnLastDay(world.db, new Date('2026-01-01T09:00:00Z')), 0, 'not on another day');

  const declined = await api(world, 'other_provider_user', 'POST', `/api/v1/offers/${offer.id}/response`, {
    response: 'decline',
    declineReason: 'capacity',
  });
  assert.equal(declined.statusCode, 200, declined.body);
  const answered = await messagesOf('offer-answered');
  assert.deepEqual(
    answered.map((message) => message.recipientEmail),
    [world.emails.brokerage_officer],
  );
  assert.equal(answered[0]!.subject, 'Kestrel Care Ltd has declined an offer');
  assert.equal(answered[0]!.link, `/referrals/${referralId}`);
});
