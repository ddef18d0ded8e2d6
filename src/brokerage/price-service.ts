// Rate cards and the price of a package: the rate card's in force on the start date, or the price
// agreed with the provider where the vehicle's prices are not fixed (or off framework).
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { longDate } from '../platform/domain/calendar.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, ForbiddenError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { getVehicle } from '../procurement/service.ts';
import type { MembershipForPlacement } from '../procurement/market-service.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import type { NightSupport } from './domain/people.ts';
import {
  annualPence,
  cardInForce,
  packagePrice,
  priceProblem,
  ratesProblems,
  type PackageInput,
  type PackagePrice,
  type PriceLine,
  type Rates,
} from './domain/prices.ts';
import { rateCardInput, type RateCardInput } from './input.ts';
import { REPORT_READERS } from './placement-service.ts';
import * as repository from './price-repository.ts';
import type { SchemeRow } from './scheme-repository.ts';

export const RATE_CARD_READERS: readonly Role[] = [...REPORT_READERS, 'social_worker'];
export const RATE_SETTERS: readonly Role[] = ['commissioner', 'finance_officer'];
/** The one line of a price agreed with the provider rather than taken from a rate card. */
export const AGREED_PRICE_LABEL = 'Agreed weekly price';

export async function rateCards(db: Db, viewer: CurrentUser, vehicleId: string): Promise<repository.RateCardRow[]> {
  staffOrganisation(viewer, RATE_CARD_READERS);
  // Partners of a joint vehicle read the lead's cards too.
  const vehicle = await getVehicle(db, viewer, vehicleId);
  return repository.rateCardsOf(db, vehicle.vehicle.organisationId, vehicle.vehicle.id);
}

export async function createRateCard(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: RateCardInput,
): Promise<repository.RateCardRow> {
  const organisationId = staffOrganisation(viewer, RATE_SETTERS);
  const card = parseOrThrow(rateCardInput, input);
  const vehicle = await getVehicle(db, viewer, vehicleId);
  if (vehicle.vehicle.organisationId !== organisationId)
    throw new ForbiddenError('Rate cards are set by the lead organisation.');
  const problems: FieldError[] = ratesProblems(card);
  if (card.lotId && !vehicle.lots.some((lot) => lot.id === card.lotId))
    problems.push({ field: 'lotId', message: 'Choose a lot of this vehicle' });
  if (problems.length > 0) throw new ValidationError(problems);
  const [row] = await db.transaction((tx) =>
    saveRateCards(tx, viewer, organisationId, vehicle.vehicle.id, card.effectiveFrom, [card]),
  );
  return row!;
}

/** Refuses a second card for a lot from the same day; saves the cards with an audit event each. */
async function saveRateCards(
  tx: Tx,
  viewer: CurrentUser,
  organisationId: string,
  vehicleId: string,
  effectiveFrom: string,
  cards: readonly { lotId: string | null; weekly: Rates['weekly']; hourly: Rates['hourly'] }[],
  reason: string | null = null,
): Promise<repository.RateCardRow[]> {
  const existing = await repository.rateCardsOf(tx, organisationId, vehicleId);
  if (
    existing.some((other) => other.effectiveFrom === effectiveFrom && cards.some((card) => card.lotId === other.lotId))
  ) {
    throw new ConflictError(`A rate card already takes effect on ${longDate(effectiveFrom)}`, [
      { field: 'effectiveFrom', message: `A rate card already takes effect on ${longDate(effectiveFrom)}` },
    ]);
  }
  const rows = cards.map((card) => ({
    organisationId,
    id: randomUUID(),
    vehicleId,
    lotId: card.lotId,
    effectiveFrom,
    rates: { weekly: card.weekly, hourly: card.hourly },
    createdAt: new Date(),
    createdBy: viewer.id,
  }));
  for (const row of rows) await repository.insertRateCard(tx, row);
  await recordAudit(
    tx,
    actorOf(viewer),
    rows.map((row) => ({
      action: 'rate-card.create',
      recordType: 'vehicle',
      recordId: vehicleId,
      after: { lotId: row.lotId, effectiveFrom, rates: row.rates },
      reason,
    })),
  );
  return rows;
}

