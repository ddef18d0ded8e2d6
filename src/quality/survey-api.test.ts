// The easy-read survey: paper responses typed in, one-time links that open the survey once with no
// account, and results per provider and service that stay hidden below five responses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, like } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { contractedService } from '../../test/support/quality.ts';
import { placementWith, surveyLink } from '../../test/support/survey.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { auditEvents } from '../platform/audit/schema.ts';
import { sha256Hex } from '../platform/auth/secrets.ts';
import { SURVEY_STATEMENTS } from './domain/survey.ts';
import { surveyLinks, surveyResponses } from './survey-schema.ts';

let world: TestWorld;
let heronService: string;
let heron: string;
let kestrel: string;
before(async () => {
  world = await testWorld();
  // Heron runs one service for the council, so its responses are counted there too; Kestrel two.
  heronService = await contractedService(world, 'provider');
  await contractedService(world, 'other_provider');
  await contractedService(world, 'other_provider');
  heron = await placementWith(world, 'provider');
  kestrel = await placementWith(world, 'other_provider');
});
after(() => world.close());

const responsesUrl = (placementId: string) => `/api/v1/quality/placements/${placementId}/survey-responses`;
const linksUrl = (placementId: string) => `/api/v1/quality/placements/${placementId}/survey-links`;
const fields = (response: { json(): { errors?: { field: string }[] } }) =>
  (response.json().errors ?? []).map((error) => error.field).sort();
const PAPER = { respondent: 'family', answeredOn: '2026-11-20', answers: { 'staff-listen': 'yes', 'feel-safe': 'no' } };
const responseCount = async () => (await world.db.select().from(surveyResponses)).length;

type Group = {
  providerId: string;
  serviceId?: string;
  results: { responses: number; shown: boolean; statements: { key: string; shown: boolean; counts?: object }[] };
};
const results = async (seat: Seat, query = '') => {
  const answer = await api(world, seat, 'GET', `/api/v1/quality/survey-results${query}`);
  assert.equal(answer.statusCode, 200, answer.body);
  return answer.json() as { providers: Group[]; services: Group[] };
};

describe('a paper survey typed in by an officer', () => {
  test('every problem is named at once, and at least one statement must be answered', async () => {
    const bad = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {
      respondent: 'friend',
      answeredOn: '2026-02-30',
      answers: { 'staff-listen': 'maybe' },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fields(bad), ['answeredOn', 'answers.staff-listen', 'respondent']);
    const none = await api(world, 'quality_officer', 'POST', responsesUrl(heron), { ...PAPER, answers: {} });
    assert.deepEqual(fields(none), ['answers']);
    assert.match(none.body, /Answer at least one statement/);
    const blanks = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {
      ...PAPER,
      answers: { 'staff-listen': null },
    });
    assert.deepEqual(fields(blanks), ['answers'], 'null is unanswered');
    const unknown = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {
      ...PAPER,
      answers: { 'staff-are-kind': 'yes' },
    });
    assert.deepEqual(fields(unknown), ['answers']);
    const missing = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {});
    assert.deepEqual(fields(missing), ['answeredOn', 'answers', 'respondent']);
    const future = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {
      ...PAPER,
      answeredOn: '2026-12-02',
    });
    assert.deepEqual(fields(future), ['answeredOn']);
    assert.match(future.body, /cannot be in the future/);
    const early = await api(world, 'quality_officer', 'POST', responsesUrl(heron), {
      ...PAPER,
      answeredOn: '2026-10-01',
    });
    assert.deepEqual(fields(early), ['answeredOn']);
    assert.match(early.body, /The placement began on 1 November 2026/);
    assert.equal(await responseCount(), 0, 'nothing saved from a refused request');
  });

  test('quality officers, commissioners and social workers type it in; others are refused', async () => {
    for (const seat of ['finance_officer', 'auditor', 'brokerage_officer', 'provider_user'] as const)
      assert.equal((await api(world, seat, 'POST', responsesUrl(heron), PAPER)).statusCode, 403, seat);
    assert.equal((await api(world, 'other_council_commissioner', 'POST', responsesUrl(heron), PAPER)).statusCode, 404);
    assert.equal(
      (await api(world, 'quality_officer', 'POST', responsesUrl('2f1e0c7a-0000-4000-8000-000000000000'), PAPER))
        .statusCode,
      404,
    );
    assert.equal((await api(world, 'quality_officer', 'POST', responsesUrl('not-an-id'), PAPER)).statusCode, 404);
    assert.equal(await responseCount(), 0);

    const saved = [];
    for (const seat of ['quality_officer', 'commissioner', 'social_worker'] as const) {
      const answer = await api(world, seat, 'POST', responsesUrl(heron), PAPER);
      assert.equal(answer.statusCode, 201, answer.body);
      saved.push(answer.json().id as string);
    }
    const rows = await world.db.select().from(surveyResponses).where(inArray(surveyResponses.id, saved));
    assert.ok(
      rows.every((row) => row.serviceId === heronService && row.method === 'paper' && row.respondent === 'family'),
    );
    assert.deepEqual(rows[0]!.answers, PAPER.answers);
    const kestrelAnswer = await api(world, 'quality_officer', 'POST', responsesUrl(kestrel), PAPER);
    const [kestrelRow] = await world.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.id, kestrelAnswer.json().id));
    assert.equal(kestrelRow!.serviceId, null, 'Kestrel runs two services: counted by provider only');

    const [audited] = await world.db.select().from(auditEvents).where(eq(auditEvents.recordId, saved[0]!));
    assert.equal(audited!.action, 'survey-response.record');
    assert.deepEqual(audited!.after, {
      placementId: heron,
      respondent: 'family',
      method: 'paper',
      answeredOn: '2026-11-20',
      statementsAnswered: 2,
    });
  });
});

