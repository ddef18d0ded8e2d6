// Package prices (DOMAIN.md, "Price"; report 000 §12): weekly rates set by need band and scheme
// size, or hourly rates for the hours the person receives. Money in pence, hours in minutes;
// each line is rounded to the penny once and the total is the sum of the lines.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { formatPence } from '../../platform/domain/money.ts';
import { NEED_BANDS, NEED_BAND_LABELS, type NeedBand } from '../../procurement/domain/vehicles.ts';
import type { NightSupport } from './people.ts';

export const SCHEME_SIZES = ['1', '2-3', '4-6', '7+'] as const;
export type SchemeSize = (typeof SCHEME_SIZES)[number];
export const SCHEME_SIZE_LABELS: Record<SchemeSize, string> = {
  '1': '1 tenant',
  '2-3': '2 to 3 tenants',
  '4-6': '4 to 6 tenants',
  '7+': '7 or more tenants',
};

export const HOURLY_RATES = ['supportHour', 'oneToOneHour', 'sleepInNight', 'wakingNightHour'] as const;
export type HourlyRate = (typeof HOURLY_RATES)[number];
export const HOURLY_RATE_LABELS: Record<HourlyRate, string> = {
  supportHour: 'Support hour',
  oneToOneHour: '1:1 hour',
  sleepInNight: 'Sleep-in night',
  wakingNightHour: 'Waking night hour',
};

export interface Rates {
  /** Weekly rate by need band and scheme size; a missing cell means the card sets no banded rate there. */
  weekly: Partial<Record<NeedBand, Partial<Record<SchemeSize, number>>>>;
  hourly: Record<HourlyRate, number>;
}

export type PriceBasis = 'banded' | 'hourly';

export interface PackageInput {
  basis: PriceBasis;
  band: NeedBand;
  /** Tenants sharing the scheme's core hours, the person included; 1 in their own home. */
  tenants: number;
  /** The scheme's shared (core) minutes a week. */
  coreMinutesPerWeek: number;
  oneToOneMinutesPerWeek: number;
  nightSupport: NightSupport;
  /** Minutes a waking night lasts; sleep-ins are priced per night. */
  wakingNightMinutes: number;
}

export interface PriceLine {
  label: string;
  detail: string;
  pence: number;
}

export interface PackagePrice {
  basis: PriceBasis;
  lines: PriceLine[];
  weeklyPence: number;
  annualPence: number;
}

export const sizeOf = (tenants: number): SchemeSize =>
  tenants <= 1 ? '1' : tenants <= 3 ? '2-3' : tenants <= 6 ? '4-6' : '7+';

/** Annual cost from a weekly price: weekly × 365 ÷ 7, to the penny. */
export const annualPence = (weeklyPence: number): number => Math.round((weeklyPence * 365) / 7);

/** A person's share of the scheme's core minutes: core ÷ tenants, in whole minutes. */
export const coreShareMinutes = (coreMinutesPerWeek: number, tenants: number): number =>
  Math.round(coreMinutesPerWeek / Math.max(1, tenants));