/**
 * An uplift's new cards, in the caller's transaction: one for each lot (or the whole vehicle)
 * from one date, each checked as a card typed in would be, the reason recorded with each.
 */
export async function createRateCardsFrom(
  tx: Tx,
  viewer: CurrentUser,
  vehicleId: string,
  effectiveFrom: string,
  cards: readonly { lotId: string | null; rates: Rates }[],
  reason: string,
): Promise<repository.RateCardRow[]> {
  const organisationId = staffOrganisation(viewer, RATE_SETTERS);
  const vehicle = await getVehicle(tx, viewer, vehicleId);
  if (vehicle.vehicle.organisationId !== organisationId)
    throw new ForbiddenError('Rate cards are set by the lead organisation.');
  const problems = cards.flatMap((card) => ratesProblems(card.rates));
  if (problems.length > 0) throw new ValidationError(problems);
  return saveRateCards(
    tx,
    viewer,
    organisationId,
    vehicleId,
    effectiveFrom,
    cards.map((card) => ({ lotId: card.lotId, ...card.rates })),
    reason,
  );
}

/** A package in a scheme is priced at the scheme's band and size; support at home at the person's band. */
export function packageInputFor(
  scheme: SchemeRow | undefined,
  tenants: number,
  assessedBand: NeedBand,
  care: { priceBasis: 'banded' | 'hourly'; oneToOneMinutesPerWeek: number; nightSupport: NightSupport },
): PackageInput {
  return {
    basis: care.priceBasis,
    band: scheme ? (scheme.accommodationBand as NeedBand) : assessedBand,
    tenants,
    coreMinutesPerWeek: scheme?.coreMinutesPerWeek ?? 0,
    oneToOneMinutesPerWeek: care.oneToOneMinutesPerWeek,
    nightSupport: care.nightSupport,
    wakingNightMinutes: scheme?.wakingNightMinutes ?? 600,
  };
}

export interface PackageQuote {
  price?: PackagePrice;
  /** The rate card it was priced from; absent for a price agreed with the provider. */
  rateCardId?: string;
  problems: FieldError[];
}

/**
 * The weekly price of a package: the price agreed with the provider where the vehicle's prices
 * are not fixed (or off framework), else the rate card's in force on the start date. The vehicle's
 * cards are read from the database unless `cardsOf` (many placements priced at once) has them.
 */
export async function quotePackage(
  db: Db,
  organisationId: string,
  membership: MembershipForPlacement | undefined,
  packageInput: PackageInput,
  startsOn: string,
  agreedWeeklyPricePence: number | null,
  cardsOf = (vehicleId: string) => repository.rateCardsOf(db, organisationId, vehicleId),
): Promise<PackageQuote> {
  if (agreedWeeklyPricePence !== null) {
    const problems: FieldError[] = membership?.pricesFixed
      ? [{ field: 'agreedWeeklyPricePence', message: 'Prices on this vehicle are fixed by the rate card' }]
      : [];
    const lines: PriceLine[] = [
      {
        label: AGREED_PRICE_LABEL,
        detail: membership ? 'Agreed with the provider' : 'Spot purchase off framework',
        pence: agreedWeeklyPricePence,
      },
    ];
    return {
      problems,
      price: {
        basis: packageInput.basis,
        lines,
        weeklyPence: agreedWeeklyPricePence,
        annualPence: annualPence(agreedWeeklyPricePence),
      },
    };
  }
  if (!membership)
    return {
      problems: [
        { field: 'agreedWeeklyPricePence', message: 'Enter the agreed weekly price of an off-framework placement' },
      ],
    };
  const cards = await cardsOf(membership.vehicleId);
  const card =
    cardInForce(
      cards.filter((row) => row.lotId === membership.lotId),
      startsOn,
    ) ??
    cardInForce(
      cards.filter((row) => row.lotId === null),
      startsOn,
    );
  const problem = card
    ? priceProblem(packageInput, card.rates)
    : `The vehicle has no rate card in force on ${longDate(startsOn)}`;
  return problem
    ? { problems: [{ field: 'priceBasis', message: problem }] }
    : { problems: [], price: packagePrice(packageInput, card!.rates), rateCardId: card!.id };
}
