// Today's work in brokerage: the queries behind each queue on the home page. Each answers with the
// whole queue's count and its first few rows only, so home stays quick however many records there are.
import { and, asc, count, eq, exists, gte, inArray, lte, notExists, sql, type SQL } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { offers, people, referrals } from './schema.ts';

export interface Queue<T> {
  total: number;
  rows: T[];
}

/**
 * What a queue's item says of a referral: where, by when, and the person's case reference, which
 * staff who may read people use to tell one referral from another (never the person's name).
 */
const referralLine = {
  id: referrals.id,
  caseReference: people.caseReference,
  zoneIds: referrals.zoneIds,
  startBy: referrals.startBy,
  urgency: referrals.urgency,
  status: referrals.status,
  createdAt: referrals.createdAt,
  offFrameworkProviderId: referrals.offFrameworkProviderId,
};
export type ReferralLine = Pick<
  typeof referrals.$inferSelect,
  'id' | 'zoneIds' | 'startBy' | 'urgency' | 'status' | 'createdAt' | 'offFrameworkProviderId'
> & { caseReference: string };

/** The referrals, each with its person (in the same organisation). */
const referralsWithPeople = <T extends SelectedFields>(db: Db, columns: T) =>
  db
    .select(columns)
    .from(referrals)
    .innerJoin(people, and(eq(people.organisationId, referrals.organisationId), eq(people.id, referrals.personId)));

/**
 * The rows asked for (a query not yet run, limited to `limit`), with the number of referrals
 * `where` matches in all.
 */
async function withReferralTotal<T>(
  db: Db,
  rows: PromiseLike<T[]>,
  where: SQL | undefined,
  limit: number,
): Promise<Queue<T>> {
  return pageWithTotal(rows, db.select({ n: count() }).from(referrals).where(where), { offset: 0, limit });
}

/** The organisation's referrals in one of `statuses` (those one person referred, if given): oldest first, or soonest start first. */
export async function referralsInStatus(
  db: Db,
  query: { organisationId: string; statuses: readonly string[]; referredBy?: string },
  order: 'oldest' | 'start-by',
  limit: number,
): Promise<Queue<ReferralLine>> {
  const where = and(
    eq(referrals.organisationId, query.organisationId),
    inArray(referrals.status, [...query.statuses]),
    query.referredBy ? eq(referrals.referredBy, query.referredBy) : undefined,
  );
  const orderBy =
    order === 'oldest'
      ? [asc(referrals.createdAt), asc(referrals.id)]
      : [asc(referrals.startBy), asc(referrals.createdAt), asc(referrals.id)];
  return withReferralTotal(
    db,
    referralsWithPeople(db, referralLine)
      .where(where)
      .orderBy(...orderBy)
      .limit(limit),
    where,
    limit,
  );
}

/** An offer of the referral at the step it has reached, in `status`. */
const offerAtCurrentStep = (db: Db, status: string) =>
  db
    .select({ one: sql`1` })
    .from(offers)
    .where(
      and(
        eq(offers.organisationId, referrals.organisationId),
        eq(offers.referralId, referrals.id),
        eq(offers.step, referrals.step),
        eq(offers.status, status),
      ),
    );

/**
 * Referrals offering whose current step has nobody left to answer and at least one acceptance:
 * stepState's "choose" (domain/cascade.ts), asked of the database. Soonest start first.
 */
export async function referralsToChoose(
  db: Db,
  organisationId: string,
  limit: number,
): Promise<Queue<ReferralLine & { accepted: number }>> {
  const where = and(
    eq(referrals.organisationId, organisationId),
    eq(referrals.status, 'offering'),
    exists(offerAtCurrentStep(db, 'accepted')),
    notExists(offerAtCurrentStep(db, 'awaiting')),
  );
  const accepted = db.$count(
    offers,
    and(
      eq(offers.organisationId, referrals.organisationId),
      eq(offers.referralId, referrals.id),
      eq(offers.step, referrals.step),
      eq(offers.status, 'accepted'),
    ),
  );
  return withReferralTotal(
    db,
    referralsWithPeople(db, { ...referralLine, accepted })
      .where(where)
      .orderBy(asc(referrals.startBy), asc(referrals.createdAt), asc(referrals.id))
      .limit(limit),
    where,
    limit,
  );
}

export interface OfferLine {
  offerId: string;
  providerId: string;
  respondBy: string;
  organisationId: string;
  referralId: string;
  zoneIds: string[];
  startBy: string;
}

const offerLine = {
  offerId: offers.id,
  providerId: offers.providerId,
  respondBy: offers.respondBy,
  organisationId: offers.organisationId,
  referralId: offers.referralId,
  zoneIds: referrals.zoneIds,
  startBy: referrals.startBy,
};

async function offerQueue(db: Db, where: SQL | undefined, limit: number): Promise<Queue<OfferLine>> {
  const joined = and(eq(referrals.organisationId, offers.organisationId), eq(referrals.id, offers.referralId));
  return pageWithTotal(
    db
      .select(offerLine)
      .from(offers)
      .innerJoin(referrals, joined)
      .where(where)
      .orderBy(asc(offers.respondBy), asc(offers.sentAt), asc(offers.id))
      .limit(limit),
    db.select({ n: count() }).from(offers).innerJoin(referrals, joined).where(where),
    { offset: 0, limit },
  );
}

/** The organisation's unanswered offers whose last day to answer falls from `from` to `to`: soonest first. */
export function offersDueBetween(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
  limit: number,
): Promise<Queue<OfferLine>> {
  return offerQueue(
    db,
    and(
      eq(offers.organisationId, organisationId),
      eq(offers.status, 'awaiting'),
      gte(offers.respondBy, from),
      lte(offers.respondBy, to),
      eq(referrals.status, 'offering'),
    ),
    limit,
  );
}

/** Offers to the provider it may still answer (its last day not gone by `today`): soonest first. */
export function offersAwaitingProvider(
  db: Db,
  providerId: string,
  today: string,
  limit: number,
): Promise<Queue<OfferLine>> {
  return offerQueue(
    db,
    and(
      eq(offers.providerId, providerId),
      eq(offers.status, 'awaiting'),
      gte(offers.respondBy, today),
      eq(referrals.status, 'offering'),
    ),
    limit,
  );
}
