// The cost-of-care exercise (report 003 §2.2, report 004's "Finance Workbook"): the lines a
// provider's workbook asks for, how each answer is checked, what is worked out from a workbook
// (cost per care hour, per sleep-in night, per person per week), and the quartiles every line and
// result is reported by. Pure: no database, no clock.
//
// Units, all whole numbers: money in pence; hours in minutes; percentages in basis points
// (1% = 100); counts as they are.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const EXERCISE_SERVICE_TYPE_LABELS = {
  'supported-living': 'Supported living',
  'home-care': 'Home care',
} as const;
export const EXERCISE_SERVICE_TYPES = valuesOf(EXERCISE_SERVICE_TYPE_LABELS);
export type ExerciseServiceType = (typeof EXERCISE_SERVICE_TYPES)[number];

export const LINE_GROUP_LABELS = {
  'care-staff': 'Care staff',
  running: 'Running the business',
  return: 'Return on operations',
  volumes: 'Volumes',
} as const;
export const LINE_GROUPS = valuesOf(LINE_GROUP_LABELS);
export type LineGroup = (typeof LINE_GROUPS)[number];

/** What a line's answer is, and so how it is typed, stored and shown. */
export const LINE_UNIT_LABELS = {
  'pence-per-hour': '£ an hour',
  'pence-per-night': '£ a night',
  'pence-per-week': '£ a week',
  'pence-per-year': '£ a year',
  'minutes-per-week': 'Hours a week',
  'basis-points': 'Percentage',
  count: 'Number',
} as const;
export const LINE_UNITS = valuesOf(LINE_UNIT_LABELS);
export type LineUnit = (typeof LINE_UNITS)[number];

export const isMoneyUnit = (unit: LineUnit) => unit.startsWith('pence-');

export interface TemplateLine {
  key: string;
  group: LineGroup;
  label: string;
  unit: LineUnit;
  /** Optional lines ("travel time and mileage where relevant") may be left blank. */
  optional: boolean;
}

/** The lines every organisation's template starts with; keys named here are the ones the results are worked out from. */
export const DEFAULT_LINES: readonly TemplateLine[] = [
  ['care-staff', 'support-worker-pay', 'Hourly pay of support workers', 'pence-per-hour'],
  ['care-staff', 'senior-worker-pay', 'Hourly pay of senior support workers', 'pence-per-hour'],
  ['care-staff', 'contracted-hours', 'Care staff’s contracted hours a week, all staff together', 'minutes-per-week'],
  ['care-staff', 'productive-share', 'Productive (face-to-face) share of paid hours', 'basis-points'],
  ['care-staff', 'sleep-in-pay', 'Sleep-in night pay', 'pence-per-night'],
  ['care-staff', 'waking-night-pay', 'Waking night hourly pay', 'pence-per-hour'],
  ['care-staff', 'non-contact', 'Holiday, sickness and other non-contact pay, as a share of pay', 'basis-points'],
  ['care-staff', 'training-time', 'Training time, as a share of pay', 'basis-points'],
  ['care-staff', 'employer-ni', 'Employer National Insurance, as a share of pay', 'basis-points'],
  ['care-staff', 'employer-pension', 'Employer pension, as a share of pay', 'basis-points'],
  ['care-staff', 'travel', 'Travel time and mileage, where relevant', 'pence-per-year', true],
  ['running', 'management', 'Registered manager and office staff', 'pence-per-year'],
  ['running', 'premises', 'Rent, rates and utilities', 'pence-per-year'],
  ['running', 'recruitment', 'Recruitment and DBS checks', 'pence-per-year'],
  ['running', 'training-bought', 'Training bought in', 'pence-per-year'],
  ['running', 'it', 'IT and telephony', 'pence-per-year'],
  ['running', 'insurance', 'Insurance', 'pence-per-year'],
  ['running', 'cqc-fees', 'CQC registration fees', 'pence-per-year'],
  ['running', 'legal', 'Legal and professional fees', 'pence-per-year'],
  ['running', 'consumables', 'Consumables and PPE', 'pence-per-year'],
  ['running', 'central-overheads', 'Central overheads', 'pence-per-year'],
  ['return', 'return', 'Return on operations, as a share of costs', 'basis-points'],
  ['volumes', 'hours-delivered', 'Care hours delivered a week', 'minutes-per-week'],
  ['volumes', 'people', 'People supported', 'count'],
  ['volumes', 'headcount', 'Care staff headcount', 'count'],
  ['volumes', 'leavers', 'Care staff who left in the year', 'count'],
  ['volumes', 'zero-hours', 'Care staff on zero-hours contracts', 'count'],
].map(([group, key, label, unit, optional]) => ({
  group: group as LineGroup,
  key: key as string,
  label: label as string,
  unit: unit as LineUnit,
  optional: optional === true,
}));

