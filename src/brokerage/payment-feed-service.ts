// What pricing's payment schedules read of placements: for the viewer's organisation and a date
// range, each placement active in it with its provider, references, payment route, funding,
// contribution and price periods. Pricing reads placements only through here.
import type { Db } from '../platform/db/client.ts';
import { staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { FundingShare, PaymentRoute } from './domain/people.ts';
import * as repository from './payment-feed-repository.ts';

/** Who may read the feed: those who make, export and read payment schedules. */
export const PAYMENT_FEED_READERS: readonly Role[] = ['finance_officer', 'commissioner', 'auditor'];

export interface FeedPlacement {
  placementId: string;
  /** The placement's reference: its id, as on its page and in the API. */
  placementReference: string;
  providerId: string;
  providerName: string;
  /** The person's case reference in the council's case-management system (never their name). */
  caseReference: string;
  paymentRoute: PaymentRoute;
  funding: FundingShare[];
  /** The person's assessed weekly contribution, as recorded on the placement. */
  contributionPence: number;
  startsOn: string;
  endsOn: string | null;
  /** All its weekly prices, each from its date until the next, in date order. */
  prices: { effectiveFrom: string; weeklyPricePence: number }[];
}

/** Every placement of the viewer's organisation active on a day from `from` to `to` (inclusive). */
export async function paymentFeed(db: Db, viewer: CurrentUser, from: string, to: string): Promise<FeedPlacement[]> {
  const organisationId = staffOrganisation(viewer, PAYMENT_FEED_READERS);
  return feedOf(db, organisationId, from, to);
}

/** The same for an organisation whose viewer has been checked. */
async function feedOf(db: Db, organisationId: string, from: string, to: string): Promise<FeedPlacement[]> {
  if (to < from) throw new ValidationError([{ field: 'to', message: 'The range must end on or after its start' }]);
  const rows = await repository.placementsActiveIn(db, organisationId, from, to);
  const prices = await repository.pricesActiveIn(db, organisationId, from, to);
  const byPlacement = new Map<string, FeedPlacement['prices']>();
  for (const price of prices) {
    let list = byPlacement.get(price.placementId);
    if (!list) byPlacement.set(price.placementId, (list = []));
    list.push({ effectiveFrom: price.effectiveFrom, weeklyPricePence: price.weeklyPricePence });
  }
  return rows.map((row) => ({
    ...row,
    placementReference: row.placementId,
    paymentRoute: row.paymentRoute as PaymentRoute,
    prices: byPlacement.get(row.placementId) ?? [],
  }));
}
