// The overnight risk run at national scale: 100,000 contracted services across 150 councils, each
// with a year of intelligence (concerns, safeguarding enquiries, notifications, manager vacancies,
// food hygiene ratings), a published assessment, survey responses and action-plan items, plus
// embargoes and default notices, written straight into the tables. Every service is then rated
// twice (the second run also carries the previous ratings forward), and the times are printed.
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../src/platform/db/client.ts';
import { DEFAULT_RISK_MODEL, windowStarts } from '../src/quality/domain/risk-model.ts';
import { organisationsWithServices, serviceFacts } from '../src/quality/risk-repository.ts';
import { rateEveryService } from '../src/quality/risk-run-service.ts';
import { onEachDatabase } from './databases.ts';
import { addRegistry } from './national/registry.ts';
import { count, id } from './national/sql.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const COUNCILS = Number(process.env.BENCH_COUNCILS ?? 150);
const PROVIDERS = Math.max(1, Math.round(SERVICES / 25));
/** Intelligence entries a service gathers in a year. */
const ENTRIES_PER_SERVICE = 4;

async function seed(db: Db): Promise<void> {
  await db.execute(sql`
    insert into organisations (id, code, name, type, is_demo, created_at)
    select ${id('org', 'c')}, 'BENCH' || c, 'Bench council ' || c, 'council', true, now()
    from generate_series(1, ${COUNCILS}) c`);
  await addRegistry(db, PROVIDERS, SERVICES);
  await db.execute(sql`
    insert into contracted_services (organisation_id, id, provider_id, location_id, name, contracted_from, created_at)
    select ${id('org', `(1 + s % ${COUNCILS})`)}, ${id('service', 's')}, ${id('provider', `(1 + s % ${PROVIDERS})`)},
      ${id('location', 's')}, 'Bench service ' || s, date '2024-04-01', now()
    from generate_series(1, ${SERVICES}) s`);
  await db.execute(sql`
    insert into quality_assessments (organisation_id, id, service_id, framework_version, visit_kind, visit_on,
      officer_ids, status, published_on, published_ratings, created_at, updated_at)
    select organisation_id, md5('assessment' || id)::uuid, id, 1, 'announced', date '2026-01-05' + (hashtext(id::text) & 255),
      '{}', 'published', date '2026-01-20' + (hashtext(id::text) & 255),
      jsonb_build_object('domains', '[]'::jsonb, 'overall', jsonb_build_object('rating',
        (array['good','good','good','good','good','good','excellent','excellent','requires-improvement',
               'requires-improvement','requires-improvement','good','good','good','good','poor'])[1 + (hashtext(id::text) & 15)])),
      now(), now()
    from contracted_services`);
  await db.execute(sql`
    insert into assessment_actions (organisation_id, id, assessment_id, question_key, title, owner, due_on, status, created_at, updated_at)
    select organisation_id, md5('action' || id)::uuid, id, 'S1', 'Update the medication policy', 'Registered manager',
      published_on + 60, (array['open','in-progress','signed-off'])[1 + (hashtext(id::text) & 1) * 2], now(), now()
    from quality_assessments where hashtext(id::text) % 5 = 0`);
  // A year of intelligence: each entry's kind, category and outcome follow from its number.
  await db.execute(sql`
    insert into intelligence_entries (organisation_id, id, service_id, provider_id, kind, category, occurred_on,
      summary, source, outcome, rating, created_at, updated_at)
    select s.organisation_id, md5('entry' || s.id || '-' || e)::uuid, s.id, s.provider_id,
      k.kind, k.category, date '2026-12-01' - ((hashtext(s.id::text || e) & 2147483647) % 365),
      'Bench entry', 'Bench', k.outcome, k.rating, now(), now()
    from contracted_services s, generate_series(1, ${ENTRIES_PER_SERVICE}) e,
      lateral (select (array['concern','concern','concern','concern','concern','concern','concern','concern',
        'concern','concern','safeguarding','safeguarding','food-hygiene','food-hygiene','food-hygiene','food-hygiene',
        'food-hygiene','food-hygiene','food-hygiene','food-hygiene','notification','manager-vacancy','concern','concern'])[
        1 + ((hashtext(s.id::text || 'k' || e) & 2147483647) % 24)] as kind) chosen,
      lateral (select chosen.kind,
        case chosen.kind when 'concern' then 'missed-visits' when 'safeguarding' then 'section-42'
          when 'food-hygiene' then 'rating' when 'notification' then 'unexpected-death' else 'no-registered-manager' end as category,
        case chosen.kind when 'concern' then (array['substantiated','not-substantiated','not-substantiated','not-substantiated'])[1 + (e % 4)]
          when 'safeguarding' then 'risk-reduced' end as outcome,
        case when chosen.kind = 'food-hygiene' then (array['5','5','5','4','4','3','2','1'])[1 + e % 8] end as rating) k`);
  await db.execute(sql`
    insert into survey_responses (organisation_id, id, placement_id, service_id, provider_id, respondent, method,
      answers, answered_on, created_at)
    select s.organisation_id, md5('survey' || s.id || '-' || r)::uuid, md5('placement' || s.id || r)::uuid, s.id,
      s.provider_id, 'person', 'paper',
      jsonb_build_object('staff-listen', (array['yes','yes','sometimes','no'])[1 + r % 4],
        'feel-safe', (array['yes','yes','yes','yes','no'])[1 + abs(hashtext(s.id::text) % 5 + r) % 5], 'like-my-home', 'yes'),
      date '2026-12-01' - (r * 40), now()
    from contracted_services s, generate_series(1, 6) r`);
  await db.execute(sql`
    insert into embargoes (organisation_id, id, provider_id, reason, starts_on, created_at)
    select organisation_id, md5('embargo' || provider_id || organisation_id)::uuid, provider_id, 'Bench embargo',
      date '2026-11-01', now()
    from (select distinct organisation_id, provider_id from contracted_services) pairs
    where hashtext(provider_id::text || organisation_id::text) % 50 = 0`);
  await db.execute(sql`
    insert into contract_actions (organisation_id, id, kind, provider_id, service_id, reason, starts_on, details, created_at)
    select organisation_id, md5('notice' || id)::uuid, 'default-notice', provider_id, id, 'Bench default', date '2026-10-01',
      '{}'::jsonb, now()
    from contracted_services where hashtext(id::text) % 200 = 0`);
  await db.execute(sql`analyze`);
}

