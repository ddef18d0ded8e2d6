// Home at national scale. The demo county is loaded through the services; then 150 other councils'
// people, referrals and offers are written straight into the tables (offers to the same registry of
// providers, so a provider's queue gathers offers from every council), and the demo county's own
// waiting list grows by 2,000 referrals. Each demo person's home page is then asked for again and
// again, and how long it took is printed. Home reads only bounded queries, so the figures should not
// grow with the rows around them.
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database, Db } from '../src/platform/db/client.ts';
import { onEachDatabase } from './databases.ts';
import { loadDemoCounty } from '../src/demo/service.ts';
import { DEMO_COUNCIL, DEMO_PASSWORD, DEMO_USERS } from '../src/demo/domain/demo-county.ts';
import { PageSession } from '../test/support/test-app.ts';

const COUNCILS = Number(process.env.BENCH_COUNCILS ?? 150);
const REFERRALS_PER_COUNCIL = Number(process.env.BENCH_REFERRALS ?? 1_000);
const OWN_REFERRALS = 2_000;
const RUNS = 30;

/** Statuses in the proportions of a working waiting list: most placed, a third still open. */
const STATUSES = ['placed', 'placed', 'placed', 'withdrawn', 'new', 'offering', 'offering', 'off-framework-requested'];
/** The status of the p-th referral, as SQL. */
const statusOf = sql.raw(`(array[${STATUSES.map((s) => `'${s}'`).join(',')}])[1 + (p % ${STATUSES.length})]`);

/**
 * `perCouncil` people with a referral each in each of `councils` organisations, and for each
 * referral offering three offers (one awaiting an answer) to providers across the registry.
 * `organisation` and `referrer` are SQL of the council's number, c.
 */
async function addReferrals(db: Db, councils: number, perCouncil: number, organisation: SQL, referrer: SQL) {
  const tag = randomBytes(4).toString('hex');
  const each = sql`generate_series(1, ${councils}) c, generate_series(1, ${perCouncil}) p`;
  const person = sql`md5(${tag} || '-' || c || '-' || p)::uuid`;
  const referral = sql`md5('r' || ${tag} || '-' || c || '-' || p)::uuid`;
  await db.execute(sql`
    insert into people (organisation_id, id, name, date_of_birth, case_reference, client_groups, in_county,
      payment_route, funding, status, created_at, updated_at)
    select ${organisation}, ${person}, 'Bench person ' || p, date '1985-06-01', 'BP-' || ${tag} || '-' || c || '-' || p,
      array['learning-disability'], true, 'commissioned', '[]'::jsonb, 'active', now(), now()
    from ${each}`);
  await db.execute(sql`
    insert into referrals (organisation_id, id, person_id, vehicle_id, referred_by, start_by, zone_ids, urgency,
      status, step, created_at, updated_at)
    select ${organisation}, ${referral}, ${person}, md5('vehicle' || c)::uuid, ${referrer}, current_date + 30 + (p % 60),
      '{}', 'routine', ${statusOf}, case when ${statusOf} = 'offering' then 'tier1' end,
      now() - make_interval(days => p % 365), now()
    from ${each}`);
  await db.execute(sql`
    with registry as (select array_agg(id order by id) as ids from providers)
    insert into offers (organisation_id, id, referral_id, step, provider_id, reason, sent_at, respond_by, status)
    select ${organisation}, md5('o' || ${tag} || '-' || c || '-' || p || '-' || o)::uuid, ${referral}, 'tier1',
      registry.ids[1 + ((c * 7 + p + o) % array_length(registry.ids, 1))], 'Tier 1 provider in the zone', now(),
      current_date + (p % 3), case when o = 1 then 'awaiting' else 'declined' end
    from registry, ${each}, generate_series(1, 3) o
    where ${statusOf} = 'offering'`);
}

/** Other councils, each with one member of staff who made its referrals. */
async function addCouncils(db: Db): Promise<void> {
  await db.execute(sql`
    insert into organisations (id, code, name, type, is_demo, created_at)
    select md5('org' || c)::uuid, 'BENCH' || c, 'Bench council ' || c, 'council', true, now()
    from generate_series(1, ${COUNCILS}) c`);
  await db.execute(sql`
    insert into users (id, email, name, roles, organisation_id, active, created_at)
    select md5('user' || c)::uuid, 'staff' || c || '@bench.example', 'Bench staff ' || c,
      array['social_worker', 'brokerage_officer', 'commissioner'], md5('org' || c)::uuid, true, now()
    from generate_series(1, ${COUNCILS}) c`);
  await addReferrals(db, COUNCILS, REFERRALS_PER_COUNCIL, sql`md5('org' || c)::uuid`, sql`md5('user' || c)::uuid`);
}

/** The demo county's own waiting list at a large county's scale, referred by its social worker. */
async function growDemoCounty(db: Db): Promise<void> {
  const council = sql`(select id from organisations where code = ${DEMO_COUNCIL.code})`;
  const socialWorker = sql`(select id from users where email = 'socialworker@demo-county.example')`;
  await addReferrals(db, 1, OWN_REFERRALS, council, socialWorker);
}

async function count(db: Db, table: string): Promise<number> {
  const rows = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;

async function measure(label: string, database: Database): Promise<void> {
  const loading = performance.now();
  await loadDemoCounty(database.db);
  await addCouncils(database.db);
  await growDemoCounty(database.db);
  await database.db.execute(sql`analyze`);
  const sizes = await Promise.all(['organisations', 'people', 'referrals', 'offers'].map((t) => count(database.db, t)));
  console.log(
    `${label}: ${sizes[0]} organisations, ${sizes[1]} people, ${sizes[2]} referrals, ${sizes[3]} offers ` +
      `(loaded in ${((performance.now() - loading) / 1000).toFixed(0)} s)`,
  );
  const app = await buildApp({
    database,
    config: {
      trustProxy: false,
      logLevel: 'error',
      ocidPrefix: 'ocds-hearth',
      oidc: undefined,
      rateLimitPerMinute: 100_000,
    },
    logger: false,
  });
  for (const user of DEMO_USERS) {
    const session = new PageSession(app);
    await session.signIn(user.email, DEMO_PASSWORD);
    for (let i = 0; i < 3; i += 1) await session.get('/');
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      const response = await session.get('/');
      times.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`${user.email}: home answered ${response.statusCode}`);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${user.email.padEnd(36)} median ${percentile(times, 0.5).toFixed(0).padStart(4)} ms, 95th percentile ${percentile(times, 0.95).toFixed(0).padStart(4)} ms`,
    );
  }
  await app.close();
}

await onEachDatabase(measure);
