// Quality's part of today's work: each role's queues, counted and listed from assessments, actions
// and contract actions in two councils, scoped to the officer's services, the organisation or the
// provider, and shown on the home page with links that open for the person.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import '../../test/support/clock.ts';
import { contractedService, frameworkInUse } from '../../test/support/quality.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { addDays, isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import type { WorkQueue } from '../platform/work/work.ts';
import { userDirectory } from '../organisations/account-service.ts';
import { assessmentActions, assessmentComments, qualityAssessments } from './assessment-schema.ts';
import { contractActions } from './contract-action-schema.ts';
import { DEMO_FRAMEWORK } from './domain/demo-framework.ts';
import { insertFramework } from './repository.ts';
import { updateService } from './register-repository.ts';
import { qualityWork } from './work-service.ts';

let world: TestWorld;
const today = isoDateInLondon(new Date());
const service: Record<string, string> = {};
const assessment: Record<string, string> = {};
const action: Record<string, string> = {};
const contract: Record<string, string> = {};

/** A service of `organisation`'s register, of Heron or Kestrel, looked after by `officerId` if given. */
async function serviceOf(
  name: string,
  of: 'provider' | 'other_provider',
  contractedFrom: string,
  officerId: string | null,
  organisationId = world.councilId,
) {
  service[name] = await contractedService(world, of, contractedFrom, organisationId);
  if (officerId) await updateService(world.db, organisationId, service[name]!, { officerId });
}

async function assessmentOf(
  name: string,
  serviceName: string,
  status: string,
  more: Partial<typeof qualityAssessments.$inferInsert> = {},
) {
  const now = new Date();
  assessment[name] = randomUUID();
  await world.db.insert(qualityAssessments).values({
    organisationId: world.councilId,
    id: assessment[name]!,
    serviceId: service[serviceName]!,
    frameworkVersion: 1,
    visitKind: 'announced',
    visitOn: addDays(today, -20),
    officerIds: [],
    status,
    createdAt: now,
    updatedAt: now,
    ...more,
  });
}

async function actionOf(name: string, assessmentName: string, status: string, dueIn: number, organisationId?: string) {
  const now = new Date();
  action[name] = randomUUID();
  await world.db.insert(assessmentActions).values({
    organisationId: organisationId ?? world.councilId,
    id: action[name]!,
    assessmentId: assessment[assessmentName]!,
    questionKey: 'S2',
    title: `Action ${name}`,
    owner: 'Registered manager',
    dueOn: addDays(today, dueIn),
    status,
    createdAt: now,
    updatedAt: now,
  });
}

async function contractActionOn(
  name: string,
  providerId: string,
  more: Partial<typeof contractActions.$inferInsert> = {},
) {
  contract[name] = randomUUID();
  await world.db.insert(contractActions).values({
    organisationId: world.councilId,
    id: contract[name]!,
    kind: 'improvement-plan',
    providerId,
    reason: 'Late visits',
    startsOn: addDays(today, -5),
    dueOn: addDays(today, 40),
    details: {},
    createdAt: new Date(Date.now() - 60_000 * (10 - Object.keys(contract).length)),
    ...more,
  });
}

