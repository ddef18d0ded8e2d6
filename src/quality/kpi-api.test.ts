// KPI returns through the API: a vehicle's definitions kept by quality officers and commissioners,
// a provider's return refused whole for bad figures or the wrong quarter, accepted late and
// corrected, the list and table each seeing only what they may, and the risk dashboard's count of
// returns never made, per provider, in one statement.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { liveTieredFramework } from '../../test/support/procurement.ts';
import { api, PageSession, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { missingReturnCounts } from './kpi-repository.ts';
import { TRAINED } from '../../test/support/kpi.ts';

let world: TestWorld;
let vehicleId: string;
let heronNorth: string;
let heronSouth: string;
let kestrel: string;
let trainedId: string;

before(async () => {
  world = await testWorld();
  const live = await liveTieredFramework(world);
  vehicleId = live.vehicle.id;
  // The contracts began last year, so ended quarters ask for returns.
  await world.db.execute(sql`update memberships set start_on = '2025-04-01' where vehicle_id = ${vehicleId}::uuid`);
  const heron = live.memberships.filter((m) => m.providerId === world.providerId);
  [heronNorth, heronSouth] = [heron[0]!.id, heron[1]!.id];
  kestrel = live.memberships.find((m) => m.providerId === world.otherProviderId)!.id;
});
after(() => world.close());

const kpis = `/api/v1/quality/vehicles/{v}/kpis`;
const kpisOf = (id = vehicleId) => kpis.replace('{v}', id);
const returnsOf = (membershipId: string) => `/api/v1/quality/memberships/${membershipId}/kpi-returns`;

describe('KPI definitions', () => {
  test('are refused with each field named, and kept only by quality officers and commissioners', async () => {
    const bad = await api(world, 'quality_officer', 'POST', kpisOf(), {
      ...TRAINED,
      name: '',
      target: 150,
      measure: 'ratio',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /"field":"name"/);
    assert.match(bad.body, /"field":"measure"/);
    const tooHigh = await api(world, 'quality_officer', 'POST', kpisOf(), { ...TRAINED, target: 150 });
    assert.equal(tooHigh.statusCode, 422);
    assert.match(tooHigh.body, /A percentage target is at most 100/);
    assert.equal((await api(world, 'auditor', 'POST', kpisOf(), TRAINED)).statusCode, 403);
    assert.equal((await api(world, 'provider_user', 'GET', kpisOf())).statusCode, 403);
    assert.equal((await api(world, 'other_council_commissioner', 'GET', kpisOf())).statusCode, 404);
    assert.equal((await api(world, 'other_council_commissioner', 'POST', kpisOf(), TRAINED)).statusCode, 404);
    assert.equal((await api(world, 'quality_officer', 'GET', kpisOf('not-a-vehicle'))).statusCode, 404);

    const added = await api(world, 'quality_officer', 'POST', kpisOf(), TRAINED);
    assert.equal(added.statusCode, 201, added.body);
    trainedId = added.json().id;
    assert.equal(added.json().ruleWords, '100% (higher is better); Amber within 10 percentage points');
    const listed = await api(world, 'auditor', 'GET', kpisOf());
    assert.deepEqual(
      listed.json().map((kpi: { name: string }) => kpi.name),
      ['Strengths-based training'],
    );
  });
});

describe('a provider’s return', () => {
  test('is refused whole when a numerator is above its denominator, naming the field, and nothing is saved', async () => {
    const bad = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), {
      quarter: '2026-Q2',
      values: [{ kpiId: trainedId, numerator: 90, denominator: 80 }],
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().errors[0].field, `values.${trainedId}.numerator`);
    assert.match(bad.json().errors[0].message, /cannot be more than the number counted \(80\)/);
    const negative = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), {
      quarter: '2026-Q2',
      values: [{ kpiId: trainedId, numerator: -1, denominator: 2.5 }],
    });
    assert.equal(negative.statusCode, 422);
    assert.equal(negative.json().errors.length, 2);
    const listed = await api(world, 'provider_user', 'GET', '/api/v1/quality/kpi-returns?status=submitted');
    assert.equal(listed.json().total, 0, 'nothing saved');
  });

  test('is for an ended quarter since the membership began, of the provider’s own membership, by the provider', async () => {
    const values = [{ kpiId: trainedId, numerator: 40, denominator: 80 }];
    const notEnded = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), { quarter: '2026-Q3', values });
    assert.equal(notEnded.statusCode, 422);
    assert.match(notEnded.body, /Q3 2026-27 \(October to December 2026\) has not ended yet/);
    const before = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), { quarter: '2024-Q4', values });
    assert.match(before.body, /ended before this membership began/);
    const unasked = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), { quarter: '2025-Q4', values });
    assert.match(unasked.body, /No KPIs are asked for in Q4 2025-26/);
    const missing = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), {
      quarter: '2026-Q2',
      values: [],
    });
    assert.match(missing.body, /Enter the figures for Strengths-based training/);
    assert.equal(
      (await api(world, 'other_provider_user', 'POST', returnsOf(heronNorth), { quarter: '2026-Q2', values }))
        .statusCode,
      404,
    );
    assert.equal(
      (await api(world, 'quality_officer', 'POST', returnsOf(heronNorth), { quarter: '2026-Q2', values })).statusCode,
      403,
    );
  });

  test('after its due day is accepted and marked late; a correction replaces it, audited', async () => {
    const first = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), {
      quarter: '2026-Q2',
      values: [{ kpiId: trainedId, numerator: 316, denominator: 672 }],
    });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().late, true, 'due 28 October 2026, 20 working days after the quarter');
    assert.equal(first.json().dueOn, '2026-10-28');
    const corrected = await api(world, 'provider_user', 'POST', returnsOf(heronNorth), {
      quarter: '2026-Q2',
      values: [{ kpiId: trainedId, numerator: 654, denominator: 807 }],
    });
    assert.equal(corrected.json().version, 2);
    assert.equal(corrected.json().id, first.json().id);
    const audit = await world.db.execute(
      sql`select action, before, after from audit_events where record_id = ${first.json().id} order by seq`,
    );
    const events = (audit as unknown as { rows: { action: string; before: unknown }[] }).rows;
    assert.deepEqual(
      events.map((event) => event.action),
      ['kpi-return.submit', 'kpi-return.correct'],
    );
    assert.deepEqual(events[1]!.before, { version: 1, figures: { [trainedId]: { numerator: 316, denominator: 672 } } });
  });
});

