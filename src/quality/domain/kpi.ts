// Key performance indicators a vehicle's providers report each quarter (report 003 §1.3.2): the UK
// public sector's financial quarters, when a quarter's return is due, how a value is rated against
// its target, and the report's own kind of sentence from the figures.
import { addDays, MONTH_NAMES, type IsoDate, type WorkingDays } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

/** Working days after a quarter ends by which its return is due, where the organisation sets none. */
export const DEFAULT_KPI_RETURN_WORKING_DAYS = 20;

export const KPI_MEASURE_LABELS = { percentage: 'A percentage', count: 'A count' } as const;
export const KPI_MEASURES = valuesOf(KPI_MEASURE_LABELS);
export type KpiMeasure = (typeof KPI_MEASURES)[number];

export const KPI_DIRECTION_LABELS = { higher: 'Higher is better', lower: 'Lower is better' } as const;
export const KPI_DIRECTIONS = valuesOf(KPI_DIRECTION_LABELS);
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_FREQUENCY_LABELS = { quarterly: 'Quarterly' } as const;
export const KPI_FREQUENCIES = valuesOf(KPI_FREQUENCY_LABELS);

/** Where a KPI's figures come from: the providers' returns, or the people's survey ("staff listen to me"). */
export const KPI_SOURCE_LABELS = { return: 'The provider’s return', survey: 'The people’s survey' } as const;
export const KPI_SOURCES = valuesOf(KPI_SOURCE_LABELS);
export type KpiSource = (typeof KPI_SOURCES)[number];

/** The survey statement the "listened to" KPI counts the yes answers of. */
export const LISTENED_TO_STATEMENT = 'staff-listen';

export const RAG_LABELS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;
export type Rag = keyof typeof RAG_LABELS;

// ---- Quarters ----

/**
 * A financial quarter, as "2026-Q2": the financial year 2026-27 (April 2026 to March 2027) and its
 * second quarter, July to September 2026. Keys sort in time order.
 */
export type QuarterKey = string;

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export const isQuarterKey = (value: string): boolean => QUARTER_PATTERN.test(value);

