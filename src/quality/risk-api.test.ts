// The risk dashboard's API and pages: ratings with reasons for the organisation's quality readers,
// a provider's own services only, another organisation's services not found; the model refused
// with every problem named and nothing saved, previewed beside the model in use, then saved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import { csvRecords, tableRows } from '../../test/support/lists.ts';
import { contractedService, substantiatedConcerns } from '../../test/support/quality.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { DEFAULT_RISK_MODEL } from './domain/risk-model.ts';
import { formOfModel } from './risk-input.ts';
import { rateServices } from './risk-run-service.ts';

let world: TestWorld;
let heron: string;
let kestrel: string;
let elsewhere: string;
before(async () => {
  world = await testWorld();
  heron = await contractedService(world, 'provider');
  kestrel = await contractedService(world, 'other_provider');
  elsewhere = await contractedService(world, 'provider', '2025-04-01', world.otherCouncilId);
  await substantiatedConcerns(world, heron, ['2026-10-02', '2026-10-20', '2026-11-12']);
  await rateServices(world.db, { organisationId: world.councilId });
  await rateServices(world.db, { organisationId: world.otherCouncilId });
});
after(() => world.close());

type Rated = { serviceId: string; colour: string; score: number; reasons: string[]; headline: string };
const listed = async (seat: Parameters<typeof api>[1], query = '') => {
  const response = await api(world, seat, 'GET', `/api/v1/risk/services${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as { items: Rated[]; total: number };
};

describe('the risk ratings', () => {
  test('give each service a colour, a score and its reasons, worst first', async () => {
    const { items, total } = await listed('quality_officer');
    assert.equal(total, 2);
    const [worst, other] = items;
    assert.equal(worst?.serviceId, heron);
    // Three substantiated concerns (+15), never assessed (+5); not registered with CQC (nothing).
    assert.equal(worst?.colour, 'amber');
    assert.equal(worst?.score, 20);
    assert.ok(worst?.reasons.includes('3 substantiated concerns in 12 months (+15)'), worst?.reasons.join('; '));
    assert.equal(worst!.headline, 'Amber: 3 substantiated concerns in 12 months (+15); Not yet assessed (+5)');
    assert.equal(other?.serviceId, kestrel);
    assert.equal(other?.colour, 'green');
    assert.equal(other?.score, 5);
  });

  test('filter by colour and search, and page', async () => {
    assert.deepEqual(
      (await listed('commissioner', '?colour=amber')).items.map((item) => item.serviceId),
      [heron],
    );
    assert.equal((await listed('auditor', '?pageSize=1')).items.length, 1);
    const refused = await api(world, 'quality_officer', 'GET', '/api/v1/risk/services?colour=purple');
    assert.equal(refused.statusCode, 422);
  });

  test('one service gives every indicator with its points and source, and its history', async () => {
    const response = await api(world, 'quality_officer', 'GET', `/api/v1/risk/services/${heron}`);
    assert.equal(response.statusCode, 200, response.body);
    const found = response.json();
    assert.equal(found.rating.indicators.length, 13);
    const concerns = found.rating.indicators.find((each: { key: string }) => each.key === 'substantiated-concerns');
    assert.deepEqual([concerns.value, concerns.points], [3, 15]);
    assert.equal(found.history.length, 1);
    assert.equal(found.history[0].computedOn, '2026-12-01');
  });

  test('a provider sees its own services, in every organisation, and never another provider’s', async () => {
    const mine = await listed('provider_user');
    assert.deepEqual(mine.items.map((item) => item.serviceId).sort(), [heron, elsewhere].sort());
    assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/risk/services/${kestrel}`)).statusCode, 404);
    assert.equal((await api(world, 'provider_user', 'GET', `/api/v1/risk/services/${heron}`)).statusCode, 200);
    assert.deepEqual(
      (await listed('other_provider_user')).items.map((item) => item.serviceId),
      [kestrel],
    );
  });

  test('another organisation’s service is not found; roles that do not read quality are refused', async () => {
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', `/api/v1/risk/services/${heron}`)).statusCode,
      404,
    );
    assert.deepEqual(
      (await listed('other_council_commissioner')).items.map((item) => item.serviceId),
      [elsewhere],
    );
    for (const seat of ['social_worker', 'brokerage_officer', 'finance_officer'] as const)
      assert.equal((await api(world, seat, 'GET', '/api/v1/risk/services')).statusCode, 403, seat);
  });
});

const model = (changes: Record<string, unknown> = {}) => ({
  changeNote: 'Substantiated concerns weigh more',
  ...structuredClone(DEFAULT_RISK_MODEL),
  ...changes,
});

