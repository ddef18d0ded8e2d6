// Waiting-list matching: hand-made cases where first come, first served loses, people nobody can
// take, ties; then the exact rule against exhaustive search over small random markets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../demo/domain/demo-county.ts';
import { NEED_BANDS } from '../../procurement/domain/vehicles.ts';
import {
  firstComeFirstServed,
  matchInputProblems,
  matchWaitingList,
  mayTake,
  type MatchInput,
  type MatchReferral,
  type MatchVacancy,
} from './matching.ts';

const person = (id: string, extra: Partial<MatchReferral> = {}): MatchReferral => ({
  id,
  zone: 'north',
  band: 'complex',
  needs: [],
  anyZone: false,
  incompatibleSchemes: [],
  ...extra,
});
const unit = (id: string, extra: Partial<MatchVacancy> = {}): MatchVacancy => ({
  id,
  scheme: `scheme-${id}`,
  zone: 'north',
  band: 'complex',
  features: [],
  providerTier: 1,
  weeklyPricePence: 150_000,
  ...extra,
});
const pairs = (result: { assignments: { referral: string; vacancy: string }[] }) =>
  result.assignments.map(({ referral, vacancy }) => `${referral}→${vacancy}`);

test('first come, first served gives the flexible person the only vacancy another could take; the exact rule places both', () => {
  const input: MatchInput = {
    referrals: [person('R1'), person('R2', { needs: ['wheelchair-access'] })],
    vacancies: [unit('V1', { features: ['wheelchair-access'] }), unit('V2')],
  };
  const greedy = firstComeFirstServed(input);
  assert.deepEqual(pairs(greedy), ['R1→V1']);
  assert.deepEqual(greedy.unplaced, [
    { referral: 'R2', reason: 'The one vacancy that suits them goes to other people, so that more are placed' },
  ]);
  const best = matchWaitingList(input);
  assert.deepEqual(pairs(best), ['R1→V2', 'R2→V1']);
  assert.equal(best.placed, 2);
  assert.deepEqual(best.unplaced, []);
});

test('more people placed comes before Tier 1, and Tier 1 before price', () => {
  const input: MatchInput = {
    referrals: [person('R1'), person('R2', { incompatibleSchemes: ['scheme-V2'] })],
    vacancies: [
      unit('V1', { providerTier: 2, weeklyPricePence: 90_000 }),
      unit('V2', { providerTier: 1, weeklyPricePence: 180_000 }),
      unit('V3', { providerTier: 1, weeklyPricePence: 170_000, zone: 'south' }),
    ],
  };
  const best = matchWaitingList(input);
  // R2 cannot live in V2's scheme and V3 is in another zone, so R2 takes V1 and R1 the Tier 1 V2.
  assert.deepEqual(pairs(best), ['R1→V2', 'R2→V1']);
  assert.deepEqual([best.placed, best.placedWithTier1, best.totalWeeklyPricePence], [2, 1, 270_000]);

  const alone = matchWaitingList({
    referrals: [person('R1')],
    vacancies: [
      unit('cheap', { providerTier: 2, weeklyPricePence: 80_000 }),
      unit('dear', { weeklyPricePence: 200_000 }),
      unit('middle', { weeklyPricePence: 160_000 }),
    ],
  });
  assert.deepEqual(pairs(alone), ['R1→middle'], 'Tier 1 first, then the cheaper Tier 1 vacancy');
});

test('people nobody can take are listed with the first reason that rules every vacancy out', () => {
  const input: MatchInput = {
    referrals: [
      person('zone', { zone: 'central' }),
      person('band', { band: 'highly-complex' }),
      person('needs', { needs: ['ground-floor', 'garden'] }),
      person('excluded', { incompatibleSchemes: ['scheme-V1'] }),
      person('anywhere', { zone: 'central', anyZone: true, band: 'less-complex' }),
    ],
    vacancies: [unit('V1', { features: ['ground-floor'] })],
  };
  assert.deepEqual(matchWaitingList(input).unplaced, [
    { referral: 'zone', reason: 'No vacancy in central' },
    { referral: 'band', reason: 'No highly-complex vacancy in north' },
    { referral: 'needs', reason: 'No complex vacancy in north has all of: ground-floor, garden' },
    {
      referral: 'excluded',
      reason: 'Every complex vacancy in north that meets their needs is in a scheme they must not live in',
    },
    { referral: 'anywhere', reason: 'No less-complex vacancy in any zone' },
  ]);
  const empty = matchWaitingList({ referrals: [], vacancies: [] });
  assert.deepEqual(empty, { assignments: [], unplaced: [], placed: 0, placedWithTier1: 0, totalWeeklyPricePence: 0 });
});

test('equally good vacancies are taken in the order they are listed, and the answer is the same every time', () => {
  const input: MatchInput = {
    referrals: [person('R1'), person('R2')],
    vacancies: [unit('V1'), unit('V2'), unit('V3')],
  };
  const first = matchWaitingList(input);
  assert.deepEqual(first.assignments.map((a) => a.vacancy).sort(), ['V1', 'V2']);
  assert.deepEqual(matchWaitingList(input), first);
  assert.equal(first.totalWeeklyPricePence, 300_000);
});

