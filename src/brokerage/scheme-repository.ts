// Schemes, their units and tenancies: the queries.
import {
  and,
  arrayContains,
  asc,
  count,
  eq,
  inArray,
  isNull,
  notExists,
  sql,
  type Column,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { zones } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { ordered, outer, type Direction, type Sort } from '../platform/db/ordering.ts';

export type { Sort };
import { schemes, tenancies, units } from './schema.ts';

export type SchemeRow = typeof schemes.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type TenancyRow = typeof tenancies.$inferSelect;

export async function insertSchemes(db: Db, rows: (typeof schemes.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(schemes).values(rows);
}

export async function schemeById(db: Db, id: string): Promise<SchemeRow | undefined> {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id));
  return row;
}

export async function schemesOf(
  db: Db,
  query: { organisationId?: string; careProviderId?: string },
): Promise<SchemeRow[]> {
  return db
    .select()
    .from(schemes)
    .where(
      and(
        query.organisationId ? eq(schemes.organisationId, query.organisationId) : undefined,
        query.careProviderId ? eq(schemes.careProviderId, query.careProviderId) : undefined,
      ),
    )
    .orderBy(asc(schemes.name));
}

export async function updateScheme(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof schemes.$inferInsert>,
): Promise<void> {
  await db
    .update(schemes)
    .set(set)
    .where(and(eq(schemes.organisationId, organisationId), eq(schemes.id, id)));
}

