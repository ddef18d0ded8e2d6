// Tier allocation by zone (DOMAIN.md, "Tiers and zones"; Lancashire, report 004 §6): each zone has
// a number of Tier 1 places; no provider may be Tier 1 in more zones than the cap; every bid at or
// above the quality threshold that is not Tier 1 is Tier 2; the rest are below it and not admitted.
import type { FieldError } from '../../platform/domain/field-error.ts';
import type { MilpSolver } from '../../platform/domain/milp.ts';
import { isObject, isText, isWholeNumber } from '../../platform/domain/json-input.ts';

export type AllocationRule = 'coverage-then-score' | 'rank-order';
export const ALLOCATION_RULES: readonly AllocationRule[] = ['coverage-then-score', 'rank-order'];
export const ALLOCATION_RULE_LABELS: Record<AllocationRule, string> = {
  'coverage-then-score': 'Coverage then score',
  'rank-order': 'Rank order',
};

export interface TierZone {
  id: string;
  tier1Places: number;
  /** As shown in reasons; the id with a capital letter when absent. */
  name?: string;
}

export interface TierBid {
  provider: string;
  zone: string;
  score: number;
}

export interface TierInput {
  zones: TierZone[];
  maxTier1ZonesPerProvider: number;
  qualityThreshold: number;
  rule: AllocationRule;
  bids: TierBid[];
}

export interface RankedBid extends TierBid {
  /** Place among all bids in the zone by score: 1 + the number of bids there that scored higher. */
  rank: number;
}

export interface TierAllocation {
  rule: AllocationRule;
  tier1: RankedBid[];
  tier2: RankedBid[];
  unsuccessful: RankedBid[];
  placesFilled: number;
  totalTier1Score: number;
  /** For every bid, keyed "provider/zone": why it landed where it did, in words a provider can read. */
  reasons: Record<string, string>;
}

/** What happens to a tenderer below the quality threshold, in words it is given. */
export const NOT_ADMITTED = 'Below the quality threshold: not admitted';

/** "Below the quality threshold: not admitted (scored 59.99; the threshold is 60)". */
export const belowThresholdReason = (score: number, threshold: number) =>
  `${NOT_ADMITTED} (scored ${score}; the threshold is ${threshold})`;

/** A bid's key in an allocation's reasons: "provider/zone". */
export const bidKey = (bid: { provider: string; zone: string }) => `${bid.provider}/${bid.zone}`;

/** The tier the bid with this key ("provider/zone") landed in, or null where it was unsuccessful. */
export const tierOf = (allocation: Pick<TierAllocation, 'tier1' | 'tier2'>, key: string): 'tier1' | 'tier2' | null =>
  allocation.tier1.some((bid) => bidKey(bid) === key)
    ? 'tier1'
    : allocation.tier2.some((bid) => bidKey(bid) === key)
      ? 'tier2'
      : null;

/** Checks a tier-allocation request and lists every problem in it, each with where it is. */
export function tierInputProblems(raw: unknown): FieldError[] {
  if (!isObject(raw))
    return [
      { field: '', message: 'Send an object with zones, maxTier1ZonesPerProvider, qualityThreshold, rule and bids' },
    ];
  const problems: FieldError[] = [];
  const zones = Array.isArray(raw.zones) ? raw.zones : [];
  if (!Array.isArray(raw.zones) || zones.length === 0)
    problems.push({ field: 'zones', message: 'List at least one zone' });
  const zoneIds = new Set<string>();
  zones.forEach((zone: unknown, i) => {
    if (!isObject(zone) || !isText(zone.id))
      return problems.push({ field: `zones[${i}].id`, message: 'Give each zone an id' });
    if (zoneIds.has(zone.id)) problems.push({ field: `zones[${i}].id`, message: `Zone ${zone.id} is listed twice` });
    zoneIds.add(zone.id);
    if (!isWholeNumber(zone.tier1Places) || zone.tier1Places < 0)
      problems.push({
        field: `zones[${i}].tier1Places`,
        message: `Tier 1 places in ${zone.id} must be a whole number, 0 or more`,
      });
    if (zone.name !== undefined && !isText(zone.name))
      problems.push({ field: `zones[${i}].name`, message: "A zone's name must be text" });
    return undefined;
  });
  if (!isWholeNumber(raw.maxTier1ZonesPerProvider) || raw.maxTier1ZonesPerProvider < 1) {
    problems.push({
      field: 'maxTier1ZonesPerProvider',
      message: 'The most zones a provider may be Tier 1 in must be a whole number, 1 or more',
    });
  }
  if (typeof raw.qualityThreshold !== 'number' || !Number.isFinite(raw.qualityThreshold))
    problems.push({ field: 'qualityThreshold', message: 'The quality threshold must be a number' });
  if (!(ALLOCATION_RULES as readonly unknown[]).includes(raw.rule))
    problems.push({ field: 'rule', message: `The rule must be one of ${ALLOCATION_RULES.join(', ')}` });
  if (!Array.isArray(raw.bids)) problems.push({ field: 'bids', message: 'List the bids, even if there are none' });
  const seen = new Set<string>();
  (Array.isArray(raw.bids) ? raw.bids : []).forEach((bid: unknown, i) => {
    if (!isObject(bid))
      return problems.push({ field: `bids[${i}]`, message: 'Each bid has a provider, a zone and a score' });
    if (!isText(bid.provider)) problems.push({ field: `bids[${i}].provider`, message: "Give the bid's provider" });
    if (!isText(bid.zone)) problems.push({ field: `bids[${i}].zone`, message: "Give the bid's zone" });
    else if (!zoneIds.has(bid.zone) && zones.length > 0)
      problems.push({ field: `bids[${i}].zone`, message: `There is no zone ${bid.zone}` });
    if (typeof bid.score !== 'number' || !Number.isFinite(bid.score))
      problems.push({
        field: `bids[${i}].score`,
        message: `The score must be a number, not ${JSON.stringify(bid.score ?? null)}`,
      });
    else if (bid.score < 0) problems.push({ field: `bids[${i}].score`, message: 'The score cannot be negative' });
    if (isText(bid.provider) && isText(bid.zone)) {
      const key = `${bid.provider}/${bid.zone}`;
      if (seen.has(key))
        problems.push({ field: `bids[${i}]`, message: `${bid.provider} bids for ${bid.zone} more than once` });
      seen.add(key);
    }
    return undefined;
  });
  return problems;
}