describe('a one-time link', () => {
  test('made by an officer for a respondent, shown once, kept only as a hash', async () => {
    const bad = await api(world, 'quality_officer', 'POST', linksUrl(heron), { respondent: 'neighbour' });
    assert.deepEqual(fields(bad), ['respondent']);
    for (const seat of ['finance_officer', 'auditor', 'provider_user'] as const)
      assert.equal((await api(world, seat, 'POST', linksUrl(heron), { respondent: 'person' })).statusCode, 403, seat);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'POST', linksUrl(heron), { respondent: 'person' })).statusCode,
      404,
    );
    const made = await api(world, 'social_worker', 'POST', linksUrl(heron), { respondent: 'advocate' });
    assert.equal(made.statusCode, 201, made.body);
    const link = made.json();
    assert.equal(link.expiresOn, '2026-12-29', 'four weeks');
    assert.equal(link.respondent, 'advocate');
    const token = new URL(link.url).pathname.split('/')[2]!;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    const [row] = await world.db.select().from(surveyLinks).where(eq(surveyLinks.id, link.id));
    assert.notEqual(row!.tokenHash, token);
    assert.equal(row!.tokenHash.length, 64, 'a sha-256');
    const trail = await world.db.select().from(auditEvents).where(like(auditEvents.recordType, 'survey-%'));
    assert.ok(trail.some((event) => event.action === 'survey-link.make' && event.recordId === link.id));
    assert.ok(!JSON.stringify(trail).includes(token), 'the secret is never in the audit trail');
  });

  test('opens the survey once with no account; a second use and an unknown link save nothing', async () => {
    const path = await surveyLink(world, heron);
    const person = new PageSession(world.app);
    const welcome = await person.get(path);
    assert.equal(welcome.statusCode, 200);
    assert.match(welcome.body, /This is about where you live and the people who help you\./);
    assert.match(welcome.body, /There are 7 questions\./);
    assert.doesNotMatch(welcome.body, /govuk-service-navigation__link|Sign out|Heron/);
    await person.get(`${path}/1`);
    const unanswered = await person.post(`${path}/1`, {});
    assert.equal(unanswered.statusCode, 400);
    assert.match(unanswered.body, /govuk-error-summary/);
    for (const [index, statement] of SURVEY_STATEMENTS.entries()) {
      const shown = await person.get(`${path}/${index + 1}`);
      assert.match(shown.body, new RegExp(statement.text));
      const next = await person.post(`${path}/${index + 1}`, { answer: index === 2 ? 'rather-not-say' : 'yes' });
      assert.equal(next.statusCode, 302);
    }
    const check = await person.get(`${path}/check`);
    assert.match(check.body, /I don’t want to say/);
    const before = await responseCount();
    const sent = await person.post(`${path}/check`, {});
    assert.equal(sent.headers.location, '/survey/thank-you');
    assert.equal(await responseCount(), before + 1);
    const [saved] = await world.db.select().from(surveyResponses).where(eq(surveyResponses.method, 'link'));
    assert.equal(saved!.respondent, 'person');
    assert.equal(saved!.serviceId, heronService);
    assert.equal(saved!.enteredBy, null);
    assert.equal(saved!.answers['feel-safe'], 'rather-not-say');
    assert.match((await person.get('/survey/thank-you')).body, /Thank you/);

    for (const again of [
      await person.get(path),
      await person.get(`${path}/3`),
      await person.post(`${path}/check`, {}),
    ]) {
      assert.equal(again.statusCode, 410);
      assert.match(again.body, /This link has already been used or has expired/);
    }
    const stranger = await new PageSession(world.app).get(`/survey/${'x'.repeat(43)}`);
    assert.equal(stranger.statusCode, 404);
    assert.match(stranger.body, /This link has already been used or has expired/);
    assert.equal(await responseCount(), before + 1, 'a used link saves nothing');
  });

  test('an expired link is refused and saves nothing; a signed-in officer on the device sees no menu', async () => {
    const path = await surveyLink(world, heron, 'family');
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const opened = await officer.get(path);
    assert.equal(opened.statusCode, 200);
    assert.doesNotMatch(opened.body, /govuk-service-navigation__link|Sign out|Test quality officer/);
    await officer.get(`${path}/1`);
    assert.equal((await officer.post(`${path}/1`, { answer: 'yes' })).statusCode, 302);
    await world.db
      .update(surveyLinks)
      .set({ expiresOn: '2026-11-30' })
      .where(eq(surveyLinks.tokenHash, sha256Hex(path.split('/')[2]!)));
    const before = await responseCount();
    const expired = await officer.post(`${path}/check`, {});
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /This link has already been used or has expired/);
    assert.equal((await officer.get(path)).statusCode, 410);
    assert.equal(await responseCount(), before);
  });
});

