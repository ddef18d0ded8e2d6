// The intelligence log's queries: entries written and read, the log filtered, sorted and paged in
// SQL, and what the imports compare against (services to match, what is already recorded).
import { and, asc, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { ordered, type Sort } from '../platform/db/ordering.ts';
import { organisations, users } from '../organisations/schema.ts';
import { providerLocations, providers } from '../providers/schema.ts';
import type { IntelligenceFilter, IntelligenceSort } from './intelligence-input.ts';
import { intelligenceEntries } from './intelligence-schema.ts';
import { contractedServices } from './schema.ts';

export type EntryRow = typeof intelligenceEntries.$inferSelect;

export async function insertEntries(db: Db, rows: EntryRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(intelligenceEntries).values(rows);
}

export async function entryById(db: Db, organisationId: string, id: string): Promise<EntryRow | undefined> {
  const [row] = await db
    .select()
    .from(intelligenceEntries)
    .where(and(eq(intelligenceEntries.organisationId, organisationId), eq(intelligenceEntries.id, id)));
  return row;
}

/** An entry found by its id alone, for a provider's user, who reads across organisations. */
export async function entryAnywhere(db: Db, id: string): Promise<EntryRow | undefined> {
  const [row] = await db.select().from(intelligenceEntries).where(eq(intelligenceEntries.id, id));
  return row;
}

export async function setOutcome(
  db: Db,
  organisationId: string,
  id: string,
  set: Pick<EntryRow, 'outcome' | 'outcomeReason' | 'updatedAt'>,
): Promise<void> {
  await db
    .update(intelligenceEntries)
    .set(set)
    .where(and(eq(intelligenceEntries.organisationId, organisationId), eq(intelligenceEntries.id, id)));
}

/** Whose entries a list holds: an organisation's, or those a provider may read about itself. */
export type Scope = { organisationId: string } | { providerId: string };

export interface EntryListRow {
  entry: EntryRow;
  serviceName: string | null;
  providerName: string;
  organisationName: string;
  recordedByName: string | null;
}

const serviceOf = and(
  eq(contractedServices.organisationId, intelligenceEntries.organisationId),
  eq(contractedServices.id, intelligenceEntries.serviceId),
);

function scopeOf(scope: Scope): SQL | undefined {
  if ('organisationId' in scope) return eq(intelligenceEntries.organisationId, scope.organisationId);
  // A provider never reads an entry that links a person.
  return and(eq(intelligenceEntries.providerId, scope.providerId), isNull(intelligenceEntries.personId));
}

/** The log under `scope`, filtered, sorted and a page at a time. */
export async function findEntries(
  db: Db,
  scope: Scope,
  filter: IntelligenceFilter,
  sort: Sort<IntelligenceSort>,
  page: { offset: number; limit: number },
): Promise<{ rows: EntryListRow[]; total: number }> {
  const where = and(
    scopeOf(scope),
    filter.kind ? eq(intelligenceEntries.kind, filter.kind) : undefined,
    filter.serviceId ? eq(intelligenceEntries.serviceId, filter.serviceId) : undefined,
    filter.providerId ? eq(intelligenceEntries.providerId, filter.providerId) : undefined,
    filter.from ? gte(intelligenceEntries.occurredOn, filter.from) : undefined,
    filter.to ? lte(intelligenceEntries.occurredOn, filter.to) : undefined,
    filter.search
      ? or(
          ilike(intelligenceEntries.summary, `%${filter.search}%`),
          ilike(contractedServices.name, `%${filter.search}%`),
          ilike(providers.name, `%${filter.search}%`),
        )
      : undefined,
  );
  const newest = [desc(intelligenceEntries.occurredOn), desc(intelligenceEntries.createdAt)];
  const order: Record<IntelligenceSort, SQL[]> = {
    occurred: [
      ordered(intelligenceEntries.occurredOn, sort.direction),
      ordered(intelligenceEntries.createdAt, sort.direction),
    ],
    service: [ordered(contractedServices.name, sort.direction), ...newest],
    provider: [ordered(providers.name, sort.direction), ...newest],
    kind: [ordered(intelligenceEntries.kind, sort.direction), ...newest],
  };
  return pageWithTotal(
    db
      .select({
        entry: intelligenceEntries,
        serviceName: contractedServices.name,
        providerName: providers.name,
        organisationName: organisations.name,
        recordedByName: users.name,
      })
      .from(intelligenceEntries)
      .innerJoin(providers, eq(providers.id, intelligenceEntries.providerId))
      .innerJoin(organisations, eq(organisations.id, intelligenceEntries.organisationId))
      .leftJoin(contractedServices, serviceOf)
      .leftJoin(users, eq(users.id, intelligenceEntries.recordedBy))
      .where(where)
      .orderBy(...order[sort.key], asc(intelligenceEntries.id))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ n: count() })
      .from(intelligenceEntries)
      .innerJoin(providers, eq(providers.id, intelligenceEntries.providerId))
      .leftJoin(contractedServices, serviceOf)
      .where(where),
    page,
  );
}

