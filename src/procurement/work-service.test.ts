// Procurement's part of today's work: each role's queues, built from real applications taken through
// the services, scoped to the person's organisation or provider, and shown on the home page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor } from '../platform/audit/service.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, WorkingDays } from '../platform/domain/calendar.ts';
import { onDay } from '../../test/support/clock.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { WORK_ITEMS_SHOWN, type WorkQueue } from '../platform/work/work.ts';
import { createApiToken, userDirectory } from '../organisations/account-service.ts';
import { createUser } from '../organisations/user-service.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import {
  answerEverything,
  openVehicle,
  submittedApplication,
  tieredFrameworkThroughEvaluation,
} from '../../test/support/procurement.ts';
import { decisionDue } from './domain/applications.ts';
import { procurementWork } from './work-service.ts';

const HERON = 'Heron Supported Living Ltd';
const KESTREL = 'Kestrel Care Ltd';
const today = () => isoDateInLondon(new Date());
const englandAndWales = () => WorkingDays.forNations(bankHolidays(), ['england-and-wales']);

async function userOf(world: TestWorld, token: string): Promise<CurrentUser> {
  const user = await userDirectory(world.db).byApiToken(token);
  assert.ok(user);
  return user;
}

/** Each of the person's procurement queues, by key, at `now`. */
async function queuesOf(world: TestWorld, who: Seat | CurrentUser, now?: Date): Promise<Map<string, WorkQueue>> {
  const user = typeof who === 'string' ? await userOf(world, world.tokens[who]) : who;
  const source = procurementWork(world.db, now ? () => now : undefined);
  return new Map((await source(user)).map((queue) => [queue.key, queue]));
}

async function queueOf(world: TestWorld, who: Seat | CurrentUser, key: string, now?: Date): Promise<WorkQueue> {
  const queue = (await queuesOf(world, who, now)).get(key);
  assert.ok(queue, `${key} is one of the person's queues`);
  return queue;
}

async function ok<T extends { statusCode: number; body: string }>(response: Promise<T>, expected = 200): Promise<T> {
  const result = await response;
  assert.equal(result.statusCode, expected, result.body);
  return result;
}

/** Another evaluator of the first council, with an API token, as a CurrentUser. */
async function anotherEvaluator(world: TestWorld, email: string) {
  const user = await createUser(world.db, commandLineActor, {
    email,
    name: 'Sol Second',
    roles: ['evaluator'],
    organisation: 'E10000028',
    password: 'a long enough password',
  });
  const token = (await createApiToken(world.db, commandLineActor, user.id, { name: 'tests' })).token;
  const as = (method: 'POST' | 'PUT', url: string, payload?: unknown) =>
    world.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  return { user: await userOf(world, token), as };
}

