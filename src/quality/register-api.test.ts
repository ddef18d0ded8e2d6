// The register of contracted services and the assessment schedule: bringing in what the council
// now contracts, what is due and overdue, who may read and keep it, and its CSV.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { contractedService } from '../../test/support/quality.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

type Row = { service: { id: string; name: string }; status: string; dueOn: string; providerName: string };
const schedule = async (query = '') =>
  (await api(world, 'auditor', 'GET', `/api/v1/quality/schedule${query}`)).json() as { items: Row[]; total: number };

describe('the register of contracted services', () => {
  test('bringing in finds each location of a provider with a running membership, once', async () => {
    assert.equal((await schedule()).total, 0);
    await liveTieredFramework(world);
    const refused = await api(world, 'auditor', 'POST', '/api/v1/quality/services/bring-in');
    assert.equal(refused.statusCode, 403, 'auditors read only');
    const first = await api(world, 'quality_officer', 'POST', '/api/v1/quality/services/bring-in');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().added, 2, 'Heron’s and Kestrel’s Stafford locations');
    assert.equal((await api(world, 'commissioner', 'POST', '/api/v1/quality/services/bring-in')).json().added, 0);
    const { items } = await schedule();
    assert.deepEqual(items.map((row) => row.providerName).sort(), ['Heron Supported Living Ltd', 'Kestrel Care Ltd']);
    assert.ok(
      items.every((row) => row.status === 'due'),
      'never assessed: due from the contract’s start',
    );
    const other = await api(world, 'other_council_commissioner', 'POST', '/api/v1/quality/services/bring-in');
    assert.equal(other.json().added, 0, 'another council contracts neither');
  });

  test('a service contracted long ago and never assessed is overdue, and the filters find it', async () => {
    const old = await contractedService(world, 'provider', '2024-01-15');
    const overdue = await schedule('?status=overdue');
    assert.deepEqual(
      overdue.items.map((row) => row.service.id),
      [old],
    );
    assert.equal(overdue.items[0]!.dueOn, '2024-01-15');
    const sorted = await schedule('?sort=due&order=asc');
    assert.equal(sorted.items[0]!.service.id, old, 'the most overdue first');
    const bad = await api(world, 'auditor', 'GET', '/api/v1/quality/schedule?status=late');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choose overdue, due or done/);
  });

  test('a service is read by staff and its own provider; another provider and another council get 404', async () => {
    const id = (await schedule()).items.find((row) => row.providerName === 'Heron Supported Living Ltd')!.service.id;
    for (const seat of ['social_worker', 'auditor', 'provider_user'] as const)
      assert.equal((await api(world, seat, 'GET', `/api/v1/quality/services/${id}`)).statusCode, 200, seat);
    for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
      assert.equal((await api(world, seat, 'GET', `/api/v1/quality/services/${id}`)).statusCode, 404, seat);
    assert.equal((await api(world, 'provider_user', 'GET', '/api/v1/quality/schedule')).statusCode, 403);
  });

  test('a quality officer sets a service’s zone and officer; one not of the organisation is refused by name', async () => {
    const id = (await schedule()).items[0]!.service.id;
    const officer = (await api(world, 'quality_officer', 'GET', '/api/v1/me')).json().id as string;
    const set = await api(world, 'quality_officer', 'PUT', `/api/v1/quality/services/${id}/assignment`, {
      zoneId: world.zoneIds[2],
      officerId: officer,
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().zoneName, 'South');
    assert.equal(set.json().officerName, 'Test quality officer');
    const mine = await schedule(`?officerId=${officer}`);
    assert.deepEqual(
      mine.items.map((row) => row.service.id),
      [id],
    );
    const wrong = await api(world, 'quality_officer', 'PUT', `/api/v1/quality/services/${id}/assignment`, {
      zoneId: world.zoneIds[0],
      officerId: (await api(world, 'auditor', 'GET', '/api/v1/me')).json().id,
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /officerId.*Choose one of the organisation’s quality officers/s);
  });

  test('settings are refused outside their range, naming the field', async () => {
    const bad = await api(world, 'commissioner', 'PUT', '/api/v1/quality/settings', {
      assessmentIntervalMonths: 0,
      factualAccuracyWorkingDays: 2,
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /assessmentIntervalMonths/);
    assert.match(bad.body, /factualAccuracyWorkingDays/);
    const good = await api(world, 'commissioner', 'PUT', '/api/v1/quality/settings', {
      assessmentIntervalMonths: 6,
      factualAccuracyWorkingDays: 15,
    });
    assert.equal(good.statusCode, 200);
    assert.deepEqual((await api(world, 'auditor', 'GET', '/api/v1/quality/settings')).json(), {
      assessmentIntervalMonths: 6,
      factualAccuracyWorkingDays: 15,
      kpiReturnWorkingDays: 20,
    });
  });

  test('the schedule page shows the counts and the overdue tag, and its CSV the same rows', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const page = await officer.get('/quality/schedule');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-tag--red">1<\/strong> overdue/);
    assert.match(page.body, /govuk-tag govuk-tag--red">Overdue<\/strong>/);
    const csv = await officer.get('/quality/schedule.csv?status=overdue');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /^Service,Provider,Zone,Quality officer,Last published,Next due,Status/);
    assert.match(csv.body, /2024-01-15,Overdue/);
    assert.equal(csv.body.trim().split('\n').length, 2);
  });

  test('on a service’s page a quality officer sets its zone; an officer not of the organisation is refused there', async () => {
    const id = (await schedule()).items[0]!.service.id;
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    await officer.get(`/quality/services/${id}`);
    const saved = await officer.post(`/quality/services/${id}/assignment`, {
      zoneId: world.zoneIds[1]!,
      officerId: '',
    });
    assert.equal(saved.statusCode, 302);
    assert.equal((await api(world, 'auditor', 'GET', `/api/v1/quality/services/${id}`)).json().zoneName, 'Central');
    await officer.get(`/quality/services/${id}`);
    const wrong = await officer.post(`/quality/services/${id}/assignment`, {
      zoneId: world.zoneIds[1]!,
      officerId: (await api(world, 'auditor', 'GET', '/api/v1/me')).json().id,
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Choose one of the organisation’s quality officers/);
    const auditor = new PageSession(world.app);
    await auditor.signIn(world.emails.auditor);
    const read = (await auditor.get(`/quality/services/${id}`)).body;
    assert.doesNotMatch(read, /Save zone and officer/);
    assert.match(read, new RegExp(`href="/history/contracted-service/${id}"`));
    const history = await auditor.get(`/history/contracted-service/${id}`);
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /Zone and quality officer|contracted-service\.assign|assign/i);
  });
});
