// Payment schedules through the API: a period's lines worked out across a price change and an end
// date, refused for bad input, the wrong role, another organisation and a period already
// exported; the export locking it with its file; a backdated end and a backdated price paid back
// as adjustments in the next schedule; the NHS recharge; and providers reading only their own
// statements.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import '../../test/support/clock.ts';
import { sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { placeForPayment, repriceForPayment } from '../../test/support/payments.ts';

let world: TestWorld;
let joint: string;
let ended: string;
let direct: string;
let kestrel: string;

const SCHEDULES = '/api/v1/pricing/payment-schedules';

before(async () => {
  world = await testWorld();
  const organisationId = world.councilId;
  [joint, ended, direct, kestrel] = (await placeForPayment(world.db, [
    {
      // Half NHS Continuing Healthcare; repriced from 15 April; £25 a week contribution.
      organisationId,
      providerId: world.providerId,
      caseReference: 'LAS-2001',
      startsOn: '2026-03-15',
      prices: [
        { from: '2026-03-15', pence: 150_000 },
        { from: '2026-04-15', pence: 156_750 },
      ],
      contributionPence: 2_500,
      funding: [
        { stream: 'care-act', percent: 50 },
        { stream: 'nhs-chc', percent: 50 },
      ],
    },
    {
      organisationId,
      providerId: world.providerId,
      caseReference: 'LAS-2002',
      startsOn: '2026-04-10',
      endsOn: '2026-04-20',
      prices: [{ from: '2026-04-10', pence: 70_000 }],
    },
    {
      organisationId,
      providerId: world.providerId,
      caseReference: 'LAS-2003',
      startsOn: '2026-01-01',
      prices: [{ from: '2026-01-01', pence: 35_000 }],
      paymentRoute: 'direct-payment',
    },
    {
      organisationId,
      providerId: world.otherProviderId,
      caseReference: 'LAS-2004',
      startsOn: '2026-02-01',
      prices: [{ from: '2026-02-01', pence: 98_000 }],
    },
  ])) as [string, string, string, string];
  // Another council's placement, which nobody here may see.
  await placeForPayment(world.db, [
    {
      organisationId: world.otherCouncilId,
      providerId: world.providerId,
      caseReference: 'KCC-1',
      startsOn: '2026-01-01',
      prices: [{ from: '2026-01-01', pence: 50_000 }],
    },
  ]);
});
after(() => world.close());

const linesOf = async (id: string, seat: Seat = 'finance_officer') =>
  (await api(world, seat, 'GET', `${SCHEDULES}/${id}/lines?pageSize=100`)).json().items as Record<string, unknown>[];

const settings = {
  periodKind: 'four-weekly',
  costCentres: { commissioned: 'ASC-SL-01', 'direct-payment': 'ASC-DP-01', 'individual-service-fund': 'ASC-ISF-01' },
  nhsPartnerId: null as string | null,
};

describe('a schedule', () => {
  let period1: string;

  test('is refused with every problem named, to the wrong role and to another organisation', async () => {
    const bad = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 'next', period: 14 });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['year'],
    );
    const outside = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 2026, period: 14 });
    assert.deepEqual(outside.json().errors, [{ field: 'period', message: 'Enter a period from 1 to 13' }]);
    const future = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 2026, period: 10 });
    assert.match(future.json().errors[0].message, /Period 10 2026\/27 begins on 9 December 2026/);
    for (const seat of ['auditor', 'brokerage_officer', 'provider_user', 'social_worker'] as const)
      assert.equal((await api(world, seat, 'POST', SCHEDULES, { year: 2026, period: 1 })).statusCode, 403, seat);
    assert.equal((await api(world, null, 'GET', SCHEDULES)).statusCode, 401);
    assert.equal((await api(world, 'provider_user', 'GET', SCHEDULES)).statusCode, 403);
  });

  test('has a line per placement per stretch at one price, worked out to the penny', async () => {
    const made = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 2026, period: 1 });
    assert.equal(made.statusCode, 201, made.body);
    period1 = made.json().id;
    assert.equal(made.json().status, 'draft');
    const lines = await linesOf(period1);
    const shape = (line: Record<string, unknown>) => [
      line.caseReference,
      line.paymentRoute,
      line.fromOn,
      line.toOn,
      line.days,
      line.grossPence,
      line.contributionPence,
      line.nhsSharePence,
      line.netPence,
    ];
    assert.deepEqual(lines.map(shape), [
      ['LAS-2001', 'commissioned', '2026-04-01', '2026-04-14', 14, 300_000, 5_000, 150_000, 145_000],
      ['LAS-2001', 'commissioned', '2026-04-15', '2026-04-28', 14, 313_500, 5_000, 156_750, 151_750],
      ['LAS-2002', 'commissioned', '2026-04-10', '2026-04-20', 11, 110_000, 0, 0, 110_000],
      ['LAS-2004', 'commissioned', '2026-04-01', '2026-04-28', 28, 392_000, 0, 0, 392_000],
      ['LAS-2003', 'direct-payment', '2026-04-01', '2026-04-28', 28, 140_000, 0, 0, 140_000],
    ]);
    assert.ok(!lines.some((line) => String(line.caseReference).startsWith('KCC')), 'only this council’s placements');
    const summary = (await api(world, 'auditor', 'GET', `${SCHEDULES}/${period1}`)).json();
    const dp = summary.routes.find((r: { paymentRoute: string }) => r.paymentRoute === 'direct-payment');
    assert.deepEqual([dp.lines, dp.grossPence], [1, 140_000], 'direct payments listed apart');
    assert.equal(summary.schedule.grossPence, 300_000 + 313_500 + 110_000 + 392_000 + 140_000);
    assert.equal((await api(world, 'other_council_commissioner', 'GET', `${SCHEDULES}/${period1}`)).statusCode, 404);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'POST', `${SCHEDULES}/${period1}/export`)).statusCode,
      404,
    );
    assert.deepEqual((await api(world, 'other_council_commissioner', 'GET', SCHEDULES)).json(), []);
  });

  test('is exported only with supplier references, cost centres and an NHS partner, then locked', async () => {
    const refused = await api(world, 'finance_officer', 'POST', `${SCHEDULES}/${period1}/export`);
    assert.equal(refused.statusCode, 422);
    const fields = refused.json().errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes(`supplierReference-${world.providerId}`), fields.join());
    assert.ok(fields.includes(`supplierReference-${world.otherProviderId}`));
    assert.ok(fields.includes('costCentres.commissioned') && fields.includes('costCentres.direct-payment'));
    assert.ok(fields.includes('nhsPartnerId'));
    assert.equal((await api(world, 'auditor', 'POST', `${SCHEDULES}/${period1}/export`)).statusCode, 403);

    const badSettings = await api(world, 'finance_officer', 'PUT', '/api/v1/pricing/payment-settings', {
      ...settings,
      periodKind: 'weekly',
      nhsPartnerId: world.otherCouncilId,
    });
    assert.deepEqual(
      badSettings
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['periodKind'],
    );
    const notNhs = await api(world, 'finance_officer', 'PUT', '/api/v1/pricing/payment-settings', {
      ...settings,
      nhsPartnerId: world.otherCouncilId,
    });
    assert.deepEqual(notNhs.json().errors, [{ field: 'nhsPartnerId', message: 'Choose an NHS body' }]);
    const saved = await api(world, 'finance_officer', 'PUT', '/api/v1/pricing/payment-settings', {
      ...settings,
      nhsPartnerId: world.nhsPartnerId,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    for (const [providerId, reference] of [
      [world.providerId, 'SUP-HERON'],
      [world.otherProviderId, 'SUP-KESTREL'],
    ])
      assert.equal(
        (await api(world, 'commissioner', 'PUT', '/api/v1/pricing/supplier-references', { providerId, reference }))
          .statusCode,
        200,
      );
    const notOurs = await api(world, 'other_council_commissioner', 'PUT', '/api/v1/pricing/supplier-references', {
      providerId: world.providerId,
      reference: 'X',
    });
    assert.equal(notOurs.statusCode, 422, 'a provider not on that council’s schedules');

    // Made before the settings were saved: it takes them up when generated again.
    const again = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 2026, period: 1 });
    assert.equal(again.json().id, period1, 'a draft is generated again in place');
    const exported = await api(world, 'finance_officer', 'POST', `${SCHEDULES}/${period1}/export`);
    assert.equal(exported.statusCode, 200, exported.body);
    assert.equal(exported.json().status, 'exported');

    const twice = await api(world, 'finance_officer', 'POST', SCHEDULES, { year: 2026, period: 1 });
    assert.equal(twice.statusCode, 422);
    assert.match(twice.json().errors[0].message, /Period 1 2026\/27 was exported on .* and is locked/);
    assert.equal(twice.json().errors[0].field, 'period');

    const session = new PageSession(world.app);
    await session.signIn(world.emails.finance_officer);
    const file = await session.get(`/pricing/payment-schedules/${period1}/schedule.csv`);
    assert.equal(file.statusCode, 200);
    const rows = parse(file.body, { columns: true }) as Record<string, string>[];
    assert.equal(
      Object.keys(rows[0]!).join(),
      'schedule_period,payment_route,provider,supplier_reference,line_type,placement_reference,case_reference,period,from,to,days,weekly_price,gross,contribution,nhs_share,net,cost_centre',
    );
    assert.deepEqual(rows[1], {
      schedule_period: 'Period 1 2026/27',
      line_type: 'payment',
      payment_route: 'commissioned',
      provider: 'Heron Supported Living Ltd',
      supplier_reference: 'SUP-HERON',
      placement_reference: joint,
      case_reference: 'LAS-2001',
      period: 'Period 1 2026/27',
      from: '2026-04-15',
      to: '2026-04-28',
      days: '14',
      weekly_price: '1567.50',
      gross: '3135.00',
      contribution: '50.00',
      nhs_share: '1567.50',
      net: '1517.50',
      cost_centre: 'ASC-SL-01',
    });
    assert.ok(!file.body.includes('Person LAS'), 'never a person’s name');
    assert.equal(rows.at(-1)!.cost_centre, 'ASC-DP-01');
  });

  test('a backdated end and a backdated price come back as adjustments in the next schedule', async () => {
    // Recorded after period 1 was exported: LAS-2002 ended on 15 April, not 20; LAS-2004 cost
    // £1,050.00 a week from 22 April.
    await world.db.execute(sql`update placements set ends_on = '2026-04-15' where id = ${ended}::uuid`);
    await repriceForPayment(world.db, world.councilId, kestrel, '2026-04-22', 105_000);
    const made = await api(world, 'commissioner', 'POST', SCHEDULES, { year: 2026, period: 2 });
    assert.equal(made.statusCode, 201, made.body);
    const lines = await linesOf(made.json().id);
    const adjustments = lines.filter((line) => line.kind === 'adjustment');
    assert.deepEqual(
      adjustments.map((line) => [
        line.caseReference,
        line.forPeriod,
        line.days,
        line.grossPence,
        line.netPence,
        line.reason,
      ]),
      [
        // 5 days at £700.00 a week fewer: 3,500.00 ÷ 7 × 5 = £500.00.
        [
          'LAS-2002',
          'Period 1 2026/27',
          -5,
          -50_000,
          -50_000,
          'Correction to Period 1 2026/27: 5 days fewer than paid',
        ],
        // 7 days at £70.00 a week more: £70.00.
        ['LAS-2004', 'Period 1 2026/27', 0, 7_000, 7_000, 'Correction to Period 1 2026/27: the weekly price changed'],
      ],
    );
    assert.ok(
      !lines.some((line) => line.caseReference === 'LAS-2002' && line.kind === 'payment'),
      'ended before period 2',
    );
    const first = await linesOf(period1);
    assert.equal(
      first.find((line) => line.caseReference === 'LAS-2002')!.days,
      11,
      'the exported schedule is unchanged',
    );

    const recharge = (await api(world, 'auditor', 'GET', `${SCHEDULES}/${period1}/recharge`)).json();
    assert.deepEqual(
      recharge.partners.map((p: Record<string, unknown>) => [p.partnerCode, p.lines, p.nhsSharePence]),
      [['QNC', 2, 306_750]],
    );
    assert.equal((await api(world, 'provider_user', 'GET', `${SCHEDULES}/${period1}/recharge`)).statusCode, 403);
  });

  test('providers read statements of their own lines only, without direct payments', async () => {
    const mine = (await api(world, 'provider_user', 'GET', '/api/v1/pricing/statements')).json();
    assert.deepEqual(
      mine.map((s: Record<string, unknown>) => [s.label, s.lines, s.grossPence]),
      [['Period 1 2026/27', 3, 300_000 + 313_500 + 110_000]],
    );
    const statement = (await api(world, 'provider_user', 'GET', `/api/v1/pricing/statements/${period1}`)).json();
    assert.deepEqual(
      statement.lines.map((line: Record<string, unknown>) => line.caseReference),
      ['LAS-2001', 'LAS-2001', 'LAS-2002'],
    );
    assert.ok(!statement.lines.some((line: Record<string, unknown>) => line.placementId === direct));
    const kestrelSees = (await api(world, 'other_provider_user', 'GET', '/api/v1/pricing/statements')).json();
    assert.deepEqual(
      kestrelSees.map((s: Record<string, unknown>) => s.grossPence),
      [392_000],
    );
    assert.equal(
      (
        await api(
          world,
          'other_provider_user',
          'GET',
          `/api/v1/pricing/statements/${period1}?providerId=${world.providerId}`,
        )
      ).statusCode,
      404,
      'not another provider’s',
    );
    const staffView = await api(world, 'auditor', 'GET', `/api/v1/pricing/statements?providerId=${world.providerId}`);
    assert.equal(staffView.json().length, 1);
    assert.deepEqual(
      (
        await api(
          world,
          'other_council_commissioner',
          'GET',
          `/api/v1/pricing/statements?providerId=${world.providerId}`,
        )
      ).json(),
      [],
      'another council sees none of this one’s',
    );
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/pricing/statements')).statusCode, 422);
  });
});
