// The history of each kind of quality record opens for exactly those its own page opens for: each
// kind is tried on both routes, the record's page and its history, with a reader and a refused user.
// A provider sees its assessments' history once sent, from the sending on, and never an entry of the
// intelligence log that links a person; nobody sees another organisation's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import '../../test/support/clock.ts';
import { assessedPerson } from '../../test/support/brokerage.ts';
import { contractedService, frameworkInUse } from '../../test/support/quality.ts';
import { placementWith } from '../../test/support/survey.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { insertPlan } from './contract-action-repository.ts';
import { surveyLinks } from './survey-schema.ts';

let world: TestWorld;
let serviceId: string;
const today = isoDateInLondon(new Date());
const sessions = new Map<Seat, PageSession>();

before(async () => {
  world = await testWorld();
  await frameworkInUse(world);
  serviceId = await contractedService(world, 'provider');
});
after(() => world.close());

async function sessionOf(seat: Seat): Promise<PageSession> {
  let session = sessions.get(seat);
  if (!session) {
    session = new PageSession(world.app);
    await session.signIn(world.emails[seat]);
    sessions.set(seat, session);
  }
  return session;
}

const ok = async (response: ReturnType<typeof api>, status = 201) => {
  const result = await response;
  assert.equal(result.statusCode, status, result.body);
  return result.json();
};

/** The record's page and its history, for one person: both open, or neither does. */
async function bothRoutes(seat: Seat, page: string, history: string, opens: boolean) {
  const session = await sessionOf(seat);
  const [record, trail] = [await session.get(page), await session.get(history)];
  if (opens) {
    assert.equal(record.statusCode, 200, `${seat}: ${page}`);
    assert.equal(trail.statusCode, 200, `${seat}: ${history}`);
    assert.ok(record.body.includes(`href="${history}"`), `${seat}: ${page} links its history`);
  } else {
    assert.ok([403, 404].includes(record.statusCode), `${seat}: ${page} answered ${record.statusCode}`);
    assert.equal(trail.statusCode, 404, `${seat}: ${history}`);
  }
  return trail.body;
}

test("a framework version's history: the organisation's quality readers, nobody else", async () => {
  const { id } = await ok(api(world, 'auditor', 'GET', '/api/v1/quality/framework'), 200);
  const page = '/quality/framework/versions/1';
  const history = `/history/quality-framework/${id}`;
  const body = await bothRoutes('auditor', page, history, true);
  assert.match(body, /quality-framework\.version/);
  for (const seat of ['provider_user', 'other_council_commissioner', 'social_worker'] as const)
    await bothRoutes(seat, page, history, false);
});

test("a contracted service's history is its organisation's quality readers' alone, though its page is wider", async () => {
  const officerId = (await ok(api(world, 'quality_officer', 'GET', '/api/v1/me'), 200)).id;
  await ok(
    api(world, 'quality_officer', 'PUT', `/api/v1/quality/services/${serviceId}/assignment`, {
      zoneId: world.zoneIds[0],
      officerId,
    }),
    200,
  );
  const history = `/history/contracted-service/${serviceId}`;
  const auditor = await sessionOf('auditor');
  assert.equal((await auditor.get(`/quality/services/${serviceId}`)).statusCode, 200);
  assert.match((await auditor.get(history)).body, /contracted-service\.assign/);
  await bothRoutes('other_council_commissioner', `/quality/services/${serviceId}`, history, false);
  const provider = await sessionOf('provider_user');
  assert.equal((await provider.get(`/quality/services/${serviceId}`)).statusCode, 200, 'its provider reads the page');
  assert.equal((await provider.get(history)).statusCode, 404, 'but not how the council staffs it');
});

