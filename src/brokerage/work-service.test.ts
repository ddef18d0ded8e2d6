// Brokerage's part of today's work: each role's queues, counted and listed from real referrals and
// offers, scoped to the viewer's organisation or provider, naming nobody, and shown on the home page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { addDays, isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { WORK_ITEMS_SHOWN, type WorkQueue } from '../platform/work/work.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { createUser } from '../organisations/user-service.ts';
import { api, PageSession, PASSWORD, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { assessedPerson, setRateCard } from '../../test/support/brokerage.ts';
import { REFERRAL_STATUS_LABELS } from './domain/referrals.ts';
import { offers } from './schema.ts';
import { brokerageWork } from './work-service.ts';

let world: TestWorld;
let north: string;
let south: string;
const today = isoDateInLondon(new Date());
const people: { id: string; name: string; caseReference: string }[] = [];
const referral: Record<string, string> = {};
/** Each referral's person's case reference, by the referral's name. */
const caseOf: Record<string, string> = {};
const offer: Record<string, string> = {};
const KENT_BROKER = 'kent-brokerage-officer@example.gov.uk';
let kentBrokerId: string;

type Referrer = 'social_worker' | 'brokerage_officer';

before(async () => {
  world = await testWorld();
  const framework = await liveTieredFramework(world);
  [north, , south] = world.zoneIds as [string, string, string];
  await setRateCard(world, framework.vehicle.id);
  ({ id: kentBrokerId } = await createUser(world.db, commandLineActor, {
    email: KENT_BROKER,
    name: 'Kent broker',
    roles: ['brokerage_officer'],
    password: PASSWORD,
    organisation: 'E10000016',
  }));

  const ok = async (response: Promise<{ statusCode: number; body: string }>, status = 200) => {
    const result = await response;
    assert.equal(result.statusCode, status, result.body);
    return JSON.parse(result.body);
  };
  const refer = async (name: string, zoneIds: string[], startIn: number, by: Referrer = 'social_worker') => {
    const person = await assessedPerson(world);
    people.push(person);
    const created = await ok(
      api(world, by, 'POST', '/api/v1/referrals', {
        personId: person.id,
        vehicleId: framework.vehicle.id,
        startBy: addDays(today, startIn),
        zoneIds,
        urgency: 'urgent',
      }),
      201,
    );
    referral[name] = created.referral.id;
    caseOf[name] = person.caseReference;
  };
  type Detail = { steps: { offers: { id: string; providerId: string }[] }[] };
  const send = async (name: string) => {
    const detail: Detail = await ok(
      api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral[name]}/send-offers`),
    );
    for (const sent of detail.steps.flatMap((step) => step.offers))
      offer[`${name}-${sent.providerId === world.providerId ? 'heron' : 'kestrel'}`] = sent.id;
  };
  const deadline = (key: string, respondBy: string) =>
    world.db.update(offers).set({ respondBy }).where(eq(offers.id, offer[key]!));
  const decline = (key: string) =>
    ok(
      api(world, 'other_provider_user', 'POST', `/api/v1/offers/${offer[key]}/response`, {
        response: 'decline',
        declineReason: 'capacity',
        declineNote: 'Full until the spring',
      }),
    );
  const toOffFramework = async (name: string) => {
    await send(name);
    // Kestrel, Tier 1 in North, declines; Heron has no vacancy for Tier 2; nobody is specialist.
    await decline(`${name}-kestrel`);
    await ok(
      api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${referral[name]}/off-framework`, {
        providerId: world.otherProviderId,
        reason: 'Nobody on the framework could start in time',
      }),
    );
  };

  // To send: two referrals, the older made by a social worker, the newer by brokerage.
  await refer('toSend', [north], 50);
  await refer('toSendToo', [south], 20, 'brokerage_officer');
  // Lapsing today: Kestrel's offer in North.
  await refer('lapsingToday', [north], 40);
  await send('lapsingToday');
  await deadline('lapsingToday-kestrel', today);
  // Offered to both in North and South: Heron's lapses tomorrow, Kestrel's the day after.
  await refer('lapsingTomorrow', [north, south], 45);
  await send('lapsingTomorrow');
  await deadline('lapsingTomorrow-heron', addDays(today, 1));
  await deadline('lapsingTomorrow-kestrel', addDays(today, 2));
  // Heron, Tier 1 in South, accepts and is the only one offered: brokerage chooses.
  await refer('toChoose', [south], 30);
  await send('toChoose');
  await ok(
    api(world, 'provider_user', 'POST', `/api/v1/offers/${offer['toChoose-heron']}/response`, {
      response: 'accept',
      unitId: null,
      startsOn: addDays(today, 30),
      oneToOneMinutesPerWeek: 600,
    }),
  );
  // Kestrel accepts while Heron has still to answer: not yet time to choose.
  await refer('halfAnswered', [north, south], 60);
  await send('halfAnswered');
  await deadline('halfAnswered-heron', addDays(today, 3));
  await ok(
    api(world, 'other_provider_user', 'POST', `/api/v1/offers/${offer['halfAnswered-kestrel']}/response`, {
      response: 'accept',
      unitId: null,
      startsOn: addDays(today, 60),
      oneToOneMinutesPerWeek: 600,
    }),
  );
  // Off framework: one awaiting a commissioner, one approved and ready to place.
  await refer('toApprove', [north], 35);
  await toOffFramework('toApprove');
  await refer('toPlace', [north], 25);
  await toOffFramework('toPlace');
  await ok(
    api(world, 'commissioner', 'POST', `/api/v1/referrals/${referral.toPlace}/off-framework/decision`, {
      approve: true,
    }),
  );
  // Withdrawn: on nobody's list.
  await refer('withdrawn', [north], 10);
  await ok(
    api(world, 'social_worker', 'POST', `/api/v1/referrals/${referral.withdrawn}/withdraw`, { reason: 'Moved away' }),
  );
});
after(() => world.close());

