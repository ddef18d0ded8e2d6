// A placement's price periods: the queries.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { placementPrices, placements } from './schema.ts';

export type PlacementPriceRow = typeof placementPrices.$inferSelect;

export async function pricesOf(db: Db, organisationId: string, placementId: string): Promise<PlacementPriceRow[]> {
  return db
    .select()
    .from(placementPrices)
    .where(and(eq(placementPrices.organisationId, organisationId), eq(placementPrices.placementId, placementId)))
    .orderBy(asc(placementPrices.effectiveFrom));
}

/** Records prices from their dates; a second price from the same date replaces the first. */
export async function savePrices(db: Db, rows: readonly PlacementPriceRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 2_000) {
    await db
      .insert(placementPrices)
      .values(rows.slice(start, start + 2_000))
      .onConflictDoUpdate({
        target: [placementPrices.organisationId, placementPrices.placementId, placementPrices.effectiveFrom],
        set: {
          weeklyPricePence: sql`excluded.weekly_price_pence`,
          priceLines: sql`excluded.price_lines`,
          reason: sql`excluded.reason`,
          rateCardId: sql`excluded.rate_card_id`,
          recordedAt: sql`excluded.recorded_at`,
          recordedBy: sql`excluded.recorded_by`,
        },
      });
  }
}

/**
 * Sets each placement's own price to the period in force on a date, where it differs: the register,
 * the person's record and the contribution check read the price from the placement itself.
 * Limited to some placements, or every one of every organisation (the night's run).
 */
export async function bringPricesInForce(db: Db, on: string, placementIds?: readonly string[]): Promise<number> {
  const only = placementIds ? inArray(placementPrices.placementId, [...placementIds]) : sql`true`;
  const inForce = db
    .selectDistinctOn([placementPrices.organisationId, placementPrices.placementId], {
      organisationId: placementPrices.organisationId,
      placementId: placementPrices.placementId,
      weeklyPricePence: placementPrices.weeklyPricePence,
      priceLines: placementPrices.priceLines,
    })
    .from(placementPrices)
    .where(and(sql`${placementPrices.effectiveFrom} <= ${on}`, only))
    .orderBy(placementPrices.organisationId, placementPrices.placementId, sql`${placementPrices.effectiveFrom} desc`)
    .as('in_force');
  const changed = await db
    .update(placements)
    .set({ weeklyPricePence: sql`${inForce.weeklyPricePence}`, priceLines: sql`${inForce.priceLines}` })
    .from(inForce)
    .where(
      and(
        eq(placements.organisationId, inForce.organisationId),
        eq(placements.id, inForce.placementId),
        sql`(${placements.weeklyPricePence}, ${placements.priceLines}) is distinct from (${inForce.weeklyPricePence}, ${inForce.priceLines})`,
      ),
    )
    .returning({ id: placements.id });
  return changed.length;
}
