// Referrals, their cascade steps and the offers made at each: the queries.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { cascadeSteps, offers, referrals } from './schema.ts';

export type ReferralRow = typeof referrals.$inferSelect;
export type CascadeStepRow = typeof cascadeSteps.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;

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

/** Unanswered offers whose last day to answer is `today`: their providers are reminded. */
export async function offersOnLastDay(db: Db, today: string): Promise<OfferRow[]> {
  return db
    .select()
    .from(offers)
    .where(and(eq(offers.status, 'awaiting'), eq(offers.respondBy, today)));
}
