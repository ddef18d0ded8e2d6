// A vehicle's queries: the vehicle, its partners, zones and lots, and its clarification questions.
import {
  and,
  asc,
  count,
  eq,
  exists,
  getTableColumns,
  ilike,
  inArray,
  or,
  sql,
  type AnyColumn,
  type Column,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { organisations, zones } from '../organisations/schema.ts';
import { VEHICLE_STATUSES } from './domain/vehicles.ts';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { childCount, inDirection } from '../platform/db/listing.ts';
import { nestedRows, nestedTableRows } from '../platform/db/nested.ts';
import { vehicleRounds } from './round-schema.ts';
import { clarifications, lots, vehiclePartners, vehicles, vehicleZones } from './vehicle-schema.ts';

export type VehicleRow = typeof vehicles.$inferSelect;
export type LotRow = typeof lots.$inferSelect;

export interface VehicleQuery {
  /** Staff: vehicles this organisation leads or is a partner in. */
  organisationId?: string;
  /** Provider users: vehicles taking applications now, from any organisation. */
  acceptingApplications?: boolean;
  search?: string;
  status?: string;
  kind?: string;
}

/** Rows of the vehicles `organisationId` leads or is a partner in, by the rows' own lead and vehicle columns. */
export function ledOrPartneredBy(
  row: { organisationId: Column; vehicleId: Column },
  organisationId: string,
): SQL | undefined {
  return or(
    eq(row.organisationId, organisationId),
    exists(
      sql`(select 1 from ${vehiclePartners} where ${vehiclePartners.vehicleId} = ${row.vehicleId} and ${vehiclePartners.partnerOrganisationId} = ${organisationId})`,
    ),
  );
}

function vehicleWhere(query: VehicleQuery): SQL | undefined {
  const search = query.search && escapeLike(query.search);
  return and(
    query.organisationId
      ? ledOrPartneredBy({ organisationId: vehicles.organisationId, vehicleId: vehicles.id }, query.organisationId)
      : undefined,
    query.acceptingApplications
      ? or(
          eq(vehicles.status, 'open'),
          and(eq(vehicles.status, 'live'), inArray(vehicles.kind, ['dps', 'dynamic-market'])),
        )
      : undefined,
    search ? or(ilike(vehicles.name, `%${search}%`), ilike(vehicles.reference, `%${search}%`)) : undefined,
    query.status ? eq(vehicles.status, query.status) : undefined,
    query.kind ? eq(vehicles.kind, query.kind) : undefined,
  );
}

export interface VehicleListRow extends VehicleRow {
  lotCount: number;
}

/** What a list of vehicles may be sorted by. */
export const VEHICLE_SORTS = ['name', 'reference', 'kind', 'status', 'deadline', 'lots', 'value'] as const;
export type VehicleSort = { key: (typeof VEHICLE_SORTS)[number]; direction: 'asc' | 'desc' };

export async function findVehicles(
  db: Db,
  query: VehicleQuery,
  offset: number,
  limit: number,
  sort: VehicleSort = { key: 'name', direction: 'asc' },
): Promise<{ rows: VehicleListRow[]; total: number }> {
  const where = vehicleWhere(query);
  const lotCount = childCount(lots, lots.vehicleId, vehicles, vehicles.id);
  const by = inDirection(sort.direction);
  const nullsLast = (column: AnyColumn) => sql`${column} ${sql.raw(sort.direction)} nulls last`;
  // Statuses in the order a vehicle lives through them.
  const lifecycle = sql`array_position(array[${sql.join(
    VEHICLE_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )}]::text[], ${vehicles.status})`;
  const ordered = {
    name: [by(vehicles.name)],
    reference: [by(vehicles.reference)],
    kind: [by(vehicles.kind), asc(vehicles.name)],
    status: [by(lifecycle), asc(vehicles.name)],
    deadline: [nullsLast(vehicles.submissionDeadline), asc(vehicles.name)],
    lots: [by(lotCount), asc(vehicles.name)],
    value: [nullsLast(vehicles.valuePence), asc(vehicles.name)],
  }[sort.key];
  const { rows, total } = await pageWithTotal(
    db
      .select({ vehicle: vehicles, lotCount })
      .from(vehicles)
      .where(where)
      .orderBy(...ordered, asc(vehicles.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(vehicles).where(where),
    { offset, limit },
  );
  return { rows: rows.map((row) => ({ ...row.vehicle, lotCount: Number(row.lotCount) })), total };
}

/** The vehicles the organisation leads in any of `statuses`, by name: its public list. */
export async function vehiclesLedBy(
  db: Db,
  organisationId: string,
  statuses: readonly string[],
): Promise<VehicleRow[]> {
  return db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.organisationId, organisationId), inArray(vehicles.status, [...statuses])))
    .orderBy(asc(vehicles.name), asc(vehicles.id));
}

export async function vehicleById(db: Db, id: string): Promise<VehicleRow | undefined> {
  const [row] = await db.select().from(vehicles).where(eq(vehicles.id, id));
  return row;
}

const PARTNER_ORGANISATIONS = 'partner_organisations';

