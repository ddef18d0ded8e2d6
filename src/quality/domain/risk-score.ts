// A service's risk: its facts (one per indicator) scored by the model into points, a colour and the
// reasons for it, in words a commissioner can check against the records ("3 substantiated concerns
// in 12 months (+15)"). Pure: the facts are gathered elsewhere, once for every service.
import { longDate, type IsoDate } from '../../platform/domain/calendar.ts';
import {
  COLOUR_RANK,
  indicatorOf,
  RISK_COLOUR_LABELS,
  RISK_INDICATORS,
  type IndicatorKey,
  type IndicatorRule,
  type RiskColour,
  type RiskModel,
  type Score,
} from './risk-model.ts';

/** The record a fact comes from, so a page can link to it. */
export interface FactSource {
  kind: 'assessment' | 'intelligence' | 'contract-action' | 'embargo' | 'service';
  id: string;
}

export interface IndicatorFact {
  /** A category's value, a number, or null when there is nothing to score (no food hygiene rating, too few answers). */
  value: string | number | null;
  /** The date behind it: a rating's, the latest record counted, or since when something is in force. */
  on: IsoDate | null;
  source: FactSource | null;
  /** Words a value needs besides itself: a company's status, the survey's counts. */
  detail?: string;
}

export type ServiceFacts = Record<IndicatorKey, IndicatorFact>;

export interface IndicatorResult {
  key: IndicatorKey;
  label: string;
  value: string | number | null;
  /** The value in words. */
  text: string;
  points: number;
  redFlag: boolean;
  on: IsoDate | null;
  source: FactSource | null;
}

export interface RiskResult {
  score: number;
  colour: RiskColour;
  /** What scored, worst first, each with its points or "red flag". */
  reasons: string[];
  /** "Red: 32 points, Red from 25" or "Red: red flag (…)". */
  rule: string;
  indicators: IndicatorResult[];
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const on = (date: IsoDate | null) => (date ? ` on ${longDate(date)}` : '');

const COUNTED: Partial<Record<IndicatorKey, [string, string]>> = {
  safeguarding: ['safeguarding decision', 'safeguarding decisions'],
  'unexpected-deaths': ['unexpected death', 'unexpected deaths'],
  'substantiated-concerns': ['substantiated concern', 'substantiated concerns'],
  'missing-kpi-returns': ['missing KPI return', 'missing KPI returns'],
};

/** A fact in words, as the dashboard and the service's page show it. */
export function factText(key: IndicatorKey, fact: IndicatorFact, lookBackMonths: number | null): string {
  const value = fact.value;
  const label = (category: IndicatorKey) => indicatorOf(category).values?.[String(value)] ?? String(value ?? '');
  const window = `in ${plural(lookBackMonths ?? 0, 'month')}`;
  const counted = COUNTED[key];
  if (counted) {
    const count = Number(value ?? 0);
    return count === 0 ? `No ${counted[1]} ${window}` : `${plural(count, ...counted)} ${window}`;
  }
  const inForce = Number(value ?? 0) > 0;
  const since = fact.on ? ` since ${longDate(fact.on)}` : '';
  switch (key) {
    case 'quality-assessment':
      return value === 'none' || value === null
        ? 'Not yet assessed'
        : `Quality assessment rated ${label(key)}${on(fact.on)}`;
    case 'cqc-rating':
      if (value === null) return 'Not registered with CQC';
      return value === 'not-inspected' ? 'Not yet inspected by CQC' : `CQC rated ${label(key)}${on(fact.on)}`;
    case 'food-hygiene':
      return value === null ? 'No food hygiene rating' : `Food hygiene rated ${value}${on(fact.on)}`;
    case 'embargo':
      return inForce ? `Embargo on new placements${since}` : 'No embargo in force';
    case 'default-notice':
      return inForce ? `Default notice in force${since}` : 'No default notice in force';
    case 'company-administration':
      return inForce ? `Company ${fact.detail ?? 'in administration'}${since}` : 'No administration recorded';
    case 'manager-vacancy':
      return inForce ? `Registered manager vacancy recorded${on(fact.on)}` : `No manager vacancy recorded ${window}`;
    case 'peoples-voice':
      return value === null
        ? `Fewer than 5 survey responses ${window}`
        : `${value}% of survey answers were No${fact.detail ? ` (${fact.detail})` : ''}`;
    default:
      return inForce ? plural(Number(value), 'action-plan item') + ' overdue' : 'No action-plan items overdue';
  }
}

const NOTHING: Score = { points: 0, redFlag: false };

/** What a value scores under an indicator's rule: a category by value, a number by the highest step it reaches. */
export function scoreOf(rule: IndicatorRule, value: string | number | null): Score {
  if (value === null) return NOTHING;
  if (typeof value === 'string') return rule.values?.[value] ?? NOTHING;
  const reached = (rule.steps ?? []).filter((step) => value >= step.atLeast).at(-1);
  return reached ? { points: reached.points, redFlag: reached.redFlag } : NOTHING;
}

const reasonOf = (result: IndicatorResult) => `${result.text} (${result.redFlag ? 'red flag' : `+${result.points}`})`;

/** A service's score, colour and reasons under a model. */
export function scoreService(model: RiskModel, facts: ServiceFacts): RiskResult {
  const indicators = RISK_INDICATORS.map(({ key, label }): IndicatorResult => {
    const rule = model.indicators[key];
    const fact = facts[key];
    const { points, redFlag } = scoreOf(rule, fact.value);
    // Put in words only when read: a night's run reads the words of what scored, nothing else.
    return {
      key,
      label,
      value: fact.value,
      get text() {
        return factText(key, fact, rule.lookBackMonths);
      },
      points,
      redFlag,
      on: fact.on,
      source: fact.source,
    };
  });
  const total = indicators.reduce((sum, indicator) => sum + indicator.points, 0);
  const flagged = indicators.filter((indicator) => indicator.redFlag);
  const colour: RiskColour =
    flagged.length > 0 || total >= model.redFrom ? 'red' : total >= model.amberFrom ? 'amber' : 'green';
  const scored = indicators
    .filter((indicator) => indicator.redFlag || indicator.points > 0)
    .sort((a, b) => Number(b.redFlag) - Number(a.redFlag) || b.points - a.points);
  const thresholds = `Amber from ${model.amberFrom}, Red from ${model.redFrom}`;
  const rule =
    flagged.length > 0
      ? `Red: ${plural(flagged.length, 'red flag')}, ${plural(total, 'point')} (${thresholds})`
      : `${RISK_COLOUR_LABELS[colour]}: ${plural(total, 'point')} (${thresholds})`;
  return { score: total, colour, reasons: scored.map(reasonOf), rule, indicators };
}

/** The reasons in one line, as the issue of a colour is told: "Red: CQC rated Inadequate… (red flag); …". */
export const headline = (result: Pick<RiskResult, 'colour' | 'reasons'>): string =>
  `${RISK_COLOUR_LABELS[result.colour]}: ${result.reasons.length > 0 ? result.reasons.join('; ') : 'nothing scores points'}`;

/** Better, same or worse than before, by colour first and then by points. */
export function trendOf(
  now: { colour: RiskColour; score: number },
  before: { colour: RiskColour; score: number } | null,
): 'better' | 'same' | 'worse' | null {
  if (!before) return null;
  const difference = COLOUR_RANK[now.colour] - COLOUR_RANK[before.colour] || now.score - before.score;
  return difference < 0 ? 'better' : difference > 0 ? 'worse' : 'same';
}