const zoneName = (zone: TierZone) => zone.name ?? `${zone.id.charAt(0).toUpperCase()}${zone.id.slice(1)}`;
const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const inWords = (n: number) => NUMBER_WORDS[n] ?? String(n);
const plural = (n: number, one: string, many: string) => `${inWords(n)} ${n === 1 ? one : many}`;
const listed = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
// Scores are compared and summed in hundredths, so totals are exact for scores given to 2 decimals.
const hundredths = (score: number) => Math.round(score * 100);
const roundTo2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The order in which ties are settled, by both rules: higher score first, then provider id
 * (alphabetical), then the order the zones are listed in.
 */
function canonicalOrder(zones: readonly TierZone[]): (a: TierBid, b: TierBid) => number {
  const zoneIndex = new Map(zones.map((zone, i) => [zone.id, i]));
  return (a, b) =>
    hundredths(b.score) - hundredths(a.score) ||
    (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0) ||
    zoneIndex.get(a.zone)! - zoneIndex.get(b.zone)!;
}

/** Rule rank-order: down the eligible bids from the highest score, placing each where there is room. */
function rankOrder(input: TierInput, eligible: readonly TierBid[]): Set<string> {
  const placesLeft = new Map(input.zones.map((zone) => [zone.id, zone.tier1Places]));
  const zonesHeld = new Map<string, number>();
  const chosen = new Set<string>();
  for (const bid of [...eligible].sort(canonicalOrder(input.zones))) {
    if (placesLeft.get(bid.zone)! > 0 && (zonesHeld.get(bid.provider) ?? 0) < input.maxTier1ZonesPerProvider) {
      chosen.add(bidKey(bid));
      placesLeft.set(bid.zone, placesLeft.get(bid.zone)! - 1);
      zonesHeld.set(bid.provider, (zonesHeld.get(bid.provider) ?? 0) + 1);
    }
  }
  return chosen;
}

/**
 * Rule coverage-then-score, solved exactly as a 0-1 programme: the most Tier 1 places filled;
 * among those, the greatest total Tier 1 score; among those, the allocation that takes bids
 * earliest in the tie order (each bid in turn is placed if an allocation as good as the best
 * exists with it and with every bid placed before it).
 */
