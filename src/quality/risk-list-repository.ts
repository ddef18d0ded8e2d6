// Reading the ratings: the dashboard's list (filtered, sorted and paged in SQL), its counts and
// its chart, one service's rating with its history, and each provider's worst service for the
// pages where a person chooses a provider.
import { and, count, eq, gte, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { organisations, zones } from '../organisations/schema.ts';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { ordered, rankOf, type Sort } from '../platform/db/ordering.ts';
import { addDays, type IsoDate } from '../platform/domain/calendar.ts';
import { providerLocations, providers } from '../providers/schema.ts';
import { RISK_COLOURS, type RiskColour } from './domain/risk-model.ts';
import { riskSnapshots, serviceRisks } from './risk-schema.ts';
import { contractedServices } from './schema.ts';

/** Whose ratings: an organisation's services, or one provider's services wherever they are contracted. */
export type RatingScope = { organisationId: string } | { providerId: string };

export interface RiskListFilter {
  colour?: RiskColour;
  zone?: string;
  provider?: string;
  serviceType?: string;
  /** Colour changed within this many days. */
  changedWithinDays?: number;
  search?: string;
}

export type RiskSort = 'colour' | 'score' | 'service' | 'provider' | 'zone' | 'changed';

/** A rating's service on the register. */
const serviceOf = (rating: typeof serviceRisks | typeof riskSnapshots) =>
  and(eq(contractedServices.organisationId, rating.organisationId), eq(contractedServices.id, rating.serviceId));

const running = (today: IsoDate) =>
  or(isNull(contractedServices.endedOn), sql`${contractedServices.endedOn} > ${today}::date`);

const scoped = (scope: RatingScope): SQL =>
  'organisationId' in scope
    ? eq(serviceRisks.organisationId, scope.organisationId)
    : eq(contractedServices.providerId, scope.providerId);

const tiers = sql<string | null>`(select string_agg(distinct m.tier, ',' order by m.tier) from memberships m
  where m.organisation_id = ${serviceRisks.organisationId} and m.provider_id = ${contractedServices.providerId}
    and m.status in ('awarded', 'active', 'suspended') and m.tier is not null)`;

const rowColumns = {
  organisationId: serviceRisks.organisationId,
  organisationName: organisations.name,
  serviceId: serviceRisks.serviceId,
  serviceName: contractedServices.name,
  providerId: contractedServices.providerId,
  providerName: providers.name,
  zoneName: zones.name,
  tiers,
  colour: serviceRisks.colour,
  score: serviceRisks.score,
  reasons: serviceRisks.reasons,
  computedOn: serviceRisks.computedOn,
  previousColour: serviceRisks.previousColour,
  previousScore: serviceRisks.previousScore,
  previousOn: serviceRisks.previousOn,
  earlierColour: serviceRisks.earlierColour,
  earlierScore: serviceRisks.earlierScore,
  earlierOn: serviceRisks.earlierOn,
  colourSince: serviceRisks.colourSince,
  modelVersion: serviceRisks.modelVersion,
};

function joined<T extends Record<string, unknown>>(db: Db, columns: T) {
  return db
    .select(columns as never)
    .from(serviceRisks)
    .innerJoin(contractedServices, serviceOf(serviceRisks))
    .innerJoin(providers, eq(providers.id, contractedServices.providerId))
    .innerJoin(organisations, eq(organisations.id, serviceRisks.organisationId))
    .leftJoin(
      zones,
      and(eq(zones.organisationId, contractedServices.organisationId), eq(zones.id, contractedServices.zoneId)),
    );
}

export interface RiskRow {
  organisationId: string;
  organisationName: string;
  serviceId: string;
  serviceName: string;
  providerId: string;
  providerName: string;
  zoneName: string | null;
  tiers: string | null;
  colour: RiskColour;
  score: number;
  reasons: string[];
  computedOn: IsoDate;
  previousColour: RiskColour | null;
  previousScore: number | null;
  previousOn: IsoDate | null;
  earlierColour: RiskColour | null;
  earlierScore: number | null;
  earlierOn: IsoDate | null;
  colourSince: IsoDate;
  modelVersion: number;
}

function conditions(scope: RatingScope, filter: RiskListFilter, today: IsoDate): SQL | undefined {
  const search = filter.search && `%${escapeLike(filter.search)}%`;
  return and(
    scoped(scope),
    running(today),
    filter.colour ? eq(serviceRisks.colour, filter.colour) : undefined,
    filter.zone ? eq(contractedServices.zoneId, filter.zone) : undefined,
    filter.provider ? eq(contractedServices.providerId, filter.provider) : undefined,
    filter.serviceType
      ? sql`exists (select 1 from ${providerLocations} where ${providerLocations.id} = ${contractedServices.locationId}
          and ${filter.serviceType} = any(${providerLocations.serviceTypes}))`
      : undefined,
    filter.changedWithinDays !== undefined
      ? gte(serviceRisks.colourSince, addDays(today, -filter.changedWithinDays))
      : undefined,
    search ? or(ilike(contractedServices.name, search), ilike(providers.name, search)) : undefined,
  );
}

function orderOf(sort: Sort<RiskSort>): SQL[] {
  const worst = rankOf(serviceRisks.colour, RISK_COLOURS);
  const by: Record<RiskSort, SQL[]> = {
    colour: [ordered(worst, sort.direction), ordered(sql`${serviceRisks.score}`, sort.direction)],
    score: [ordered(sql`${serviceRisks.score}`, sort.direction)],
    service: [ordered(sql`${contractedServices.name}`, sort.direction)],
    provider: [ordered(sql`${providers.name}`, sort.direction)],
    zone: [ordered(sql`${zones.name}`, sort.direction)],
    changed: [ordered(sql`${serviceRisks.colourSince}`, sort.direction)],
  };
  return [...by[sort.key], sql`${contractedServices.name}`, sql`${serviceRisks.serviceId}`];
}

export async function riskList(
  db: Db,
  scope: RatingScope,
  filter: RiskListFilter,
  sort: Sort<RiskSort>,
  page: { offset: number; limit: number },
  today: IsoDate,
): Promise<{ rows: RiskRow[]; total: number }> {
  const where = conditions(scope, filter, today);
  return pageWithTotal(
    joined(db, rowColumns)
      .where(where)
      .orderBy(...orderOf(sort))
      .limit(page.limit)
      .offset(page.offset) as PromiseLike<RiskRow[]>,
    joined(db, { n: count() }).where(where) as PromiseLike<{ n: number }[]>,
    page,
  );
}

/** How many services each colour holds now. */
export async function colourCounts(db: Db, scope: RatingScope, today: IsoDate): Promise<Record<RiskColour, number>> {
  const rows = (await joined(db, { colour: serviceRisks.colour, total: count() })
    .where(and(scoped(scope), running(today)))
    .groupBy(serviceRisks.colour)) as { colour: RiskColour; total: number }[];
  const counts = { green: 0, amber: 0, red: 0 };
  for (const row of rows) counts[row.colour] = Number(row.total);
  return counts;
}

/** Services of each colour on each day with a run, from `since`: the dashboard's chart. */
export async function coloursByDay(
  db: Db,
  scope: RatingScope,
  since: IsoDate,
): Promise<{ day: IsoDate; colour: RiskColour; total: number }[]> {
  const rows = await db
    .select({ day: riskSnapshots.computedOn, colour: riskSnapshots.colour, total: count() })
    .from(riskSnapshots)
    .innerJoin(contractedServices, serviceOf(riskSnapshots))
    .where(
      and(
        'organisationId' in scope
          ? eq(riskSnapshots.organisationId, scope.organisationId)
          : eq(contractedServices.providerId, scope.providerId),
        gte(riskSnapshots.computedOn, since),
      ),
    )
    .groupBy(riskSnapshots.computedOn, riskSnapshots.colour)
    .orderBy(riskSnapshots.computedOn);
  return rows.map((row) => ({ day: row.day, colour: row.colour as RiskColour, total: Number(row.total) }));
}

/** One service's rating now, with every indicator; undefined before its first run. */
export async function ratingOf(db: Db, organisationId: string, serviceId: string) {
  const [row] = await db
    .select()
    .from(serviceRisks)
    .where(and(eq(serviceRisks.organisationId, organisationId), eq(serviceRisks.serviceId, serviceId)));
  return row;
}

/** A service's ratings day by day, newest first. */
export async function snapshotsOf(db: Db, organisationId: string, serviceId: string, limit: number) {
  return db
    .select()
    .from(riskSnapshots)
    .where(and(eq(riskSnapshots.organisationId, organisationId), eq(riskSnapshots.serviceId, serviceId)))
    .orderBy(sql`${riskSnapshots.computedOn} desc`)
    .limit(limit);
}

/** Each provider's worst running service in the organisation, with its reasons. */
export async function worstServiceOf(db: Db, organisationId: string, providerIds: readonly string[], today: IsoDate) {
  if (providerIds.length === 0) return [];
  return (await db
    .selectDistinctOn([contractedServices.providerId], {
      providerId: contractedServices.providerId,
      serviceId: serviceRisks.serviceId,
      serviceName: contractedServices.name,
      colour: serviceRisks.colour,
      score: serviceRisks.score,
      reasons: serviceRisks.reasons,
      computedOn: serviceRisks.computedOn,
    })
    .from(serviceRisks)
    .innerJoin(contractedServices, serviceOf(serviceRisks))
    .where(
      and(
        eq(serviceRisks.organisationId, organisationId),
        inArray(contractedServices.providerId, [...providerIds]),
        running(today),
      ),
    )
    .orderBy(
      contractedServices.providerId,
      sql`${rankOf(serviceRisks.colour, RISK_COLOURS)} desc`,
      sql`${serviceRisks.score} desc`,
      contractedServices.name,
    )) as {
    providerId: string;
    serviceId: string;
    serviceName: string;
    colour: RiskColour;
    score: number;
    reasons: string[];
    computedOn: IsoDate;
  }[];
}

/** The CQC service types of the organisation's running services, for the dashboard's filter. */
export async function serviceTypesOf(db: Db, organisationId: string): Promise<string[]> {
  const result = await db.execute(sql`select distinct unnest(loc.service_types) as type
    from contracted_services s join provider_locations loc on loc.id = s.location_id
    where s.organisation_id = ${organisationId}::uuid order by 1`);
  return (result as unknown as { rows: { type: string }[] }).rows.map((row) => row.type);
}

/** The names of services on the register and their providers. */
export async function serviceNames(db: Db, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; providerName: string }>();
  const rows = await db
    .select({ id: contractedServices.id, name: contractedServices.name, providerName: providers.name })
    .from(contractedServices)
    .innerJoin(providers, eq(providers.id, contractedServices.providerId))
    .where(and(eq(contractedServices.organisationId, organisationId), inArray(contractedServices.id, [...ids])));
  return new Map(rows.map((row) => [row.id, { name: row.name, providerName: row.providerName }]));
}
