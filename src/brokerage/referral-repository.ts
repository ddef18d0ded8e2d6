// Referrals, their cascade steps and the offers made at each: the queries.
import { and, arrayContains, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { REFERRAL_STATUSES } from './domain/referrals.ts';
import { ordered, rankOf, type Sort } from '../platform/db/ordering.ts';

export type { Sort };
import { cascadeSteps, offers, people, referrals } from './schema.ts';

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

export interface ReferralQuery {
  organisationId: string;
  statuses?: readonly string[];
  personId?: string;
  /** Referrals that would place the person in this zone (among others). */
  zoneId?: string;
  referredBy?: string;
  /** Part of the person's name or case reference. */
  search?: string;
}
export type ReferralSortKey = 'referred' | 'startBy' | 'status';

export async function findReferrals(
  db: Db,
  query: ReferralQuery,
  offset: number,
  limit: number,
  sort: Sort<ReferralSortKey> = { key: 'startBy', direction: 'asc' },
): Promise<{ rows: (ReferralRow & { personName: string; caseReference: string })[]; total: number }> {
  const pattern = query.search ? `%${escapeLike(query.search)}%` : undefined;
  const where = and(
    eq(referrals.organisationId, query.organisationId),
    query.statuses ? inArray(referrals.status, [...query.statuses]) : undefined,
    query.personId ? eq(referrals.personId, query.personId) : undefined,
    query.zoneId ? arrayContains(referrals.zoneIds, [query.zoneId]) : undefined,
    query.referredBy ? eq(referrals.referredBy, query.referredBy) : undefined,
    pattern ? or(ilike(people.name, pattern), ilike(people.caseReference, pattern)) : undefined,
  );
  const order = {
    referred: [ordered(referrals.createdAt, sort.direction)],
    startBy: [ordered(referrals.startBy, sort.direction), asc(referrals.createdAt)],
    // In the order a referral goes through them: new, offering, …, placed, withdrawn.
    status: [ordered(rankOf(referrals.status, REFERRAL_STATUSES), sort.direction), asc(referrals.startBy)],
  }[sort.key];
  const person = and(eq(people.organisationId, referrals.organisationId), eq(people.id, referrals.personId));
  const { rows, total } = await pageWithTotal(
    db
      .select({ referral: referrals, personName: people.name, caseReference: people.caseReference })
      .from(referrals)
      .innerJoin(people, person)
      .where(where)
      .orderBy(...order, asc(referrals.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(referrals).innerJoin(people, person).where(where),
    { offset, limit },
  );
  return {
    rows: rows.map((row) => ({ ...row.referral, personName: row.personName, caseReference: row.caseReference })),
    total,
  };
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

export type OfferSortKey = 'sent' | 'answerBy';

export async function offersToProvider(
  db: Db,
  providerId: string,
  statuses: readonly string[] | undefined,
  offset: number,
  limit: number,
  sort: Sort<OfferSortKey> = { key: 'sent', direction: 'desc' },
): Promise<{ rows: OfferRow[]; total: number }> {
  const where = and(eq(offers.providerId, providerId), statuses ? inArray(offers.status, [...statuses]) : undefined);
  const order = {
    sent: [ordered(offers.sentAt, sort.direction)],
    answerBy: [ordered(offers.respondBy, sort.direction), desc(offers.sentAt)],
  }[sort.key];
  return pageWithTotal(
    db
      .select()
      .from(offers)
      .where(where)
      .orderBy(...order, asc(offers.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(offers).where(where),
    { offset, limit },
  );
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