async function userOf(seat: Seat | 'kent_broker'): Promise<CurrentUser> {
  const directory = userDirectory(world.db);
  if (seat !== 'kent_broker') return (await directory.byApiToken(world.tokens[seat]))!;
  return (await directory.byId(kentBrokerId))!;
}

async function queuesOf(seat: Seat | 'kent_broker'): Promise<Map<string, WorkQueue>> {
  const queues = await brokerageWork(world.db)(await userOf(seat));
  return new Map(queues.map((queue) => [queue.key, queue]));
}

const hrefs = (queue: WorkQueue | undefined) => queue?.items.map((item) => item.href);
const referralPage = (name: string) => `/referrals/${referral[name]}`;

/** No item names a person; a provider's items do not even give their case reference. */
function namesNobody(queues: Map<string, WorkQueue>, audience: 'staff' | 'provider' = 'staff') {
  for (const queue of queues.values())
    for (const item of queue.items) {
      for (const person of people) {
        assert.ok(!item.text.includes(person.name), `${queue.key}: "${item.text}" names ${person.name}`);
        if (audience === 'provider')
          assert.ok(!item.text.includes(person.caseReference), `${queue.key}: "${item.text}" gives a case reference`);
        assert.ok(!(item.hint ?? '').includes(person.name), `${queue.key}: hint names ${person.name}`);
      }
    }
}