describe('results per provider and service', () => {
  test('hidden below five responses, shown at five; a provider sees only its own', async () => {
    // Heron has four responses so far (three on paper, one by link); Kestrel one.
    const early = await results('auditor');
    const heronGroup = early.providers.find((group) => group.providerId === world.providerId)!;
    assert.equal(heronGroup.results.responses, 4);
    assert.equal(heronGroup.results.shown, false);
    assert.ok(heronGroup.results.statements.every((statement) => !statement.shown && !statement.counts));
    const fifth = await api(world, 'quality_officer', 'POST', responsesUrl(heron), PAPER);
    assert.equal(fifth.statusCode, 201);
    const shown = await results('social_worker');
    const heronNow = shown.providers.find((group) => group.providerId === world.providerId)!;
    assert.equal(heronNow.results.shown, true);
    const staffListen = heronNow.results.statements.find((statement) => statement.key === 'staff-listen')!;
    assert.deepEqual(staffListen.counts, { yes: 5, sometimes: 0, no: 0, 'rather-not-say': 0 });
    assert.equal(
      heronNow.results.statements.find((statement) => statement.key === 'choose-my-day')!.shown,
      false,
      'a statement only one response answered stays hidden',
    );
    assert.deepEqual(
      shown.services.map((group) => [group.serviceId, group.results.responses]),
      [[heronService, 5]],
      'Kestrel’s response names no service',
    );

    const own = await results('provider_user');
    assert.deepEqual(
      own.providers.map((group) => group.providerId),
      [world.providerId],
    );
    const other = await results('other_provider_user');
    assert.deepEqual(
      other.providers.map((group) => [group.providerId, group.results.responses, group.results.shown]),
      [[world.otherProviderId, 1, false]],
    );
    const nosy = await api(
      world,
      'provider_user',
      'GET',
      `/api/v1/quality/survey-results?providerId=${world.otherProviderId}`,
    );
    assert.equal(nosy.statusCode, 404);
    const narrowed = await results('commissioner', `?providerId=${world.otherProviderId}`);
    assert.deepEqual(
      narrowed.providers.map((group) => group.providerId),
      [world.otherProviderId],
    );
    assert.deepEqual((await results('other_council_commissioner')).providers, [], 'another council’s are its own');
    const bad = await api(world, 'auditor', 'GET', '/api/v1/quality/survey-results?providerId=heron');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fields(bad), ['providerId']);
    for (const seat of ['finance_officer', 'brokerage_officer'] as const)
      assert.equal((await api(world, seat, 'GET', '/api/v1/quality/survey-results')).statusCode, 403, seat);
  });
});