describe('returns owed and made', () => {
  test('list each membership’s quarters for the organisation’s readers, and only its own to a provider', async () => {
    const officer = (await api(world, 'auditor', 'GET', `/api/v1/quality/kpi-returns?vehicleId=${vehicleId}`)).json();
    assert.equal(officer.total, 6, 'three memberships, two quarters each');
    const missing = (await api(world, 'quality_officer', 'GET', '/api/v1/quality/kpi-returns?status=missing')).json();
    assert.equal(missing.total, 5);
    assert.ok(missing.items.every((row: { daysOverdue: number }) => row.daysOverdue > 0));
    const late = (await api(world, 'quality_officer', 'GET', '/api/v1/quality/kpi-returns?status=late')).json();
    assert.deepEqual(
      late.items.map((row: { membershipId: string; quarter: string }) => [row.membershipId, row.quarter]),
      [[heronNorth, '2026-Q2']],
    );
    const kestrelSees = (await api(world, 'other_provider_user', 'GET', '/api/v1/quality/kpi-returns')).json();
    assert.equal(kestrelSees.total, 2);
    assert.ok(kestrelSees.items.every((row: { membershipId: string }) => row.membershipId === kestrel));
    const heronAsksForKestrel = (
      await api(world, 'provider_user', 'GET', `/api/v1/quality/kpi-returns?providerId=${world.otherProviderId}`)
    ).json();
    assert.ok(heronAsksForKestrel.items.every((row: { providerId: string }) => row.providerId === world.providerId));
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/quality/kpi-returns')).json().total,
      0,
    );
    const badFilter = await api(world, 'quality_officer', 'GET', '/api/v1/quality/kpi-returns?status=lost');
    assert.equal(badFilter.statusCode, 422);
  });

  test('the vehicle’s table rates each provider’s figures against the target', async () => {
    const table = await api(world, 'auditor', 'GET', `/api/v1/quality/vehicles/${vehicleId}/kpi-table?quarter=2026-Q2`);
    assert.equal(table.statusCode, 200, table.body);
    const rows = table.json().rows as { membership: { id: string }; cells: { rating: unknown; text: string }[] }[];
    const north = rows.find((row) => row.membership.id === heronNorth)!;
    assert.deepEqual(north.cells[0]!.rating, { value: 81, rag: 'red' });
    assert.equal(north.cells[0]!.text, '81% (654 of 807)');
    assert.equal(rows.find((row) => row.membership.id === kestrel)!.cells[0]!.text, 'No return');
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', `/api/v1/quality/vehicles/${vehicleId}/kpi-table`))
        .statusCode,
      404,
    );
    assert.equal(
      (await api(world, 'provider_user', 'GET', `/api/v1/quality/vehicles/${vehicleId}/kpi-table`)).statusCode,
      403,
    );
    assert.equal(
      (await api(world, 'auditor', 'GET', `/api/v1/quality/vehicles/${vehicleId}/kpi-table?quarter=2030-Q1`))
        .statusCode,
      404,
    );
  });

  test('the risk dashboard counts each provider’s returns never made, due in the window', async () => {
    const today = '2026-12-01';
    assert.deepEqual(await missingReturnCounts(world.db, { today, since: '2026-01-01' }), [
      ...[
        { organisationId: world.councilId, providerId: world.providerId, missing: 3 },
        { organisationId: world.councilId, providerId: world.otherProviderId, missing: 2 },
      ].sort((a, b) => a.providerId.localeCompare(b.providerId)),
    ]);
    const sinceAugust = await missingReturnCounts(world.db, {
      organisationIds: [world.councilId],
      today,
      since: '2026-08-01',
    });
    assert.deepEqual(
      sinceAugust.map((row) => [row.providerId, row.missing]).sort(),
      [
        [world.providerId, 1],
        [world.otherProviderId, 1],
      ].sort(),
      'only Q2, due 28 October',
    );
    assert.deepEqual(
      await missingReturnCounts(world.db, { today: '2026-10-28', since: '2026-08-01' }),
      [],
      'not yet overdue on its due day',
    );
    assert.deepEqual(
      await missingReturnCounts(world.db, { organisationIds: [world.otherCouncilId], today, since: '2026-01-01' }),
      [],
    );
  });

  test('the quality officer’s home page chases the missing returns, longest overdue first', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const home = (await officer.get('/')).body;
    assert.match(home, /KPI returns missing/);
    assert.match(home, /Chase Heron Supported Living Ltd’s KPI return for Q1 2026-27 \(April to June 2026\)/);
    assert.match(home, new RegExp(`/quality/kpi-returns/${heronSouth}/2026-Q1`));
    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.provider_user);
    assert.doesNotMatch((await provider.get('/')).body, /KPI returns missing/);
  });

  test('a retired KPI is asked for no more after the last quarter ended', async () => {
    const retired = await api(world, 'commissioner', 'PUT', `${kpisOf()}/${trainedId}`, { retired: true });
    assert.equal(retired.statusCode, 200, retired.body);
    assert.equal(retired.json().retiredAfter, '2026-Q2');
    assert.equal(
      (await api(world, 'other_council_commissioner', 'PUT', `${kpisOf()}/${trainedId}`, { retired: true })).statusCode,
      404,
    );
    assert.equal(
      (await api(world, 'commissioner', 'PUT', `${kpisOf()}/${heronSouth}`, { retired: true })).statusCode,
      404,
    );
    const changed = await api(world, 'commissioner', 'PUT', `${kpisOf()}/${trainedId}`, { amberTolerance: 'ten' });
    assert.equal(changed.statusCode, 422);
  });
});