function coverageThenScore(input: TierInput, eligible: readonly TierBid[], solve: MilpSolver): Set<string> {
  if (eligible.length === 0) return new Set();
  const variable = new Map(eligible.map((bid, i) => [bidKey(bid), `x${i}`]));
  const sum = (bids: readonly TierBid[], weight: (bid: TierBid) => number = () => 1) =>
    bids.map((bid) => `${weight(bid)} ${variable.get(bidKey(bid))}`).join(' + ');
  const limits = [
    ...input.zones.map((zone) => [eligible.filter((bid) => bid.zone === zone.id), zone.tier1Places] as const),
    ...[...new Set(eligible.map((bid) => bid.provider))].map(
      (provider) => [eligible.filter((bid) => bid.provider === provider), input.maxTier1ZonesPerProvider] as const,
    ),
  ].filter(([bids]) => bids.length > 0);
  const programme = (objective: string, extra: readonly string[]) =>
    [
      'Maximize',
      ` obj: ${objective}`,
      'Subject To',
      ...limits.map(([bids, limit], i) => ` c${i}: ${sum(bids)} <= ${limit}`),
      ...extra.map((row, i) => ` e${i}: ${row}`),
      'Binary',
      ` ${[...variable.values()].join(' ')}`,
      'End',
    ].join('\n');
  const chosenIn = (values: Record<string, number>) =>
    new Set(eligible.filter((bid) => Math.round(values[variable.get(bidKey(bid))!] ?? 0) === 1).map(bidKey));
  const run = (objective: string, extra: readonly string[]) => {
    const result = solve(programme(objective, extra));
    return result.feasible ? chosenIn(result.values) : undefined;
  };

  const mostPlaces = run(sum(eligible), [])!;
  const fixed = [`${sum(eligible)} >= ${mostPlaces.size}`];
  let best = run(
    sum(eligible, (bid) => hundredths(bid.score)),
    fixed,
  )!;
  const bestScore = eligible
    .filter((bid) => best.has(bidKey(bid)))
    .reduce((total, bid) => total + hundredths(bid.score), 0);
  fixed.push(`${sum(eligible, (bid) => hundredths(bid.score))} >= ${bestScore}`);
  for (const bid of [...eligible].sort(canonicalOrder(input.zones))) {
    const x = variable.get(bidKey(bid))!;
    if (!best.has(bidKey(bid))) {
      const withIt = run(sum(eligible), [...fixed, `${x} >= 1`]);
      if (withIt) best = withIt;
    }
    fixed.push(best.has(bidKey(bid)) ? `${x} >= 1` : `${x} <= 0`);
  }
  return best;
}

/** Allocates tiers by the input's rule. `input` must have passed `tierInputProblems`. */
export function allocateTiers(input: TierInput, solve: MilpSolver): TierAllocation {
  const zoneById = new Map(input.zones.map((zone) => [zone.id, zone]));
  const rankOf = (bid: TierBid) =>
    1 + input.bids.filter((other) => other.zone === bid.zone && hundredths(other.score) > hundredths(bid.score)).length;
  const eligible = input.bids.filter((bid) => bid.score >= input.qualityThreshold);
  const chosen = input.rule === 'rank-order' ? rankOrder(input, eligible) : coverageThenScore(input, eligible, solve);

  const ranked = [...input.bids]
    .sort(canonicalOrder(input.zones))
    .map((bid) => ({ provider: bid.provider, zone: bid.zone, score: bid.score, rank: rankOf(bid) }));
  const tier1 = ranked.filter((bid) => chosen.has(bidKey(bid)));
  const tier2 = ranked.filter((bid) => !chosen.has(bidKey(bid)) && bid.score >= input.qualityThreshold);
  const unsuccessful = ranked.filter((bid) => bid.score < input.qualityThreshold);

  const reasons: Record<string, string> = {};
  const bidsIn = (zone: string) => input.bids.filter((bid) => bid.zone === zone).length;
  for (const bid of tier1) {
    const zone = zoneById.get(bid.zone)!;
    reasons[bidKey(bid)] =
      `Tier 1 in ${zoneName(zone)}: ranked ${ordinal(bid.rank)} of ${bidsIn(bid.zone)} by score, for ${plural(zone.tier1Places, 'place', 'places')}`;
  }
  for (const bid of tier2) {
    const zone = zoneById.get(bid.zone)!;
    const winners = tier1.filter((other) => other.zone === bid.zone);
    const held = tier1
      .filter((other) => other.provider === bid.provider)
      .map((other) => zoneName(zoneById.get(other.zone)!));
    const parts: string[] = [];
    if (zone.tier1Places === 0) parts.push(`${zoneName(zone)} has no Tier 1 places`);
    else if (
      winners.length >= zone.tier1Places &&
      winners.every((other) => hundredths(other.score) >= hundredths(bid.score))
    ) {
      const tie = winners.some((other) => hundredths(other.score) === hundredths(bid.score));
      parts.push(
        `${zoneName(zone)} had ${plural(zone.tier1Places, 'place', 'places')}, all taken by ${tie ? 'equal or higher' : 'higher'} scores`,
      );
    }
    if (held.length >= input.maxTier1ZonesPerProvider)
      parts.push(`already Tier 1 in ${plural(held.length, 'zone', 'zones')}, ${listed(held)}`);
    if (parts.length === 0)
      parts.push(`not placed in Tier 1 in ${zoneName(zone)}: the ${input.rule} rule filled the places with other bids`);
    reasons[bidKey(bid)] = `Tier 2: ${parts.join('; ')}`;
  }
  for (const bid of unsuccessful) reasons[bidKey(bid)] = belowThresholdReason(bid.score, input.qualityThreshold);
  return {
    rule: input.rule,
    tier1,
    tier2,
    unsuccessful,
    placesFilled: tier1.length,
    totalTier1Score: roundTo2(tier1.reduce((total, bid) => total + hundredths(bid.score), 0) / 100),
    reasons,
  };
}