test('reasons name zones, bands and features as people know them when the names are given', () => {
  const input: MatchInput = {
    referrals: [person('needs', { needs: ['ground-floor', 'garden'] }), person('band', { band: 'highly-complex' })],
    vacancies: [unit('V1', { features: ['ground-floor'] })],
    names: {
      zone: (id) => ({ north: 'North Wyvern' })[id] ?? id,
      band: (band) => band.replace('-', ' '),
      feature: (code) => ({ 'ground-floor': 'ground floor', garden: 'a garden' })[code] ?? code,
    },
  };
  assert.deepEqual(
    matchWaitingList(input).unplaced.map((entry) => entry.reason),
    [
      'No complex vacancy in North Wyvern has all of: ground floor, a garden',
      'No highly complex vacancy in North Wyvern',
    ],
  );
});

test('an anyZone person may take a vacancy in another zone; others only their own', () => {
  assert.equal(mayTake(person('R', { zone: 'south', anyZone: true }), unit('V')), true);
  assert.equal(mayTake(person('R', { zone: 'south' }), unit('V')), false);
});

/** Every assignment of a small market, searched one person at a time. */
function exhaustiveBest(input: MatchInput): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  const better = (a: [number, number, number], b: [number, number, number]) =>
    a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] < b[2])));
  const visit = (r: number, used: Set<number>, score: [number, number, number]) => {
    if (r === input.referrals.length) {
      if (better(score, best)) best = score;
      return;
    }
    visit(r + 1, used, score);
    input.vacancies.forEach((vacancy, v) => {
      if (used.has(v) || !mayTake(input.referrals[r]!, vacancy)) return;
      used.add(v);
      visit(r + 1, used, [
        score[0] + 1,
        score[1] + (vacancy.providerTier === 1 ? 1 : 0),
        score[2] + vacancy.weeklyPricePence,
      ]);
      used.delete(v);
    });
  };
  visit(0, new Set(), [0, 0, 0]);
  return best;
}

test('the rule matches exhaustive search on 300 small random markets, and never does worse than first come', () => {
  const random = seededRandom(44);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const zones = ['north', 'south'];
  const features = ['wheelchair-access', 'ground-floor'];
  let greedyLost = 0;
  for (let market = 0; market < 300; market += 1) {
    const vacancies = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) =>
      unit(`V${i}`, {
        scheme: pick(['S1', 'S2', 'S3']),
        zone: pick(zones),
        band: pick(NEED_BANDS.slice(0, 2)),
        features: features.filter(() => random() < 0.5),
        providerTier: random() < 0.5 ? 1 : 2,
        weeklyPricePence: pick([100_000, 120_000, 150_000]),
      }),
    );
    const referrals = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) =>
      person(`R${i}`, {
        zone: pick(zones),
        band: pick(NEED_BANDS.slice(0, 2)),
        needs: features.filter(() => random() < 0.3),
        anyZone: random() < 0.3,
        incompatibleSchemes: random() < 0.3 ? [pick(['S1', 'S2', 'S3'])] : [],
      }),
    );
    const input = { referrals, vacancies };
    const result = matchWaitingList(input);
    assert.deepEqual(
      [result.placed, result.placedWithTier1, result.totalWeeklyPricePence],
      exhaustiveBest(input),
      `market ${market}`,
    );
    for (const { referral, vacancy } of result.assignments)
      assert.ok(
        mayTake(
          referrals.find((r) => r.id === referral)!,
          vacancies.find((v) => v.id === vacancy)!,
        ),
      );
    assert.equal(new Set(result.assignments.map((a) => a.vacancy)).size, result.placed, 'each vacancy at most once');
    const greedy = firstComeFirstServed(input);
    assert.ok(greedy.placed <= result.placed);
    if (greedy.placed < result.placed || greedy.placedWithTier1 < result.placedWithTier1) greedyLost += 1;
  }
  assert.ok(greedyLost > 10, `first come lost in ${greedyLost} markets`);
});

test('bad input is refused with every problem listed', () => {
  assert.deepEqual(matchInputProblems([]), [{ field: '', message: 'Send an object with referrals and vacancies' }]);
  const problems = matchInputProblems({
    referrals: [
      { id: 'R1', zone: 'north', band: 'medium', needs: 'garden', anyZone: 'no', incompatibleSchemes: [] },
      { id: 'R1', zone: '', band: 'complex', needs: [], anyZone: true, incompatibleSchemes: [3] },
    ],
    vacancies: [
      { id: 'V1', scheme: 'S1', zone: 'north', band: 'complex', features: [], providerTier: 3, weeklyPricePence: 12.5 },
      'V2',
    ],
  });
  assert.deepEqual(problems, [
    {
      field: 'referrals[0].band',
      message: 'The band must be one of highly-complex, complex, less-complex, not "medium"',
    },
    { field: 'referrals[0].needs', message: 'needs is a list of features, which may be empty' },
    { field: 'referrals[0].anyZone', message: 'anyZone is true or false' },
    { field: 'referrals[1].id', message: 'R1 is listed twice' },
    { field: 'referrals[1].zone', message: 'Give its zone' },
    {
      field: 'referrals[1].incompatibleSchemes',
      message: 'incompatibleSchemes is a list of scheme ids, which may be empty',
    },
    { field: 'vacancies[0].providerTier', message: 'providerTier is 1 or 2' },
    { field: 'vacancies[0].weeklyPricePence', message: 'weeklyPricePence is a whole number of pence, 0 or more' },
    { field: 'vacancies[1]', message: 'Each of the vacancies is an object' },
  ]);
  assert.deepEqual(matchInputProblems({ referrals: 'none' }), [
    { field: 'referrals', message: 'List the referrals, even if there are none' },
    { field: 'vacancies', message: 'List the vacancies, even if there are none' },
  ]);
});
