// Schemes, their units and tenancies: the queries.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
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