describe('staff queues follow applications from submission to the financial check', () => {
  let world: TestWorld;
  before(async () => {
    world = await testWorld();
  });
  after(() => world.close());

  test('each role gets its own queues, empty ones included, and no one else gets any', async () => {
    const keys = async (seat: Seat) => [...(await queuesOf(world, seat)).keys()];
    assert.deepEqual(await keys('commissioner'), [
      'procurement.applications-to-decide',
      'procurement.moderation-waiting',
      'procurement.standstill-ending',
    ]);
    assert.deepEqual(await keys('evaluator'), ['procurement.scoring-to-do', 'procurement.declarations-due']);
    assert.deepEqual(await keys('finance_officer'), ['procurement.financial-checks-due']);
    assert.deepEqual(await keys('provider_user'), [
      'procurement.applications-in-progress',
      'procurement.clarifications-published',
    ]);
    for (const seat of ['brokerage_officer', 'social_worker', 'administrator', 'auditor'] as const)
      assert.deepEqual(await keys(seat), [], seat);
    for (const queue of (await queuesOf(world, 'commissioner')).values()) assert.equal(queue.count, 0, queue.key);
  });

  test('deciding, declaring, scoring, moderating and the financial check each move an application to the next queue', async () => {
    const vehicle = await openVehicle(world, {
      reference: 'DM-WORK',
      name: 'Supported Living Dynamic Market 2026',
      kind: 'dynamic-market',
      regime: 'pa2023',
    });
    const started = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json();
    const heron = started.application.id as string;
    const toDecide = () => queueOf(world, 'commissioner', 'procurement.applications-to-decide');
    assert.equal((await toDecide()).count, 0, 'a draft is its provider’s own');

    await api(world, 'provider_user', 'PUT', `/api/v1/applications/${heron}/lots`, { lotIds: [vehicle.lots[0]!.id] });
    await answerEverything(world, heron, vehicle.questions);
    await ok(api(world, 'provider_user', 'POST', `/api/v1/applications/${heron}/submit`));
    const kestrel = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[1]!.id]);

    const deciding = await toDecide();
    assert.equal(deciding.count, 2);
    assert.equal(deciding.href, '/applications?status=submitted');
    const due = decisionDue(today(), englandAndWales());
    assert.deepEqual(
      deciding.items.map((item) => [item.text, item.href, item.due, item.hint]),
      [
        [
          `Application from ${HERON} to Supported Living Dynamic Market 2026`,
          `/applications/${heron}`,
          due,
          'At selection (pass or fail)',
        ],
        [
          `Application from ${KESTREL} to Supported Living Dynamic Market 2026`,
          `/applications/${kestrel}`,
          due,
          'At selection (pass or fail)',
        ],
      ],
    );
    for (const key of [
      'procurement.applications-to-decide',
      'procurement.moderation-waiting',
      'procurement.standstill-ending',
    ])
      assert.equal(
        (await queueOf(world, 'other_council_commissioner', key)).count,
        0,
        `another council's commissioner sees nothing in ${key}`,
      );

    // Applications are waiting to be scored: the evaluator must declare first, and sees none of them until then.
    const declarations = () => queueOf(world, 'evaluator', 'procurement.declarations-due');
    const scoring = () => queueOf(world, 'evaluator', 'procurement.scoring-to-do');
    assert.deepEqual(
      (await declarations()).items.map((item) => [item.text, item.href, item.due]),
      [
        [
          `Declare any conflict of interest for Supported Living Dynamic Market 2026`,
          `/vehicles/${vehicle.id}/evaluation`,
          due,
        ],
      ],
    );
    await ok(
      api(world, 'commissioner', 'POST', `/api/v1/applications/${heron}/stages`, {
        stage: 'selection',
        outcome: 'pass',
      }),
    );
    assert.equal((await scoring()).count, 0, 'nothing to score before declaring');
    assert.equal((await declarations()).count, 1);

    await ok(
      api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false }),
      201,
    );
    assert.equal((await declarations()).count, 0);
    assert.deepEqual(
      (await scoring()).items.map((item) => [item.text, item.href, item.due]),
      [[`Application from ${HERON} to Supported Living Dynamic Market 2026`, `/applications/${heron}/scoring`, due]],
      'only the application at the quality stage',
    );

    // A second evaluator declares no conflict, a third a conflict: the second is expected to score, the third not.
    const second = await anotherEvaluator(world, 'second.evaluator@example.gov.uk');
    const third = await anotherEvaluator(world, 'third.evaluator@example.gov.uk');
    await ok(second.as('POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: false }), 201);
    await ok(
      third.as('POST', `/api/v1/vehicles/${vehicle.id}/declaration`, { hasConflict: true, details: 'Family' }),
      201,
    );
    assert.equal((await queueOf(world, third.user, 'procurement.scoring-to-do')).count, 0, 'a conflict scores nothing');
    assert.equal((await queueOf(world, third.user, 'procurement.declarations-due')).count, 0);

    const quality = vehicle.questions.filter((question) => question.kind === 'quality');
    const score = async (as: typeof second.as) => {
      for (const question of quality)
        await ok(as('PUT', `/api/v1/applications/${heron}/scores/${question.id}`, { score: 4, comment: 'Good' }));
      await ok(as('POST', `/api/v1/applications/${heron}/scores/submit`));
    };
    const moderation = () => queueOf(world, 'commissioner', 'procurement.moderation-waiting');
    await score((method, url, payload) => api(world, 'evaluator', method, url, payload));
    assert.equal((await scoring()).count, 0, 'submitted scores leave the queue');
    assert.equal((await queueOf(world, second.user, 'procurement.scoring-to-do')).count, 1);
    assert.equal((await moderation()).count, 0, 'not while an evaluator who declared no conflict is still scoring');

    await score(second.as);
    assert.equal((await queueOf(world, second.user, 'procurement.scoring-to-do')).count, 0);
    assert.deepEqual(
      (await moderation()).items.map((item) => [item.text, item.href]),
      [[`Application from ${HERON} to Supported Living Dynamic Market 2026`, `/applications/${heron}/moderation`]],
    );
    const agree = (questionId: string) =>
      ok(
        api(world, 'commissioner', 'PUT', `/api/v1/applications/${heron}/agreed-scores/${questionId}`, {
          score: 4,
          rationale: 'Agreed',
        }),
      );
    await agree(quality[0]!.id);
    assert.equal((await moderation()).count, 1, 'until every quality answer has its agreed score');
    await agree(quality[1]!.id);
    assert.equal((await moderation()).count, 0);

    const financial = () => queueOf(world, 'finance_officer', 'procurement.financial-checks-due');
    assert.equal((await financial()).count, 0, 'not before quality is passed');
    await ok(
      api(world, 'commissioner', 'POST', `/api/v1/applications/${heron}/stages`, { stage: 'quality', outcome: 'pass' }),
    );
    assert.deepEqual(
      (await financial()).items.map((item) => [item.text, item.href, item.due]),
      [[`Application from ${HERON} to Supported Living Dynamic Market 2026`, `/applications/${heron}`, due]],
    );
    assert.deepEqual(
      (await toDecide()).items.map((item) => item.hint),
      ['At financial check', 'At selection (pass or fail)'],
    );
    await ok(
      api(world, 'finance_officer', 'POST', `/api/v1/applications/${heron}/stages`, {
        stage: 'financial',
        outcome: 'pass',
      }),
    );
    assert.equal((await financial()).count, 0);
    await ok(
      api(world, 'commissioner', 'POST', `/api/v1/applications/${kestrel}/stages`, {
        stage: 'selection',
        outcome: 'fail',
        reason: 'No CQC registration',
      }),
    );
    assert.deepEqual(
      (await toDecide()).items.map((item) => [item.href, item.hint]),
      [[`/applications/${heron}`, 'At award']],
      'an excluded tenderer is decided',
    );
  });

  test('the home page shows the queue with its items, linking to them', async () => {
    const vehicle = await openVehicle(world, { reference: 'HOME-1', name: 'Home Page Framework' });
    const id = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
    const page = new PageSession(world.app);
    await page.signIn(world.emails.commissioner);
    const home = await page.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Applications awaiting a decision/);
    assert.match(
      home.body,
      new RegExp(`href="/applications/${id}">Application from ${HERON} to Home Page Framework(, by [^<]+)?<`),
    );
    assert.match(home.body, /Scores ready to moderate/);

    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.other_provider_user);
    const started = (
      await api(world, 'other_provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)
    ).json();
    const body = (await provider.get('/')).body;
    assert.match(body, /Your applications in progress/);
    assert.match(
      body,
      new RegExp(
        `href="/applications/${started.application.id}">Your application to Home Page Framework(, by [^<]+)?<`,
      ),
    );
    assert.doesNotMatch(body, new RegExp(id), 'never another provider’s application');
  });
});

