// A placement's price over time: the price it was made at, then each change from its date.
// Payments follow these periods; the placement's own price is the one in force today.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { getPlacement } from './placement-service.ts';
import * as repository from './placement-price-repository.ts';

export type PlacementPrice = repository.PlacementPriceRow;

/** The placement's price periods, oldest first, for whoever may read the placement. */
export async function priceHistory(db: Db, viewer: CurrentUser, placementId: string): Promise<PlacementPrice[]> {
  const placement = await getPlacement(db, viewer, placementId);
  return repository.pricesOf(db, placement.organisationId, placement.id);
}

/**
 * Records new prices from their dates, in the caller's transaction (the caller checks who may
 * and writes the audit), and brings today's price onto each placement at once.
 */
export async function recordPlacementPrices(
  tx: Db,
  prices: readonly PlacementPrice[],
  now = new Date(),
): Promise<void> {
  if (prices.length === 0) return;
  await repository.savePrices(tx, prices);
  await repository.bringPricesInForce(
    tx,
    isoDateInLondon(now),
    prices.map((price) => price.placementId),
  );
}

/** The night's run: prices that take effect today become the placements' own. */
export async function bringTodaysPricesInForce(db: Db, now = new Date()): Promise<number> {
  return repository.bringPricesInForce(db, isoDateInLondon(now));
}
