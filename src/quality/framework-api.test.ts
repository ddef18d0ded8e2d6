// The quality assessment framework through the API and the pages: who may read and keep it, that
// a version is never changed, that a bad framework is refused with every problem, and that one
// organisation's framework is never another's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { DEMO_FRAMEWORK } from './domain/demo-framework.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const version = (overrides: Record<string, unknown> = {}) => ({
  name: 'Supported living quality framework',
  changeNote: 'Medicines audits added to the evidence',
  content: DEMO_FRAMEWORK,
  ...overrides,
});

const versionCount = async () =>
  (await api(world, 'auditor', 'GET', '/api/v1/quality/framework/versions')).json().length as number;

describe('the quality assessment framework', () => {
  test('an organisation starts with none; a quality officer starts from Hearth’s framework on the page', async () => {
    assert.equal((await api(world, 'commissioner', 'GET', '/api/v1/quality/framework')).statusCode, 404);
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const empty = await officer.get('/quality/framework');
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /no quality assessment framework yet/);
    const started = await officer.post('/quality/framework/start', {});
    assert.equal(started.statusCode, 302);
    const page = await officer.get('/quality/framework');
    assert.match(page.body, /Supported living quality framework/);
    assert.match(page.body, /Version 1, made/);
    assert.match(page.body, /Any Poor rating makes it Requires Improvement at best/);
    assert.match(page.body, /S1 Do staff know how to recognise and report abuse\?/);
    assert.doesNotMatch(page.body, /Start from Hearth/, 'offered once only');
    const again = await officer.post('/quality/framework/start', {});
    assert.equal(again.statusCode, 400, 'shown again with the problem');
    assert.match(again.body, /already has a framework: make a new version of it instead/);
  });

  test('a change is a new version; the one before is kept as it was', async () => {
    const changed = structuredClone(DEMO_FRAMEWORK) as typeof DEMO_FRAMEWORK & {
      domains: { questions: { evidence: string }[] }[];
    };
    changed.domains[1]!.questions[2]!.evidence = 'Medication records and the last two medicines audits.';
    const saved = await api(
      world,
      'commissioner',
      'POST',
      '/api/v1/quality/framework/versions',
      version({ content: changed }),
    );
    assert.equal(saved.statusCode, 201);
    assert.equal(saved.json().version, 2);
    const latest = (await api(world, 'auditor', 'GET', '/api/v1/quality/framework')).json();
    assert.equal(latest.version, 2);
    assert.equal(
      latest.content.domains[1].questions[2].evidence,
      'Medication records and the last two medicines audits.',
    );
    const first = (await api(world, 'auditor', 'GET', '/api/v1/quality/framework/versions/1')).json();
    assert.equal(first.content.domains[1].questions[2].evidence, DEMO_FRAMEWORK.domains[1]!.questions[2]!.evidence);
    const versions = (await api(world, 'quality_officer', 'GET', '/api/v1/quality/framework/versions')).json();
    assert.deepEqual(
      versions.map((row: { version: number }) => row.version),
      [2, 1],
    );
  });

  test('versions saved at the same moment never share a number: a clash is refused, not lost', async () => {
    const before = (await api(world, 'auditor', 'GET', '/api/v1/quality/framework')).json().version;
    const answers = await Promise.all(
      ['quality_officer', 'commissioner', 'quality_officer'].map((seat) =>
        api(world, seat as Seat, 'POST', '/api/v1/quality/framework/versions', version()),
      ),
    );
    const saved = answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().version);
    assert.ok(saved.length >= 1);
    assert.deepEqual(
      answers.filter((answer) => answer.statusCode !== 201).map((answer) => answer.statusCode),
      Array(answers.length - saved.length).fill(409),
    );
    assert.equal(new Set(saved).size, saved.length, 'each saved version has its own number');
    const versions = (await api(world, 'auditor', 'GET', '/api/v1/quality/framework/versions')).json();
    assert.equal(versions[0].version, before + saved.length);
  });

  test('a framework with problems is refused with each of them, and nothing is saved', async () => {
    const countBefore = await versionCount();
    const broken = version({
      name: '',
      content: {
        ...DEMO_FRAMEWORK,
        domains: [{ key: 'A', title: 'Only', questions: [] }],
        domainRule: { bands: { excellent: 250, good: 300, 'requires-improvement': 150 }, caps: [] },
      },
    });
    const refused = await api(world, 'quality_officer', 'POST', '/api/v1/quality/framework/versions', broken);
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(
      refused.json().errors.map((error: { field: string }) => error.field),
      ['name'],
      'the form’s own problems first',
    );
    const unsound = await api(
      world,
      'quality_officer',
      'POST',
      '/api/v1/quality/framework/versions',
      version({ content: { ...broken.content } }),
    );
    assert.equal(unsound.statusCode, 422);
    assert.deepEqual(
      unsound.json().errors.map((error: { message: string }) => error.message),
      [
        'Domain "Only" needs at least one question',
        "The domains' rule: the bands must fall from Excellent to Good to Requires Improvement",
      ],
    );
    const outOfScale = version({
      content: {
        ...DEMO_FRAMEWORK,
        overallRule: { bands: { excellent: 450, good: 250, 'requires-improvement': 150 }, caps: [] },
      },
    });
    const scale = await api(world, 'quality_officer', 'POST', '/api/v1/quality/framework/versions', outOfScale);
    assert.equal(scale.statusCode, 422);
    assert.equal(scale.json().errors[0].field, 'content.overallRule.bands.excellent');
    assert.equal(await versionCount(), countBefore, 'nothing saved');
  });

  test('who may read and keep it; another organisation sees only its own', async () => {
    for (const seat of ['quality_officer', 'commissioner', 'auditor'] as Seat[])
      assert.equal((await api(world, seat, 'GET', '/api/v1/quality/framework')).statusCode, 200, seat);
    for (const seat of [
      'brokerage_officer',
      'social_worker',
      'finance_officer',
      'evaluator',
      'provider_user',
    ] as Seat[]) {
      assert.equal((await api(world, seat, 'GET', '/api/v1/quality/framework')).statusCode, 403, seat);
      assert.equal((await api(world, seat, 'GET', '/api/v1/quality/framework/versions/1')).statusCode, 403, seat);
    }
    assert.equal(
      (await api(world, 'auditor', 'POST', '/api/v1/quality/framework/versions', version())).statusCode,
      403,
    );
    assert.equal((await api(world, 'other_council_commissioner', 'GET', '/api/v1/quality/framework')).statusCode, 404);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/quality/framework/versions/1')).statusCode,
      404,
    );
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/quality/framework/versions/99')).statusCode, 404);
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/quality/framework/versions/one')).statusCode, 404);
  });

  test('an earlier version’s page says a later one is in use', async () => {
    const auditor = new PageSession(world.app);
    await auditor.signIn(world.emails.auditor);
    const first = await auditor.get('/quality/framework/versions/1');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /A later version is in use for new assessments/);
    assert.match(first.body, /href="\/quality\/framework\/versions\/2"/);
    assert.equal((await auditor.get('/quality/framework/versions/7')).statusCode, 404);
    assert.doesNotMatch((await auditor.get('/quality/framework')).body, /Start from Hearth/, 'auditors only read');
  });
});