/** A vehicle with what every view of it shows: its lead, partners, zones, lots and rounds, in one read. */
export async function vehicleWithParts(db: Db, id: string) {
  const partnerOrganisations = alias(organisations, PARTNER_ORGANISATIONS);
  const [row] = await db
    .select({
      vehicle: vehicles,
      lead: { id: organisations.id, code: organisations.code, name: organisations.name },
      partners: nestedRows(
        {
          partnerOrganisationId: vehiclePartners.partnerOrganisationId,
          fundingShareBasisPoints: vehiclePartners.fundingShareBasisPoints,
          code: partnerOrganisations.code,
          name: partnerOrganisations.name,
        },
        sql`from ${vehiclePartners} join ${organisations} ${sql.identifier(PARTNER_ORGANISATIONS)} on ${eq(partnerOrganisations.id, vehiclePartners.partnerOrganisationId)}
            where ${eq(vehiclePartners.vehicleId, vehicles.id)}`,
      ),
      zones: nestedRows(
        { zoneId: vehicleZones.zoneId, tier1Places: vehicleZones.tier1Places, name: zones.name },
        sql`from ${vehicleZones} join ${zones} on ${and(eq(zones.organisationId, vehicleZones.organisationId), eq(zones.id, vehicleZones.zoneId))}
            where ${eq(vehicleZones.vehicleId, vehicles.id)}`,
        asc(zones.sortOrder),
      ),
      lots: nestedRows(
        { ...getTableColumns(lots), zoneName: zones.name, zoneSortOrder: zones.sortOrder },
        sql`from ${lots} join ${zones} on ${and(eq(zones.organisationId, lots.organisationId), eq(zones.id, lots.zoneId))}
            where ${eq(lots.vehicleId, vehicles.id)}`,
      ),
      rounds: nestedTableRows(vehicleRounds, eq(vehicleRounds.vehicleId, vehicles.id), asc(vehicleRounds.number)),
    })
    .from(vehicles)
    .innerJoin(organisations, eq(organisations.id, vehicles.organisationId))
    .where(eq(vehicles.id, id));
  return row;
}

export type VehicleWithParts = NonNullable<Awaited<ReturnType<typeof vehicleWithParts>>>;

export async function vehicleByReference(
  db: Db,
  organisationId: string,
  reference: string,
): Promise<VehicleRow | undefined> {
  const [row] = await db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.reference, reference)));
  return row;
}

export async function insertVehicle(db: Db, row: typeof vehicles.$inferInsert): Promise<void> {
  await db.insert(vehicles).values(row);
}

export async function updateVehicle(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof vehicles.$inferInsert>,
): Promise<void> {
  await db
    .update(vehicles)
    .set(set)
    .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, id)));
}

export interface PartnerRow {
  partnerOrganisationId: string;
  fundingShareBasisPoints: number;
}

export async function partnersOf(db: Db, vehicleId: string): Promise<PartnerRow[]> {
  return db
    .select({
      partnerOrganisationId: vehiclePartners.partnerOrganisationId,
      fundingShareBasisPoints: vehiclePartners.fundingShareBasisPoints,
    })
    .from(vehiclePartners)
    .where(eq(vehiclePartners.vehicleId, vehicleId));
}

export async function replacePartners(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: { partnerOrganisationId: string; fundingShareBasisPoints: number }[],
): Promise<void> {
  await db
    .delete(vehiclePartners)
    .where(and(eq(vehiclePartners.organisationId, organisationId), eq(vehiclePartners.vehicleId, vehicleId)));
  if (rows.length > 0)
    await db.insert(vehiclePartners).values(rows.map((row) => ({ organisationId, vehicleId, ...row })));
}

/** Sets the vehicle's zones: updates places, adds new zones, removes zones no lot uses. */
export async function replaceVehicleZones(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: { zoneId: string; tier1Places: number | null }[],
): Promise<void> {
  const keep = rows.map((row) => row.zoneId);
  await db.delete(vehicleZones).where(
    and(
      eq(vehicleZones.organisationId, organisationId),
      eq(vehicleZones.vehicleId, vehicleId),
      keep.length > 0
        ? sql`${vehicleZones.zoneId} not in (${sql.join(
            keep.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : undefined,
    ),
  );
  for (const row of rows) {
    await db
      .insert(vehicleZones)
      .values({ organisationId, vehicleId, ...row })
      .onConflictDoUpdate({
        target: [vehicleZones.organisationId, vehicleZones.vehicleId, vehicleZones.zoneId],
        set: { tier1Places: row.tier1Places },
      });
  }
}

export async function lotsOf(db: Db, vehicleId: string): Promise<LotRow[]> {
  return db.select().from(lots).where(eq(lots.vehicleId, vehicleId));
}

export async function replaceLots(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: Omit<typeof lots.$inferInsert, 'organisationId' | 'vehicleId'>[],
): Promise<void> {
  await db.delete(lots).where(and(eq(lots.organisationId, organisationId), eq(lots.vehicleId, vehicleId)));
  if (rows.length > 0) await db.insert(lots).values(rows.map((row) => ({ organisationId, vehicleId, ...row })));
}

export async function vehicleNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows =
    ids.length === 0
      ? []
      : await db.select({ id: vehicles.id, name: vehicles.name }).from(vehicles).where(inArray(vehicles.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
}

export type ClarificationRow = typeof clarifications.$inferSelect;

export async function clarificationsOf(db: Db, vehicleId: string): Promise<ClarificationRow[]> {
  return db
    .select()
    .from(clarifications)
    .where(eq(clarifications.vehicleId, vehicleId))
    .orderBy(asc(clarifications.askedAt));
}

export async function insertClarification(db: Db, row: typeof clarifications.$inferInsert): Promise<void> {
  await db.insert(clarifications).values(row);
}

export async function answerClarification(
  db: Db,
  organisationId: string,
  id: string,
  set: { answer: string; answeredBy: string; publishedAt: Date },
): Promise<void> {
  await db
    .update(clarifications)
    .set(set)
    .where(and(eq(clarifications.organisationId, organisationId), eq(clarifications.id, id)));
}