/** The on-costs paid on top of an hour's pay, each a share of pay. */
const ON_COSTS = ['non-contact', 'training-time', 'employer-ni', 'employer-pension'] as const;
/** Hourly pay lines, checked against the National Living Wage. */
export const PAY_LINES = ['support-worker-pay', 'senior-worker-pay', 'waking-night-pay'] as const;

/** A workbook's answers, by line key; a line not answered is absent. */
export type Answers = Record<string, number>;

// ---- Checking answers ----

/** Largest amounts taken, so a slip of the keyboard is refused rather than analysed. */
const LIMITS: Record<LineUnit, number> = {
  'pence-per-hour': 100_000,
  'pence-per-night': 100_000,
  'pence-per-week': 100_000_000,
  'pence-per-year': 100_000_000_000,
  'minutes-per-week': 60 * 1_000_000,
  'basis-points': 10_000,
  count: 1_000_000,
};

/** What is wrong with one answer (typed as the service reads it: NaN where it is not a number), or null. */
export function answerProblem(line: TemplateLine, value: number | null | undefined): string | null {
  const name = line.label;
  if (value === null || value === undefined) return line.optional ? null : `Enter ${lowerFirst(name)}`;
  if (Number.isNaN(value)) {
    if (isMoneyUnit(line.unit)) return `${name} must be an amount of money, like 12.50`;
    if (line.unit === 'minutes-per-week') return `${name} must be a number of hours, like 37.5`;
    if (line.unit === 'basis-points') return `${name} must be a percentage, like 12.5`;
    return `${name} must be a whole number`;
  }
  if (!Number.isInteger(value)) return `${name} must be a whole number`;
  if (value < 0) {
    if (line.unit === 'minutes-per-week') return `${name} cannot be negative hours`;
    return `${name} cannot be negative`;
  }
  if (line.unit === 'basis-points' && value > LIMITS['basis-points']) return `${name} cannot be more than 100%`;
  if (value > LIMITS[line.unit]) return `${name} is too large`;
  return null;
}

const lowerFirst = (text: string) => `${text[0]!.toLowerCase()}${text.slice(1)}`;

/**
 * Every problem with a workbook's answers, each against `fieldOf(key)`. A draft (`complete`
 * false) may leave lines blank; a submitted workbook answers every line that is not optional,
 * and delivers some care hours (the results divide by them).
 */
export function answersProblems(
  lines: readonly TemplateLine[],
  answers: Record<string, number | null>,
  complete: boolean,
  fieldOf: (key: string) => string = (key) => key,
): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Set(lines.map((line) => line.key));
  for (const key of Object.keys(answers))
    if (!known.has(key)) problems.push({ field: fieldOf(key), message: 'This is not a line of this workbook' });
  for (const line of lines) {
    const value = answers[line.key];
    if ((value === null || value === undefined) && !complete) continue;
    const problem = answerProblem(line, value);
    if (problem) problems.push({ field: fieldOf(line.key), message: problem });
  }
  if (complete && answers['hours-delivered'] === 0 && known.has('hours-delivered'))
    problems.push({ field: fieldOf('hours-delivered'), message: 'Care hours delivered a week must be more than 0' });
  if (complete && answers['productive-share'] === 0 && known.has('productive-share'))
    problems.push({ field: fieldOf('productive-share'), message: 'The productive share must be more than 0%' });
  return problems;
}