export async function insertUnits(db: Db, rows: (typeof units.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(units).values(rows);
}

export async function unitById(db: Db, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row;
}

export async function unitsOfSchemes(db: Db, organisationId: string, schemeIds: readonly string[]): Promise<UnitRow[]> {
  if (schemeIds.length === 0) return [];
  return db
    .select()
    .from(units)
    .where(and(eq(units.organisationId, organisationId), inArray(units.schemeId, [...schemeIds])))
    .orderBy(asc(units.name));
}

export async function insertTenancies(db: Db, rows: (typeof tenancies.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(tenancies).values(rows);
}

export async function endTenancy(
  db: Db,
  organisationId: string,
  id: string,
  endsOn: string,
  endReason: string,
): Promise<void> {
  await db
    .update(tenancies)
    .set({ endsOn, endReason })
    .where(and(eq(tenancies.organisationId, organisationId), eq(tenancies.id, id)));
}

/** Current tenancies of these units, and the last end date of each unit's past ones. */
export async function tenanciesOfUnits(
  db: Db,
  organisationId: string,
  unitIds: readonly string[],
): Promise<TenancyRow[]> {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(tenancies)
    .where(and(eq(tenancies.organisationId, organisationId), inArray(tenancies.unitId, [...unitIds])));
}

export async function tenancyById(db: Db, organisationId: string, id: string): Promise<TenancyRow | undefined> {
  const [row] = await db
    .select()
    .from(tenancies)
    .where(and(eq(tenancies.organisationId, organisationId), eq(tenancies.id, id)));
  return row;
}

/** Whose schemes a list holds (an organisation's, or those a provider cares in) and its filters. */
export interface SchemeQuery {
  organisationId?: string;
  careProviderId?: string;
  zoneId?: string;
  providerId?: string;
}
export type SchemeSortKey = 'name' | 'zone' | 'readyFrom';

const schemeZone = and(eq(zones.organisationId, schemes.organisationId), eq(zones.id, schemes.zoneId));

const schemeWhere = (query: SchemeQuery): SQL | undefined =>
  and(
    query.organisationId ? eq(schemes.organisationId, query.organisationId) : undefined,
    query.careProviderId ? eq(schemes.careProviderId, query.careProviderId) : undefined,
    query.zoneId ? eq(schemes.zoneId, query.zoneId) : undefined,
    query.providerId ? eq(schemes.careProviderId, query.providerId) : undefined,
  );

/** A scheme ready now (no date) comes before those in the pipeline, ascending. */
const readyFrom = (direction: Direction) =>
  direction === 'asc'
    ? sql`${schemes.expectedReadyOn} asc nulls first`
    : sql`${schemes.expectedReadyOn} desc nulls last`;

export async function findSchemes(
  db: Db,
  query: SchemeQuery,
  offset: number,
  limit: number,
  sort: Sort<SchemeSortKey> = { key: 'name', direction: 'asc' },
): Promise<{ rows: SchemeRow[]; total: number }> {
  const where = schemeWhere(query);
  const order = {
    name: [ordered(schemes.name, sort.direction)],
    zone: [ordered(zones.name, sort.direction), asc(schemes.name)],
    readyFrom: [readyFrom(sort.direction), asc(schemes.name)],
  }[sort.key];
  const { rows, total } = await pageWithTotal(
    db
      .select({ scheme: schemes })
      .from(schemes)
      .leftJoin(zones, schemeZone)
      .where(where)
      .orderBy(...order, asc(schemes.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(schemes).where(where),
    { offset, limit },
  );
  return { rows: rows.map((row) => row.scheme), total };
}

/** The zones and care providers of the schemes a list holds, to filter it by. */
export async function schemeChoices(db: Db, query: SchemeQuery) {
  const where = schemeWhere(query);
  // One after the other: `db` may be a transaction's one connection, which takes one statement at a time.
  const zoneRows = await db
    .selectDistinct({ id: zones.id, name: zones.name })
    .from(schemes)
    .innerJoin(zones, schemeZone)
    .where(where)
    .orderBy(zones.name, zones.id);
  const providerRows = await db
    .selectDistinct({ id: providers.id, name: providers.name })
    .from(schemes)
    .innerJoin(providers, eq(providers.id, schemes.careProviderId))
    .where(where)
    .orderBy(providers.name, providers.id);
  return { zones: zoneRows, providers: providerRows };
}

export interface VacancyQuery extends SchemeQuery {
  band?: string;
  feature?: string;
}
export type VacancySortKey = 'name' | 'zone' | 'availableFrom';

export interface VacancyRow {
  unit: UnitRow;
  scheme: SchemeRow;
  zoneName: string | null;
  careProviderName: string | null;
  /** The first day nobody has held the unit (or could: before it is ready or available). */
  voidSince: string;
}

/** Units nobody holds now, each with the day it has been void since, filtered and sorted a page at a time. */
export async function findVacancies(
  db: Db,
  query: VacancyQuery,
  offset: number,
  limit: number,
  sort: Sort<VacancySortKey> = { key: 'availableFrom', direction: 'asc' },
): Promise<{ rows: VacancyRow[]; total: number }> {
  const ownTenancy = and(
    eq(tenancies.organisationId, outer(units, units.organisationId)),
    eq(tenancies.unitId, outer(units, units.id)),
  );
  const lastEnd = sql`(select max(${tenancies.endsOn}) from ${tenancies} where ${ownTenancy})`;
  // As describeSchemes counts it: the latest of its available date, the scheme's ready date and the day after the last tenancy.
  const voidSince = sql<string>`greatest(${units.availableFrom}, coalesce(${schemes.expectedReadyOn}, ${units.availableFrom}), coalesce(${lastEnd} + 1, ${units.availableFrom}))::text`;
  const where = and(
    schemeWhere(query),
    query.band ? eq(schemes.accommodationBand, query.band) : undefined,
    query.feature ? arrayContains(units.features, [query.feature]) : undefined,
    notExists(
      db
        .select({ one: sql`1` })
        .from(tenancies)
        .where(and(ownTenancy, isNull(tenancies.endsOn))),
    ),
  );
  const byName = [asc(schemes.name), asc(units.name)];
  const order = {
    name: [ordered(schemes.name, sort.direction), ordered(units.name, sort.direction)],
    zone: [ordered(zones.name, sort.direction), ...byName],
    availableFrom: [ordered(voidSince, sort.direction), ...byName],
  }[sort.key];
  const ofScheme = and(eq(schemes.organisationId, units.organisationId), eq(schemes.id, units.schemeId));
  return pageWithTotal(
    db
      .select({ unit: units, scheme: schemes, zoneName: zones.name, careProviderName: providers.name, voidSince })
      .from(units)
      .innerJoin(schemes, ofScheme)
      .leftJoin(zones, schemeZone)
      .leftJoin(providers, eq(providers.id, schemes.careProviderId))
      .where(where)
      .orderBy(...order, asc(units.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(units).innerJoin(schemes, ofScheme).where(where),
    { offset, limit },
  );
}

/**
 * A unit of the organisation with its scheme, whether someone holds a tenancy of it now, and how
 * many people hold one in the scheme now: what placing someone in it needs, in one read.
 */
export async function unitToPlace(db: Db, organisationId: string, unitId: string) {
  const current = (unit: { organisationId: Column; id: Column }) =>
    and(eq(tenancies.organisationId, unit.organisationId), eq(tenancies.unitId, unit.id), isNull(tenancies.endsOn));
  const sibling = alias(units, SIBLING_UNITS);
  const [row] = await db
    .select({
      unit: units,
      scheme: schemes,
      taken: sql<boolean>`exists (select 1 from ${tenancies} where ${current(units)})`,
      tenants: sql<number>`(select count(*)::int from ${tenancies} join ${units} ${sql.identifier(SIBLING_UNITS)}
        on ${current(sibling)} where ${and(eq(sibling.organisationId, units.organisationId), eq(sibling.schemeId, units.schemeId))})`,
    })
    .from(units)
    .innerJoin(schemes, and(eq(schemes.organisationId, units.organisationId), eq(schemes.id, units.schemeId)))
    .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)));
  return row;
}

const SIBLING_UNITS = 'sibling_units';

/** How many people hold a tenancy in each scheme now. */
export async function currentTenants(db: Db, schemeIds: readonly string[]): Promise<Map<string, number>> {
  if (schemeIds.length === 0) return new Map();
  const rows = await db
    .select({ schemeId: units.schemeId, n: count() })
    .from(tenancies)
    .innerJoin(units, and(eq(units.organisationId, tenancies.organisationId), eq(units.id, tenancies.unitId)))
    // Each scheme by its organisation and id, so the units are found by their key, which leads with the organisation.
    .where(
      and(
        sql`(${units.organisationId}, ${units.schemeId}) in (select ${schemes.organisationId}, ${schemes.id} from ${schemes} where ${inArray(schemes.id, [...schemeIds])})`,
        isNull(tenancies.endsOn),
      ),
    )
    .groupBy(units.schemeId);
  return new Map(rows.map((row) => [row.schemeId, row.n]));
}