test("an assessment's history: never a draft's to its provider; once sent, from the sending on", async () => {
  const officerId = (await ok(api(world, 'quality_officer', 'GET', '/api/v1/me'), 200)).id;
  const { id } = await ok(
    api(world, 'quality_officer', 'POST', `/api/v1/quality/services/${serviceId}/assessments`, {
      visitKind: 'announced',
      visitOn: addDays(today, -7),
      officerIds: [officerId],
    }),
  );
  const page = `/quality/assessments/${id}`;
  const history = `/history/quality-assessment/${id}`;
  assert.match(await bothRoutes('quality_officer', page, history, true), /quality-assessment\.plan/);
  for (const seat of ['provider_user', 'other_provider_user', 'other_council_commissioner'] as const)
    await bothRoutes(seat, page, history, false);

  for (const domain of ['I', 'P', 'S', 'W', 'M'])
    for (const n of [1, 2, 3, 4])
      await ok(
        api(world, 'quality_officer', 'PUT', `/api/v1/quality/assessments/${id}/ratings`, {
          questionKey: `${domain}${n}`,
          rating: 'good',
          reason: 'Seen on the visit',
        }),
        200,
      );
  await ok(api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/send`), 200);

  const provider = await bothRoutes('provider_user', page, history, true);
  assert.match(provider, /quality-assessment\.send/);
  assert.doesNotMatch(provider, /quality-assessment\.(plan|rate)/, "the officers' working on the draft");
  const auditor = await bothRoutes('auditor', page, history, true);
  assert.match(auditor, /quality-assessment\.rate/, 'staff see it whole');
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    await bothRoutes(seat, page, history, false);
});

test("an intelligence entry's history: its provider's, unless it links a person; never another organisation's", async () => {
  const record = (body: object) =>
    ok(
      api(world, 'quality_officer', 'POST', `/api/v1/quality/services/${serviceId}/intelligence`, {
        kind: 'concern',
        category: 'missed-visits',
        occurredOn: addDays(today, -3),
        summary: 'Three evening calls missed in one week',
        source: 'Phone call from a family member',
        ...body,
      }),
    );
  const plain = await record({});
  const person = await assessedPerson(world);
  const linked = await record({ personCaseReference: person.caseReference });
  const routes = (id: string) => [`/quality/intelligence/${id}`, `/history/intelligence-entry/${id}`] as const;

  assert.match(await bothRoutes('auditor', ...routes(linked.id), true), /intelligence\.record/);
  await bothRoutes('provider_user', ...routes(plain.id), true);
  await bothRoutes('provider_user', ...routes(linked.id), false);
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    await bothRoutes(seat, ...routes(plain.id), false);
});

test("a contract action's history: its organisation's quality readers and the provider it is on", async () => {
  const { id } = await ok(
    api(world, 'commissioner', 'POST', '/api/v1/quality/contract-actions', {
      kind: 'improvement-plan',
      providerId: world.providerId,
      reason: 'Quality concerns',
      startsOn: today,
      dueOn: addDays(today, 60),
    }),
  );
  const page = `/quality/contract-actions/${id}`;
  const history = `/history/contract-action/${id}`;
  for (const seat of ['auditor', 'provider_user'] as const)
    assert.match(await bothRoutes(seat, page, history, true), /contract-action\.issue/, seat);
  for (const seat of ['other_provider_user', 'other_council_commissioner', 'social_worker'] as const)
    await bothRoutes(seat, page, history, false);
});

test("a transition plan's history: its organisation's quality readers and the leaving provider", async () => {
  const id = randomUUID();
  await insertPlan(
    world.db,
    {
      organisationId: world.councilId,
      id,
      providerId: world.providerId,
      cause: 'left-framework',
      targetOn: addDays(today, 540),
      createdAt: new Date(),
    },
    [],
  );
  const page = `/quality/transition-plans/${id}`;
  const history = `/history/transition-plan/${id}`;
  for (const seat of ['auditor', 'provider_user'] as const) await bothRoutes(seat, page, history, true);
  for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
    await bothRoutes(seat, page, history, false);
});

test("a survey link's history: those who open its placement's survey page", async () => {
  const placementId = await placementWith(world);
  await ok(
    api(world, 'quality_officer', 'POST', `/api/v1/quality/placements/${placementId}/survey-links`, {
      respondent: 'person',
    }),
  );
  const [link] = await world.db.select({ id: surveyLinks.id }).from(surveyLinks);
  const page = `/quality/placements/${placementId}/survey`;
  const history = `/history/survey-link/${link!.id}`;
  const officer = await sessionOf('quality_officer');
  assert.equal((await officer.get(page)).statusCode, 200);
  assert.match((await officer.get(history)).body, /survey-link\.make/);
  for (const seat of ['provider_user', 'other_council_commissioner', 'auditor'] as const)
    await bothRoutes(seat, page, history, false);
});