// ---- Results worked out from a workbook ----

export const RESULT_LABELS = {
  'care-staff-per-hour': 'Care staff cost per care hour',
  'running-per-hour': 'Running the business per care hour',
  'cost-per-hour': 'Cost per care hour (with return)',
  'cost-per-sleep-in': 'Cost per sleep-in night (with return)',
  'cost-per-person-week': 'Cost per person per week (with return)',
  turnover: 'Care staff turnover',
} as const;
export const RESULTS = valuesOf(RESULT_LABELS);
export type ResultKey = (typeof RESULTS)[number];
export const RESULT_UNITS: Record<ResultKey, LineUnit> = {
  'care-staff-per-hour': 'pence-per-hour',
  'running-per-hour': 'pence-per-hour',
  'cost-per-hour': 'pence-per-hour',
  'cost-per-sleep-in': 'pence-per-night',
  'cost-per-person-week': 'pence-per-week',
  turnover: 'basis-points',
};

/** How each result is worked out, in words: shown on the analysis page and in its exports. */
export const RESULT_FORMULAS: Record<ResultKey, string> = {
  'care-staff-per-hour':
    'Support worker hourly pay × (1 + non-contact + training time + employer NI + employer pension shares) ÷ productive share, plus travel a year ÷ care hours a year',
  'running-per-hour': 'The running-the-business lines a year added up ÷ care hours a year',
  'cost-per-hour': '(Care staff cost per care hour + running the business per care hour) × (1 + return on operations)',
  'cost-per-sleep-in':
    'Sleep-in night pay × (1 + non-contact + training time + employer NI + employer pension shares) × (1 + return on operations)',
  'cost-per-person-week': 'Cost per care hour × care hours delivered a week ÷ people supported',
  turnover: 'Care staff who left in the year ÷ care staff headcount',
};

/** Care hours a year from minutes a week: 365 days ÷ 7 weeks. Returned ×420 (60 minutes × 7 days) to stay whole. */
const yearHoursTimes420 = (minutesPerWeek: number) => minutesPerWeek * 365;

/** a ÷ b rounded half up, for whole a ≥ 0 and b > 0. */
export const divideHalfUp = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b));

/**
 * A workbook's results, each in its unit, or absent where a line it needs is not answered (a line
 * retired from the template, an optional line left blank counts as 0). Money is worked out in
 * whole pence, rounded half up once at the end of each result.
 */
export function workbookResults(lines: readonly TemplateLine[], answers: Answers): Partial<Record<ResultKey, number>> {
  const has = (key: string) => answers[key] !== undefined;
  const results: Partial<Record<ResultKey, number>> = {};
  const onCosts = ON_COSTS.every(has) ? ON_COSTS.reduce((sum, key) => sum + answers[key]!, 0) : undefined;
  const hours = answers['hours-delivered'];
  const returnShare = answers['return'];
  if (hours && hours > 0) {
    const runningLines = lines.filter((line) => line.group === 'running' && line.unit === 'pence-per-year');
    const running = runningLines.reduce((sum, line) => sum + (answers[line.key] ?? 0), 0);
    // pence a year ÷ (minutes a week × 365 ÷ 420) = pence × 420 ÷ (minutes × 365)
    results['running-per-hour'] = divideHalfUp(running * 420, yearHoursTimes420(hours));
    const pay = answers['support-worker-pay'];
    const productive = answers['productive-share'];
    if (pay !== undefined && onCosts !== undefined && productive) {
      // pay × (10000 + on-costs) ÷ 10000 × 10000 ÷ productive share: the 10000s cancel.
      const paid = pay * (10_000 + onCosts);
      const travel = answers['travel'] ?? 0;
      // Both parts over one denominator, rounded once: paid ÷ productive + travel × 420 ÷ (minutes × 365).
      const denominator = productive * yearHoursTimes420(hours);
      const careStaff = divideHalfUp(paid * yearHoursTimes420(hours) + travel * 420 * productive, denominator);
      results['care-staff-per-hour'] = careStaff;
      if (returnShare !== undefined) {
        const before = careStaff + results['running-per-hour'];
        const perHour = divideHalfUp(before * (10_000 + returnShare), 10_000);
        results['cost-per-hour'] = perHour;
        const people = answers['people'];
        if (people && people > 0) results['cost-per-person-week'] = divideHalfUp(perHour * hours, 60 * people);
      }
    }
  }
  const sleepIn = answers['sleep-in-pay'];
  if (sleepIn !== undefined && onCosts !== undefined && returnShare !== undefined)
    results['cost-per-sleep-in'] = divideHalfUp(sleepIn * (10_000 + onCosts) * (10_000 + returnShare), 100_000_000);
  const headcount = answers['headcount'];
  if (headcount && headcount > 0 && has('leavers'))
    results.turnover = divideHalfUp(answers['leavers']! * 10_000, headcount);
  return results;
}

