// An assessment through the API from plan to published, with its action plan worked through: who
// may see and do each step, what is refused and that nothing is saved when it is, and the clock
// publishing an assessment nobody answered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import { contractedService, frameworkInUse } from '../../test/support/quality.ts';
import { placementWith } from '../../test/support/survey.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { commandLineActor } from '../platform/audit/service.ts';
import { addDays } from '../platform/domain/calendar.ts';
import { closeEndedWindows } from './assessment-service.ts';

let world: TestWorld;
let serviceId: string;
let officerId: string;
before(async () => {
  world = await testWorld();
  await frameworkInUse(world);
  serviceId = await contractedService(world, 'provider', '2025-04-01');
  officerId = (await api(world, 'quality_officer', 'GET', '/api/v1/me')).json().id;
});
after(() => world.close());

const KEYS = ['I', 'P', 'S', 'W', 'M'].flatMap((domain) => [1, 2, 3, 4].map((n) => `${domain}${n}`));
const plan = (seat: Seat = 'quality_officer', body: object = {}, service = serviceId) =>
  api(world, seat, 'POST', `/api/v1/quality/services/${service}/assessments`, {
    visitKind: 'announced',
    visitOn: '2026-11-24',
    officerIds: [officerId],
    ...body,
  });
const read = (seat: Seat, id: string) => api(world, seat, 'GET', `/api/v1/quality/assessments/${id}`);
const rate = (id: string, questionKey: string, rating: string) =>
  api(world, 'quality_officer', 'PUT', `/api/v1/quality/assessments/${id}/ratings`, {
    questionKey,
    rating,
    reason: `Seen on the visit: ${rating}`,
  });
const rateAll = async (id: string, rating = (key: string) => (key === 'S2' ? 'poor' : 'good')) => {
  for (const key of KEYS) assert.equal((await rate(id, key, rating(key))).statusCode, 200);
};

