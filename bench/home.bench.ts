// Home at national scale. The demo county is loaded through the services; then 150 other councils'
// people, referrals and offers are written straight into the tables (offers to the same registry of
// providers, so a provider's queue gathers offers from every council), and the demo county's own
// waiting list grows by 2,000 referrals. Each demo person's home page is then asked for again and
// again, and how long it took is printed. Home reads only bounded queries, so the figures should not
// grow with the rows around them.
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database, Db } from '../src/platform/db/client.ts';
import { onEachDatabase } from './databases.ts';
import { addReferrals } from './national/referrals.ts';
import { count } from './national/sql.ts';
import { loadDemoCounty } from '../src/demo/service.ts';
import { DEMO_COUNCIL, DEMO_PASSWORD, DEMO_USERS } from '../src/demo/domain/demo-county.ts';
import { PageSession } from '../test/support/test-app.ts';

const COUNCILS = Number(process.env.BENCH_COUNCILS ?? 150);
const REFERRALS_PER_COUNCIL = Number(process.env.BENCH_REFERRALS ?? 1_000);
const OWN_REFERRALS = 2_000;
const RUNS = 30;

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
  await addReferrals(db, {
    councils: COUNCILS,
    perCouncil: REFERRALS_PER_COUNCIL,
    organisation: sql`md5('org' || c)::uuid`,
    referrer: sql`md5('user' || c)::uuid`,
    vehicle: sql`md5('vehicle' || c)::uuid`,
  });
}

/** The demo county's own waiting list at a large county's scale, referred by its social worker. */
async function growDemoCounty(db: Db): Promise<void> {
  const council = sql`(select id from organisations where code = ${DEMO_COUNCIL.code})`;
  const socialWorker = sql`(select id from users where email = 'socialworker@demo-county.example')`;
  const vehicle = sql`md5('vehicle' || c)::uuid`;
  await addReferrals(db, {
    councils: 1,
    perCouncil: OWN_REFERRALS,
    organisation: council,
    referrer: socialWorker,
    vehicle,
  });
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
