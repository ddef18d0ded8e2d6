// Payment schedules at national scale: one council with 75,000 placements across 3,000 providers,
// written straight into the tables (a tenth ended during the year, a fifth repriced mid-period, a
// tenth jointly funded with the NHS, some paid by direct payment or an individual service fund).
// Then, through the service as a finance officer: period 1 generated and exported; a thousand
// placements ended back in period 1; period 2 generated with its adjustments; the periods up to
// today exported in turn, and the latest generated against every one of them. Times are printed.
import { sql } from 'drizzle-orm';
import { commandLineActor } from '../src/platform/audit/service.ts';
import type { Database, Db } from '../src/platform/db/client.ts';
import { isoDateInLondon } from '../src/platform/domain/calendar.ts';
import { createOrganisation } from '../src/organisations/service.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { asUser } from '../src/demo/procurement.ts';
import { financialYearOf, periodsOf } from '../src/pricing/domain/payment.ts';
import { exportSchedule, generateSchedule } from '../src/pricing/payment-service.ts';
import { saveSettings } from '../src/pricing/payment-settings-service.ts';
import { onEachDatabase } from './databases.ts';
import { id } from './national/sql.ts';

const PLACEMENTS = Number(process.env.BENCH_PLACEMENTS ?? 75_000);
const PROVIDERS = Math.max(1, Math.round(PLACEMENTS / 25));

async function seed(db: Db, organisationId: string): Promise<void> {
  await db.execute(sql`
    insert into providers (id, name, created_at, updated_at)
    select ${id('provider', 'p')}, 'Bench provider ' || p, now(), now() from generate_series(1, ${PROVIDERS}) p`);
  await db.execute(sql`
    insert into people (organisation_id, id, name, date_of_birth, case_reference, client_groups, in_county,
      payment_route, funding, status, contribution_pence, created_at, updated_at)
    select ${organisationId}::uuid, ${id('person', 'n')}, 'Bench person ' || n, date '1980-01-01', 'BENCH-' || n,
      array['learning-disability'], true, 'commissioned', '[]'::jsonb, 'active', (n % 7) * 1000, now(), now()
    from generate_series(1, ${PLACEMENTS}) n`);
  await db.execute(sql`
    insert into payment_supplier_references (organisation_id, provider_id, reference, updated_at)
    select ${organisationId}::uuid, ${id('provider', 'p')}, 'SUP' || p, now() from generate_series(1, ${PROVIDERS}) p`);
  await db.execute(sql`
    insert into placements (organisation_id, id, person_id, provider_id, off_framework, off_framework_reason,
      starts_on, ends_on, end_reason, one_to_one_minutes_per_week, core_share_minutes_per_week, tenants_at_start,
      night_support, funding, payment_route, price_basis, weekly_price_pence, price_lines, contribution_pence, created_at)
    select ${organisationId}::uuid, ${id('placement', 'n')}, ${id('person', 'n')}, ${id('provider', `(1 + n % ${PROVIDERS})`)},
      true, 'Bench', date '2024-04-01' + (n % 900),
      case when n % 10 = 0 then date '2026-04-01' + (n % 240) end, case when n % 10 = 0 then 'moved' end,
      600, 0, 1, 'none',
      case when n % 10 = 3 then '[{"stream":"care-act","percent":60},{"stream":"nhs-chc","percent":40}]'::jsonb
           else '[{"stream":"care-act","percent":100}]'::jsonb end,
      (array['commissioned','commissioned','commissioned','commissioned','commissioned','commissioned',
             'commissioned','commissioned','direct-payment','individual-service-fund'])[1 + n % 10],
      'hourly', 80000 + (n % 900) * 100, '[]'::jsonb, (n % 7) * 1000, now()
    from generate_series(1, ${PLACEMENTS}) n`);
  // Every placement's first price; the April 2026 uplift for those begun before it; a fifth repriced mid-period.
  await db.execute(sql`
    insert into placement_prices (organisation_id, placement_id, effective_from, weekly_price_pence, price_lines, reason, recorded_at)
    select organisation_id, id, starts_on, weekly_price_pence - 4000, '[]'::jsonb, 'Price when placed', now() from placements
    union all
    select organisation_id, id, date '2026-04-01', weekly_price_pence, '[]'::jsonb, 'April 2026 uplift', now()
    from placements where starts_on < date '2026-04-01'
    union all
    select organisation_id, id, date '2026-05-10' + (hashtext(id::text) & 63), weekly_price_pence + 2500, '[]'::jsonb,
      'Price agreed again', now()
    from placements where hashtext(id::text) % 5 = 0 and starts_on < date '2026-05-10'`);
  await db.execute(sql`analyze`);
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(2);

async function measure(label: string, { db }: Database): Promise<void> {
  const council = await createOrganisation(db, commandLineActor, {
    name: 'Staffordshire County Council',
    code: 'E10000028',
    type: 'council',
  });
  const nhs = await createOrganisation(db, commandLineActor, { name: 'Bench ICB', code: 'QNC', type: 'nhs' });
  const user = await createUser(db, commandLineActor, {
    email: 'finance@bench.example',
    name: 'Bench finance',
    roles: ['finance_officer'],
    password: 'correct horse battery staple',
    organisation: 'E10000028',
  });
  const finance = await asUser(db, user.id);
  const seeding = performance.now();
  await seed(db, council.id);
  console.log(`${label}: ${PLACEMENTS} placements, ${PROVIDERS} providers seeded in ${seconds(seeding)} s`);
  await saveSettings(db, finance, {
    periodKind: 'four-weekly',
    costCentres: { commissioned: 'ASC01', 'direct-payment': 'DP01', 'individual-service-fund': 'ISF01' },
    nhsPartnerId: nhs.id,
  });

  const timed = async <T extends { lineCount: number }>(what: string, period: number, work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    console.log(`${label}: ${what} period ${period}: ${result.lineCount} lines in ${seconds(started)} s`);
    return result;
  };
  const today = isoDateInLondon(new Date());
  const year = financialYearOf(today);
  const periods = periodsOf(year, 'four-weekly').filter((period) => period.startsOn <= today);

  const first = await timed('generated', 1, () => generateSchedule(db, finance, { year, period: 1 }));
  await timed('exported', 1, () => exportSchedule(db, finance, first.id));
  // A thousand placements ended back in period 1, after it was exported.
  await db.execute(sql`
    update placements set ends_on = date '2026-04-14', end_reason = 'moved'
    where id in (select id from placements where ends_on is null order by id limit 1000)`);
  for (const period of periods.slice(1)) {
    const made = await timed(`generated (against ${period.number - 1} exported)`, period.number, () =>
      generateSchedule(db, finance, { year, period: period.number }),
    );
    const adjustments = await db.execute(
      sql`select count(*)::int as n from payment_lines where schedule_id = ${made.id} and kind = 'adjustment'`,
    );
    console.log(
      `${label}:   of which adjustments: ${(adjustments as unknown as { rows: { n: number }[] }).rows[0]!.n}`,
    );
    if (period !== periods.at(-1)) await timed('exported', period.number, () => exportSchedule(db, finance, made.id));
  }
}

console.log(`Payment schedules for ${PLACEMENTS} placements in one council, four-weekly periods`);
await onEachDatabase(measure);
