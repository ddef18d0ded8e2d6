// Payment schedules (DOMAIN.md, "Price": payments gross, the council collecting the person's
// contribution). The financial year's periods from 1 April; one line per placement per period for
// the days it was active, split where its weekly price changed or it ended; what each line costs,
// what the person pays towards it, the NHS partner's share and the council's net cost; and the
// adjustments that correct a period already exported. Money is whole pence, dates ISO.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';
import type { FundingShare, FundingStream } from '../../brokerage/domain/people.ts';
import { financialYearLabel } from './exercise.ts';

export const PERIOD_KIND_LABELS = {
  'four-weekly': 'Four-weekly (13 periods from 1 April)',
  monthly: 'Monthly (12 calendar months from April)',
} as const;
export const PERIOD_KINDS = valuesOf(PERIOD_KIND_LABELS);
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * The funding stream the NHS partner pays: NHS Continuing Healthcare. Hearth does not record how a
 * section 117 aftercare package is split between the council and the NHS, so a section 117 share
 * stays with the council's net cost.
 */
export const NHS_STREAM: FundingStream = 'nhs-chc';

const DAY_MS = 86_400_000;

// A schedule turns the same few hundred dates into day numbers and back hundreds of thousands of
// times, so each is worked out once and remembered.
const dayNumbers = new Map<string, number>();
const isoDates = new Map<number, string>();

/** Days since 1 January 1970 for an ISO date: whole-number day arithmetic, no time zone. */
export function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
    dayNumbers.set(date, day);
  }
  return day;
}

export function isoOfDay(day: number): string {
  let date = isoDates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoDates.set(day, date);
  }
  return date;
}

export interface Period {
  /** The financial year by the calendar year it begins in: 2026 is 2026/27. */
  year: number;
  number: number;
  kind: PeriodKind;
  startsOn: string;
  endsOn: string;
  days: number;
}

/** "2026/27". */
export const yearLabel = financialYearLabel;
export const periodLabel = (period: Pick<Period, 'year' | 'number'>) =>
  `Period ${period.number} ${yearLabel(period.year)}`;
/** "2026-P03": a period's key in files and links. */
export const periodKey = (period: Pick<Period, 'year' | 'number'>) =>
  `${period.year}-P${String(period.number).padStart(2, '0')}`;

/** The financial year a date falls in (1 April starts it). */
export const financialYearOf = (date: string) => Number(date.slice(0, 4)) - (date.slice(5) < '04-01' ? 1 : 0);

/**
 * The financial year's periods. Four-weekly: 13 periods of 28 days from 1 April; 13 × 28 is 364,
 * so the 13th period runs on to 31 March and absorbs the year's leftover day (two in a year with
 * 29 February): 29 or 30 days. Monthly: the 12 calendar months, April to March.
 */
export function periodsOf(year: number, kind: PeriodKind): Period[] {
  const first = dayNumber(`${year}-04-01`);
  const last = dayNumber(`${year + 1}-03-31`);
  const starts =
    kind === 'four-weekly'
      ? Array.from({ length: 13 }, (_, i) => first + 28 * i)
      : Array.from({ length: 12 }, (_, i) => {
          const month = ((3 + i) % 12) + 1;
          return dayNumber(`${year + (month < 4 ? 1 : 0)}-${String(month).padStart(2, '0')}-01`);
        });
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : last;
    return { year, number: i + 1, kind, startsOn: isoOfDay(start), endsOn: isoOfDay(end), days: end - start + 1 };
  });
}

/** The period with this number, or why there is none. */
export function periodProblems(year: number, number: number, kind: PeriodKind): FieldError[] {
  const problems: FieldError[] = [];
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    problems.push({ field: 'year', message: 'Enter the year the financial year begins in, such as 2026' });
  const count = kind === 'four-weekly' ? 13 : 12;
  if (!Number.isInteger(number) || number < 1 || number > count)
    problems.push({ field: 'period', message: `Enter a period from 1 to ${count}` });
  return problems;
}

/** The period a date falls in. */
export function periodOn(date: string, kind: PeriodKind): Period {
  return periodsOf(financialYearOf(date), kind).find((period) => period.endsOn >= date)!;
}

/** n ÷ d rounded half up, for n ≥ 0 and d > 0, in whole numbers only. */
export function divideHalfUp(n: number, d: number): number {
  if (n < 0) return -divideHalfUp(-n, d);
  return Math.floor((2 * n + d) / (2 * d));
}

/** What a placement is paid from: its price periods, its person's contribution and who funds it. */
export interface PayablePlacement {
  placementId: string;
  startsOn: string;
  /** The last day of care, or null while it goes on. */
  endsOn: string | null;
  /** Its weekly prices, each from its date until the next; in date order. */
  prices: readonly { effectiveFrom: string; weeklyPricePence: number }[];
  /** The person's assessed weekly contribution. */
  weeklyContributionPence: number;
  /** The NHS partner's whole-number percentage (the NHS Continuing Healthcare share); 0 when the council pays alone. */
  nhsPercent: number;
}

