// The early-warning risk model (report 003 §2.1): one indicator per source of intelligence, each
// scoring points by its value, and the rule that turns a service's points into Green, Amber or Red.
// Which indicators exist is code, since each reads its own records; their points, look-back windows,
// red flags and the thresholds are data an organisation keeps in versions.
import { addDays, addMonths, type IsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const RISK_COLOUR_LABELS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;
export const RISK_COLOURS = valuesOf(RISK_COLOUR_LABELS);
export type RiskColour = (typeof RISK_COLOURS)[number];

/** Worse is higher: for sorting and for a provider's worst service. */
export const COLOUR_RANK: Record<RiskColour, number> = { green: 0, amber: 1, red: 2 };

/**
 * How an indicator's value is read: a category (a rating) scores by value; a number (a count of
 * records in the look-back window, a share in per cent, or 1 for a condition in force) scores by
 * the highest step it reaches.
 */
type IndicatorKind = 'category' | 'number';

export interface IndicatorDefinition {
  key: string;
  label: string;
  kind: IndicatorKind;
  /** Whether it counts records from a look-back window (months). */
  windowed: boolean;
  /** A category's values, in order from best to worst, with their labels. */
  values?: Readonly<Record<string, string>>;
  /** What a number counts, for the editor ("substantiated concerns", "% of answers No"). */
  unit?: string;
}

export const RISK_INDICATORS = [
  {
    key: 'quality-assessment',
    label: 'Quality assessment',
    kind: 'category',
    windowed: false,
    values: {
      excellent: 'Excellent',
      good: 'Good',
      'requires-improvement': 'Requires improvement',
      poor: 'Poor',
      none: 'Not yet assessed',
    },
  },
  {
    key: 'cqc-rating',
    label: 'CQC rating',
    kind: 'category',
    windowed: false,
    values: {
      outstanding: 'Outstanding',
      good: 'Good',
      requires_improvement: 'Requires improvement',
      inadequate: 'Inadequate',
      inspected_not_rated: 'Inspected but not rated',
      'not-inspected': 'Not yet inspected',
    },
  },
  {
    key: 'food-hygiene',
    label: 'Food hygiene rating',
    kind: 'category',
    windowed: false,
    values: { '5': '5', '4': '4', '3': '3', '2': '2', '1': '1', '0': '0' },
  },
  { key: 'safeguarding', label: 'Safeguarding decisions', kind: 'number', windowed: true, unit: 'decisions' },
  { key: 'embargo', label: 'Embargo on new placements', kind: 'number', windowed: false, unit: 'in force (1)' },
  { key: 'default-notice', label: 'Contract default notice', kind: 'number', windowed: false, unit: 'in force (1)' },
  { key: 'unexpected-deaths', label: 'Unexpected deaths', kind: 'number', windowed: true, unit: 'deaths' },
  {
    key: 'substantiated-concerns',
    label: 'Substantiated contract concerns',
    kind: 'number',
    windowed: true,
    unit: 'concerns',
  },
  {
    key: 'company-administration',
    label: 'Company in administration',
    kind: 'number',
    windowed: false,
    unit: 'in administration or dissolved (1)',
  },
  { key: 'manager-vacancy', label: 'Registered manager vacancy', kind: 'number', windowed: true, unit: 'recorded (1)' },
  { key: 'peoples-voice', label: 'People’s voice', kind: 'number', windowed: true, unit: '% of answers No' },
  { key: 'overdue-actions', label: 'Overdue action-plan items', kind: 'number', windowed: false, unit: 'items' },
  { key: 'missing-kpi-returns', label: 'Missing KPI returns', kind: 'number', windowed: true, unit: 'returns' },
] as const satisfies readonly IndicatorDefinition[];

export type IndicatorKey = (typeof RISK_INDICATORS)[number]['key'];
export const INDICATOR_KEYS: readonly IndicatorKey[] = RISK_INDICATORS.map((indicator) => indicator.key);

export const indicatorOf = (key: IndicatorKey): IndicatorDefinition =>
  RISK_INDICATORS.find((indicator) => indicator.key === key) as IndicatorDefinition;

export interface Score {
  points: number;
  /** Red whatever the total. */
  redFlag: boolean;
}

/** A number's step: from this value up (until the next step), these points. */
export interface Step extends Score {
  atLeast: number;
}

export interface IndicatorRule {
  /** Months of records counted, for an indicator with a look-back window; otherwise null. */
  lookBackMonths: number | null;
  /** A category's score by value; a value not listed scores nothing. */
  values?: Record<string, Score>;
  /** A number's steps, lowest first. */
  steps?: Step[];
}

export interface RiskModel {
  /** A total of at least this is Amber… */
  amberFrom: number;
  /** …and at least this is Red. */
  redFrom: number;
  indicators: Record<IndicatorKey, IndicatorRule>;
}

const step = (atLeast: number, points: number, redFlag = false): Step => ({ atLeast, points, redFlag });
const score = (points: number, redFlag = false): Score => ({ points, redFlag });

/**
 * Hearth's model, used until an organisation saves its own: the report's ten sources with the
 * people's voice, overdue actions and missing KPI returns, weighted so that one serious matter
 * makes a service Amber and a pattern of them Red.
 */
export const DEFAULT_RISK_MODEL: RiskModel = {
  amberFrom: 10,
  redFrom: 25,
  indicators: {
    'quality-assessment': {
      lookBackMonths: null,
      values: {
        excellent: score(0),
        good: score(0),
        'requires-improvement': score(10),
        poor: score(25, true),
        none: score(5),
      },
    },
    'cqc-rating': {
      lookBackMonths: null,
      values: {
        outstanding: score(0),
        good: score(0),
        requires_improvement: score(10),
        inadequate: score(30, true),
        inspected_not_rated: score(5),
        'not-inspected': score(5),
      },
    },
    'food-hygiene': {
      lookBackMonths: null,
      values: { '5': score(0), '4': score(0), '3': score(2), '2': score(5), '1': score(10), '0': score(15) },
    },
    safeguarding: { lookBackMonths: 12, steps: [step(1, 5), step(3, 15)] },
    embargo: { lookBackMonths: null, steps: [step(1, 20)] },
    'default-notice': { lookBackMonths: null, steps: [step(1, 15)] },
    'unexpected-deaths': { lookBackMonths: 12, steps: [step(1, 10)] },
    'substantiated-concerns': { lookBackMonths: 12, steps: [step(1, 5), step(3, 15)] },
    'company-administration': { lookBackMonths: null, steps: [step(1, 0, true)] },
    'manager-vacancy': { lookBackMonths: 6, steps: [step(1, 10)] },
    'peoples-voice': { lookBackMonths: 12, steps: [step(20, 5), step(40, 10)] },
    'overdue-actions': { lookBackMonths: null, steps: [step(1, 3), step(3, 8)] },
    'missing-kpi-returns': { lookBackMonths: 12, steps: [step(1, 3), step(2, 8)] },
  },
};

const isWhole = (value: unknown, least = 0): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= least;

/** Every problem with a model, each against its field, so the editor can show them all at once. */
export function riskModelProblems(model: RiskModel): FieldError[] {
  const problems: FieldError[] = [];
  const check = (ok: boolean, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  check(isWhole(model.amberFrom, 1), 'amberFrom', 'Amber from must be a whole number of points, 1 or more');
  check(isWhole(model.redFrom, 1), 'redFrom', 'Red from must be a whole number of points, 1 or more');
  if (isWhole(model.amberFrom, 1) && isWhole(model.redFrom, 1))
    check(model.amberFrom < model.redFrom, 'redFrom', 'Red from must be more points than Amber from');
  for (const indicator of RISK_INDICATORS) {
    const rule = model.indicators[indicator.key];
    const field = (name: string) => `${indicator.key}.${name}`;
    if (!rule) {
      problems.push({ field: indicator.key, message: `${indicator.label} has no rule` });
      continue;
    }
    if (indicator.windowed)
      check(
        isWhole(rule.lookBackMonths, 1) && rule.lookBackMonths <= 60,
        field('lookBackMonths'),
        `${indicator.label}: the look-back must be a whole number of months from 1 to 60`,
      );
    if (indicator.kind === 'category') {
      for (const [value, label] of Object.entries(indicator.values ?? {}))
        check(
          isWhole(rule.values?.[value]?.points),
          field(`values.${value}`),
          `${indicator.label}, ${label}: points must be a whole number, 0 or more`,
        );
      continue;
    }
    const steps = rule.steps ?? [];
    steps.forEach((each, index) => {
      check(
        isWhole(each.atLeast, 1),
        field(`steps.${index}.atLeast`),
        `${indicator.label}, step ${index + 1}: “from” must be a whole number, 1 or more`,
      );
      check(
        isWhole(each.points),
        field(`steps.${index}.points`),
        `${indicator.label}, step ${index + 1}: points must be a whole number, 0 or more`,
      );
      const before = steps[index - 1];
      if (index > 0 && isWhole(each.atLeast) && isWhole(before?.atLeast))
        check(
          each.atLeast > before.atLeast,
          field(`steps.${index}.atLeast`),
          `${indicator.label}, step ${index + 1}: “from” must be more than step ${index}’s`,
        );
    });
  }
  return problems;
}

/**
 * The first day each windowed indicator counts records from: a look-back of 12 months on
 * 1 December 2026 counts from 2 December 2025, so a record a year old to the day has dropped out.
 */
export const windowStarts = (model: RiskModel, today: IsoDate): Record<IndicatorKey, IsoDate> =>
  Object.fromEntries(
    INDICATOR_KEYS.map((key) => [key, addDays(addMonths(today, -(model.indicators[key].lookBackMonths ?? 0)), 1)]),
  ) as Record<IndicatorKey, IsoDate>;