// ---- Quartiles ----

/** Fewer responses than this and no figure is shown: a provider could be picked out. */
export const MINIMUM_RESPONSES = 5;

export interface Quartiles {
  count: number;
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
}

/**
 * The k-th quartile (1, 2 or 3) of sorted whole numbers by a spreadsheet's QUARTILE.INC: the point
 * (n − 1) × k ÷ 4 of the way along the sorted list, between two values in proportion. Returned ×4,
 * so it stays whole (the fraction is always a quarter, a half or three quarters).
 */
function quartileTimes4(sorted: readonly number[], k: 1 | 2 | 3): number {
  const position = (sorted.length - 1) * k;
  const index = Math.floor(position / 4);
  const fraction = position % 4;
  const below = sorted[index]!;
  const above = sorted[Math.min(index + 1, sorted.length - 1)]!;
  return 4 * below + fraction * (above - below);
}

/**
 * Count, lower quartile, median and upper quartile by QUARTILE.INC, each rounded half up to a whole
 * unit (a penny); undefined under MINIMUM_RESPONSES values.
 */
export function quartiles(values: readonly number[]): Quartiles | undefined {
  if (values.length < MINIMUM_RESPONSES) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const whole = (times4: number) => Math.floor((times4 + 2) / 4);
  return {
    count: sorted.length,
    lowerQuartile: whole(quartileTimes4(sorted, 1)),
    median: whole(quartileTimes4(sorted, 2)),
    upperQuartile: whole(quartileTimes4(sorted, 3)),
  };
}

export type OutlierSide = 'low' | 'high';

/**
 * Values beyond 1.5 × the interquartile range below the lower quartile or above the upper one
 * (QUARTILE.INC, unrounded), by their index in `values`. None under MINIMUM_RESPONSES values.
 */
export function outliers(values: readonly number[]): Map<number, OutlierSide> {
  const flagged = new Map<number, OutlierSide>();
  if (values.length < MINIMUM_RESPONSES) return flagged;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quartileTimes4(sorted, 1);
  const q3 = quartileTimes4(sorted, 3);
  // In eighths, to stay whole: fence = Q1 − 1.5 × (Q3 − Q1), so 8 × fence = 2·(4Q1) − 3·(4Q3 − 4Q1).
  const lowFence8 = 2 * q1 - 3 * (q3 - q1);
  const highFence8 = 2 * q3 + 3 * (q3 - q1);
  values.forEach((value, index) => {
    if (8 * value < lowFence8) flagged.set(index, 'low');
    else if (8 * value > highFence8) flagged.set(index, 'high');
  });
  return flagged;
}

/**
 * The care staff's share of the cost of a care hour, in basis points: the median care staff cost
 * per care hour ÷ the median cost per care hour (with return), rounded half up. What an uplift
 * raises by the National Living Wage; the rest rises with prices. Undefined under
 * MINIMUM_RESPONSES workbooks with both results.
 */