function partsOf(key: QuarterKey): { year: number; quarter: number } {
  const match = QUARTER_PATTERN.exec(key);
  if (!match) throw new Error(`Not a quarter: ${key}`);
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quarter a day falls in. */
export function quarterOf(date: IsoDate): QuarterKey {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const financialYear = month >= 4 ? year : year - 1;
  const quarter = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return `${financialYear}-Q${quarter}`;
}

/** The first and last day of a quarter. */
export function quarterBounds(key: QuarterKey): { startsOn: IsoDate; endsOn: IsoDate } {
  const { year, quarter } = partsOf(key);
  const firstMonth = quarter === 4 ? 1 : 1 + quarter * 3; // 4, 7, 10, then January
  const calendarYear = quarter === 4 ? year + 1 : year;
  const startsOn = `${calendarYear}-${pad(firstMonth)}-01`;
  const next = firstMonth + 3 > 12 ? `${calendarYear + 1}-01-01` : `${calendarYear}-${pad(firstMonth + 3)}-01`;
  return { startsOn, endsOn: addDays(next, -1) };
}

export const nextQuarter = (key: QuarterKey): QuarterKey => quarterOf(addDays(quarterBounds(key).endsOn, 1));
export const previousQuarter = (key: QuarterKey): QuarterKey => quarterOf(addDays(quarterBounds(key).startsOn, -1));

/** "Q2 2026-27 (July to September 2026)". */
export function quarterLabel(key: QuarterKey): string {
  const { year, quarter } = partsOf(key);
  const { startsOn, endsOn } = quarterBounds(key);
  const month = (date: IsoDate) => MONTH_NAMES[Number(date.slice(5, 7)) - 1];
  return `Q${quarter} ${year}-${pad((year + 1) % 100)} (${month(startsOn)} to ${month(endsOn)} ${endsOn.slice(0, 4)})`;
}

/** The latest quarter that has ended by `today`. */
export const lastEndedQuarter = (today: IsoDate): QuarterKey => previousQuarter(quarterOf(today));

/** Quarters from `first` to `last`, both included, in order. */
export function quartersBetween(first: QuarterKey, last: QuarterKey): QuarterKey[] {
  const quarters: QuarterKey[] = [];
  for (let key = first; key <= last; key = nextQuarter(key)) quarters.push(key);
  return quarters;
}

/** A quarter's return is due this many working days after the quarter's last day. */
export const returnDueOn = (key: QuarterKey, workingDays: number, calendar: WorkingDays): IsoDate =>
  calendar.nthWorkingDayAfter(quarterBounds(key).endsOn, workingDays);

// ---- Definitions and rating ----

export interface KpiRule {
  measure: KpiMeasure;
  /** A whole percentage, or a count. */
  target: number;
  direction: KpiDirection;
  /** How far short of the target is still Amber: percentage points, or a count. */
  amberTolerance: number;
}

/** Whether a KPI is asked for in a quarter: from its first quarter, and not after it was retired. */
export const askedIn = (kpi: { firstQuarter: QuarterKey; retiredAfter: QuarterKey | null }, key: QuarterKey) =>
  kpi.firstQuarter <= key && (kpi.retiredAfter === null || key <= kpi.retiredAfter);

export interface Figures {
  numerator: number;
  denominator: number;
}

/** The value compared with the target: the whole percentage, or the count; null where a share of nobody. */
export function valueOf(measure: KpiMeasure, figures: Figures): number | null {
  if (measure === 'count') return figures.numerator;
  return figures.denominator === 0 ? null : Math.round((figures.numerator * 100) / figures.denominator);
}

/** Green at or beyond the target, Amber short of it by no more than the tolerance, Red further. */
export function ragOf(rule: KpiRule, value: number): Rag {
  const shortfall = rule.direction === 'higher' ? rule.target - value : value - rule.target;
  if (shortfall <= 0) return 'green';
  return shortfall <= rule.amberTolerance ? 'amber' : 'red';
}

export interface Rating {
  value: number | null;
  rag: Rag | null;
}

export function rated(rule: KpiRule, figures: Figures): Rating {
  const value = valueOf(rule.measure, figures);
  return { value, rag: value === null ? null : ragOf(rule, value) };
}

/** "100% or more", "75% or more", "at most 3": the target as people read it. */
export function targetWords(rule: Pick<KpiRule, 'measure' | 'target' | 'direction'>): string {
  const amount = rule.measure === 'percentage' ? `${rule.target}%` : String(rule.target);
  if (rule.measure === 'percentage' && rule.target === 100 && rule.direction === 'higher') return '100%';
  return rule.direction === 'higher' ? `${amount} or more` : `${amount} or less`;
}

// ---- Returns ----

/** Problems with one KPI's figures, each against the field it is about. */
export function figureProblems(
  kpi: { name: string },
  figures: { numerator: number | null; denominator: number | null },
  fields: { numerator: string; denominator: string },
): FieldError[] {
  const problems: FieldError[] = [];
  const whole = (value: number | null, field: string, what: string) => {
    if (value === null) problems.push({ field, message: `Enter the ${what} for ${kpi.name}` });
    else if (!Number.isSafeInteger(value) || value < 0)
      problems.push({ field, message: `The ${what} for ${kpi.name} must be a whole number, 0 or more` });
  };
  whole(figures.numerator, fields.numerator, 'number achieving it');
  whole(figures.denominator, fields.denominator, 'number counted');
  if (problems.length === 0 && figures.numerator! > figures.denominator!)
    problems.push({
      field: fields.numerator,
      message: `The number achieving it for ${kpi.name} cannot be more than the number counted (${figures.denominator})`,
    });
  return problems;
}

/** Why a membership cannot return figures for a quarter, or null when it can. */
export function quarterProblem(key: string, today: IsoDate, membershipStartOn: IsoDate | null): string | null {
  if (!isQuarterKey(key)) return 'Choose a quarter, such as 2026-Q2';
  if (quarterBounds(key).endsOn >= today) return `${quarterLabel(key)} has not ended yet`;
  if (!membershipStartOn || quarterBounds(key).endsOn < membershipStartOn)
    return `${quarterLabel(key)} ended before this membership began`;
  return null;
}

/** A return is late when it came in after its due day. */
export const isLate = (submittedOn: IsoDate, dueOn: IsoDate): boolean => submittedOn > dueOn;

// ---- The report's sentence ----

export interface SummaryKpi {
  measure: KpiMeasure;
  /** Who is counted: "care workers". */
  denominatorLabel: string;
  /** What is said of those achieving it: "have now been trained". */
  summaryPhrase: string;
}

const figureWords = (measure: KpiMeasure, figures: Figures): string =>
  measure === 'count' ? String(figures.numerator) : `${valueOf(measure, figures) ?? 0}% (${figures.numerator})`;

/**
 * The report's kind of sentence, across all providers: "81% (654) of care workers have now been
 * trained; in the previous period 47% (316)." A count says the number alone.
 */
export function summarySentence(kpi: SummaryKpi, current: Figures, previous: Figures | null): string {
  const now =
    kpi.measure === 'count'
      ? `${current.numerator} ${kpi.denominatorLabel} ${kpi.summaryPhrase}`
      : `${figureWords(kpi.measure, current)} of ${kpi.denominatorLabel} ${kpi.summaryPhrase}`;
  return previous ? `${now}; in the previous period ${figureWords(kpi.measure, previous)}.` : `${now}.`;
}

/** Figures added up across providers. */
export const totalOf = (all: readonly Figures[]): Figures =>
  all.reduce(
    (sum, figures) => ({
      numerator: sum.numerator + figures.numerator,
      denominator: sum.denominator + figures.denominator,
    }),
    {
      numerator: 0,
      denominator: 0,
    },
  );

/**
 * A KPI's figures across a vehicle's providers, for the report's sentence, with how many providers
 * gave them: every membership's return is added, but the survey's figures (the provider's, shown
 * on each of its memberships) once per provider. Null where nobody gave figures.
 */
export function acrossProviders(
  source: KpiSource,
  given: readonly { providerId: string; figures: Figures }[],
): { total: Figures; providers: number } | null {
  if (given.length === 0) return null;
  const providers = [...new Set(given.map((one) => one.providerId))];
  const counted = source === 'survey' ? providers.map((id) => given.find((one) => one.providerId === id)!) : given;
  return { total: totalOf(counted.map((one) => one.figures)), providers: providers.length };
}