describe('a provider’s queues', () => {
  let world: TestWorld;
  before(async () => {
    world = await testWorld();
  });
  after(() => world.close());

  test('its own drafts, soonest deadline first and at most the items shown, and those returned for resubmission', async () => {
    const deadlines = [20, 12, 40, 5, 30, 25].map((days) => addDays(today(), days));
    const drafts: string[] = [];
    for (const [i, submissionDeadline] of deadlines.entries()) {
      const vehicle = await openVehicle(world, { reference: `DRAFT-${i}`, name: `Vehicle ${i}`, submissionDeadline });
      drafts.push(
        (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json().application
          .id,
      );
    }
    const inProgress = () => queueOf(world, 'provider_user', 'procurement.applications-in-progress');
    const queue = await inProgress();
    assert.equal(queue.count, 6);
    assert.equal(queue.items.length, WORK_ITEMS_SHOWN);
    assert.equal(queue.href, '/applications');
    assert.deepEqual(
      queue.items.map((item) => [item.text, item.due, item.hint]),
      [3, 1, 0, 5, 4].map((i) => [`Your application to Vehicle ${i}`, deadlines[i], 'Not yet submitted']),
    );
    assert.equal((await queueOf(world, 'other_provider_user', 'procurement.applications-in-progress')).count, 0);

    // A vehicle with negotiation: the commissioner opens a resubmission window for those at that stage.
    const vehicle = await openVehicle(world, {
      reference: 'NEGOTIATED',
      name: 'Negotiated Framework',
      stages: ['selection', 'negotiation', 'resubmission', 'award'],
    });
    const mine = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
    const theirs = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
    assert.equal((await inProgress()).count, 6, 'a submitted application is not in progress');
    for (const id of [mine, theirs])
      for (const stage of ['selection', 'negotiation'])
        await ok(api(world, 'commissioner', 'POST', `/api/v1/applications/${id}/stages`, { stage, outcome: 'pass' }));
    const until = addDays(today(), 3);
    await ok(api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/resubmission`, { until }));
    const returned = (await inProgress()).items[0]!;
    assert.deepEqual(
      [returned.text, returned.href, returned.due, returned.hint],
      [
        'Your application to Negotiated Framework',
        `/applications/${mine}`,
        until,
        'Returned for resubmission: change it and submit it again',
      ],
    );
    assert.equal((await inProgress()).count, 7);
    const theirQueue = await queueOf(world, 'other_provider_user', 'procurement.applications-in-progress');
    assert.deepEqual(
      theirQueue.items.map((item) => item.href),
      [`/applications/${theirs}`],
      'each provider sees only its own',
    );
    // Once the window has closed it can no longer be changed.
    assert.equal(
      (
        await queueOf(
          world,
          'provider_user',
          'procurement.applications-in-progress',
          new Date(`${addDays(until, 1)}T12:00:00Z`),
        )
      ).items.some((item) => item.href === `/applications/${mine}`),
      false,
    );
  });

  test('answers to clarification questions published in the last 14 days, to every provider, never saying who asked', async () => {
    const vehicle = await openVehicle(world, {
      reference: 'CLARIFY',
      name: 'Clarified Framework',
      clarificationDeadline: null,
    });
    const url = `/api/v1/vehicles/${vehicle.id}/clarifications`;
    const asked = await ok(api(world, 'provider_user', 'POST', url, { question: 'Is TUPE likely to apply?' }), 201);
    await ok(api(world, 'provider_user', 'POST', url, { question: 'Not answered yet?' }), 201);
    const published = (seat: Seat, now?: Date) => queueOf(world, seat, 'procurement.clarifications-published', now);
    assert.equal((await published('other_provider_user')).count, 0, 'an unanswered question is not published');
    await ok(api(world, 'commissioner', 'PUT', `${url}/${asked.json()[0].id}`, { answer: 'Yes, for some services.' }));
    for (const seat of ['provider_user', 'other_provider_user'] as const) {
      const queue = await published(seat);
      assert.equal(queue.count, 1, seat);
      assert.deepEqual(
        [queue.items[0]!.text, queue.items[0]!.href, queue.items[0]!.hint],
        [
          'Clarification answer published for Clarified Framework',
          `/vehicles/${vehicle.id}#clarifications`,
          'Is TUPE likely to apply?',
        ],
      );
    }
    const later = (days: number) => new Date(Date.now() + days * 86_400_000);
    assert.equal((await published('other_provider_user', later(13))).count, 1);
    assert.equal((await published('other_provider_user', later(15))).count, 0, 'fourteen days on it has gone');
    await ok(api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' }));
    assert.equal(
      (await published('other_provider_user')).count,
      0,
      'a vehicle no longer taking applications is not one a provider may open',
    );
  });
});

