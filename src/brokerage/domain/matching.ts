// Waiting-list matching for planning: which waiting person should take which vacancy so that the
// most people are placed; among those assignments, the most with Tier 1 providers; among those,
// the lowest total weekly price. Used to fill the vacancy list from the waiting list, to bring
// out-of-county people home, and to move an unsuccessful provider's services (report 000 §11a,
// report 004 §8).
import type { FieldError } from '../../platform/domain/field-error.ts';
import { isObject, isText, isTextList, isWholeNumber } from '../../platform/domain/json-input.ts';
import { NEED_BANDS, type NeedBand } from '../../procurement/domain/vehicles.ts';

export interface MatchReferral {
  id: string;
  zone: string;
  band: NeedBand;
  /** Features the person needs (wheelchair access, ground floor, …): the vacancy must have every one. */
  needs: string[];
  /** When true the person will live in any zone. */
  anyZone: boolean;
  /** Schemes the person must not live in (an incompatible tenant, a past placement that broke down). */
  incompatibleSchemes: string[];
}

export interface MatchVacancy {
  id: string;
  scheme: string;
  zone: string;
  band: NeedBand;
  features: string[];
  providerTier: 1 | 2;
  weeklyPricePence: number;
}

export interface MatchInput {
  referrals: MatchReferral[];
  vacancies: MatchVacancy[];
  /** How people name zones and features in reasons (ids and codes as they are, when not given). */
  names?: { zone?(id: string): string; band?(band: NeedBand): string; feature?(code: string): string };
}

export interface Assignment {
  referral: string;
  vacancy: string;
}

export interface MatchResult {
  assignments: Assignment[];
  unplaced: { referral: string; reason: string }[];
  placed: number;
  placedWithTier1: number;
  totalWeeklyPricePence: number;
}

/** Checks a matching request and lists every problem in it, each with where it is. */
export function matchInputProblems(raw: unknown): FieldError[] {
  if (!isObject(raw)) return [{ field: '', message: 'Send an object with referrals and vacancies' }];
  const problems: FieldError[] = [];
  const bandMessage = (value: unknown) =>
    `The band must be one of ${NEED_BANDS.join(', ')}, not ${JSON.stringify(value ?? null)}`;
  const listOf = (name: 'referrals' | 'vacancies', check: (item: Record<string, unknown>, at: string) => void) => {
    if (!Array.isArray(raw[name]))
      return problems.push({ field: name, message: `List the ${name}, even if there are none` });
    const ids = new Set<string>();
    raw[name].forEach((item: unknown, i: number) => {
      const at = `${name}[${i}]`;
      if (!isObject(item)) return problems.push({ field: at, message: `Each of the ${name} is an object` });
      if (!isText(item.id)) problems.push({ field: `${at}.id`, message: 'Give it an id' });
      else if (ids.has(item.id)) problems.push({ field: `${at}.id`, message: `${item.id} is listed twice` });
      else ids.add(item.id);
      if (!isText(item.zone)) problems.push({ field: `${at}.zone`, message: 'Give its zone' });
      if (!(NEED_BANDS as readonly unknown[]).includes(item.band))
        problems.push({ field: `${at}.band`, message: bandMessage(item.band) });
      check(item, at);
      return undefined;
    });
    return undefined;
  };
  listOf('referrals', (referral, at) => {
    if (!isTextList(referral.needs))
      problems.push({ field: `${at}.needs`, message: 'needs is a list of features, which may be empty' });
    if (typeof referral.anyZone !== 'boolean')
      problems.push({ field: `${at}.anyZone`, message: 'anyZone is true or false' });
    if (!isTextList(referral.incompatibleSchemes))
      problems.push({
        field: `${at}.incompatibleSchemes`,
        message: 'incompatibleSchemes is a list of scheme ids, which may be empty',
      });
  });
  listOf('vacancies', (vacancy, at) => {
    if (!isText(vacancy.scheme)) problems.push({ field: `${at}.scheme`, message: 'Give its scheme' });
    if (!isTextList(vacancy.features))
      problems.push({ field: `${at}.features`, message: 'features is a list, which may be empty' });
    if (vacancy.providerTier !== 1 && vacancy.providerTier !== 2)
      problems.push({ field: `${at}.providerTier`, message: 'providerTier is 1 or 2' });
    if (!isWholeNumber(vacancy.weeklyPricePence) || vacancy.weeklyPricePence < 0)
      problems.push({
        field: `${at}.weeklyPricePence`,
        message: 'weeklyPricePence is a whole number of pence, 0 or more',
      });
  });
  return problems;
}