const hours = (minutes: number) => {
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${whole} h` : `${whole} h ${rest} min`;
};
// Minutes × an hourly rate, divided among sharers, rounded once.
const timePence = (minutes: number, ratePence: number, sharers = 1) =>
  Math.round((minutes * ratePence) / (60 * sharers));

/** Why a package cannot be priced on this card, if it cannot. */
export function priceProblem(input: PackageInput, rates: Rates): string | undefined {
  if (input.basis === 'banded' && rates.weekly[input.band]?.[sizeOf(input.tenants)] === undefined) {
    return `The rate card has no weekly rate for ${NEED_BAND_LABELS[input.band].toLowerCase()} needs in a scheme of ${SCHEME_SIZE_LABELS[sizeOf(input.tenants)]}`;
  }
  return undefined;
}

/**
 * The weekly price with its breakdown. Banded: the weekly rate for the band and scheme size
 * (which covers the share of core hours and night cover) plus 1:1 hours. Hourly: the person's
 * share of core hours, their 1:1 hours, and their share of the night support the scheme's
 * tenants share. `input` must have passed `priceProblem`.
 */
export function packagePrice(input: PackageInput, rates: Rates): PackagePrice {
  const size = sizeOf(input.tenants);
  const lines: PriceLine[] = [];
  const oneToOne = () => {
    if (input.oneToOneMinutesPerWeek > 0) {
      lines.push({
        label: '1:1 support',
        detail: `${hours(input.oneToOneMinutesPerWeek)} a week at ${formatPence(rates.hourly.oneToOneHour)} an hour`,
        pence: timePence(input.oneToOneMinutesPerWeek, rates.hourly.oneToOneHour),
      });
    }
  };
  if (input.basis === 'banded') {
    lines.push({
      label: 'Weekly rate',
      detail: `${NEED_BAND_LABELS[input.band]} needs, scheme of ${SCHEME_SIZE_LABELS[size]}`,
      pence: rates.weekly[input.band]![size]!,
    });
    oneToOne();
  } else {
    const sharers = Math.max(1, input.tenants);
    if (input.coreMinutesPerWeek > 0) {
      lines.push({
        label: 'Share of core hours',
        detail: `${hours(input.coreMinutesPerWeek)} a week shared by ${sharers} at ${formatPence(rates.hourly.supportHour)} an hour`,
        pence: timePence(input.coreMinutesPerWeek, rates.hourly.supportHour, sharers),
      });
    }
    oneToOne();
    if (input.nightSupport === 'sleep-in') {
      lines.push({
        label: 'Sleep-in nights',
        detail: `7 nights at ${formatPence(rates.hourly.sleepInNight)}, shared by ${sharers}`,
        pence: Math.round((7 * rates.hourly.sleepInNight) / sharers),
      });
    } else if (input.nightSupport === 'waking-night') {
      lines.push({
        label: 'Waking nights',
        detail: `7 nights of ${hours(input.wakingNightMinutes)} at ${formatPence(rates.hourly.wakingNightHour)} an hour, shared by ${sharers}`,
        pence: timePence(7 * input.wakingNightMinutes, rates.hourly.wakingNightHour, sharers),
      });
    }
  }
  const weeklyPence = lines.reduce((sum, line) => sum + line.pence, 0);
  return { basis: input.basis, lines, weeklyPence, annualPence: annualPence(weeklyPence) };
}

/** Checks a rate card's rates: every rate given is a whole number of pence, 0 or more. */
export function ratesProblems(rates: Rates): FieldError[] {
  const problems: FieldError[] = [];
  const bad = (value: unknown) => typeof value !== 'number' || !Number.isInteger(value) || value < 0;
  for (const band of NEED_BANDS) {
    for (const size of SCHEME_SIZES) {
      const value = rates.weekly[band]?.[size];
      if (value !== undefined && bad(value))
        problems.push({
          field: `weekly.${band}.${size}`,
          message: `The weekly rate for ${NEED_BAND_LABELS[band].toLowerCase()} needs, ${SCHEME_SIZE_LABELS[size]} is an amount of money, 0 or more`,
        });
    }
  }
  for (const rate of HOURLY_RATES) {
    if (bad(rates.hourly[rate]))
      problems.push({ field: `hourly.${rate}`, message: `Enter the ${HOURLY_RATE_LABELS[rate].toLowerCase()} rate` });
  }
  return problems;
}

/**
 * The person's weekly contribution is collected towards the package's price (payments are gross,
 * 000 §12), so it can never be more than the price; when it is, one of the two was typed wrongly.
 */
export function contributionProblem(name: string, contributionPence: number, weeklyPricePence: number): string | null {
  return contributionPence > weeklyPricePence
    ? `${name}'s weekly contribution, ${formatPence(contributionPence)}, is more than the weekly price, ${formatPence(weeklyPricePence)}: check both`
    : null;
}

/** The card in force on a date: the latest effective on or before it. */
export function cardInForce<T extends { effectiveFrom: string }>(cards: readonly T[], on: string): T | undefined {
  return [...cards]
    .filter((card) => card.effectiveFrom <= on)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}