/** Whether the organisation has any service of the provider on its register. */
export async function providerOnRegister(db: Db, organisationId: string, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: contractedServices.id })
    .from(contractedServices)
    .where(and(eq(contractedServices.organisationId, organisationId), eq(contractedServices.providerId, providerId)))
    .limit(1);
  return row !== undefined;
}

/** The providers of the services on the organisation's register, by name. */
export async function providersOnRegister(db: Db, organisationId: string) {
  return db
    .selectDistinct({ id: providers.id, name: providers.name })
    .from(contractedServices)
    .innerJoin(providers, eq(providers.id, contractedServices.providerId))
    .where(eq(contractedServices.organisationId, organisationId))
    .orderBy(asc(providers.name), asc(providers.id));
}

/** Up to `limit` organisations, for a command that may name none where there is only one. */
export async function organisationsUpTo(db: Db, limit: number) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.code))
    .limit(limit);
}

/** The organisation's running services, to match food businesses to. */
export async function runningServices(db: Db, organisationId: string) {
  return db
    .select({
      id: contractedServices.id,
      name: contractedServices.name,
      postcode: contractedServices.postcode,
      providerId: contractedServices.providerId,
    })
    .from(contractedServices)
    .where(and(eq(contractedServices.organisationId, organisationId), isNull(contractedServices.endedOn)));
}

/** The food hygiene ratings the organisation has recorded, by FHRSID: when rated and what. */
export async function foodHygieneRecorded(db: Db, organisationId: string) {
  return db
    .select({
      externalId: intelligenceEntries.externalId,
      occurredOn: intelligenceEntries.occurredOn,
      rating: intelligenceEntries.rating,
    })
    .from(intelligenceEntries)
    .where(and(eq(intelligenceEntries.organisationId, organisationId), eq(intelligenceEntries.kind, 'food-hygiene')))
    .orderBy(asc(intelligenceEntries.occurredOn), asc(intelligenceEntries.createdAt));
}

const latestVacancy = (column: 'category' | 'occurred_on') =>
  sql<string | null>`(select e.${sql.raw(column)} from ${intelligenceEntries} e
    where e.organisation_id = ${contractedServices.organisationId} and e.service_id = ${contractedServices.id}
      and e.kind = 'manager-vacancy'
    order by e.created_at desc, e.occurred_on desc limit 1)`;

/**
 * The organisation's running services whose CQC location has no registered manager or an absent
 * one, each with the vacancy entry recorded last for it, if any.
 */
export async function servicesWithoutManager(db: Db, organisationId: string) {
  return db
    .select({
      serviceId: contractedServices.id,
      providerId: contractedServices.providerId,
      registeredManager: providerLocations.registeredManager,
      registeredManagerAbsentSince: providerLocations.registeredManagerAbsentSince,
      latestCategory: latestVacancy('category'),
      latestOccurredOn: sql<string | null>`${latestVacancy('occurred_on')}::text`,
    })
    .from(contractedServices)
    .innerJoin(providerLocations, eq(providerLocations.id, contractedServices.locationId))
    .where(
      and(
        eq(contractedServices.organisationId, organisationId),
        isNull(contractedServices.endedOn),
        or(
          sql`coalesce(trim(${providerLocations.registeredManager}), '') = ''`,
          sql`${providerLocations.registeredManagerAbsentSince} is not null`,
        ),
      ),
    )
    .orderBy(asc(contractedServices.name), asc(contractedServices.id));
}
