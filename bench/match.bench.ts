// Waiting-list matching at county scale, generated with the demo county's seeded random numbers:
// 1,000 waiting people and 5,000 vacancies, then the scarce case of 5,000 people for 1,000
// vacancies. Prints how long the exact matching took, what it achieved, and what first come,
// first served achieves.
import { seededRandom } from '../src/demo/domain/demo-county.ts';
import {
  firstComeFirstServed,
  matchInputProblems,
  matchWaitingList,
  type MatchInput,
} from '../src/brokerage/domain/matching.ts';
import { NEED_BANDS } from '../src/procurement/domain/vehicles.ts';

const ZONES = ['north', 'central', 'south'];
const FEATURES = ['wheelchair-access', 'ground-floor', 'own-front-door', 'garden', 'sensory-adaptations'];
const WEEKLY_BASE_PENCE = { 'highly-complex': 250_000, complex: 160_000, 'less-complex': 90_000 } as const;

function generatedMarket(referralCount: number, vacancyCount: number): MatchInput {
  const random = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = (items: readonly string[], chance: number) => items.filter(() => random() < chance);
  // Schemes of 1-8 vacancies, each with one zone, band, provider tier and set of features.
  const vacancies: MatchInput['vacancies'] = [];
  for (let scheme = 0; vacancies.length < vacancyCount; scheme += 1) {
    const zone = pick(ZONES);
    const band = pick(NEED_BANDS);
    const providerTier = random() < 0.6 ? 1 : 2;
    const features = some(FEATURES, 0.4);
    const size = 1 + Math.floor(random() * 8);
    for (let unit = 0; unit < size && vacancies.length < vacancyCount; unit += 1) {
      const weeklyPricePence = WEEKLY_BASE_PENCE[band] + Math.floor(random() * 40) * 500;
      vacancies.push({
        id: `V${vacancies.length + 1}`,
        scheme: `S${scheme + 1}`,
        zone,
        band,
        features,
        providerTier,
        weeklyPricePence,
      });
    }
  }
  const schemes = [...new Set(vacancies.map((vacancy) => vacancy.scheme))];
  const referrals: MatchInput['referrals'] = Array.from({ length: referralCount }, (_, i) => ({
    id: `R${i + 1}`,
    zone: pick(ZONES),
    band: pick(NEED_BANDS),
    needs: some(FEATURES, 0.2),
    anyZone: random() < 0.1,
    incompatibleSchemes: random() < 0.3 ? [pick(schemes), pick(schemes)] : [],
  }));
  return { referrals, vacancies };
}

for (const [referrals, vacancies] of [
  [1_000, 5_000],
  [5_000, 1_000],
] as const) {
  const input = generatedMarket(referrals, vacancies);
  if (matchInputProblems(input).length > 0) throw new Error('The generated market is not valid input');
  const started = performance.now();
  const best = matchWaitingList(input);
  const seconds = (performance.now() - started) / 1000;
  const greedy = firstComeFirstServed(input);
  console.log(`Matching ${referrals} referrals to ${vacancies} vacancies: ${seconds.toFixed(2)} s`);
  for (const [label, result] of [
    ['exact', best],
    ['first come', greedy],
  ] as const) {
    console.log(
      `  ${label.padEnd(10)} placed ${result.placed}, with Tier 1 ${result.placedWithTier1}, weekly £${(result.totalWeeklyPricePence / 100).toFixed(2)}`,
    );
  }
}
