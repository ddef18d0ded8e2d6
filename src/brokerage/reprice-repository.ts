// Repricing a vehicle's placements on new rate cards: the queries.
import { and, asc, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { people, placementPrices, placements, schemes, tenancies, units } from './schema.ts';

/** A vehicle's placements running on or after a date, with the person's case reference and the scheme, if any. */
export async function placementsRunningFrom(db: Db, organisationId: string, vehicleId: string, from: string) {
  return db
    .select({ placement: placements, caseReference: people.caseReference, scheme: schemes })
    .from(placements)
    .innerJoin(people, and(eq(people.organisationId, placements.organisationId), eq(people.id, placements.personId)))
    .leftJoin(
      tenancies,
      and(eq(tenancies.organisationId, placements.organisationId), eq(tenancies.id, placements.tenancyId)),
    )
    .leftJoin(units, and(eq(units.organisationId, tenancies.organisationId), eq(units.id, tenancies.unitId)))
    .leftJoin(schemes, and(eq(schemes.organisationId, units.organisationId), eq(schemes.id, units.schemeId)))
    .where(
      and(
        eq(placements.organisationId, organisationId),
        eq(placements.vehicleId, vehicleId),
        or(isNull(placements.endsOn), gte(placements.endsOn, from)),
      ),
    )
    .orderBy(asc(people.caseReference), asc(placements.startsOn));
}

/** The price periods of some placements, oldest first. */
export async function pricePeriodsOf(db: Db, organisationId: string, placementIds: readonly string[]) {
  if (placementIds.length === 0) return [];
  return db
    .select()
    .from(placementPrices)
    .where(
      and(eq(placementPrices.organisationId, organisationId), inArray(placementPrices.placementId, [...placementIds])),
    )
    .orderBy(asc(placementPrices.placementId), asc(placementPrices.effectiveFrom));
}
