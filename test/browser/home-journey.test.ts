// Each person's home page, today's work, in a real browser: real work is made through the API for
// every role with a queue, then each person signs in, sees the queue counted at the top and its
// items linked below, and follows the first item to a page that opens. The Content-Security-Policy
// is enforced and axe-core checks every page. With HEARTH_SCREENSHOTS set, each home page is also
// kept as /tmp/home-shots/<role>.png, to look at.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { addDays, isoDateInLondon, longDate } from '../../src/platform/domain/calendar.ts';
import { updateUser } from '../../src/organisations/repository.ts';
import { api, type Seat, type TestWorld } from '../support/test-app.ts';
import { liveTieredFramework, openVehicle, submittedApplication } from '../support/procurement.ts';
import { assessedPerson, RATE_CARD } from '../support/brokerage.ts';
import { assertAccessible, browserJourneys, browserSkipReason, clickAndLoad } from '../support/browser.ts';

const skip = browserSkipReason();
const journey = browserJourneys(skip);
const SHOTS = '/tmp/home-shots';
const HERON = 'Heron Supported Living Ltd';
const KESTREL = 'Kestrel Care Ltd';

/** A queue as the home page should show it: its title and count, and one of its items, linked. */
interface Queue {
  title: string;
  count: number;
  item: string;
  href: string;
}

/** Each role with a queue: its name in the test and the screenshot, and the test world's person who holds it. */
const ROLES = [
  ['brokerage-officer', 'brokerage_officer'],
  ['social-worker', 'social_worker'],
  ['commissioner', 'commissioner'],
  ['evaluator', 'evaluator'],
  ['finance-officer', 'finance_officer'],
  ['provider-user', 'other_provider_user'],
  ['administrator', 'administrator'],
] as const satisfies readonly (readonly [string, Seat])[];
/** The queues each role should see, filled in as the work is made. */
const work = {} as Record<(typeof ROLES)[number][0], Queue[]>;

async function ok(response: Promise<{ statusCode: number; body: string }>, status = 200) {
  const result = await response;
  assert.equal(result.statusCode, status, result.body);
  return JSON.parse(result.body);
}

