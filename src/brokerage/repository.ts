import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import {
  assessmentMatrices,
  cascadeSteps,
  embargoes,
  idempotentRequests,
  needAssessments,
  offers,
  people,
  placements,
  rateCards,
  referrals,
  schemes,
  tenancies,
  units,
} from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type AssessmentRow = typeof needAssessments.$inferSelect;
export type SchemeRow = typeof schemes.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type TenancyRow = typeof tenancies.$inferSelect;
export type RateCardRow = typeof rateCards.$inferSelect;
export type EmbargoRow = typeof embargoes.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type CascadeStepRow = typeof cascadeSteps.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export async function matrixOf(db: Db, organisationId: string) {
  const [row] = await db.select().from(assessmentMatrices).where(eq(assessmentMatrices.organisationId, organisationId));
  return row;
}

export async function saveMatrix(db: Db, row: typeof assessmentMatrices.$inferInsert): Promise<void> {
  await db
    .insert(assessmentMatrices)
    .values(row)
    .onConflictDoUpdate({
      target: assessmentMatrices.organisationId,
      set: { matrix: row.matrix, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

export async function insertPeople(db: Db, rows: (typeof people.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(people).values(rows);
}

export async function updatePerson(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof people.$inferInsert>,
): Promise<void> {
  await db
    .update(people)
    .set(set)
    .where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
}

export async function personById(db: Db, organisationId: string, id: string): Promise<PersonRow | undefined> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
  return row;
}

export async function peopleByIds(db: Db, organisationId: string, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), inArray(people.id, [...ids])));
}

export async function personByCaseReference(
  db: Db,
  organisationId: string,
  caseReference: string,
): Promise<PersonRow | undefined> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.caseReference, caseReference)));
  return row;
}

export async function findPeople(
  db: Db,
  organisationId: string,
  search: string | undefined,
  offset: number,
  limit: number,
): Promise<{ rows: PersonRow[]; total: number }> {
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const where = and(
    eq(people.organisationId, organisationId),
    pattern ? or(ilike(people.name, pattern), ilike(people.caseReference, pattern)) : undefined,
  );
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
export async function latestAssessments(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, AssessmentRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([needAssessments.personId])
    .from(needAssessments)
    .where(and(eq(needAssessments.organisationId, organisationId), inArray(needAssessments.personId, [...personIds])))
    .orderBy(needAssessments.personId, desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
  return new Map(rows.map((row) => [row.personId, row]));
}

export async function assessmentsOf(db: Db, organisationId: string, personId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(needAssessments)
    .where(and(eq(needAssessments.organisationId, organisationId), eq(needAssessments.personId, personId)))
    .orderBy(desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
}

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

export async function insertRateCard(db: Db, row: typeof rateCards.$inferInsert): Promise<void> {
  await db.insert(rateCards).values(row);
}

export async function rateCardsOf(db: Db, organisationId: string, vehicleId: string): Promise<RateCardRow[]> {
  return db
    .select()
    .from(rateCards)
    .where(and(eq(rateCards.organisationId, organisationId), eq(rateCards.vehicleId, vehicleId)))
    .orderBy(desc(rateCards.effectiveFrom));
}

export async function insertEmbargo(db: Db, row: typeof embargoes.$inferInsert): Promise<void> {
  await db.insert(embargoes).values(row);
}

export async function liftEmbargo(
  db: Db,
  organisationId: string,
  id: string,
  liftedOn: string,
  liftedReason: string,
): Promise<void> {
  await db
    .update(embargoes)
    .set({ liftedOn, liftedReason })
    .where(and(eq(embargoes.organisationId, organisationId), eq(embargoes.id, id)));
}

/** Embargoes in force on a date. */
export async function embargoesInForce(db: Db, organisationId: string, on: string): Promise<EmbargoRow[]> {
  return db
    .select()
    .from(embargoes)
    .where(
      and(
        eq(embargoes.organisationId, organisationId),
        lte(embargoes.startsOn, on),
        or(isNull(embargoes.liftedOn), sql`${embargoes.liftedOn} > ${on}`),
      ),
    );
}

export async function embargoesOf(db: Db, organisationId: string): Promise<EmbargoRow[]> {
  return db
    .select()
    .from(embargoes)
    .where(eq(embargoes.organisationId, organisationId))
    .orderBy(desc(embargoes.startsOn));
}

export async function insertPlacements(db: Db, rows: (typeof placements.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(placements).values(rows);
}

export async function endPlacement(
  db: Db,
  organisationId: string,
  id: string,
  endsOn: string,
  endReason: string,
): Promise<void> {
  await db
    .update(placements)
    .set({ endsOn, endReason })
    .where(and(eq(placements.organisationId, organisationId), eq(placements.id, id)));
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
    query.activeOn
      ? and(
          lte(placements.startsOn, query.activeOn),
          or(isNull(placements.endsOn), gte(placements.endsOn, query.activeOn)),
        )
      : undefined,
    query.providerId ? eq(placements.providerId, query.providerId) : undefined,
    query.paymentRoute ? eq(placements.paymentRoute, query.paymentRoute) : undefined,
    query.offFramework !== undefined ? eq(placements.offFramework, query.offFramework) : undefined,
    query.personIds
      ? inArray(placements.personId, [...query.personIds, '00000000-0000-0000-0000-000000000000'])
      : undefined,
    query.tenancyIds
      ? inArray(placements.tenancyId, [...query.tenancyIds, '00000000-0000-0000-0000-000000000000'])
      : undefined,
    query.current ? isNull(placements.endsOn) : undefined,
  );
}

export async function findPlacements(
  db: Db,
  query: PlacementQuery,
  offset = 0,
  limit = 100_000,
): Promise<{ rows: PlacementRow[]; total: number }> {
  const where = placementWhere(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(placements)
      .where(where)
      .orderBy(desc(placements.startsOn), asc(placements.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(placements).where(where),
  ]);
  return { rows, total: total!.n };
}

export async function idempotentRequest(db: Db, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotentRequests)
    .where(and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key)));
  return row;
}

export async function saveIdempotentRequest(db: Db, row: typeof idempotentRequests.$inferInsert): Promise<void> {
  await db.insert(idempotentRequests).values(row);
}

export async function insertReferral(db: Db, row: typeof referrals.$inferInsert): Promise<void> {
  await db.insert(referrals).values(row);
}

export async function updateReferral(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof referrals.$inferInsert>,
): Promise<void> {
  await db
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.organisationId, organisationId), eq(referrals.id, id)));
}

