// The National Living Wage over time: which hourly rate was in force on a day, and how much it
// rose between two days. Rates are whole pence an hour; a change is kept as the two rates
// themselves, so an uplift can multiply by new ÷ old exactly and round once, at the end.
import { isIsoDate, type IsoDate } from '../../platform/domain/calendar.ts';

export interface LivingWageRate {
  /** The day the rate came into force. */
  from: IsoDate;
  /** Pence an hour. */
  pence: number;
  /** Where the rate was published. */
  source: string;
}

export interface LivingWageChange {
  before: LivingWageRate;
  after: LivingWageRate;
  /** after − before, pence an hour. */
  risePence: number;
  /** The rise in hundredths of a per cent, rounded half up (for showing; sums use the rates). */
  basisPoints: number;
}

/** Rates in date order; a later row for the same day replaces an earlier one (an administrator's correction). */
export function mergeLivingWageRates(...lists: LivingWageRate[][]): LivingWageRate[] {
  const byDate = new Map<IsoDate, LivingWageRate>();
  for (const rate of lists.flat()) byDate.set(rate.from, rate);
  return [...byDate.values()].sort((a, b) => a.from.localeCompare(b.from));
}

/** The rate in force on a day: the latest that began on or before it; null before the first. */
export function livingWageOn(rates: readonly LivingWageRate[], date: IsoDate): LivingWageRate | null {
  let found: LivingWageRate | null = null;
  for (const rate of rates) if (rate.from <= date && (!found || rate.from > found.from)) found = rate;
  return found;
}

/** A rise of `after` over `before` in basis points, rounded half up: (1271 − 1221) × 10000 ÷ 1221 = 409.5 → 410. */
export function riseInBasisPoints(before: number, after: number): number {
  const numerator = (after - before) * 10000;
  const sign = numerator < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(numerator) * 2 + before) / (2 * before));
}

/** How the rate changed from one day to another; null when either day comes before the first rate. */
export function livingWageChange(
  rates: readonly LivingWageRate[],
  from: IsoDate,
  to: IsoDate,
): LivingWageChange | null {
  const before = livingWageOn(rates, from);
  const after = livingWageOn(rates, to);
  if (!before || !after) return null;
  return {
    before,
    after,
    risePence: after.pence - before.pence,
    basisPoints: riseInBasisPoints(before.pence, after.pence),
  };
}

/** Checks one row of a rates file; the problem in words, or the rate. */
export function livingWageRateFrom(row: { from?: string; pence?: string; source?: string }): LivingWageRate | string {
  const from = row.from ?? '';
  const pence = row.pence ?? '';
  if (!isIsoDate(from)) return `"${from}" is not a date written YYYY-MM-DD`;
  if (!/^\d+$/.test(pence) || Number(pence) <= 0)
    return `pence must be a whole number of pence above 0, not "${pence}"`;
  if (!row.source?.trim()) return 'source must say where the rate was published';
  return { from, pence: Number(pence), source: row.source.trim() };
}