test("a brokerage officer's queues: referrals to send, offers lapsing, acceptances to choose and purchases to place", async () => {
  const queues = await queuesOf('brokerage_officer');
  assert.deepEqual(
    [...queues.keys()],
    [
      'brokerage.referrals-to-send',
      'brokerage.offers-lapsing',
      'brokerage.acceptances-to-choose',
      'brokerage.off-framework-to-place',
    ],
  );
  namesNobody(queues);

  const toSend = queues.get('brokerage.referrals-to-send')!;
  assert.equal(toSend.count, 2);
  assert.deepEqual(hrefs(toSend), [referralPage('toSend'), referralPage('toSendToo')], 'oldest first');
  assert.equal(toSend.href, '/referrals?status=new');
  assert.equal(toSend.items[0]!.text, `Referral for case ${caseOf.toSend} in North zone`);
  assert.deepEqual([toSend.items[0]!.dueWords, toSend.items[0]!.due], ['start by', addDays(today, 50)]);
  assert.match(toSend.items[0]!.hint!, /^Urgent, referred on /);

  const lapsing = queues.get('brokerage.offers-lapsing')!;
  assert.equal(lapsing.count, 2, "Kestrel's offer due the day after tomorrow is not lapsing yet");
  assert.deepEqual(hrefs(lapsing), [referralPage('lapsingToday'), referralPage('lapsingTomorrow')], 'soonest first');
  assert.deepEqual(
    lapsing.items.map((item) => [item.due, item.hint]),
    [
      [today, 'Lapses at the end of today'],
      [addDays(today, 1), 'Lapses at the end of tomorrow'],
    ],
  );
  assert.equal(
    lapsing.items[1]!.text,
    `Offer to Heron Supported Living Ltd for a person in North or South zones, start by ${longDate(addDays(today, 45))}`,
  );
  assert.equal(lapsing.items[1]!.dueWords, 'answer by');

  const toChoose = queues.get('brokerage.acceptances-to-choose')!;
  assert.equal(toChoose.count, 1, 'a referral still awaiting answers is not ready to choose');
  assert.deepEqual(hrefs(toChoose), [referralPage('toChoose')]);
  assert.equal(toChoose.items[0]!.text, `Choose a provider for case ${caseOf.toChoose} in South zone`);
  assert.equal(toChoose.items[0]!.hint, '1 provider accepted');
  const detail = await api(world, 'brokerage_officer', 'GET', `/api/v1/referrals/${referral.toChoose}`);
  assert.equal(detail.json().state, 'choose', 'the same rule as the referral page');

  const toPlace = queues.get('brokerage.off-framework-to-place')!;
  assert.equal(toPlace.count, 1);
  assert.deepEqual(hrefs(toPlace), [referralPage('toPlace')]);
  assert.equal(toPlace.items[0]!.hint, 'Approved from Kestrel Care Ltd');
  assert.equal(toPlace.href, '/referrals?status=off-framework-approved');
});

test('a commissioner sees the off-framework purchases awaiting approval, and only that', async () => {
  const queues = await queuesOf('commissioner');
  assert.deepEqual([...queues.keys()], ['brokerage.off-framework-to-approve']);
  const toApprove = queues.get('brokerage.off-framework-to-approve')!;
  assert.equal(toApprove.count, 1);
  assert.deepEqual(hrefs(toApprove), [referralPage('toApprove')]);
  assert.equal(toApprove.items[0]!.text, `Off-framework purchase for case ${caseOf.toApprove} in North zone`);
  assert.equal(toApprove.items[0]!.due, addDays(today, 35));
  assert.equal(toApprove.href, '/referrals?status=off-framework-requested');
  namesNobody(queues);
});

test('a social worker sees their own open referrals with where each stands, bounded to the first few', async () => {
  const queues = await queuesOf('social_worker');
  assert.deepEqual([...queues.keys()], ['brokerage.your-referrals']);
  const own = queues.get('brokerage.your-referrals')!;
  // Theirs and open: all but the one brokerage referred and the one withdrawn.
  assert.equal(own.count, 7);
  assert.equal(own.items.length, WORK_ITEMS_SHOWN);
  assert.equal(own.items[0]!.text, `Referral for case ${caseOf.toPlace} in North zone`, 'told apart by case');
  assert.deepEqual(
    own.items.map((item) => [item.href, item.hint]),
    [
      [referralPage('toPlace'), REFERRAL_STATUS_LABELS['off-framework-approved']],
      [referralPage('toChoose'), REFERRAL_STATUS_LABELS.offering],
      [referralPage('toApprove'), REFERRAL_STATUS_LABELS['off-framework-requested']],
      [referralPage('lapsingToday'), REFERRAL_STATUS_LABELS.offering],
      [referralPage('lapsingTomorrow'), REFERRAL_STATUS_LABELS.offering],
    ],
    'soonest start first',
  );
  namesNobody(queues);
});