async function measure(label: string, database: Database): Promise<void> {
  const loading = performance.now();
  await seed(database.db);
  const tables = ['contracted_services', 'intelligence_entries', 'quality_assessments', 'survey_responses'];
  const sizes = await Promise.all(tables.map((table) => count(database.db, table)));
  console.log(
    `${label}: ${sizes.map((size, i) => `${size} ${tables[i]}`).join(', ')} ` +
      `(seeded in ${((performance.now() - loading) / 1000).toFixed(0)} s)`,
  );
  for (const run of ['first run', 'second run']) {
    const started = performance.now();
    const rated = await rateEveryService(database.db);
    const seconds = (performance.now() - started) / 1000;
    const colours = await database.db.execute(
      sql`select colour, count(*)::int as n from service_risks group by colour order by colour`,
    );
    const mix = (colours as unknown as { rows: { colour: string; n: number }[] }).rows
      .map((row) => `${row.n} ${row.colour}`)
      .join(', ');
    console.log(
      `${label}, ${run}: ${rated.services} services in ${rated.organisations} organisations rated in ` +
        `${seconds.toFixed(2)} s (${Math.round(rated.services / seconds)} a second): ${mix}`,
    );
  }
  // Where the time goes: the one statement that gathers every service's facts, on its own.
  const organisationIds = await organisationsWithServices(database.db);
  const started = performance.now();
  await serviceFacts(database.db, { organisationIds }, '2026-12-01', windowStarts(DEFAULT_RISK_MODEL, '2026-12-01'));
  console.log(`${label}: of which gathering the facts: ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

console.log(`Rating ${SERVICES} services across ${COUNCILS} councils, each with a year of intelligence`);
await onEachDatabase(measure);