/** Referrals at three steps of the cascade: one to send, one offered to Kestrel, one Heron has accepted. */
async function brokerageWork(world: TestWorld, today: string) {
  const framework = await liveTieredFramework(world, 'HOME-LIVE');
  await ok(api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD), 201);
  const [north, , south] = world.zoneIds as [string, string, string];
  const refer = async (zoneId: string, startIn: number) => {
    const person = await assessedPerson(world);
    const body = { personId: person.id, vehicleId: framework.vehicle.id, zoneIds: [zoneId], urgency: 'routine' };
    const created = await ok(
      api(world, 'social_worker', 'POST', '/api/v1/referrals', { ...body, startBy: addDays(today, startIn) }),
      201,
    );
    return {
      id: created.referral.id as string,
      caseReference: person.caseReference,
      startBy: longDate(addDays(today, startIn)),
    };
  };
  const send = async (id: string) =>
    (await ok(api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/send-offers`))).steps[0].offers[0]
      .id as string;
  const toSend = await refer(north, 40);
  const offered = await refer(north, 50);
  const kestrelOffer = await send(offered.id);
  const accepted = await refer(south, 60);
  const answer = { response: 'accept', unitId: null, startsOn: addDays(today, 60), oneToOneMinutesPerWeek: 600 };
  await ok(api(world, 'provider_user', 'POST', `/api/v1/offers/${await send(accepted.id)}/response`, answer));

  const toSendItem = {
    item: `Referral for case ${toSend.caseReference} in North zone`,
    href: `/referrals/${toSend.id}`,
  };
  work['brokerage-officer'] = [
    { title: 'Referrals to send to providers', count: 1, ...toSendItem },
    {
      title: 'Acceptances to choose from',
      count: 1,
      item: `Choose a provider for case ${accepted.caseReference} in South zone`,
      href: `/referrals/${accepted.id}`,
    },
  ];
  work['social-worker'] = [{ title: 'Your open referrals', count: 3, ...toSendItem }];
  work['provider-user'] = [
    {
      title: 'Offers to answer',
      count: 1,
      item: `Offer of work for a person in North zone, start by ${offered.startBy}`,
      href: `/offers/${kestrelOffer}`,
    },
  ];
}

/**
 * Both providers apply to a framework and pass selection; the evaluator declares no conflict and
 * scores Kestrel's, which is moderated and passes quality, leaving Heron's to score and Kestrel's
 * for the financial check. Kestrel also has a draft on a second vehicle.
 */
async function procurementWork(world: TestWorld) {
  const vehicle = await openVehicle(world, { reference: 'HOME-1', name: 'Home Journey Framework' });
  const [heron, kestrel] = [
    await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]),
    await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]),
  ];
  const stage = (id: string, name: string) =>
    ok(api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, { stage: name, outcome: 'pass' }));
  for (const id of [heron, kestrel]) await stage(id, 'selection');
  await ok(api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false }), 201);
  const url = `/api/v1/applications/${kestrel}`;
  const quality = vehicle.questions.filter((q) => q.kind === 'quality');
  for (const { id } of quality)
    await ok(api(world, 'evaluator', 'PUT', `${url}/scores/${id}`, { score: 4, comment: 'Good' }));
  await ok(api(world, 'evaluator', 'POST', `${url}/scores/submit`));
  for (const { id } of quality)
    await ok(api(world, 'commissioner', 'PUT', `${url}/agreed-scores/${id}`, { score: 4, rationale: 'Agreed' }));
  await stage(kestrel, 'quality');

  const other = await openVehicle(world, { reference: 'HOME-2', name: 'Home Care Dynamic Market' });
  const draft = await ok(api(world, 'other_provider_user', 'POST', `/api/v1/vehicles/${other.id}/applications`), 201);

  const from = (provider: string, id: string, path = '') => ({
    item: `Application from ${provider} to Home Journey Framework`,
    href: `/applications/${id}${path}`,
  });
  work.commissioner = [{ title: 'Applications awaiting a decision', count: 2, ...from(HERON, heron) }];
  work.evaluator = [{ title: 'Applications to score', count: 1, ...from(HERON, heron, '/scoring') }];
  work['finance-officer'] = [{ title: 'Financial checks due', count: 1, ...from(KESTREL, kestrel) }];
  work['provider-user'].push({
    title: 'Your applications in progress',
    count: 1,
    item: 'Your application to Home Care Dynamic Market',
    href: `/applications/${draft.application.id}`,
  });
}

/** Someone the administrator added ten days ago who has never signed in. */
async function administratorWork(world: TestWorld) {
  const body = { email: 'nia.newcomer@example.gov.uk', name: 'Nia Newcomer', roles: ['evaluator'] };
  const added = await ok(api(world, 'administrator', 'POST', '/api/v1/users', body), 201);
  // Only time makes an account overdue for its first sign-in: the record is dated back.
  await updateUser(world.db, added.id, { createdAt: new Date(Date.now() - 10 * 24 * 60 * 60 * 1000) });
  work.administrator = [
    { title: 'People who have never signed in', count: 1, item: 'Nia Newcomer', href: `/admin/users/${added.id}` },
  ];
}

/** Signs in, checks each queue's count and linked item, then follows the first queue's first item. */
async function checkHome(seat: Seat, role: string, queues: Queue[]) {
  const { page, base, world } = journey;
  await journey.signIn(world.emails[seat], '/');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Today’s work');
  const section = (queue: Queue) => page.getByRole('region', { name: `${queue.title} (${queue.count})` });
  for (const queue of queues) {
    const count = page.getByRole('list', { name: 'What needs you' }).locator('li', { hasText: queue.title });
    assert.equal(await count.locator('.hearth-work-count__number').innerText(), String(queue.count), queue.title);
    // The link names the work, then says by when (so that items alike in words still differ).
    const linked = await section(queue).locator(`a[href="${queue.href}"]`).innerText();
    assert.ok(linked === queue.item || linked.startsWith(`${queue.item}, `), `${queue.title}: ${linked}`);
  }
  if (process.env.HEARTH_SCREENSHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/${role}.png`, fullPage: true });
  }
  const first = section(queues[0]!).getByRole('listitem').first().getByRole('link');
  const href = await first.getAttribute('href');
  const opened = page.waitForResponse((r) => r.request().isNavigationRequest() && r.url() === `${base}${href}`);
  await clickAndLoad(page, first);
  assert.equal((await opened).status(), 200, `${role}: ${href}`);
  assert.equal(page.url(), `${base}${href}`);
  await assertAccessible(page);
}

describe("each person's home page", () => {
  // In a describe, so that it runs once the journey's set-up has made the test world: Node 20 runs a
  // file's top-level before hooks side by side.
  before(async () => {
    if (skip) return;
    // Counted from today: the browser keeps the real clock (test/support/clock.ts).
    await brokerageWork(journey.world, isoDateInLondon(new Date()));
    await procurementWork(journey.world);
    await administratorWork(journey.world);
  });
  for (const [role, seat] of ROLES)
    test(`the ${role.replace('-', ' ')} sees their work on their home page and opens it`, { skip }, () =>
      checkHome(seat, role, work[role]),
    );
});