/** Whether the person may take the vacancy: same band, every need met, not an excluded scheme, and the zone. */
export function mayTake(referral: MatchReferral, vacancy: MatchVacancy): boolean {
  return (
    referral.band === vacancy.band &&
    (referral.anyZone || referral.zone === vacancy.zone) &&
    referral.needs.every((need) => vacancy.features.includes(need)) &&
    !referral.incompatibleSchemes.includes(vacancy.scheme)
  );
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** For each referral, the indexes of the vacancies it may take, in input order. */
function candidatesOf(input: MatchInput): number[][] {
  const byBand = groupBy(
    input.vacancies.map((_, i) => i),
    (i) => input.vacancies[i]!.band,
  );
  return input.referrals.map((referral) =>
    (byBand.get(referral.band) ?? []).filter((i) => mayTake(referral, input.vacancies[i]!)),
  );
}

/** Why nobody could offer this person anything: the first test that leaves no vacancy. */
function whyNoVacancySuits(
  referral: MatchReferral,
  vacancies: readonly MatchVacancy[],
  names: MatchInput['names'] = {},
): string {
  const where = referral.anyZone ? 'any zone' : (names.zone?.(referral.zone) ?? referral.zone);
  const band = names.band?.(referral.band) ?? referral.band;
  const needs = referral.needs.map((need) => names.feature?.(need) ?? need);
  const inZone = vacancies.filter((vacancy) => referral.anyZone || vacancy.zone === referral.zone);
  if (inZone.length === 0) return `No vacancy in ${where}`;
  const inBand = inZone.filter((vacancy) => vacancy.band === referral.band);
  if (inBand.length === 0) return `No ${band} vacancy in ${where}`;
  const withNeeds = inBand.filter((vacancy) => referral.needs.every((need) => vacancy.features.includes(need)));
  if (withNeeds.length === 0) return `No ${band} vacancy in ${where} has all of: ${needs.join(', ')}`;
  return `Every ${band} vacancy in ${where} that meets their needs is in a scheme they must not live in`;
}

function resultOf(
  input: MatchInput,
  chosen: ReadonlyMap<number, number>,
  candidates: readonly number[][],
): MatchResult {
  const assignments: Assignment[] = [];
  const unplaced: MatchResult['unplaced'] = [];
  let placedWithTier1 = 0;
  let totalWeeklyPricePence = 0;
  input.referrals.forEach((referral, r) => {
    const v = chosen.get(r);
    if (v !== undefined) {
      const vacancy = input.vacancies[v]!;
      assignments.push({ referral: referral.id, vacancy: vacancy.id });
      if (vacancy.providerTier === 1) placedWithTier1 += 1;
      totalWeeklyPricePence += vacancy.weeklyPricePence;
    } else {
      const suitable = candidates[r]!.length;
      unplaced.push({
        referral: referral.id,
        reason:
          suitable === 0
            ? whyNoVacancySuits(referral, input.vacancies, input.names)
            : `${suitable === 1 ? 'The one vacancy that suits them goes' : `All ${suitable} vacancies that suit them go`} to other people, so that more are placed`,
      });
    }
  });
  return { assignments, unplaced, placed: assignments.length, placedWithTier1, totalWeeklyPricePence };
}

/** First come, first served: each vacancy in input order goes to the first waiting person it suits. */
export function firstComeFirstServed(input: MatchInput): MatchResult {
  const candidates = candidatesOf(input);
  const suitedBy = input.vacancies.map(() => [] as number[]);
  candidates.forEach((list, r) => list.forEach((v) => suitedBy[v]!.push(r)));
  const chosen = new Map<number, number>();
  suitedBy.forEach((referrals, v) => {
    const first = referrals.find((r) => !chosen.has(r));
    if (first !== undefined) chosen.set(first, v);
  });
  return resultOf(input, chosen, candidates);
}

/**
 * The best assignment, exactly. Every pair's worth depends on the vacancy alone (placed, its tier,
 * its price), so the sets of vacancies that can all be filled at once form a transversal matroid,
 * and the greedy rule is optimal for it: take vacancies best first (Tier 1, then cheaper, then
 * input order) and keep each one that can be filled alongside those already kept, moving earlier
 * people along an augmenting path if need be. Every maximal set kept this way places the most
 * people, and the best-first order makes it the best set by Tier 1 and then price as well.
 * `input` must have passed `matchInputProblems`.
 */
export function matchWaitingList(input: MatchInput): MatchResult {
  const candidates = candidatesOf(input);
  const suitedBy = input.vacancies.map(() => [] as number[]);
  candidates.forEach((list, r) => list.forEach((v) => suitedBy[v]!.push(r)));
  const order = input.vacancies
    .map((_, v) => v)
    .sort((a, b) => {
      const [x, y] = [input.vacancies[a]!, input.vacancies[b]!];
      return x.providerTier - y.providerTier || x.weeklyPricePence - y.weeklyPricePence || a - b;
    });
  const vacancyOf = new Int32Array(input.referrals.length).fill(-1);
  const referralIn = new Int32Array(input.vacancies.length).fill(-1);
  // A vacancy from which no augmenting path was found never leads to one later: every person it
  // reaches is placed in a vacancy it also reaches, and placements only ever move inside that set.
  const dead = new Uint8Array(input.vacancies.length);
  const seenIn = new Int32Array(input.referrals.length).fill(-1);
  const reachedFrom = new Int32Array(input.referrals.length);
  for (const start of order) {
    if (suitedBy[start]!.length === 0) continue;
    const queue = [start];
    let free = -1;
    for (let head = 0; head < queue.length && free < 0; head += 1) {
      const vacancy = queue[head]!;
      for (const r of suitedBy[vacancy]!) {
        if (seenIn[r] === start) continue;
        seenIn[r] = start;
        reachedFrom[r] = vacancy;
        if (vacancyOf[r] === -1) {
          free = r;
          break;
        }
        if (!dead[vacancyOf[r]!]) queue.push(vacancyOf[r]!);
      }
    }
    if (free < 0) {
      for (const vacancy of queue) dead[vacancy] = 1;
      continue;
    }
    // Move each person on the path into the vacancy that reached them.
    for (let r = free; r >= 0;) {
      const vacancy = reachedFrom[r]!;
      const moved = referralIn[vacancy]!;
      referralIn[vacancy] = r;
      vacancyOf[r] = vacancy;
      r = moved;
    }
  }
  const chosen = new Map<number, number>();
  vacancyOf.forEach((v, r) => {
    if (v >= 0) chosen.set(r, v);
  });
  return resultOf(input, chosen, candidates);
}

/** The exact assignment, with what first come, first served would achieve beside it. */
export function matchingPlan(
  input: MatchInput,
): MatchResult & { firstComeFirstServed: Pick<MatchResult, 'placed' | 'placedWithTier1' | 'totalWeeklyPricePence'> } {
  const { placed, placedWithTier1, totalWeeklyPricePence } = firstComeFirstServed(input);
  return { ...matchWaitingList(input), firstComeFirstServed: { placed, placedWithTier1, totalWeeklyPricePence } };
}
