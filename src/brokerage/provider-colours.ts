// Each provider's early-warning colour where a person's provider is chosen (report 003 §2.1:
// assessors use the risk dashboard when helping people choose), read from quality's risk service
// for brokerage's pages and API. Brokerage's services do not depend on quality: the pages join the
// colours here and hand the Red-rated ones to the rule that asks why brokerage goes ahead.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { COLOUR_TAGS } from '../quality/risk-routes.ts';
import { providerColours, RISK_CHOOSERS, type ProviderColour } from '../quality/risk-service.ts';
import type { RedRating } from './domain/red-rated.ts';
import { offersToSend, type OffersToSend } from './cascade-service.ts';
import { getReferral, type ReferralDetail } from './referral-service.ts';

/** A provider's colour as a page shows it: the GOV.UK tag's colour beside the colour's word. */
export interface ShownColour extends ProviderColour {
  tagColour: string;
}

/**
 * Colours by provider id, for a viewer who holds a role that sees them; undefined for anyone else,
 * whose pages show no colours. A provider with no rated service is absent ("Not rated yet").
 */
export async function coloursFor(
  db: Db,
  viewer: CurrentUser,
  providerIds: readonly string[],
): Promise<Record<string, ShownColour> | undefined> {
  if (viewer.providerId !== null || !hasRole(viewer, ...RISK_CHOOSERS)) return undefined;
  const colours = await providerColours(db, viewer, providerIds);
  return Object.fromEntries(
    [...colours].map(([providerId, colour]) => [providerId, { ...colour, tagColour: COLOUR_TAGS[colour.colour] }]),
  );
}

/** The Red-rated ones among `providers`, for the rule that asks why brokerage goes ahead. */
export function redRatings(
  colours: Record<string, ShownColour> | undefined,
  providers: readonly { providerId: string; providerName: string }[],
): Map<string, RedRating> {
  return new Map(
    providers.flatMap(({ providerId, providerName }) => {
      const colour = colours?.[providerId];
      return colour?.colour === 'red' ? [[providerId, { providerName, headline: colour.headline }] as const] : [];
    }),
  );
}

/** The Red-rated among the providers a referral's offers would go to, were they sent now. */
export async function redToOffer(db: Db, viewer: CurrentUser, referralId: string): Promise<Map<string, RedRating>> {
  const offered = (await offersToSend(db, viewer, referralId))?.offered ?? [];
  return redRatings(
    await coloursFor(
      db,
      viewer,
      offered.map((offeree) => offeree.providerId),
    ),
    offered,
  );
}

/** The Red-rated among the providers who accepted a referral's offers, one of whom the person chooses. */
export async function redAccepted(db: Db, viewer: CurrentUser, referralId: string): Promise<Map<string, RedRating>> {
  const { ranked } = await getReferral(db, viewer, referralId);
  return redRatings(
    await coloursFor(
      db,
      viewer,
      ranked.map((acceptance) => acceptance.providerId),
    ),
    ranked,
  );
}

/**
 * The colours a referral's page shows: of the vacancies' care providers, those offered the work and
 * those it would be offered to now; and the Red-rated among the latter and among those who accepted.
 */
export async function referralColours(
  db: Db,
  viewer: CurrentUser,
  detail: ReferralDetail,
  sending: OffersToSend | undefined,
) {
  const toOffer = sending?.offered ?? [];
  const colours = await coloursFor(db, viewer, [
    ...detail.shortlist.suitable.flatMap((vacancy) => vacancy.careProviderId ?? []),
    ...detail.steps.flatMap((step) => step.offers).map((offer) => offer.providerId),
    ...toOffer.map((offeree) => offeree.providerId),
  ]);
  return {
    colours,
    redToOffer: [...redRatings(colours, toOffer).values()],
    redAccepted: [...redRatings(colours, detail.ranked).values()],
  };
}
