// The risk dashboard's facts and ratings. Every service's facts are gathered in one statement per
// organisation (each source aggregated once, then joined by service), never a query per service,
// so a night's run over a national register stays within seconds.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { textArray } from '../platform/db/bulk.ts';
import type { IsoDate } from '../platform/domain/calendar.ts';
import type { IndicatorKey } from './domain/risk-model.ts';
import { SURVEY_STATEMENTS } from './domain/survey.ts';
import type { RiskResult } from './domain/risk-score.ts';
import { riskModels } from './risk-schema.ts';

/** Which services a run rates: some organisations' (all of them, overnight), or some providers' in them. */
export interface RiskScope {
  organisationIds: readonly string[];
  providerIds?: readonly string[];
}

/** One service's facts as the statement returns them; dates as ISO text. */
export interface FactRow {
  organisation_id: string;
  service_id: string;
  provider_id: string;
  assessment_id: string | null;
  assessment_rating: string | null;
  assessment_on: IsoDate | null;
  location_id: string | null;
  cqc_rating: string | null;
  cqc_on: IsoDate | null;
  food_id: string | null;
  food_rating: string | null;
  food_on: IsoDate | null;
  safeguarding: number;
  safeguarding_on: IsoDate | null;
  deaths: number;
  deaths_on: IsoDate | null;
  concerns: number;
  concerns_on: IsoDate | null;
  vacancy_id: string | null;
  vacancy_on: IsoDate | null;
  company_id: string | null;
  company_status: string | null;
  company_on: IsoDate | null;
  embargo_id: string | null;
  embargo_on: IsoDate | null;
  notice_id: string | null;
  notice_on: IsoDate | null;
  overdue_actions: number;
  voice_responses: number;
  voice_no: number;
  voice_answered: number;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Only the named providers' records, where a run is for some providers. */
const providerFilter = (scope: RiskScope, column: string): SQL =>
  scope.providerIds ? sql`and ${sql.raw(column)} = any(${textArray(scope.providerIds)}::uuid[])` : sql``;

/**
 * Every service's facts on `today`, each windowed source counted from its window's first day to
 * `today` (so a day in the past can be rated as it stood, bar CQC's rating, which is today's).
 * A safeguarding enquiry that found no risk is not counted; a default notice on the membership
 * (no service named) stands against each of the provider's services; an embargo and a company's
 * status are the provider's, so they stand against all of its services.
 */
export async function serviceFacts(
  db: Db,
  scope: RiskScope,
  today: IsoDate,
  starts: Record<IndicatorKey, IsoDate>,
): Promise<FactRow[]> {
  return rowsOf<FactRow>(await db.execute(factsQuery(scope, today, starts)));
}

export function factsQuery(scope: RiskScope, today: IsoDate, starts: Record<IndicatorKey, IsoDate>): SQL {
  const organisations = sql`any(select id from orgs)`;
  // Each source is read for the organisations (and providers) in scope and aggregated by service
  // on its own, then joined to the services: no source is joined row by row to the services first.
  const ofProviders = providerFilter(scope, 'e.provider_id');
  const ofServices = (column: string) =>
    scope.providerIds ? sql`and ${sql.raw(column)} in (select id from svc)` : sql``;
  const each = (expression: (key: string) => string) =>
    sql.raw(
      SURVEY_STATEMENTS.map(
        (statement) => `coalesce(${expression(`r.answers ->> '${statement.key}'`)}, false)::int`,
      ).join(' + '),
    );
  const earliest = [starts.safeguarding, starts['unexpected-deaths'], starts['substantiated-concerns']]
    .concat(starts['manager-vacancy'])
    .sort()[0];
  return sql`
    with orgs as (
      select unnest(${textArray(scope.organisationIds)}::uuid[]) as id
    ), svc as (
      select s.organisation_id, s.id, s.provider_id, s.location_id from contracted_services s
       join orgs on orgs.id = s.organisation_id
       where (s.ended_on is null or s.ended_on > ${today}::date)
       ${providerFilter(scope, 's.provider_id')}
    ), assessed as (
      select distinct on (a.service_id) a.service_id, a.id, a.published_on,
             a.published_ratings -> 'overall' ->> 'rating' as rating
        from quality_assessments a
       where a.organisation_id = ${organisations} and a.status = 'published' and a.published_on <= ${today}::date
         ${ofServices('a.service_id')}
       order by a.service_id, a.published_on desc, a.created_at desc
    ), intel as (
      select e.service_id,
        count(*) filter (where e.kind = 'safeguarding' and e.occurred_on >= ${starts.safeguarding}::date
                           and e.outcome is distinct from 'no-risk-identified') as safeguarding,
        max(e.occurred_on) filter (where e.kind = 'safeguarding' and e.occurred_on >= ${starts.safeguarding}::date
                           and e.outcome is distinct from 'no-risk-identified') as safeguarding_on,
        count(*) filter (where e.kind = 'notification' and e.category = 'unexpected-death'
                           and e.occurred_on >= ${starts['unexpected-deaths']}::date) as deaths,
        max(e.occurred_on) filter (where e.kind = 'notification' and e.category = 'unexpected-death'
                           and e.occurred_on >= ${starts['unexpected-deaths']}::date) as deaths_on,
        count(*) filter (where e.kind = 'concern' and e.outcome = 'substantiated'
                           and e.occurred_on >= ${starts['substantiated-concerns']}::date) as concerns,
        max(e.occurred_on) filter (where e.kind = 'concern' and e.outcome = 'substantiated'
                           and e.occurred_on >= ${starts['substantiated-concerns']}::date) as concerns_on,
        (array_agg(e.id order by e.occurred_on desc, e.created_at desc)
           filter (where e.kind = 'manager-vacancy' and e.occurred_on >= ${starts['manager-vacancy']}::date))[1] as vacancy_id,
        max(e.occurred_on) filter (where e.kind = 'manager-vacancy'
                           and e.occurred_on >= ${starts['manager-vacancy']}::date) as vacancy_on
        from intelligence_entries e
       where e.organisation_id = ${organisations} and e.occurred_on >= ${earliest}::date ${ofProviders}
         and e.occurred_on <= ${today}::date and e.kind in ('safeguarding', 'notification', 'concern', 'manager-vacancy')
       group by e.service_id
    ), food as (
      select distinct on (e.service_id) e.service_id, e.id, e.rating, e.occurred_on
        from intelligence_entries e
       where e.organisation_id = ${organisations} and e.kind = 'food-hygiene' and e.occurred_on <= ${today}::date
         ${ofProviders}
       order by e.service_id, e.occurred_on desc, e.created_at desc
    ), company as (
      select distinct on (e.organisation_id, e.provider_id) e.organisation_id, e.provider_id, e.id, e.category, e.occurred_on
        from intelligence_entries e
       where e.organisation_id = ${organisations} and e.kind = 'company-status' and e.occurred_on <= ${today}::date
         ${ofProviders}
       order by e.organisation_id, e.provider_id, e.occurred_on desc, e.created_at desc
    ), embargo as (
      select distinct on (m.organisation_id, m.provider_id) m.organisation_id, m.provider_id, m.id, m.starts_on
        from embargoes m
       where m.organisation_id = ${organisations} and m.starts_on <= ${today}::date
         and (m.lifted_on is null or m.lifted_on > ${today}::date)
       order by m.organisation_id, m.provider_id, m.starts_on, m.id
    ), notice as (
      select c.organisation_id, c.provider_id, c.service_id, c.id, c.starts_on
        from contract_actions c
       where c.organisation_id = ${organisations} and c.kind = 'default-notice' and c.starts_on <= ${today}::date
         and (c.ended_on is null or c.ended_on > ${today}::date)
    ), notice_on_service as (
      select distinct on (organisation_id, service_id) organisation_id, service_id, id, starts_on
        from notice where service_id is not null order by organisation_id, service_id, starts_on, id
    ), notice_on_provider as (
      select distinct on (organisation_id, provider_id) organisation_id, provider_id, id, starts_on
        from notice where service_id is null order by organisation_id, provider_id, starts_on, id
    ), overdue as (
      select a.service_id, count(*) as overdue
        from assessment_actions x
        join quality_assessments a on a.organisation_id = x.organisation_id and a.id = x.assessment_id
       where x.organisation_id = ${organisations} ${ofServices('a.service_id')} and x.status <> 'signed-off' and x.due_on < ${today}::date
       group by a.service_id
    ), voice as (
      select r.service_id, count(*) as responses,
             sum(${each((answer) => `${answer} = 'no'`)}) as no,
             sum(${each((answer) => `${answer} in ('yes', 'sometimes', 'no')`)}) as answered
        from survey_responses r
       where r.organisation_id = ${organisations} ${providerFilter(scope, 'r.provider_id')} and r.answered_on >= ${starts['peoples-voice']}::date and r.answered_on <= ${today}::date
       group by r.service_id
    )
    select svc.organisation_id, svc.id as service_id, svc.provider_id,
      assessed.id as assessment_id, assessed.rating as assessment_rating, assessed.published_on::text as assessment_on,
      svc.location_id, loc.overall_rating as cqc_rating, loc.rating_published_on::text as cqc_on,
      food.id as food_id, food.rating as food_rating, food.occurred_on::text as food_on,
      coalesce(intel.safeguarding, 0)::int as safeguarding, intel.safeguarding_on::text as safeguarding_on,
      coalesce(intel.deaths, 0)::int as deaths, intel.deaths_on::text as deaths_on,
      coalesce(intel.concerns, 0)::int as concerns, intel.concerns_on::text as concerns_on,
      intel.vacancy_id, intel.vacancy_on::text as vacancy_on,
      company.id as company_id, company.category as company_status, company.occurred_on::text as company_on,
      embargo.id as embargo_id, embargo.starts_on::text as embargo_on,
      coalesce(notice_on_service.id, notice_on_provider.id) as notice_id,
      coalesce(notice_on_service.starts_on, notice_on_provider.starts_on)::text as notice_on,
      coalesce(overdue.overdue, 0)::int as overdue_actions,
      coalesce(voice.responses, 0)::int as voice_responses, coalesce(voice.no, 0)::int as voice_no,
      coalesce(voice.answered, 0)::int as voice_answered
    from svc
    left join provider_locations loc on loc.id = svc.location_id
    left join assessed on assessed.service_id = svc.id
    left join intel on intel.service_id = svc.id
    left join food on food.service_id = svc.id
    left join company on company.organisation_id = svc.organisation_id and company.provider_id = svc.provider_id
    left join embargo on embargo.organisation_id = svc.organisation_id and embargo.provider_id = svc.provider_id
    left join notice_on_service
      on notice_on_service.organisation_id = svc.organisation_id and notice_on_service.service_id = svc.id
    left join notice_on_provider
      on notice_on_provider.organisation_id = svc.organisation_id and notice_on_provider.provider_id = svc.provider_id
    left join overdue on overdue.service_id = svc.id
    left join voice on voice.service_id = svc.id`;
}

export interface RatedService {
  organisationId: string;
  serviceId: string;
  modelVersion: number;
  result: Pick<RiskResult, 'score' | 'colour' | 'reasons'>;
}

// Ratings per statement: keeps each parameter to a few megabytes.
const RATINGS_PER_STATEMENT = 5000;

/**
 * Stores a run's ratings: the day's snapshot of each service (the day's last run wins), and its
 * rating now, keeping the last rating from an earlier day as "previous", the day its colour last
 * changed, and the rating of 90 days before (or the earliest since) for the trend.
 */
export async function storeRatings(
  db: Db,
  today: IsoDate,
  computedAt: Date,
  rated: readonly RatedService[],
): Promise<void> {
  for (let start = 0; start < rated.length; start += RATINGS_PER_STATEMENT)
    await storeSome(db, today, computedAt, rated.slice(start, start + RATINGS_PER_STATEMENT));
}

async function storeSome(db: Db, today: IsoDate, computedAt: Date, rated: readonly RatedService[]): Promise<void> {
  const rows = sql`unnest(
      ${textArray(rated.map((each) => each.organisationId))}::uuid[],
      ${textArray(rated.map((each) => each.serviceId))}::uuid[],
      ${textArray(rated.map((each) => String(each.modelVersion)))}::int[],
      ${textArray(rated.map((each) => String(each.result.score)))}::int[],
      ${textArray(rated.map((each) => each.result.colour))}::text[],
      ${textArray(rated.map((each) => JSON.stringify(each.result.reasons)))}::jsonb[])
    as rated(organisation_id, service_id, model_version, score, colour, reasons)`;
  await db.execute(sql`
    insert into risk_snapshots (organisation_id, service_id, computed_on, model_version, score, colour, reasons)
    select organisation_id, service_id, ${today}::date, model_version, score, colour, reasons from ${rows}
    on conflict (organisation_id, service_id, computed_on) do update set
      model_version = excluded.model_version, score = excluded.score, colour = excluded.colour, reasons = excluded.reasons`);
  // The rating to compare with for the 90-day trend: each organisation's run on the 90th day back
  // (or the nearest run before it; the first run, where history is shorter), one day for all its
  // services, so it is found by key rather than searched for service by service.
  const cutoff = sql`(${today}::date - 90)`;
  await db.execute(sql`
    with rated as (select * from ${rows}),
    days as (
      select o.id as organisation_id, coalesce(
        (select max(s.computed_on) from risk_snapshots s where s.organisation_id = o.id and s.computed_on <= ${cutoff}),
        (select min(s.computed_on) from risk_snapshots s where s.organisation_id = o.id and s.computed_on < ${today}::date)
      ) as day
      from (select distinct organisation_id as id from rated) o
    )
    insert into service_risks (organisation_id, service_id, computed_on, computed_at, model_version, score, colour,
      reasons, earlier_on, earlier_score, earlier_colour, colour_since)
    select rated.organisation_id, rated.service_id, ${today}::date, ${computedAt}, rated.model_version, rated.score,
      rated.colour, rated.reasons, earlier.computed_on, earlier.score, earlier.colour, ${today}::date
    from rated
    join days on days.organisation_id = rated.organisation_id
    left join risk_snapshots earlier on earlier.organisation_id = rated.organisation_id
      and earlier.service_id = rated.service_id and earlier.computed_on = days.day
    on conflict (organisation_id, service_id) do update set
      previous_on = case when service_risks.computed_on < excluded.computed_on
                         then service_risks.computed_on else service_risks.previous_on end,
      previous_score = case when service_risks.computed_on < excluded.computed_on
                            then service_risks.score else service_risks.previous_score end,
      previous_colour = case when service_risks.computed_on < excluded.computed_on
                             then service_risks.colour else service_risks.previous_colour end,
      colour_since = case when service_risks.colour = excluded.colour
                          then service_risks.colour_since else excluded.computed_on end,
      computed_on = excluded.computed_on, computed_at = excluded.computed_at,
      model_version = excluded.model_version, score = excluded.score, colour = excluded.colour,
      reasons = excluded.reasons,
      earlier_on = excluded.earlier_on, earlier_score = excluded.earlier_score, earlier_colour = excluded.earlier_colour`);
}

export type RiskModelRow = typeof riskModels.$inferSelect;

export async function insertRiskModel(db: Db, row: typeof riskModels.$inferInsert): Promise<void> {
  await db.insert(riskModels).values(row);
}

/** Each organisation's latest model, for those that have saved one. */
export async function latestRiskModels(db: Db, organisationIds: readonly string[]): Promise<RiskModelRow[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectDistinctOn([riskModels.organisationId])
    .from(riskModels)
    .where(inArray(riskModels.organisationId, [...organisationIds]))
    .orderBy(riskModels.organisationId, desc(riskModels.version));
}

export async function latestRiskModel(db: Db, organisationId: string): Promise<RiskModelRow | undefined> {
  const [row] = await db
    .select()
    .from(riskModels)
    .where(eq(riskModels.organisationId, organisationId))
    .orderBy(desc(riskModels.version))
    .limit(1);
  return row;
}

export async function riskModelVersion(
  db: Db,
  organisationId: string,
  version: number,
): Promise<RiskModelRow | undefined> {
  const [row] = await db
    .select()
    .from(riskModels)
    .where(and(eq(riskModels.organisationId, organisationId), eq(riskModels.version, version)));
  return row;
}

export async function riskModelVersions(db: Db, organisationId: string): Promise<RiskModelRow[]> {
  return db
    .select()
    .from(riskModels)
    .where(eq(riskModels.organisationId, organisationId))
    .orderBy(desc(riskModels.version));
}

/** Organisations with services on their register (of these providers, where named): those a run rates. */
export async function organisationsWithServices(db: Db, providerIds?: readonly string[]): Promise<string[]> {
  const result = await db.execute(sql`select distinct organisation_id from contracted_services
    ${providerIds ? sql`where provider_id = any(${textArray(providerIds)}::uuid[])` : sql``}`);
  return rowsOf<{ organisation_id: string }>(result).map((row) => row.organisation_id);
}