export async function referralById(db: Db, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

/** Locks the referral row until the transaction ends, so two answers cannot move its cascade on twice. */
export async function lockReferral(db: Db, organisationId: string, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.organisationId, organisationId), eq(referrals.id, id)))
    .for('update');
  return row;
}

export async function findReferrals(
  db: Db,
  query: { organisationId: string; statuses?: readonly string[]; personId?: string },
  offset: number,
  limit: number,
): Promise<{ rows: ReferralRow[]; total: number }> {
  const where = and(
    eq(referrals.organisationId, query.organisationId),
    query.statuses ? inArray(referrals.status, [...query.statuses]) : undefined,
    query.personId ? eq(referrals.personId, query.personId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(referrals)
      .where(where)
      .orderBy(asc(referrals.startBy), asc(referrals.createdAt))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(referrals).where(where),
  ]);
  return { rows, total: total!.n };
}

export async function insertCascadeStep(db: Db, row: typeof cascadeSteps.$inferInsert): Promise<void> {
  await db.insert(cascadeSteps).values(row);
}

export async function cascadeStepsOf(
  db: Db,
  organisationId: string,
  referralIds: readonly string[],
): Promise<CascadeStepRow[]> {
  if (referralIds.length === 0) return [];
  return db
    .select()
    .from(cascadeSteps)
    .where(and(eq(cascadeSteps.organisationId, organisationId), inArray(cascadeSteps.referralId, [...referralIds])))
    .orderBy(asc(cascadeSteps.startedAt));
}

export async function insertOffers(db: Db, rows: (typeof offers.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(offers).values(rows);
}

export async function updateOffer(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof offers.$inferInsert>,
): Promise<void> {
  await db
    .update(offers)
    .set(set)
    .where(and(eq(offers.organisationId, organisationId), eq(offers.id, id)));
}

/** Sets every offer of the referral now in `from` to `to`. */
export async function closeOffers(
  db: Db,
  organisationId: string,
  referralId: string,
  from: string,
  to: string,
): Promise<void> {
  await db
    .update(offers)
    .set({ status: to })
    .where(and(eq(offers.organisationId, organisationId), eq(offers.referralId, referralId), eq(offers.status, from)));
}

export async function offerById(db: Db, id: string): Promise<OfferRow | undefined> {
  const [row] = await db.select().from(offers).where(eq(offers.id, id));
  return row;
}

export async function offersOfReferrals(
  db: Db,
  organisationId: string,
  referralIds: readonly string[],
): Promise<OfferRow[]> {
  if (referralIds.length === 0) return [];
  return db
    .select()
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), inArray(offers.referralId, [...referralIds])))
    .orderBy(asc(offers.sentAt));
}

export async function offersToProvider(
  db: Db,
  providerId: string,
  statuses: readonly string[] | undefined,
  offset: number,
  limit: number,
): Promise<{ rows: OfferRow[]; total: number }> {
  const where = and(eq(offers.providerId, providerId), statuses ? inArray(offers.status, [...statuses]) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(offers).where(where).orderBy(desc(offers.sentAt)).offset(offset).limit(limit),
    db.select({ n: count() }).from(offers).where(where),
  ]);
  return { rows, total: total!.n };
}

/** Unanswered offers whose last day to answer is before `today`, by organisation and referral. */
export async function overdueOffers(db: Db, today: string): Promise<{ organisationId: string; referralId: string }[]> {
  return db
    .selectDistinct({ organisationId: offers.organisationId, referralId: offers.referralId })
    .from(offers)
    .where(and(eq(offers.status, 'awaiting'), sql`${offers.respondBy} < ${today}`));
}

/** People placed with a provider now, for its own view of who it supports. */
export async function currentPlacementsWithProvider(db: Db, providerId: string): Promise<PlacementRow[]> {
  return db
    .select()
    .from(placements)
    .where(and(eq(placements.providerId, providerId), isNull(placements.endsOn)))
    .orderBy(asc(placements.startsOn));
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
