// A service's risk: its facts (one per indicator) scored by the model into points, a colour and the
// reasons for it, in words a commissioner can check against the records ("3 substantiated concerns
// in 12 months (+15)"). Pure: the facts are gathered elsewhere, once for every service.
import { longDate, type IsoDate } from '../../platform/domain/calendar.ts';
import {
  COLOUR_RANK,
  INDICATOR_KEYS,
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
  let reached: Score = NOTHING;
  for (const step of rule.steps ?? []) if (value >= step.atLeast) reached = step;
  return reached;
}

export type RiskRating = Pick<RiskResult, 'score' | 'colour' | 'reasons'>;

const worstFirst = (a: Score, b: Score) => Number(b.redFlag) - Number(a.redFlag) || b.points - a.points;

/**
 * A service's score, colour and reasons: what a run stores. Written as plain loops that put only
 * what scored into words, since a night's run rates every service in the country.
 */
export function rateService(model: RiskModel, facts: ServiceFacts): RiskRating {
  let score = 0;
  let flagged = false;
  const scored: (Score & { key: IndicatorKey })[] = [];
  for (const key of INDICATOR_KEYS) {
    const { points, redFlag } = scoreOf(model.indicators[key], facts[key].value);
    score += points;
    flagged ||= redFlag;
    if (points > 0 || redFlag) scored.push({ key, points, redFlag });
  }
  scored.sort(worstFirst);
  const reasons: string[] = [];
  for (const { key, points, redFlag } of scored)
    reasons.push(
      `${factText(key, facts[key], model.indicators[key].lookBackMonths)} (${redFlag ? 'red flag' : `+${points}`})`,
    );
  const colour: RiskColour = flagged || score >= model.redFrom ? 'red' : score >= model.amberFrom ? 'amber' : 'green';
  return { score, colour, reasons };
}

/** A service's rating with every indicator in words and the rule that gave its colour: for its page. */
export function scoreService(model: RiskModel, facts: ServiceFacts): RiskResult {
  const rating = rateService(model, facts);
  const indicators = RISK_INDICATORS.map(({ key, label }): IndicatorResult => {
    const rule = model.indicators[key];
    const fact = facts[key];
    const { points, redFlag } = scoreOf(rule, fact.value);
    const text = factText(key, fact, rule.lookBackMonths);
    return { key, label, value: fact.value, text, points, redFlag, on: fact.on, source: fact.source };
  });
  const flags = indicators.filter((indicator) => indicator.redFlag).length;
  const thresholds = `Amber from ${model.amberFrom}, Red from ${model.redFrom}`;
  const rule =
    flags > 0
      ? `Red: ${plural(flags, 'red flag')}, ${plural(rating.score, 'point')} (${thresholds})`
      : `${RISK_COLOUR_LABELS[rating.colour]}: ${plural(rating.score, 'point')} (${thresholds})`;
  return { ...rating, rule, indicators };
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