describe('a quality assessment, from plan to published', () => {
  let id: string;

  test('a quality officer plans one; bad input names every field; the wrong role and another council cannot', async () => {
    const bad = await plan('quality_officer', { visitKind: 'surprise', visitOn: '2026-02-30', officerIds: [] });
    assert.equal(bad.statusCode, 422);
    const fields = bad.json().errors.map((error: { field: string }) => error.field);
    assert.deepEqual(fields.sort(), ['officerIds', 'visitKind', 'visitOn']);
    assert.equal((await plan('auditor')).statusCode, 403);
    assert.equal((await plan('provider_user')).statusCode, 403);
    assert.equal((await plan('other_council_commissioner')).statusCode, 404);
    const planned = await plan();
    assert.equal(planned.statusCode, 201, planned.body);
    id = planned.json().id;
    const again = await plan();
    assert.equal(again.statusCode, 409, 'one assessment under way at a time');
  });

  test('a draft is the council’s alone: its provider and another provider get 404, social workers 403', async () => {
    assert.equal((await read('auditor', id)).statusCode, 200);
    for (const seat of ['provider_user', 'other_provider_user', 'other_council_commissioner'] as const)
      assert.equal((await read(seat, id)).statusCode, 404, seat);
    assert.equal((await read('social_worker', id)).statusCode, 403, 'social workers read published summaries only');
  });

  test('a rating outside the scale or for a question not in the framework is refused, and nothing saved', async () => {
    const outside = await rate(id, 'I1', 'outstanding');
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /Choose Excellent, Good, Requires Improvement, Poor or Not assessed/);
    const unknown = await rate(id, 'Z9', 'good');
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /questionKey/);
    assert.equal((await read('auditor', id)).json().domains[0].questions[0].rating, null);
  });

  test('ratings roll up with their working: a Poor caps its domain at Requires Improvement', async () => {
    const sendEarly = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/send`);
    assert.equal(sendEarly.statusCode, 422, 'every question needs a rating first');
    assert.equal(sendEarly.json().errors.length, 20);
    await rateAll(id);
    const evidence = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/evidence`, {
      questionKey: 'S2',
      kind: 'records',
      seenOn: '2026-11-24',
      note: 'Three medication records sampled; two gaps in signatures.',
    });
    assert.equal(evidence.statusCode, 201, evidence.body);
    const view = (await read('quality_officer', id)).json();
    const safety = view.domains.find((domain: { key: string }) => domain.key === 'S');
    assert.equal(safety.result.rating, 'requires-improvement');
    assert.match(safety.result.working, /A Poor rating caps it at Requires Improvement/);
    assert.equal(view.overall.rating, 'good');
    assert.equal(view.actionPlanRequired, true);
  });

  test('sent, the provider sees it and comments per question; another provider still cannot', async () => {
    const sent = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/send`);
    assert.equal(sent.statusCode, 200, sent.body);
    assert.deepEqual(sent.json(), { sentOn: '2026-12-01', commentsDueOn: '2026-12-15' });
    const mine = await read('provider_user', id);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().may.comment, true);
    assert.equal((await read('other_provider_user', id)).statusCode, 404);
    const comment = (seat: Seat, questionKey = 'S2') =>
      api(world, seat, 'POST', `/api/v1/quality/assessments/${id}/comments`, {
        questionKey,
        comment: 'The gaps were on agency shifts, since audited weekly.',
      });
    assert.equal((await comment('other_provider_user')).statusCode, 404);
    assert.equal((await comment('quality_officer')).statusCode, 403);
    assert.equal((await comment('provider_user')).statusCode, 201);
    const edit = await rate(id, 'I1', 'excellent');
    assert.equal(edit.statusCode, 409, 'ratings change only by accepting comments now');
  });

  test('after the window the comment waits for a decision, then publishing follows', async () => {
    assert.deepEqual(await closeEndedWindows(world.db, commandLineActor, '2026-12-15'), { published: 0, toDecide: 0 });
    assert.deepEqual(await closeEndedWindows(world.db, commandLineActor, '2026-12-16'), { published: 0, toDecide: 1 });
    const late = await api(world, 'provider_user', 'POST', `/api/v1/quality/assessments/${id}/comments`, {
      questionKey: 'I1',
      comment: 'One more thing',
    });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /not open for comments/);
    const early = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/publish`);
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /Accept or reject the provider’s comment on S2/);
    const [comment] = (await read('quality_officer', id)).json().domains[2].questions[1].comments;
    const decide = (body: object) =>
      api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/comments/${comment.id}/decision`, body);
    const refused = await decide({ decision: 'rejected', reason: 'Still two gaps', rating: 'good' });
    assert.equal(refused.statusCode, 422, 'a rating changes only with an accepted comment');
    assert.equal((await decide({ decision: 'accepted', reason: 'Weekly audits seen' })).statusCode, 204);
    assert.equal((await decide({ decision: 'rejected', reason: 'again' })).statusCode, 409);
    assert.equal((await api(world, 'auditor', 'POST', `/api/v1/quality/assessments/${id}/publish`)).statusCode, 403);
    const published = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/publish`);
    assert.equal(published.statusCode, 204, published.body);
    const edit = await api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/evidence`, {
      questionKey: 'I1',
      kind: 'observed',
      seenOn: '2026-11-24',
      note: 'Late evidence',
    });
    assert.equal(edit.statusCode, 409);
    assert.match(edit.body, /published: it cannot be changed/);
  });

  test('every staff role reads the published summary; only quality staff and the provider the whole', async () => {
    const summary = await api(world, 'social_worker', 'GET', `/api/v1/quality/services/${serviceId}/summary`);
    assert.equal(summary.statusCode, 200);
    assert.equal(summary.json().overall, 'good');
    assert.equal(summary.json().domains[2].rating, 'requires-improvement');
    assert.doesNotMatch(summary.body, /medication records|Test quality officer/i, 'no evidence, no names');
    assert.equal((await read('social_worker', id)).statusCode, 403);
    assert.equal((await read('provider_user', id)).statusCode, 200);
    const other = await api(world, 'other_provider_user', 'GET', `/api/v1/quality/services/${serviceId}/summary`);
    assert.equal(other.statusCode, 404);
  });

  test('the action plan: the provider works it, the officer signs off, and it closes only when all are', async () => {
    const add = (body: object, seat: Seat = 'quality_officer') =>
      api(world, seat, 'POST', `/api/v1/quality/assessments/${id}/actions`, {
        questionKey: 'S2',
        title: 'Weekly medication audit',
        owner: 'Registered manager',
        dueOn: '2026-11-30',
        ...body,
      });
    assert.equal((await add({}, 'provider_user')).statusCode, 403);
    const bad = await add({ questionKey: 'Z1', dueOn: '2026-11-01', owner: '' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
      ['owner'],
    );
    const overdue = await add({});
    assert.equal(overdue.statusCode, 201, overdue.body);
    const second = await add({ title: 'Agency staff medicines training', dueOn: '2027-01-31' });
    const actionId = overdue.json().id as string;
    const lists = await api(world, 'provider_user', 'GET', '/api/v1/quality/actions?overdue=yes');
    assert.deepEqual(
      lists.json().items.map((row: { action: { id: string } }) => row.action.id),
      [actionId],
      'overdue on the provider’s list',
    );
    assert.equal((await api(world, 'other_provider_user', 'GET', '/api/v1/quality/actions')).json().total, 0);
    assert.equal(
      (await api(world, 'other_provider_user', 'GET', `/api/v1/quality/actions/${actionId}`)).statusCode,
      404,
    );
    const progress = (seat: Seat, body: object) =>
      api(world, seat, 'POST', `/api/v1/quality/actions/${actionId}/progress`, body);
    assert.equal((await progress('quality_officer', { status: 'in-progress', note: 'x' })).statusCode, 403);
    const signedByProvider = await progress('provider_user', { status: 'signed-off', note: 'Done' });
    assert.equal(signedByProvider.statusCode, 422, 'only the officer signs off');
    assert.equal(
      (await progress('provider_user', { status: 'ready-to-sign-off', note: 'Audits since 2 Dec' })).statusCode,
      204,
    );
    const close = () => api(world, 'quality_officer', 'POST', `/api/v1/quality/assessments/${id}/action-plan/close`);
    const refused = await close();
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().errors.length, 2, 'each action not signed off, named');
    for (const open of [actionId, second.json().id])
      assert.equal(
        (await api(world, 'quality_officer', 'POST', `/api/v1/quality/actions/${open}/sign-off`, { note: 'Seen' }))
          .statusCode,
        204,
      );
    const action = (await api(world, 'provider_user', 'GET', `/api/v1/quality/actions/${actionId}`)).json();
    assert.deepEqual(
      action.history.map((item: { kind: string }) => item.kind),
      ['progress', 'signed-off'],
    );
    assert.equal((await close()).statusCode, 204);
    assert.equal((await close()).statusCode, 409);
  });

  test('an assessment nobody answers is published by the clock when the window ends, saying so', async () => {
    const other = await contractedService(world, 'other_provider', '2025-06-01');
    const planned = (await plan('quality_officer', {}, other)).json().id as string;
    await rateAll(planned, () => 'good');
    const { commentsDueOn } = (
      await api(world, 'commissioner', 'POST', `/api/v1/quality/assessments/${planned}/send`)
    ).json();
    assert.deepEqual(await closeEndedWindows(world.db, commandLineActor, addDays(commentsDueOn, 1)), {
      published: 1,
      toDecide: 0,
    });
    const view = (await read('auditor', planned)).json();
    assert.equal(view.status, 'published');
    assert.equal(view.publishedUnanswered, true);
    assert.equal(view.actionPlanRequired, false);
  });

  test('an assessment done before Hearth is brought in published, and the schedule counts from it', async () => {
    const older = await contractedService(world, 'other_provider', '2023-01-01');
    const bringIn = (seat: Seat, body: object) =>
      api(world, seat, 'POST', `/api/v1/quality/services/${older}/past-assessments`, {
        visitKind: 'announced',
        visitOn: '2026-03-02',
        officerIds: [officerId],
        publishedOn: '2026-03-30',
        ratings: KEYS.map((questionKey) => ({ questionKey, rating: 'good', reason: 'From the paper report' })),
        source: 'Paper report of March 2026',
        ...body,
      });
    assert.equal((await bringIn('auditor', {})).statusCode, 403);
    const missing = await bringIn('quality_officer', { ratings: [], publishedOn: '2027-01-01' });
    assert.equal(missing.statusCode, 422);
    const problems = missing.json().errors as { field: string }[];
    assert.equal(problems.filter((problem) => problem.field === 'ratings').length, 20, 'each question unrated, named');
    assert.ok(problems.some((problem) => problem.field === 'publishedOn'));
    const brought = await bringIn('quality_officer', {});
    assert.equal(brought.statusCode, 201, brought.body);
    assert.equal(brought.json().overall, 'good');
    const schedule = (await api(world, 'auditor', 'GET', '/api/v1/quality/schedule?search=Kestrel')).json();
    const row = schedule.items.find((item: { service: { id: string } }) => item.service.id === older);
    assert.equal(row.lastPublishedOn, '2026-03-30');
    assert.equal(row.dueOn, '2027-03-30');
  });

  test('what people and families said of the service shows on its assessment once five have answered', async () => {
    const page = async () => {
      const officer = new PageSession(world.app);
      await officer.signIn(world.emails.quality_officer);
      return (await officer.get(`/quality/assessments/${id}`)).body;
    };
    assert.match(await page(), /No easy-read surveys have come in for this service or its provider yet/);
    const placementId = await placementWith(world);
    for (let n = 1; n <= 5; n++) {
      const answered = await api(
        world,
        'quality_officer',
        'POST',
        `/api/v1/quality/placements/${placementId}/survey-responses`,
        {
          respondent: 'person',
          answeredOn: '2026-11-20',
          answers: { 'staff-listen': n === 5 ? 'no' : 'yes', 'feel-safe': 'yes' },
        },
      );
      assert.equal(answered.statusCode, 201, answered.body);
      if (n === 4)
        assert.match(await page(), /4 surveys have come in for Heron Supported Living Ltd – Stafford: fewer than 5/);
    }
    const shown = await page();
    assert.match(shown, /Staff listen to me: 80%/);
    assert.match(shown, /I like my home: not shown \(fewer than 5 answered\)/);
  });

  test('the pages: the officer reads the assessment and a question; a form with errors is shown again', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const service = await officer.get(`/quality/services/${serviceId}`);
    assert.equal(service.statusCode, 200);
    assert.match(service.body, /Overall: <strong[^>]*>Good<\/strong>/);
    const page = await officer.get(`/quality/assessments/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /A Poor rating caps it at Requires Improvement/);
    assert.match(page.body, /What people and families say/);
    const question = await officer.get(`/quality/assessments/${id}/questions/S2`);
    assert.equal(question.statusCode, 200);
    assert.match(question.body, /two gaps in signatures/);
    const plannedAgain = await officer.post(`/quality/services/${serviceId}/assessments/new`, {
      visitKind: 'announced',
    });
    assert.equal(plannedAgain.statusCode, 400);
    assert.match(plannedAgain.body, /govuk-error-summary/);
    assert.match(plannedAgain.body, /Enter the date of the visit/);
  });
});