describe('the officer pages', () => {
  test('a placement’s survey page types in a paper survey and makes a link shown once', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const url = `/quality/placements/${heron}/survey`;
    const shown = await officer.get(url);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Responses so far/);
    const refused = await officer.post(`${url}/paper`, { respondent: 'person' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#answers-choose-my-day">Answer at least one statement/);
    assert.match(refused.body, /href="#answeredOn">Enter the date the survey was answered/);
    const before = await responseCount();
    const saved = await officer.post(`${url}/paper`, {
      respondent: 'advocate',
      'answeredOn-day': '25',
      'answeredOn-month': '11',
      'answeredOn-year': '2026',
      'answers-like-my-home': 'sometimes',
    });
    assert.equal(saved.statusCode, 302, saved.body);
    assert.equal(await responseCount(), before + 1);
    const noRespondent = await officer.post(`${url}/link`, {});
    assert.equal(noRespondent.statusCode, 400);
    assert.match(noRespondent.body, /href="#linkRespondent"/);
    const link = await officer.post(`${url}/link`, { linkRespondent: 'family' });
    assert.equal(link.statusCode, 200);
    assert.match(link.body, /Give this link to a family member/);
    assert.match(link.body, /http:\/\/localhost(:\d+)?\/survey\/[A-Za-z0-9_-]{43}/);
    assert.doesNotMatch((await officer.get(url)).body, /\/survey\/[A-Za-z0-9_-]{43}/, 'never shown again');

    const finance = new PageSession(world.app);
    await finance.signIn(world.emails.finance_officer);
    assert.equal((await finance.get(url)).statusCode, 403);
    const other = new PageSession(world.app);
    await other.signIn(world.emails.other_council_commissioner);
    assert.equal((await other.get(url)).statusCode, 404);
  });

  test('the results page and the placement’s link to its survey', async () => {
    const commissioner = new PageSession(world.app);
    await commissioner.signIn(world.emails.commissioner);
    const placement = await commissioner.get(`/placements/${heron}`);
    assert.match(placement.body, new RegExp(`href="/quality/placements/${heron}/survey">People’s survey`));
    const page = await commissioner.get('/quality/survey-results');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Heron Supported Living Ltd: 6 responses/);
    assert.match(
      page.body,
      /Staff listen to me<\/th>\s*<td[^>]*>5<\/td>(\s*<td[^>]*>0<\/td>){3}\s*<td[^>]*>100%<\/td>/,
    );
    assert.match(page.body, /I choose what I do each day<\/th>\s*<td[^>]*>Fewer than 5 answers: not shown/);
    assert.match(
      page.body,
      /Kestrel Care Ltd: 1 response<\/h3>\s*<p class="govuk-body">Fewer than 5 responses: not shown/,
    );
    const finance = new PageSession(world.app);
    await finance.signIn(world.emails.finance_officer);
    assert.doesNotMatch((await finance.get(`/placements/${heron}`)).body, /People’s survey/);
  });
});