describe('the risk model', () => {
  test('is Hearth’s default until one is saved', async () => {
    const response = await api(world, 'auditor', 'GET', '/api/v1/risk/model');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().version, 0);
  });

  test('refuses a model with every problem named, and saves nothing', async () => {
    const broken = model({ amberFrom: 30, redFrom: 20 });
    (broken.indicators['cqc-rating'].values as Record<string, { points: unknown }>).inadequate!.points = 'lots';
    for (const path of ['/api/v1/risk/model/preview', '/api/v1/risk/model/versions']) {
      const refused = await api(world, 'quality_officer', 'POST', path, broken);
      assert.equal(refused.statusCode, 422, refused.body);
      assert.deepEqual((refused.json().errors as { field: string }[]).map((error) => error.field).sort(), [
        'cqc-rating.values.inadequate',
        'redFrom',
      ]);
    }
    assert.deepEqual((await api(world, 'quality_officer', 'GET', '/api/v1/risk/model/versions')).json(), []);
  });

  test('previews a change beside the model in use, then saves it and rates every service under it', async () => {
    const heavier = model();
    heavier.indicators['substantiated-concerns'].steps = [{ atLeast: 1, points: 30, redFlag: false }];
    const preview = await api(world, 'quality_officer', 'POST', '/api/v1/risk/model/preview', heavier);
    assert.equal(preview.statusCode, 200, preview.body);
    const compared = preview.json();
    assert.deepEqual(
      compared.changes.map((change: { serviceId: string; from: { colour: string }; to: { colour: string } }) => [
        change.serviceId,
        change.from.colour,
        change.to.colour,
      ]),
      [[heron, 'amber', 'red']],
    );
    assert.equal((await listed('quality_officer', '?colour=red')).total, 0, 'a preview saves nothing');

    assert.equal((await api(world, 'auditor', 'POST', '/api/v1/risk/model/versions', heavier)).statusCode, 403);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/risk/model/versions')).json().length,
      0,
    );
    const saved = await api(world, 'quality_officer', 'POST', '/api/v1/risk/model/versions', heavier);
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().version, 1);
    const now = await listed('quality_officer');
    assert.deepEqual(
      now.items.map((item) => [item.serviceId, item.colour, item.score]),
      [
        [heron, 'red', 35],
        [kestrel, 'green', 5],
      ],
    );
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/risk/model/versions/1')).statusCode, 200);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/risk/model/versions/1')).statusCode,
      404,
    );
  });

  test('versions saved at the same moment never share a number: a clash is refused, not lost', async () => {
    const before = (await api(world, 'auditor', 'GET', '/api/v1/risk/model')).json().version;
    const answers = await Promise.all(
      (['quality_officer', 'commissioner', 'quality_officer'] as const).map((seat) =>
        api(world, seat, 'POST', '/api/v1/risk/model/versions', model()),
      ),
    );
    const saved = answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().version);
    assert.ok(saved.length >= 1);
    assert.deepEqual(
      answers.filter((answer) => answer.statusCode !== 201).map((answer) => answer.statusCode),
      Array(answers.length - saved.length).fill(409),
    );
    assert.equal(new Set(saved).size, saved.length, 'each saved version has its own number');
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/risk/model')).json().version, before + saved.length);
  });
});

async function signedIn() {
  const officer = new PageSession(world.app);
  await officer.signIn(world.emails.quality_officer);
  return officer;
}

/** The model form's boxes as they start: the model in use. */
const modelForm = async () => formOfModel((await api(world, 'auditor', 'GET', '/api/v1/risk/model')).json().content);

describe('the risk pages', () => {
  test('the dashboard lists the colours with their counts, and exports them', async () => {
    const officer = await signedIn();
    const page = await officer.get('/quality/risk');
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Provider risk dashboard/);
    assert.ok(tableRows(page.body, 'services').length >= 2);
    const csv = await csvRecords(officer, '/quality/risk.csv');
    assert.equal(csv.length, 2);
    assert.ok(csv.every((row) => ['Red', 'Amber', 'Green'].includes(row.Colour!)));
  });

  test('a service’s page links each indicator to its records', async () => {
    const officer = await signedIn();
    const page = await officer.get(`/quality/risk/services/${heron}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /3 substantiated concerns in 12 months/);
    assert.match(page.body, new RegExp(`/quality/intelligence\\?serviceId=${heron}&amp;kind=concern`));
  });

  test('changing the model shows which services change colour before saving, and the form names each problem', async () => {
    const officer = await signedIn();
    const form = await officer.get('/quality/risk/model');
    assert.equal(form.statusCode, 200);
    const refused = await officer.post('/quality/risk/model', {
      ...(await modelForm()),
      amberFrom: 'ten',
      changeNote: 'Lower the bar',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Amber from must be a whole number/);
    const values = { ...(await modelForm()), amberFrom: '4', changeNote: 'Lower the bar' };
    const check = await officer.post('/quality/risk/model', values);
    assert.equal(check.statusCode, 200, check.body);
    assert.match(check.body, /would change colour/);
    assert.match(check.body, /Amber \(5\)/);
    const before = (await api(world, 'auditor', 'GET', '/api/v1/risk/model')).json().version;
    const saved = await officer.post('/quality/risk/model', { ...values, confirmed: 'yes' });
    assert.equal(saved.statusCode, 302, saved.body);
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/risk/model')).json().version, before + 1);
  });
});
