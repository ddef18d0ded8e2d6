// The register of contracted services: bringing in what the organisation has come to contract,
// reading one, and the assessment schedule worked out in SQL so it sorts and pages there.
import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { ordered, type Sort } from '../platform/db/ordering.ts';
import { users, zones } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import type { ScheduleStatus } from './domain/schedule.ts';
import { DUE_SOON_DAYS } from './domain/schedule.ts';
import { qualityAssessments } from './assessment-schema.ts';
import { contractedServices } from './schema.ts';

export type ServiceRow = typeof contractedServices.$inferSelect;

/**
 * Adds each registered location of a provider the organisation now contracts (a membership that
 * runs, or a placement that has not ended) that is not on the register yet. Its zone is its
 * provider's first lot's, else that of a scheme it cares in; it is contracted from the first membership or placement. Locations a
 * council's own area does not hold are left out where CQC names their local authority.
 */
export async function bringInContractedServices(db: Db, organisationId: string, today: string): Promise<number> {
  const result = await db.execute(sql`
    insert into contracted_services
      (organisation_id, id, provider_id, location_id, name, postcode, zone_id, contracted_from, created_at)
    select ${organisationId}::uuid, gen_random_uuid(), loc.provider_id, loc.id, loc.name, loc.postcode,
      coalesce(
        (select l.zone_id from memberships m
           join lots l on l.organisation_id = m.organisation_id and l.id = m.lot_id
          where m.organisation_id = ${organisationId}::uuid and m.provider_id = loc.provider_id and m.status <> 'removed'
          order by m.created_at, m.id limit 1),
        (select s.zone_id from schemes s
          where s.organisation_id = ${organisationId}::uuid and s.care_provider_id = loc.provider_id
          order by s.name, s.id limit 1)),
      coalesce(least(
        (select min(m.start_on) from memberships m
          where m.organisation_id = ${organisationId}::uuid and m.provider_id = loc.provider_id),
        (select min(p.starts_on) from placements p
          where p.organisation_id = ${organisationId}::uuid and p.provider_id = loc.provider_id)
      ), ${today}::date),
      now()
    from provider_locations loc
    join organisations o on o.id = ${organisationId}::uuid
    where loc.provider_id is not null and loc.deregistration_date is null
      and (o.type <> 'council' or loc.local_authority_code is null or loc.local_authority_code = o.code)
      and (exists (select 1 from memberships m where m.organisation_id = ${organisationId}::uuid
                     and m.provider_id = loc.provider_id and m.status in ('awarded', 'active', 'suspended'))
        or exists (select 1 from placements p where p.organisation_id = ${organisationId}::uuid
                     and p.provider_id = loc.provider_id and (p.ends_on is null or p.ends_on >= ${today}::date)))
      and not exists (select 1 from contracted_services s
                       where s.organisation_id = ${organisationId}::uuid and s.location_id = loc.id)
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}

export async function serviceById(db: Db, organisationId: string, id: string): Promise<ServiceRow | undefined> {
  const [row] = await db
    .select()
    .from(contractedServices)
    .where(and(eq(contractedServices.organisationId, organisationId), eq(contractedServices.id, id)));
  return row;
}

export async function servicesByIds(db: Db, organisationId: string, ids: readonly string[]): Promise<ServiceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(contractedServices)
    .where(and(eq(contractedServices.organisationId, organisationId), inArray(contractedServices.id, [...ids])));
}

/** A service found by its id alone, for a provider's user, who reads across organisations. */
export async function serviceAnywhere(db: Db, id: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(contractedServices).where(eq(contractedServices.id, id));
  return row;
}

export async function updateService(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<Pick<ServiceRow, 'zoneId' | 'officerId' | 'endedOn'>>,
): Promise<void> {
  await db
    .update(contractedServices)
    .set(set)
    .where(and(eq(contractedServices.organisationId, organisationId), eq(contractedServices.id, id)));
}

export async function insertServices(db: Db, rows: (typeof contractedServices.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(contractedServices).values(rows);
}

export interface ScheduleFilter {
  status?: ScheduleStatus;
  zoneId?: string;
  officerId?: string;
  search?: string;
}
export type ScheduleSort = 'due' | 'service' | 'provider' | 'zone';

const lastPublished = sql<string | null>`(select max(${qualityAssessments.publishedOn}) from ${qualityAssessments}
  where ${qualityAssessments.organisationId} = ${contractedServices}.organisation_id
    and ${qualityAssessments.serviceId} = ${contractedServices}.id and ${qualityAssessments.status} = 'published')`;

const openAssessment = sql<string | null>`(select ${qualityAssessments.id} from ${qualityAssessments}
  where ${qualityAssessments.organisationId} = ${contractedServices}.organisation_id
    and ${qualityAssessments.serviceId} = ${contractedServices}.id and ${qualityAssessments.status} <> 'published'
  order by ${qualityAssessments.createdAt} desc limit 1)`;

/** The day the next assessment is due: the interval after the last published one, else the contract's start. */
const dueOn = (intervalMonths: number) =>
  sql<string>`coalesce((${lastPublished} + make_interval(months => ${intervalMonths}))::date, ${contractedServices.contractedFrom})`;

const statusOf = (intervalMonths: number, today: string) =>
  sql<ScheduleStatus>`case when ${dueOn(intervalMonths)} < ${today}::date then 'overdue'
    when ${dueOn(intervalMonths)} <= ${today}::date + ${DUE_SOON_DAYS}::int then 'due' else 'done' end`;

export interface ScheduleRow {
  service: ServiceRow;
  providerName: string;
  zoneName: string | null;
  officerName: string | null;
  lastPublishedOn: string | null;
  dueOn: string;
  status: ScheduleStatus;
  openAssessmentId: string | null;
}

/** The services on the register that run, each with when it is due and how it stands, a page at a time. */
export async function schedule(
  db: Db,
  organisationId: string,
  query: ScheduleFilter & { intervalMonths: number; today: string },
  sort: Sort<ScheduleSort>,
  page: { offset: number; limit: number },
): Promise<{ rows: ScheduleRow[]; total: number }> {
  const status = statusOf(query.intervalMonths, query.today);
  const where = and(
    eq(contractedServices.organisationId, organisationId),
    isNull(contractedServices.endedOn),
    query.zoneId ? eq(contractedServices.zoneId, query.zoneId) : undefined,
    query.officerId ? eq(contractedServices.officerId, query.officerId) : undefined,
    query.status ? sql`${status} = ${query.status}` : undefined,
    query.search
      ? or(ilike(contractedServices.name, `%${query.search}%`), ilike(providers.name, `%${query.search}%`))
      : undefined,
  );
  const due = dueOn(query.intervalMonths);
  const order: Record<ScheduleSort, SQL[]> = {
    due: [ordered(due, sort.direction)],
    service: [ordered(contractedServices.name, sort.direction)],
    provider: [ordered(providers.name, sort.direction), asc(contractedServices.name)],
    zone: [ordered(zones.name, sort.direction), asc(contractedServices.name)],
  };
  const zoneOf = and(
    eq(zones.organisationId, contractedServices.organisationId),
    eq(zones.id, contractedServices.zoneId),
  );
  return pageWithTotal(
    db
      .select({
        service: contractedServices,
        providerName: providers.name,
        zoneName: zones.name,
        officerName: users.name,
        lastPublishedOn: lastPublished,
        dueOn: due,
        status,
        openAssessmentId: openAssessment,
      })
      .from(contractedServices)
      .innerJoin(providers, eq(providers.id, contractedServices.providerId))
      .leftJoin(zones, zoneOf)
      .leftJoin(users, eq(users.id, contractedServices.officerId))
      .where(where)
      .orderBy(...order[sort.key], asc(contractedServices.id))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ n: count() })
      .from(contractedServices)
      .innerJoin(providers, eq(providers.id, contractedServices.providerId))
      .where(where),
    page,
  );
}

/** How many services run, and how many are overdue and due: the schedule's summary. */
export async function scheduleCounts(
  db: Db,
  organisationId: string,
  query: { intervalMonths: number; today: string },
): Promise<Record<ScheduleStatus, number>> {
  const status = statusOf(query.intervalMonths, query.today);
  const rows = await db
    .select({ status, n: count() })
    .from(contractedServices)
    .where(and(eq(contractedServices.organisationId, organisationId), isNull(contractedServices.endedOn)))
    // By position: the status is written with parameters, which PostgreSQL will not match to a second copy.
    .groupBy(sql`1`);
  const counts: Record<ScheduleStatus, number> = { overdue: 0, due: 0, done: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}