export function staffShare(
  results: readonly Partial<Record<ResultKey, number>>[],
): { basisPoints: number; staffMedian: number; totalMedian: number } | undefined {
  const both = results.filter(
    (result) => result['care-staff-per-hour'] !== undefined && result['cost-per-hour'] !== undefined,
  );
  const staff = quartiles(both.map((result) => result['care-staff-per-hour']!));
  const total = quartiles(both.map((result) => result['cost-per-hour']!));
  if (!staff || !total || total.median === 0) return undefined;
  return {
    basisPoints: divideHalfUp(staff.median * 10_000, total.median),
    staffMedian: staff.median,
    totalMedian: total.median,
  };
}

/** A line's key made from its label, for a line added to a template: "Agency staff" → "agency-staff". */
export function lineKeyOf(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'line'
  );
}

/** Basis points as a percentage: 6667 → "66.67%", 500 → "5%". */
export function formatPercent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = Math.abs(basisPoints % 100);
  const sign = basisPoints < 0 && whole === 0 ? '-' : '';
  if (hundredths === 0) return `${sign}${whole}%`;
  return `${sign}${whole}.${String(hundredths).padStart(2, '0').replace(/0$/, '')}%`;
}

/** "2025/26" for the financial year starting April 2025. */
export const financialYearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

// ---- Answers as people type and read them ----

/** Decimal text with at most `places` decimals, scaled to a whole number: ("12.5", 2) → 1250. NaN when not one. */
function scaled(text: string, places: number): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2] ?? '').length > places) return Number.NaN;
  return Number(match[1]) * 10 ** places + Number((match[2] ?? '').padEnd(places, '0') || '0');
}

/**
 * An answer as typed in the line's own words (pounds, hours, a percentage, a number) in the
 * line's unit; null when blank, NaN when it cannot be read (so the check says what to type), and
 * negative when typed with a minus (so the check says it cannot be negative).
 */
export function answerFromText(unit: LineUnit, typed: string): number | null {
  const text = typed.trim().replace(/^£/, '').replace(/,/g, '').replace(/%$/, '').trim();
  if (text === '') return null;
  const negative = text.startsWith('-');
  const magnitude = negative ? text.slice(1).replace(/^£/, '') : text;
  let value: number;
  if (isMoneyUnit(unit)) value = scaled(magnitude, 2);
  else if (unit === 'basis-points') value = scaled(magnitude, 2);
  else if (unit === 'minutes-per-week') {
    const hundredths = scaled(magnitude, 2);
    value = Number.isNaN(hundredths) ? hundredths : divideHalfUp(hundredths * 60, 100);
  } else value = /^\d+$/.test(magnitude) ? Number(magnitude) : Number.NaN;
  return negative && !Number.isNaN(value) ? -value : value;
}

/** An answer in the words it is typed in: 1250 pence → "12.50", 2250 minutes → "37.5", 1250 basis points → "12.5". */
export function answerAsText(unit: LineUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (isMoneyUnit(unit)) return (value / 100).toFixed(2);
  if (unit === 'basis-points') return String(value / 100);
  if (unit === 'minutes-per-week') return String(Math.round((value / 60) * 100) / 100);
  return String(value);
}

/** An answer or result for a page or a report: "£12.50", "37.5 hours", "12.5%", "14". */
export function answerShown(unit: LineUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (isMoneyUnit(unit)) {
    const pounds = Math.trunc(value / 100).toLocaleString('en-GB');
    return `£${pounds}.${String(Math.abs(value % 100)).padStart(2, '0')}`;
  }
  if (unit === 'basis-points') return formatPercent(value);
  if (unit === 'minutes-per-week')
    return `${Number(answerAsText(unit, value)).toLocaleString('en-GB', { maximumFractionDigits: 2 })} hours`;
  return value.toLocaleString('en-GB');
}
