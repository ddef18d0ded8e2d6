// Who sees a tender: every route to the same bid (page, API, its documents, its history, the
// evaluation, tiers and award) obeys one rule. An evaluator sees no submission before declaring
// no conflict, nor ever after declaring one; staff who do not run procurement see none of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { createApiToken } from '../src/organisations/account-service.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { api, PageSession, PASSWORD, testWorld, type Seat, type TestWorld } from './support/test-app.ts';
import { answerEverything, openVehicle, throughEvaluation } from './support/procurement.ts';

let world: TestWorld;
let vehicleId: string;
let applicationId: string;
let documentId: string;
const ANSWER = 'We grow our own staff with local colleges.';

before(async () => {
  world = await testWorld();
  const vehicle = await openVehicle(world, { reference: 'SIGHT-1', requiredDocuments: ['Insurance certificate'] });
  vehicleId = vehicle.id;
  applicationId = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`)).json()
    .application.id;
  await api(world, 'provider_user', 'PUT', `/api/v1/applications/${applicationId}/lots`, {
    lotIds: [vehicle.lots[0]!.id],
  });
  await answerEverything(world, applicationId, vehicle.questions);
  const uploaded = await api(world, 'provider_user', 'POST', `/api/v1/applications/${applicationId}/documents`, {
    name: 'Insurance certificate',
    filename: 'cert.pdf',
    contentBase64: Buffer.from('%PDF-1.7 insured').toString('base64'),
  });
  documentId = uploaded.json().documents[0].id;
  assert.equal(
    (await api(world, 'provider_user', 'POST', `/api/v1/applications/${applicationId}/submit`)).statusCode,
    200,
  );
});
after(() => world.close());

interface Person {
  email: string;
  token: string;
}
const seat = (name: Seat): Person => ({ email: world.emails[name], token: world.tokens[name] });

/** What each route to the bid gives this person: status codes, and whether the answer text showed. */
async function routesFor(person: Person) {
  const session = new PageSession(world.app);
  await session.signIn(person.email);
  const get = (url: string) =>
    world.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${person.token}` } });
  const apiDetail = await get(`/api/v1/applications/${applicationId}`);
  const page = await session.get(`/applications/${applicationId}`);
  const scoringApi = await get(`/api/v1/applications/${applicationId}/scoring`);
  const scoringPage = await session.get(`/applications/${applicationId}/scoring`);
  const applicationLink = `href="/applications/${applicationId}"`;
  return {
    api: apiDetail.statusCode,
    apiAnswers: apiDetail.statusCode === 200 && apiDetail.body.includes(ANSWER),
    page: page.statusCode,
    pageAnswers: page.body.includes(ANSWER),
    documentApi: (await get(`/api/v1/applications/${applicationId}/documents/${documentId}`)).statusCode,
    documentPage: (await session.get(`/applications/${applicationId}/documents/${documentId}`)).statusCode,
    history: (await session.get(`/history/application/${applicationId}`)).statusCode,
    scoringApi: scoringApi.statusCode,
    scoringPage: scoringPage.statusCode,
    scoringAnswers: scoringApi.body.includes(ANSWER) || scoringPage.body.includes(ANSWER),
    letter: (await get(`/api/v1/applications/${applicationId}/letter`)).statusCode,
    evaluationApi: (await get(`/api/v1/vehicles/${vehicleId}/evaluation`)).statusCode,
    evaluationPage: (await session.get(`/vehicles/${vehicleId}/evaluation`)).statusCode,
    // Links to the application, where the person may see the list it is in.
    evaluationLinks: (await session.get(`/vehicles/${vehicleId}/evaluation`)).body.includes(applicationLink),
    listLinks: (await session.get('/applications')).body.includes(applicationLink),
    award: (await get(`/api/v1/vehicles/${vehicleId}/award`)).statusCode,
    list: (await get('/api/v1/applications')).statusCode,
  };
}

const WITHHELD = {
  api: 403,
  apiAnswers: false,
  page: 403,
  pageAnswers: false,
  documentApi: 403,
  documentPage: 403,
  history: 404,
  scoringApi: 200,
  scoringPage: 200,
  scoringAnswers: false,
  letter: 403,
  evaluationApi: 200,
  evaluationPage: 200,
  evaluationLinks: false,
  listLinks: false,
  award: 403,
  list: 200,
};