test('a provider sees only the offers made to it that it can still answer, soonest deadline first', async () => {
  const kestrel = (await queuesOf('other_provider_user')).get('brokerage.offers-to-answer')!;
  assert.equal(kestrel.count, 2, 'its declined offers are answered');
  assert.deepEqual(hrefs(kestrel), [
    `/offers/${offer['lapsingToday-kestrel']}`,
    `/offers/${offer['lapsingTomorrow-kestrel']}`,
  ]);
  assert.deepEqual(
    kestrel.items.map((item) => item.due),
    [today, addDays(today, 2)],
  );
  assert.equal(kestrel.items[0]!.hint, 'From Staffordshire County Council');
  assert.equal(kestrel.href, '/offers');

  const heronQueues = await queuesOf('provider_user');
  assert.deepEqual([...heronQueues.keys()], ['brokerage.offers-to-answer']);
  const heron = heronQueues.get('brokerage.offers-to-answer')!;
  assert.equal(heron.count, 2, 'its accepted offer is answered; Kestrel’s are not its own');
  assert.deepEqual(hrefs(heron), [
    `/offers/${offer['lapsingTomorrow-heron']}`,
    `/offers/${offer['halfAnswered-heron']}`,
  ]);
  namesNobody(heronQueues, 'provider');

  // Past its last day (before the deadline job has run), an offer cannot be answered.
  await world.db
    .update(offers)
    .set({ respondBy: addDays(today, -1) })
    .where(eq(offers.id, offer['lapsingTomorrow-heron']!));
  try {
    assert.deepEqual(hrefs((await queuesOf('provider_user')).get('brokerage.offers-to-answer')), [
      `/offers/${offer['halfAnswered-heron']}`,
    ]);
    assert.deepEqual(
      hrefs((await queuesOf('brokerage_officer')).get('brokerage.offers-lapsing')),
      [referralPage('lapsingToday')],
      'an overdue offer is past lapsing: the deadline job lapses it',
    );
  } finally {
    await world.db
      .update(offers)
      .set({ respondBy: addDays(today, 1) })
      .where(eq(offers.id, offer['lapsingTomorrow-heron']!));
  }
});

test("another organisation's brokerage officer has the same queues, all empty; other roles have none", async () => {
  const kent = await queuesOf('kent_broker');
  assert.equal(kent.size, 4);
  for (const queue of kent.values()) {
    assert.equal(queue.count, 0, queue.key);
    assert.deepEqual(queue.items, [], queue.key);
  }
  for (const seat of ['evaluator', 'finance_officer', 'administrator', 'other_council_commissioner'] as const) {
    const queues = await queuesOf(seat);
    if (seat === 'other_council_commissioner') assert.equal(queues.get('brokerage.off-framework-to-approve')!.count, 0);
    else assert.equal(queues.size, 0, seat);
  }
});

test('the home page shows each queue with links to pages that open for the person', async () => {
  for (const [seat, title, link] of [
    ['brokerage_officer', 'Offers lapsing today or tomorrow', referralPage('lapsingToday')],
    ['commissioner', 'Off-framework purchases to approve', referralPage('toApprove')],
    ['social_worker', 'Your open referrals', referralPage('toPlace')],
    ['other_provider_user', 'Offers to answer', `/offers/${offer['lapsingToday-kestrel']}`],
  ] as const) {
    const session = new PageSession(world.app);
    await session.signIn(world.emails[seat]);
    const home = await session.get('/');
    assert.equal(home.statusCode, 200, seat);
    assert.ok(home.body.includes(title), `${seat}: ${title}`);
    assert.ok(home.body.includes(`href="${link}"`), `${seat}: a link to ${link}`);
    for (const person of people) assert.ok(!home.body.includes(person.name), `${seat}: home names nobody`);
    const queues = await queuesOf(seat);
    for (const queue of queues.values()) {
      if (queue.href) assert.equal((await session.get(queue.href)).statusCode, 200, `${seat}: ${queue.href}`);
      for (const item of queue.items)
        assert.equal((await session.get(item.href)).statusCode, 200, `${seat}: ${item.href}`);
    }
  }
  const social = new PageSession(world.app);
  await social.signIn(world.emails.social_worker);
  const home = (await social.get('/')).body;
  assert.ok(home.includes('See all 7'), 'more than are shown: a link to the rest');
});
