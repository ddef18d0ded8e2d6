// Repricing a vehicle's placements on new rate cards (an uplift): each placement priced from a
// rate card has its package rebuilt from its scheme, the person's assessment and its own fields,
// and is priced on the new card for its lot from the new cards' date (or its own start, if later).
// Placements at a price agreed with the provider are listed, not repriced. Nothing before the
// date changes: the new price is a price period from that date, the earlier periods stay.
import type { Db, Tx } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import type { Role } from '../platform/domain/roles.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import type { NightSupport } from './domain/people.ts';
import { packagePrice, priceProblem, type PackagePrice, type Rates } from './domain/prices.ts';
import { needsOf } from './people-service.ts';
import { recordPlacementPrices, type PlacementPrice } from './placement-price-service.ts';
import { AGREED_PRICE_LABEL, packageInputFor, RATE_SETTERS } from './price-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './reprice-repository.ts';

/** A new card's rates for the placements of one lot (null: every lot without its own card). */
export interface NewCard {
  lotId: string | null;
  rates: Rates;
  /** The card's id once created; absent while the repricing is only worked out. */
  id?: string;
}

export interface Repriced {
  placementId: string;
  personId: string;
  providerId: string;
  caseReference: string;
  lotId: string | null;
  /** The new price's first day: the cards' date, or the placement's start if later. */
  from: string;
  beforePence: number;
  after: PackagePrice;
}

export interface NotRepriced {
  placementId: string;
  providerId: string;
  caseReference: string;
  weeklyPence: number;
  reason: string;
}

export interface RepricePlan {
  from: string;
  repriced: Repriced[];
  notRepriced: NotRepriced[];
}

/** The new card a placement of this lot is priced on: its lot's own, else the vehicle-wide one. */
const cardFor = (cards: readonly NewCard[], lotId: string | null) =>
  cards.find((card) => card.lotId !== null && card.lotId === lotId) ?? cards.find((card) => card.lotId === null);

/**
 * What repricing a vehicle's placements running on or after `from` on these cards would do: each
 * placement priced from a rate card on the day, with its price then and on the new card.
 */
export async function planRepricing(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  from: string,
  cards: readonly NewCard[],
  readers: readonly Role[] = RATE_SETTERS,
): Promise<RepricePlan> {
  const organisationId = staffOrganisation(viewer, readers);
  const rows = await repository.placementsRunningFrom(db, organisationId, vehicleId, from);
  const periods = await repository.pricePeriodsOf(
    db,
    organisationId,
    rows.map((row) => row.placement.id),
  );
  const assessments = await peopleRepository.latestAssessments(
    db,
    organisationId,
    rows.filter((row) => !row.scheme).map((row) => row.placement.personId),
  );
  // Each placement's periods, oldest first: a vehicle's placements are looked up here one by one.
  const periodsOf = new Map<string, typeof periods>();
  for (const period of periods) {
    const list = periodsOf.get(period.placementId);
    if (list) list.push(period);
    else periodsOf.set(period.placementId, [period]);
  }
  const plan: RepricePlan = { from, repriced: [], notRepriced: [] };
  for (const { placement, caseReference, scheme } of rows) {
    const day = placement.startsOn > from ? placement.startsOn : from;
    let inForce: (typeof periods)[number] | undefined;
    for (const period of periodsOf.get(placement.id) ?? []) if (period.effectiveFrom <= day) inForce = period;
    const weeklyPence = inForce?.weeklyPricePence ?? placement.weeklyPricePence;
    const base = { placementId: placement.id, providerId: placement.providerId, caseReference };
    // Periods recorded before prices kept their card have none: their lines say whether they were agreed.
    const agreed =
      placement.offFramework ||
      !inForce ||
      (inForce.rateCardId === null && inForce.priceLines.some((line) => line.label === AGREED_PRICE_LABEL));
    if (agreed) {
      plan.notRepriced.push({ ...base, weeklyPence, reason: 'Price agreed with the provider, not from a rate card' });
      continue;
    }
    const card = cardFor(cards, placement.lotId);
    const assessment = assessments.get(placement.personId);
    const packageInput = packageInputFor(
      scheme ?? undefined,
      placement.tenantsAtStart,
      assessment ? needsOf(assessment).band : ('complex' as NeedBand),
      {
        priceBasis: placement.priceBasis as 'banded' | 'hourly',
        oneToOneMinutesPerWeek: placement.oneToOneMinutesPerWeek,
        nightSupport: placement.nightSupport as NightSupport,
      },
    );
    const problem = card ? priceProblem(packageInput, card.rates) : 'No new rate card covers its lot';
    if (problem) {
      plan.notRepriced.push({ ...base, weeklyPence, reason: problem });
      continue;
    }
    plan.repriced.push({
      ...base,
      personId: placement.personId,
      lotId: placement.lotId,
      from: day,
      beforePence: weeklyPence,
      after: packagePrice(packageInput, card!.rates),
    });
  }
  return plan;
}

/**
 * Records the plan's new prices, each from its day, in the caller's transaction (the cards given
 * with their ids, as created), with an audit event for each placement's change.
 */
export async function applyRepricing(
  tx: Tx,
  viewer: CurrentUser,
  plan: RepricePlan,
  cards: readonly NewCard[],
  reason: string,
): Promise<void> {
  const organisationId = staffOrganisation(viewer, RATE_SETTERS);
  const now = new Date();
  const prices: PlacementPrice[] = plan.repriced.map((one) => ({
    organisationId,
    placementId: one.placementId,
    effectiveFrom: one.from,
    weeklyPricePence: one.after.weeklyPence,
    priceLines: one.after.lines,
    reason,
    rateCardId: cardFor(cards, one.lotId)?.id ?? null,
    recordedAt: now,
    recordedBy: viewer.id,
  }));
  await recordPlacementPrices(tx, prices, now);
  await recordAudit(
    tx,
    actorOf(viewer),
    plan.repriced.map((one) => ({
      action: 'placement.reprice',
      recordType: 'person',
      recordId: one.personId,
      before: { placementId: one.placementId, weeklyPricePence: one.beforePence },
      after: { effectiveFrom: one.from, weeklyPricePence: one.after.weeklyPence, reason },
    })),
  );
}