test('an evaluator who has not declared opens no application by any route, and is shown where to declare', async () => {
  const before = await routesFor(seat('evaluator'));
  assert.deepEqual(before, WITHHELD);
  const session = new PageSession(world.app);
  await session.signIn(world.emails.evaluator);
  const declareHere = `href="/vehicles/${vehicleId}/evaluation#declaration"`;
  const page = await session.get(`/applications/${applicationId}`);
  assert.match(page.body, /Declare whether you have a conflict of interest before you see any submission/);
  assert.ok(page.body.includes(declareHere), 'the refused page links to the declaration form');
  assert.doesNotMatch(page.body, /Yes: certificate attached|Stage:|History of changes/);
  const scoring = await session.get(`/applications/${applicationId}/scoring`);
  assert.ok(scoring.body.includes(declareHere), 'the scoring page links to the declaration form');
  assert.doesNotMatch(scoring.body, /How will you recruit and keep staff|name="action"/);
  assert.match((await session.get(`/vehicles/${vehicleId}/evaluation`)).body, /id="declaration"/);
  const scoringApi = (await api(world, 'evaluator', 'GET', `/api/v1/applications/${applicationId}/scoring`)).json();
  assert.equal(scoringApi.application, null, 'nothing of the application in the scoring view');
  assert.equal(scoringApi.subject.providerName, 'Heron Supported Living Ltd');
  // Nor can the evaluator score it, by the page or the API.
  const saved = await session.post(`/applications/${applicationId}/scoring`, { action: 'save' });
  assert.equal(saved.statusCode, 400);
  assert.match(saved.body, /Declare whether you have a conflict of interest/);

  const declared = await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${vehicleId}/declaration`, {
    hasConflict: false,
  });
  assert.equal(declared.statusCode, 201, declared.body);
  const after = await routesFor(seat('evaluator'));
  assert.deepEqual(after, {
    api: 200,
    apiAnswers: true,
    page: 200,
    pageAnswers: true,
    documentApi: 200,
    documentPage: 200,
    history: 200,
    scoringApi: 200,
    scoringPage: 200,
    scoringAnswers: true,
    letter: 422,
    evaluationApi: 200,
    evaluationPage: 200,
    evaluationLinks: true,
    listLinks: true,
    award: 200,
    list: 200,
  });
});

test('an evaluator who declared a conflict never sees the submissions', async () => {
  const user = await createUser(world.db, commandLineActor, {
    email: 'conflicted@example.gov.uk',
    name: 'Cal Conflicted',
    roles: ['evaluator'],
    organisation: 'E10000028',
    password: PASSWORD,
  });
  const conflicted = {
    email: user.email,
    token: (await createApiToken(world.db, commandLineActor, user.id, { name: 'tests' })).token,
  };
  const declare = await world.app.inject({
    method: 'POST',
    url: `/api/v1/vehicles/${vehicleId}/declaration`,
    headers: { authorization: `Bearer ${conflicted.token}` },
    payload: { hasConflict: true, details: 'My sister manages Heron Supported Living' },
  });
  assert.equal(declare.statusCode, 201, declare.body);
  assert.deepEqual(await routesFor(conflicted), WITHHELD);
  const page = new PageSession(world.app);
  await page.signIn(conflicted.email);
  const refused = (await page.get(`/applications/${applicationId}`)).body;
  assert.match(refused, /You declared a conflict of interest/);
  assert.doesNotMatch(refused, /Make your declaration/, 'declared once, for good');
});

test('a finance officer sees submissions for the financial check, not scores', async () => {
  const seen = await routesFor(seat('finance_officer'));
  assert.equal(seen.apiAnswers && seen.pageAnswers, true);
  assert.equal(seen.documentApi, 200);
  assert.equal(seen.award, 403);
  const evaluation = (await api(world, 'finance_officer', 'GET', `/api/v1/vehicles/${vehicleId}/evaluation`)).json();
  assert.ok(evaluation.rows.every((row: { qualityScore: number | null }) => row.qualityScore === null));
});

test('staff who do not run procurement see nothing of the tender, by any route', async () => {
  for (const name of ['administrator', 'brokerage_officer', 'social_worker', 'quality_officer'] as const) {
    const seen = await routesFor(seat(name));
    assert.deepEqual(
      seen,
      {
        api: 403,
        apiAnswers: false,
        page: 403,
        pageAnswers: false,
        documentApi: 403,
        documentPage: 403,
        history: 404,
        scoringApi: 403,
        scoringPage: 403,
        scoringAnswers: false,
        letter: 403,
        evaluationApi: 403,
        evaluationPage: 403,
        evaluationLinks: false,
        listLinks: false,
        award: 403,
        list: 403,
      },
      name,
    );
  }
});

test('commissioners and auditors see the whole tender', async () => {
  for (const name of ['commissioner', 'auditor'] as const) {
    const seen = await routesFor(seat(name));
    assert.equal(seen.apiAnswers && seen.pageAnswers, true, name);
    assert.equal(seen.documentApi, 200, name);
    assert.equal(seen.history, 200, name);
  }
});

test("a tenderer's history shows its own actions and the decisions told to it, never evaluators or their scores", async () => {
  await throughEvaluation(world, vehicleId, applicationId, [4, 3]);
  const provider = new PageSession(world.app);
  await provider.signIn(world.emails.provider_user);
  const history = await provider.get(`/history/application/${applicationId}`);
  assert.equal(history.statusCode, 200);
  assert.match(history.body, /application\.submit/);
  assert.match(history.body, /application\.stage/);
  assert.match(history.body, /Staffordshire County Council/, 'the council decided, not a named officer');
  for (const hidden of [
    /score\./,
    /evaluator@example\.gov\.uk/,
    /Test evaluator/,
    /Test commissioner/,
    /Test finance officer/,
    /Scored against the published criteria/,
    /Agreed/,
  ]) {
    assert.doesNotMatch(history.body, hidden);
  }
  const rival = new PageSession(world.app);
  await rival.signIn(world.emails.other_provider_user);
  assert.equal((await rival.get(`/history/application/${applicationId}`)).statusCode, 404);

  // The commissioner sees every evaluator's scores; an administrator's trail holds no tender events.
  const commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
  assert.match(
    (await commissioner.get(`/history/application/${applicationId}`)).body,
    /score\.save[\s\S]*Test evaluator|Test evaluator[\s\S]*score\.save/,
  );
  const administrator = new PageSession(world.app);
  await administrator.signIn(world.emails.administrator);
  const trail = await administrator.get('/audit');
  assert.equal(trail.statusCode, 200);
  assert.doesNotMatch(trail.body, /score\.|application\.|evaluator\.declaration/);
});