before(async () => {
  world = await testWorld();
  await frameworkInUse(world);
  await insertFramework(world.db, {
    organisationId: world.otherCouncilId,
    id: randomUUID(),
    version: 1,
    name: 'Kent framework',
    content: DEMO_FRAMEWORK,
    changeNote: 'First',
    createdAt: new Date(),
  });
  const officerId = (await api(world, 'quality_officer', 'GET', '/api/v1/me')).json().id as string;

  // The officer's services: Heron's with comments to decide, overdue since its contract; Kestrel's
  // with a draft, overdue too; Kestrel's assessed this year, with its action plan; Heron's with a
  // draft at the provider. One of Heron's has no officer: the commissioner's alone.
  await serviceOf('heronCommented', 'provider', '2025-04-01', officerId);
  await serviceOf('kestrelDraft', 'other_provider', '2026-03-01', officerId);
  await serviceOf('kestrelAssessed', 'other_provider', '2024-01-01', officerId);
  await serviceOf('heronAtProvider', 'provider', '2027-01-01', officerId);
  await serviceOf('heronWindowEnded', 'provider', '2027-01-01', officerId);
  await serviceOf('heronNobodys', 'provider', '2025-09-01', null);
  await serviceOf('kentHeron', 'provider', '2024-01-01', null, world.otherCouncilId);

  await assessmentOf('commented', 'heronCommented', 'comments-to-decide', {
    sentOn: addDays(today, -19),
    commentsDueOn: addDays(today, -5),
  });
  for (const decision of [null, null, 'accepted'])
    await world.db.insert(assessmentComments).values({
      organisationId: world.councilId,
      id: randomUUID(),
      assessmentId: assessment.commented!,
      questionKey: 'I1',
      comment: 'We were not told',
      commentedAt: new Date(),
      decision,
    });
  await assessmentOf('kestrelDraft', 'kestrelDraft', 'draft', { visitOn: addDays(today, -3) });
  await assessmentOf('nobodysDraft', 'heronNobodys', 'draft');
  await assessmentOf('published', 'kestrelAssessed', 'published', { publishedOn: '2026-06-01' });
  await assessmentOf('atProvider', 'heronAtProvider', 'factual-accuracy', {
    sentOn: addDays(today, -4),
    commentsDueOn: addDays(today, 6),
  });
  await assessmentOf('windowEnded', 'heronWindowEnded', 'factual-accuracy', {
    sentOn: addDays(today, -15),
    commentsDueOn: addDays(today, -1),
  });
  await actionOf('toSignOff', 'published', 'ready-to-sign-off', 5);
  await actionOf('overdue', 'published', 'open', -3);
  await actionOf('dueSoon', 'published', 'in-progress', 10);
  await actionOf('dueLater', 'published', 'open', 20);
  await actionOf('signedOff', 'published', 'signed-off', -10);
  await actionOf('onDraft', 'kestrelDraft', 'open', -1);

  // Kent's own: Heron's service assessed there, with an action due in two days.
  assessment.kent = randomUUID();
  await world.db.insert(qualityAssessments).values({
    organisationId: world.otherCouncilId,
    id: assessment.kent,
    serviceId: service.kentHeron!,
    frameworkVersion: 1,
    visitKind: 'announced',
    visitOn: '2026-09-20',
    officerIds: [],
    status: 'published',
    publishedOn: '2026-10-01',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await actionOf('kent', 'kent', 'open', 2, world.otherCouncilId);

  await contractActionOn('heronPlan', world.providerId);
  await contractActionOn('heronEmbargoEnded', world.providerId, { kind: 'embargo', dueOn: null, endedOn: today });
  await contractActionOn('heronAcknowledged', world.providerId, { acknowledgedAt: new Date() });
  await contractActionOn('kestrelNotice', world.otherProviderId, { kind: 'default-notice' });
  await contractActionOn('kentSuspension', world.providerId, {
    organisationId: world.otherCouncilId,
    kind: 'suspension',
    dueOn: null,
  });
});
after(() => world.close());

async function userOf(seat: Seat): Promise<CurrentUser> {
  return (await userDirectory(world.db).byApiToken(world.tokens[seat]))!;
}

async function queuesOf(seat: Seat): Promise<Map<string, WorkQueue>> {
  const queues = await qualityWork(world.db)(await userOf(seat));
  return new Map(queues.map((queue) => [queue.key, queue]));
}

const hrefs = (queue: WorkQueue | undefined) => queue?.items.map((item) => item.href);
const assessmentPage = (name: string) => `/quality/assessments/${assessment[name]}`;
const actionPage = (name: string) => `/quality/actions/${action[name]}`;

test("a quality officer's queues hold the services they look after: comments, drafts, overdue assessments and actions", async () => {
  const queues = await queuesOf('quality_officer');
  assert.deepEqual(
    [...queues.keys()],
    [
      'quality.comments-to-decide',
      'quality.drafts-to-send',
      'quality.assessments-overdue',
      'quality.actions-to-sign-off',
      'quality.actions-overdue',
      'quality.kpi-returns-missing',
    ],
  );

  const comments = queues.get('quality.comments-to-decide')!;
  assert.equal(comments.count, 1);
  assert.deepEqual(hrefs(comments), [assessmentPage('commented')]);
  assert.match(comments.items[0]!.text, /^Decide Heron Supported Living Ltd’s comments on the assessment of .+/);
  assert.equal(comments.items[0]!.hint, '2 comments to accept or reject, then publish', 'the decided one is done');

  const drafts = queues.get('quality.drafts-to-send')!;
  assert.equal(drafts.count, 1, 'the draft of a service nobody looks after is not theirs');
  assert.deepEqual(hrefs(drafts), [assessmentPage('kestrelDraft')]);
  assert.match(drafts.items[0]!.text, /^Send the draft assessment of .+ to Kestrel Care Ltd$/);
  assert.match(drafts.items[0]!.hint!, new RegExp(`^Visited on ${longDate(addDays(today, -3))}`));

  const overdue = queues.get('quality.assessments-overdue')!;
  assert.equal(overdue.count, 2, 'assessed this year, or contracted from next year, is not overdue');
  assert.deepEqual(
    overdue.items.map((item) => [item.href, item.due, item.hint]),
    [
      [assessmentPage('commented'), '2025-04-01', 'An assessment is under way'],
      [assessmentPage('kestrelDraft'), '2026-03-01', 'An assessment is under way'],
    ],
    'longest overdue first, linking to the assessment under way',
  );
  assert.equal(
    overdue.href,
    `/quality/schedule?status=overdue&officerId=${(await userOf('quality_officer')).id}`,
    'the schedule filtered to the same services',
  );

  const toSignOff = queues.get('quality.actions-to-sign-off')!;
  assert.equal(toSignOff.count, 1);
  assert.deepEqual(hrefs(toSignOff), [actionPage('toSignOff')]);
  assert.deepEqual([toSignOff.items[0]!.due, toSignOff.items[0]!.dueWords], [addDays(today, 5), 'due']);
  assert.equal(toSignOff.items[0]!.hint, 'Kestrel Care Ltd says it is done: sign it off or reopen it');

  const actionsOverdue = queues.get('quality.actions-overdue')!;
  assert.equal(actionsOverdue.count, 1, 'signed off, not yet due, or on a draft: not overdue');
  assert.deepEqual(hrefs(actionsOverdue), [actionPage('overdue')]);
  assert.equal(actionsOverdue.items[0]!.text.startsWith('“Action overdue” at '), true);
  assert.deepEqual(
    [actionsOverdue.items[0]!.dueWords, actionsOverdue.items[0]!.hint],
    ['overdue since', 'Kestrel Care Ltd: Not started'],
  );
  assert.equal(actionsOverdue.href, '/quality/actions?overdue=yes');
});

test('a commissioner has the whole organisation’s queues, drafts aside; a service nobody looks after is among them', async () => {
  const queues = await queuesOf('commissioner');
  assert.deepEqual(
    [...queues.keys()].filter((key) => key.startsWith('quality.')),
    [
      'quality.comments-to-decide',
      'quality.assessments-overdue',
      'quality.actions-to-sign-off',
      'quality.actions-overdue',
      'quality.kpi-returns-missing',
    ],
  );
  const overdue = queues.get('quality.assessments-overdue')!;
  assert.equal(overdue.count, 3);
  assert.deepEqual(hrefs(overdue), [
    assessmentPage('commented'),
    assessmentPage('nobodysDraft'),
    assessmentPage('kestrelDraft'),
  ]);
  assert.equal(overdue.href, '/quality/schedule?status=overdue');
});

test('a provider sees its own drafts to check, actions due and contract actions to acknowledge, in every council', async () => {
  const heron = await queuesOf('provider_user');
  assert.deepEqual(
    [...heron.keys()],
    ['quality.assessments-to-check', 'quality.actions-due', 'quality.contract-actions-to-acknowledge'],
  );
  const toCheck = heron.get('quality.assessments-to-check')!;
  assert.equal(toCheck.count, 1, 'a window that ended yesterday is closed');
  assert.deepEqual(hrefs(toCheck), [assessmentPage('atProvider')]);
  assert.deepEqual(
    [toCheck.items[0]!.due, toCheck.items[0]!.dueWords],
    [addDays(today, 6), 'comment by'],
    'the last day to comment',
  );
  assert.match(toCheck.items[0]!.hint!, /^From Staffordshire County Council/);

  const heronActions = heron.get('quality.actions-due')!;
  assert.deepEqual(hrefs(heronActions), [actionPage('kent')], "Kent's plan; Kestrel's actions are not Heron's");
  assert.equal(heronActions.items[0]!.hint, 'Not started, for Kent County Council');

  const acknowledge = heron.get('quality.contract-actions-to-acknowledge')!;
  assert.equal(acknowledge.count, 2, 'ended or acknowledged ones are done');
  assert.deepEqual(hrefs(acknowledge), [
    `/quality/contract-actions/${contract.heronPlan}`,
    `/quality/contract-actions/${contract.kentSuspension}`,
  ]);
  assert.equal(acknowledge.items[0]!.text, 'Acknowledge Staffordshire County Council’s improvement plan');
  assert.equal(
    acknowledge.items[0]!.hint,
    `In force from ${longDate(addDays(today, -5))}; review date ${longDate(addDays(today, 40))}`,
  );
  assert.equal(acknowledge.items[1]!.text, 'Acknowledge Kent County Council’s suspension from a vehicle');

  const kestrel = await queuesOf('other_provider_user');
  assert.equal(kestrel.get('quality.assessments-to-check')!.count, 0, 'drafts are never a provider’s to see');
  const kestrelActions = kestrel.get('quality.actions-due')!;
  assert.equal(kestrelActions.count, 2, 'overdue or due within 14 days, still its to do');
  assert.deepEqual(hrefs(kestrelActions), [actionPage('overdue'), actionPage('dueSoon')]);
  assert.deepEqual(
    kestrelActions.items.map((item) => item.dueWords),
    ['overdue since', 'due'],
  );
  assert.deepEqual(hrefs(kestrel.get('quality.contract-actions-to-acknowledge')), [
    `/quality/contract-actions/${contract.kestrelNotice}`,
  ]);
});

test("another council's commissioner has the same queues, none holding this council's work; other roles have none", async () => {
  const kent = await queuesOf('other_council_commissioner');
  assert.equal(kent.size, 5);
  for (const queue of kent.values()) assert.equal(queue.count, 0, queue.key);
  for (const seat of ['auditor', 'social_worker', 'brokerage_officer', 'administrator'] as const)
    assert.equal((await queuesOf(seat)).size, 0, seat);
});

test('the home page shows each queue with links to pages that open for the person', async () => {
  for (const [seat, title, link] of [
    ['quality_officer', 'Draft assessments to send', assessmentPage('kestrelDraft')],
    ['commissioner', 'Assessments overdue', assessmentPage('nobodysDraft')],
    ['provider_user', 'Draft assessments to check', assessmentPage('atProvider')],
    ['other_provider_user', 'Actions due on your plans', actionPage('dueSoon')],
  ] as const) {
    const session = new PageSession(world.app);
    await session.signIn(world.emails[seat]);
    const home = await session.get('/');
    assert.equal(home.statusCode, 200, seat);
    assert.ok(home.body.includes(title), `${seat}: ${title}`);
    assert.ok(home.body.includes(`href="${link}"`), `${seat}: a link to ${link}`);
    for (const queue of (await queuesOf(seat)).values()) {
      if (!queue.key.startsWith('quality.')) continue;
      if (queue.href) assert.equal((await session.get(queue.href)).statusCode, 200, `${seat}: ${queue.href}`);
      for (const item of queue.items)
        assert.equal((await session.get(item.href)).statusCode, 200, `${seat}: ${item.href}`);
    }
  }
});