export interface Amounts {
  days: number;
  grossPence: number;
  contributionPence: number;
  nhsSharePence: number;
  netPence: number;
}

export interface PaymentLine extends Amounts {
  placementId: string;
  fromOn: string;
  toOn: string;
  weeklyPricePence: number;
}

/**
 * A line's money for `days` at a weekly price. Gross: weekly × days ÷ 7, half up to the penny. The
 * NHS share: its percentage of the gross, half up to the penny. The person's contribution: weekly
 * contribution × days ÷ 7, half up, but never more than the gross less the NHS share (so the
 * council's net cost is never below nothing). Net: gross − contribution − NHS share.
 */
export function amountsFor(
  days: number,
  weeklyPricePence: number,
  weeklyContributionPence: number,
  nhsPercent: number,
) {
  const grossPence = divideHalfUp(weeklyPricePence * days, 7);
  const nhsSharePence = divideHalfUp(grossPence * nhsPercent, 100);
  const contributionPence = Math.min(divideHalfUp(weeklyContributionPence * days, 7), grossPence - nhsSharePence);
  return {
    days,
    grossPence,
    contributionPence,
    nhsSharePence,
    netPence: grossPence - contributionPence - nhsSharePence,
  };
}

/** A placement's lines for a period: one per stretch of days at one weekly price, none when it was not active. */
export function linesFor(placement: PayablePlacement, period: Pick<Period, 'startsOn' | 'endsOn'>): PaymentLine[] {
  const from = Math.max(dayNumber(placement.startsOn), dayNumber(period.startsOn));
  const to = Math.min(placement.endsOn === null ? Infinity : dayNumber(placement.endsOn), dayNumber(period.endsOn));
  if (to < from) return [];
  const lines: PaymentLine[] = [];
  const prices = placement.prices;
  for (let i = 0; i < prices.length; i += 1) {
    const priceFrom = dayNumber(prices[i]!.effectiveFrom);
    const priceTo = i + 1 < prices.length ? dayNumber(prices[i + 1]!.effectiveFrom) - 1 : Infinity;
    const start = Math.max(from, priceFrom);
    const end = Math.min(to, priceTo);
    if (end < start) continue;
    const weekly = prices[i]!.weeklyPricePence;
    lines.push({
      placementId: placement.placementId,
      fromOn: isoOfDay(start),
      toOn: isoOfDay(end),
      weeklyPricePence: weekly,
      ...amountsFor(end - start + 1, weekly, placement.weeklyContributionPence, placement.nhsPercent),
    });
  }
  return lines;
}

export const NO_AMOUNTS: Amounts = { days: 0, grossPence: 0, contributionPence: 0, nhsSharePence: 0, netPence: 0 };

export function sumAmounts(rows: readonly Amounts[]): Amounts {
  const total = { ...NO_AMOUNTS };
  for (const row of rows) {
    total.days += row.days;
    total.grossPence += row.grossPence;
    total.contributionPence += row.contributionPence;
    total.nhsSharePence += row.nhsSharePence;
    total.netPence += row.netPence;
  }
  return total;
}

/**
 * What a period already exported still needs: what should have been paid less what was paid
 * (its own lines and any adjustments since), or null when they agree.
 */
export function adjustment(due: Amounts, paid: Amounts): Amounts | null {
  const difference = {
    days: due.days - paid.days,
    grossPence: due.grossPence - paid.grossPence,
    contributionPence: due.contributionPence - paid.contributionPence,
    nhsSharePence: due.nhsSharePence - paid.nhsSharePence,
    netPence: due.netPence - paid.netPence,
  };
  return Object.values(difference).every((value) => value === 0) ? null : difference;
}

/** Why an adjustment is made, in words for the schedule and the provider's statement. */
export function adjustmentReason(periodName: string, difference: Amounts): string {
  const days = Math.abs(difference.days);
  const change =
    difference.days < 0
      ? `${days} ${days === 1 ? 'day' : 'days'} fewer than paid`
      : difference.days > 0
        ? `${days} ${days === 1 ? 'day' : 'days'} more than paid`
        : difference.grossPence !== 0
          ? 'the weekly price changed'
          : 'the contribution or NHS share changed';
  return `Correction to ${periodName}: ${change}`;
}

/** The whole-number percentage of a placement's funding that the NHS partner pays. */
export const nhsPercentOf = (funding: readonly FundingShare[]) =>
  funding.filter((share) => share.stream === NHS_STREAM).reduce((total, share) => total + share.percent, 0);
