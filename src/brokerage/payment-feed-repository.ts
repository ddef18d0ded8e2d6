// What the payment schedules are worked out from, read set-based: every placement of an
// organisation active on any day of a date range, in two statements (the placements with their
// person's case reference and provider; then their price periods), however many there are.
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { providers } from '../providers/schema.ts';
import type { FundingShare } from './domain/people.ts';
import { people, placementPrices, placements } from './schema.ts';

export interface FeedPlacementRow {
  placementId: string;
  providerId: string;
  providerName: string;
  caseReference: string;
  paymentRoute: string;
  funding: FundingShare[];
  contributionPence: number;
  startsOn: string;
  endsOn: string | null;
}

export interface FeedPriceRow {
  placementId: string;
  effectiveFrom: string;
  weeklyPricePence: number;
}

const activeIn = (organisationId: string, from: string, to: string) =>
  and(
    eq(placements.organisationId, organisationId),
    lte(placements.startsOn, to),
    or(isNull(placements.endsOn), gte(placements.endsOn, from)),
  );

export async function placementsActiveIn(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
): Promise<FeedPlacementRow[]> {
  return db
    .select({
      placementId: placements.id,
      providerId: placements.providerId,
      providerName: providers.name,
      caseReference: people.caseReference,
      paymentRoute: placements.paymentRoute,
      funding: placements.funding,
      contributionPence: placements.contributionPence,
      startsOn: placements.startsOn,
      endsOn: placements.endsOn,
    })
    .from(placements)
    .innerJoin(people, and(eq(people.organisationId, placements.organisationId), eq(people.id, placements.personId)))
    .innerJoin(providers, eq(providers.id, placements.providerId))
    .where(activeIn(organisationId, from, to))
    .orderBy(asc(placements.id));
}

/** Every price period of the same placements, in date order (one agreed ahead of its date included). */
export async function pricesActiveIn(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
): Promise<FeedPriceRow[]> {
  return db
    .select({
      placementId: placementPrices.placementId,
      effectiveFrom: placementPrices.effectiveFrom,
      weeklyPricePence: placementPrices.weeklyPricePence,
    })
    .from(placementPrices)
    .innerJoin(
      placements,
      and(
        eq(placements.organisationId, placementPrices.organisationId),
        eq(placements.id, placementPrices.placementId),
      ),
    )
    .where(activeIn(organisationId, from, to))
    .orderBy(asc(placementPrices.placementId), asc(placementPrices.effectiveFrom));
}