describe('deadlines', () => {
  let world: TestWorld;
  before(async () => {
    world = await testWorld();
  });
  after(() => world.close());

  test('the decision due counts 10 working days, leaving out Christmas, Boxing Day and New Year’s Day', async () => {
    const vehicle = await openVehicle(world, {
      reference: 'DM-XMAS',
      name: 'Supported Living Dynamic Market 2026',
      kind: 'dynamic-market',
      regime: 'pa2023',
      submissionDeadline: null,
    });
    // Submitted on Friday 18 December 2026: ten weekdays later is Friday 1 January, but 25 and 28
    // December (Boxing Day's substitute) and 1 January are bank holidays in England and Wales.
    const christmas = await onDay('2026-12-18', () =>
      submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]),
    );
    const early = await submittedApplication(world, 'other_provider_user', vehicle, [vehicle.lots[0]!.id]);
    const queue = await queueOf(
      world,
      'commissioner',
      'procurement.applications-to-decide',
      new Date('2026-12-19T09:00:00Z'),
    );
    assert.deepEqual(
      queue.items.map((item) => [item.href, item.due]),
      [
        [`/applications/${early}`, decisionDue(today(), englandAndWales())],
        [`/applications/${christmas}`, '2027-01-06'],
      ].sort((a, b) => a[1]!.localeCompare(b[1]!)),
      'soonest first',
    );
    const overdue = await queueOf(
      world,
      'commissioner',
      'procurement.applications-to-decide',
      new Date('2027-01-07T09:00:00Z'),
    );
    assert.match(overdue.items.find((item) => item.href === `/applications/${christmas}`)!.hint!, /decision overdue/);
  });

  test('standstill ending within 10 days, or ended with the contracts not started, is the commissioner’s', async () => {
    const { vehicle } = await tieredFrameworkThroughEvaluation(world, 'STANDSTILL');
    await ok(
      api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/tiers`, { rule: 'coverage-then-score' }),
      201,
    );
    await ok(api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' }));
    const decided = await onDay('2026-12-21', () =>
      ok(api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, { noticeDate: '2026-12-21' }), 201),
    );
    const ends = decided.json().decision.standstillEnds as string;
    assert.equal(
      ends,
      '2027-01-05',
      'eight working days, none a bank holiday anywhere in the UK (Scotland’s 2 January is on the 4th)',
    );
    const at = (date: string) => new Date(`${date}T09:00:00Z`);
    const standstill = (date: string, seat: Seat = 'commissioner') =>
      queueOf(world, seat, 'procurement.standstill-ending', at(date));
    assert.equal((await standstill(addDays(ends, -11))).count, 0, 'not yet');
    const soon = await standstill(addDays(ends, -10));
    assert.deepEqual(
      soon.items.map((item) => [item.text, item.href, item.due]),
      [['Award of Supported Living Framework', `/vehicles/${vehicle.id}/award`, ends]],
    );
    const ended = await standstill(addDays(ends, 3));
    assert.equal(ended.count, 1);
    assert.match(ended.items[0]!.hint!, /start the contracts/);
    assert.equal((await standstill(ends, 'other_council_commissioner')).count, 0);
    await ok(
      api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/contracts`, { startOn: addDays(ends, 1) }),
    );
    assert.equal((await standstill(addDays(ends, 3))).count, 0, 'the contracts have started');
  });
});
