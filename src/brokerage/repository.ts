import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { assessmentMatrices, embargoes, idempotentRequests, needAssessments, people, placements, rateCards, schemes, tenancies, units } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type AssessmentRow = typeof needAssessments.$inferSelect;
export type SchemeRow = typeof schemes.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type TenancyRow = typeof tenancies.$inferSelect;
export type RateCardRow = typeof rateCards.$inferSelect;
export type EmbargoRow = typeof embargoes.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export async function matrixOf(db: Db, organisationId: string) {
  const [row] = await db.select().from(assessmentMatrices).where(eq(assessmentMatrices.organisationId, organisationId));
  return row;
}

export async function saveMatrix(db: Db, row: typeof assessmentMatrices.$inferInsert): Promise<void> {
  await db.insert(assessmentMatrices).values(row).onConflictDoUpdate({ target: assessmentMatrices.organisationId, set: { matrix: row.matrix, updatedAt: row.updatedAt, updatedBy: row.updatedBy } });
}

export async function insertPeople(db: Db, rows: (typeof people.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(people).values(rows);
}

export async function updatePerson(db: Db, organisationId: string, id: string, set: Partial<typeof people.$inferInsert>): Promise<void> {
  await db.update(people).set(set).where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
}

export async function personById(db: Db, organisationId: string, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
  return row;
}

export async function peopleByIds(db: Db, organisationId: string, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(people).where(and(eq(people.organisationId, organisationId), inArray(people.id, [...ids])));
}

export async function personByCaseReference(db: Db, organisationId: string, caseReference: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(and(eq(people.organisationId, organisationId), eq(people.caseReference, caseReference)));
  return row;
}

export async function findPeople(db: Db, organisationId: string, search: string | undefined, offset: number, limit: number): Promise<{ rows: PersonRow[]; total: number }> {
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const where = and(eq(people.organisationId, organisationId), pattern ? or(ilike(people.name, pattern), ilike(people.caseReference, pattern)) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(people).where(where).orderBy(asc(people.name), asc(people.id)).offset(offset).limit(limit),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { rows, total: total!.n };
}

export async function insertAssessments(db: Db, rows: (typeof needAssessments.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(needAssessments).values(rows);
}

/** Each person's latest assessment. */
export async function latestAssessments(db: Db, organisationId: string, personIds: readonly string[]): Promise<Map<string, AssessmentRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectDistinctOn([needAssessments.personId]).from(needAssessments)
    .where(and(eq(needAssessments.organisationId, organisationId), inArray(needAssessments.personId, [...personIds])))
    .orderBy(needAssessments.personId, desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
  return new Map(rows.map((row) => [row.personId, row]));
}

export async function assessmentsOf(db: Db, organisationId: string, personId: string): Promise<AssessmentRow[]> {
  return db.select().from(needAssessments).where(and(eq(needAssessments.organisationId, organisationId), eq(needAssessments.personId, personId)))
    .orderBy(desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
}

export async function insertSchemes(db: Db, rows: (typeof schemes.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(schemes).values(rows);
}

export async function schemeById(db: Db, id: string): Promise<SchemeRow | undefined> {
  const [row] = await db.select().from(schemes).where(eq(schemes.id, id));
  return row;
}

export async function schemesOf(db: Db, query: { organisationId?: string; careProviderId?: string }): Promise<SchemeRow[]> {
  return db.select().from(schemes).where(and(
    query.organisationId ? eq(schemes.organisationId, query.organisationId) : undefined,
    query.careProviderId ? eq(schemes.careProviderId, query.careProviderId) : undefined,
  )).orderBy(asc(schemes.name));
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
  return db.select().from(units).where(and(eq(units.organisationId, organisationId), inArray(units.schemeId, [...schemeIds]))).orderBy(asc(units.name));
}

export async function insertTenancies(db: Db, rows: (typeof tenancies.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(tenancies).values(rows);
}

export async function endTenancy(db: Db, organisationId: string, id: string, endsOn: string, endReason: string): Promise<void> {
  await db.update(tenancies).set({ endsOn, endReason }).where(and(eq(tenancies.organisationId, organisationId), eq(tenancies.id, id)));
}

/** Current tenancies of these units, and the last end date of each unit's past ones. */
export async function tenanciesOfUnits(db: Db, organisationId: string, unitIds: readonly string[]): Promise<TenancyRow[]> {
  if (unitIds.length === 0) return [];
  return db.select().from(tenancies).where(and(eq(tenancies.organisationId, organisationId), inArray(tenancies.unitId, [...unitIds])));
}

export async function tenancyById(db: Db, organisationId: string, id: string): Promise<TenancyRow | undefined> {
  const [row] = await db.select().from(tenancies).where(and(eq(tenancies.organisationId, organisationId), eq(tenancies.id, id)));
  return row;
}

export async function insertRateCard(db: Db, row: typeof rateCards.$inferInsert): Promise<void> {
  await db.insert(rateCards).values(row);
}

export async function rateCardsOf(db: Db, organisationId: string, vehicleId: string): Promise<RateCardRow[]> {
  return db.select().from(rateCards).where(and(eq(rateCards.organisationId, organisationId), eq(rateCards.vehicleId, vehicleId))).orderBy(desc(rateCards.effectiveFrom));
}

export async function insertEmbargo(db: Db, row: typeof embargoes.$inferInsert): Promise<void> {
  await db.insert(embargoes).values(row);
}

export async function liftEmbargo(db: Db, organisationId: string, id: string, liftedOn: string, liftedReason: string): Promise<void> {
  await db.update(embargoes).set({ liftedOn, liftedReason }).where(and(eq(embargoes.organisationId, organisationId), eq(embargoes.id, id)));
}

/** Embargoes in force on a date. */
export async function embargoesInForce(db: Db, organisationId: string, on: string): Promise<EmbargoRow[]> {
  return db.select().from(embargoes).where(and(eq(embargoes.organisationId, organisationId), lte(embargoes.startsOn, on), or(isNull(embargoes.liftedOn), sql`${embargoes.liftedOn} > ${on}`)));
}

export async function embargoesOf(db: Db, organisationId: string): Promise<EmbargoRow[]> {
  return db.select().from(embargoes).where(eq(embargoes.organisationId, organisationId)).orderBy(desc(embargoes.startsOn));
}

export async function insertPlacements(db: Db, rows: (typeof placements.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(placements).values(rows);
}

export async function endPlacement(db: Db, organisationId: string, id: string, endsOn: string, endReason: string): Promise<void> {
  await db.update(placements).set({ endsOn, endReason }).where(and(eq(placements.organisationId, organisationId), eq(placements.id, id)));
}

export async function placementById(db: Db, id: string): Promise<PlacementRow | undefined> {
  const [row] = await db.select().from(placements).where(eq(placements.id, id));
  return row;
}

export interface PlacementQuery {
  organisationId: string;
  /** Active on this date. */
  activeOn?: string;
  providerId?: string;
  paymentRoute?: string;
  offFramework?: boolean;
  personIds?: readonly string[];
  tenancyIds?: readonly string[];
  current?: boolean;
}

function placementWhere(query: PlacementQuery): SQL | undefined {
  return and(
    eq(placements.organisationId, query.organisationId),
    query.activeOn ? and(lte(placements.startsOn, query.activeOn), or(isNull(placements.endsOn), gte(placements.endsOn, query.activeOn))) : undefined,
    query.providerId ? eq(placements.providerId, query.providerId) : undefined,
    query.paymentRoute ? eq(placements.paymentRoute, query.paymentRoute) : undefined,
    query.offFramework !== undefined ? eq(placements.offFramework, query.offFramework) : undefined,
    query.personIds ? inArray(placements.personId, [...query.personIds, '00000000-0000-0000-0000-000000000000']) : undefined,
    query.tenancyIds ? inArray(placements.tenancyId, [...query.tenancyIds, '00000000-0000-0000-0000-000000000000']) : undefined,
    query.current ? isNull(placements.endsOn) : undefined,
  );
}

export async function findPlacements(db: Db, query: PlacementQuery, offset = 0, limit = 100_000): Promise<{ rows: PlacementRow[]; total: number }> {
  const where = placementWhere(query);
  const [rows, [total]] = await Promise.all([
    db.select().from(placements).where(where).orderBy(desc(placements.startsOn), asc(placements.id)).offset(offset).limit(limit),
    db.select({ n: count() }).from(placements).where(where),
  ]);
  return { rows, total: total!.n };
}

export async function idempotentRequest(db: Db, userId: string, key: string) {
  const [row] = await db.select().from(idempotentRequests).where(and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key)));
  return row;
}

export async function saveIdempotentRequest(db: Db, row: typeof idempotentRequests.$inferInsert): Promise<void> {
  await db.insert(idempotentRequests).values(row);
}
