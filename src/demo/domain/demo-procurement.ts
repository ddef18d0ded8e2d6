// The demo county's procurement, as data: a PCR 2015 supported living DPS with its admitted
// providers, a Procurement Act 2023 tiered framework in evaluation with applications at every
// stage, a short breaks framework ready for award, a framework awarded under the Act with its
// contracts started, and the dynamic market established to replace the DPS. Dates are relative
// to the day it loads.
import { addDays, type IsoDate } from '../../platform/domain/calendar.ts';
import { seededRandom } from './demo-county.ts';

export const DEMO_QUESTIONS = [
  {
    kind: 'selection',
    text: 'Are you registered with the Care Quality Commission for personal care?',
    guidance: 'Give your CQC provider ID.',
  },
  {
    kind: 'selection',
    text: "Do you hold employer's liability insurance of at least £10m and public liability insurance of at least £5m?",
  },
  { kind: 'selection', text: 'Can you provide two years of audited accounts showing you are financially sound?' },
  {
    kind: 'quality',
    text: 'How will you recruit, train and keep staff who know the people they support?',
    wordLimit: 500,
    weightPercent: 40,
  },
  {
    kind: 'quality',
    text: 'How will you support people to be as independent as they can be, and measure it?',
    wordLimit: 500,
    weightPercent: 35,
  },
  {
    kind: 'quality',
    text: 'How will you keep people safe, and learn when things go wrong?',
    wordLimit: 500,
    weightPercent: 25,
  },
] as const;

export const DEMO_ANSWER =
  'We recruit locally with people we support on every interview panel, pay at least the Real Living Wage, ' +
  'and give each new colleague twelve weeks of shadowing before they work alone. Support plans set goals with the person, ' +
  'and we review progress with them every quarter.';

/** How far each demo application gets: submitted only, excluded at selection, scored awaiting moderation, or through to award. */
export type DemoStage = 'draft' | 'submitted' | 'excluded' | 'scored' | 'award';

export interface DemoApplication {
  /** Index into the generated demo providers. */
  providerIndex: number;
  zones: readonly number[];
  stage: DemoStage;
  /** Agreed (and evaluators') scores per quality question, out of 5. */
  scores: readonly number[];
}

/** A seeded spread of scores out of 5 for the three quality questions. */
function scoresFor(random: () => number): number[] {
  return [0, 1, 2].map(() => 2 + Math.floor(random() * 4));
}

/** The day the county's DPS contracts began: its providers' contracts and placements run from here. */
export const DPS_CONTRACTS_BEGAN = '2019-07-01';

/** The council fixes the rates (so tenders compete on quality alone, scored out of 5) and tiers nobody. */
const RATES_FIXED_UNTIERED = { pricesFixed: true, qualityWeightPercent: 100, scoreScaleMax: 5, tiered: false } as const;

export function demoVehicles(today: IsoDate) {
  const random = seededRandom(2026);
  const dps = {
    reference: 'WVCC-SL-DPS-2019',
    name: 'Supported Living Dynamic Purchasing System',
    kind: 'dps',
    regime: 'pcr2015',
    description:
      'Care and support for adults with learning disabilities, autism or mental health needs living in their own tenancies.',
    valuePence: 23_120_000_000,
    advertOn: '2019-04-01',
    contractStartOn: DPS_CONTRACTS_BEGAN,
    contractEndOn: '2027-06-30',
    extensionOptions: 'two further periods of 12 months',
    ...RATES_FIXED_UNTIERED,
    qualityThreshold: 60,
  } as const;
  const framework = {
    reference: 'WVCC-SL-FW-2026',
    name: 'Supported Living Framework 2026',
    kind: 'framework',
    regime: 'pa2023',
    description: 'A tiered framework by zone: Tier 1 providers in each zone get new and re-procured business first.',
    valuePence: 37_000_000_000,
    advertOn: addDays(today, -45),
    clarificationDeadline: addDays(today, -10),
    submissionDeadline: today,
    awardOn: addDays(today, 30),
    contractStartOn: addDays(today, 120),
    contractEndOn: addDays(today, 120 + 5 * 365),
    extensionOptions: 'one further period of 24 months',
    pricesFixed: true,
    qualityWeightPercent: 100,
    scoreScaleMax: 5,
    tiered: true,
    maxTier1ZonesPerProvider: 2,
    qualityThreshold: 60,
    allocationRule: 'coverage-then-score',
    tier1Places: [3, 4, 3],
    partnerSharePercent: 25,
  } as const;
  const respite = {
    reference: 'WVCC-SB-FW-2025-R2',
    name: 'Short Breaks Framework',
    kind: 'framework',
    regime: 'pa2023',
    description:
      'Short breaks for adults with learning disabilities and autistic people, and a rest for their families.',
    valuePence: 4_800_000_000,
    advertOn: addDays(today, -60),
    submissionDeadline: today,
    contractStartOn: addDays(today, 60),
    contractEndOn: addDays(today, 60 + 3 * 365),
    ...RATES_FIXED_UNTIERED,
    qualityThreshold: 55,
  } as const;
  // A framework under the Act awarded weeks ago, its contracts started: its notices all published.
  const mentalHealth = {
    reference: 'WVCC-MH-FW-2025',
    name: 'Mental Health Supported Living Framework',
    kind: 'framework',
    regime: 'pa2023',
    description:
      'Supported living for adults recovering from mental ill health, stepping down from hospital or residential care.',
    valuePence: 960_000_000,
    advertOn: addDays(today, -120),
    submissionDeadline: addDays(today, -60),
    awardOn: addDays(today, -20),
    contractStartOn: addDays(today, -8),
    contractEndOn: addDays(today, -8 + 4 * 365),
    ...RATES_FIXED_UNTIERED,
    qualityThreshold: 60,
  } as const;
  // The dynamic market that will replace the DPS before the old rules end for it: established, admitting.
  const dynamicMarket = {
    reference: 'WVCC-SL-DM-2026',
    name: 'Supported Living Dynamic Market',
    kind: 'dynamic-market',
    regime: 'pa2023',
    description: 'The dynamic market replacing the 2019 DPS: providers may apply to join at any time.',
    valuePence: 25_000_000_000,
    advertOn: addDays(today, -14),
    contractStartOn: addDays(today, -14),
    contractEndOn: addDays(today, -14 + 8 * 365),
    ...RATES_FIXED_UNTIERED,
    qualityThreshold: 60,
    voluntaryStandstill: false,
  } as const;
  const dpsApplications: DemoApplication[] = [2, 3, 4, 5, 6, 7, 8, 9].map((providerIndex, i) => ({
    providerIndex,
    zones: [i % 3, (i + 1) % 3],
    stage: 'award',
    scores: [4, 3 + (i % 2), 4],
  }));
  const frameworkStages: DemoStage[] = [
    'award',
    'award',
    'award',
    'award',
    'award',
    'award',
    'award',
    'scored',
    'scored',
    'excluded',
    'submitted',
    'draft',
  ];
  const frameworkApplications: DemoApplication[] = frameworkStages.map((stage, i) => ({
    providerIndex: [0, 1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19][i]!,
    zones: i % 4 === 0 ? [0, 1, 2] : [i % 3, (i + 2) % 3],
    stage,
    scores: scoresFor(random),
  }));
  const respiteApplications: DemoApplication[] = [20, 21, 22, 23].map((providerIndex, i) => ({
    providerIndex,
    zones: [i % 3],
    stage: 'award',
    scores: scoresFor(random),
  }));
  // Drawn after the others, so their scores stay as they were.
  const mentalHealthApplications: DemoApplication[] = [2, 4, 6].map((providerIndex, i) => ({
    providerIndex,
    zones: [i % 3],
    stage: 'award',
    scores: scoresFor(random),
  }));
  const marketApplications: DemoApplication[] = [3, 5].map((providerIndex, i) => ({
    providerIndex,
    zones: [i % 3, (i + 1) % 3],
    stage: 'award',
    scores: scoresFor(random),
  }));
  return {
    dps,
    framework,
    respite,
    mentalHealth,
    dynamicMarket,
    dpsApplications,
    frameworkApplications,
    respiteApplications,
    mentalHealthApplications,
    marketApplications,
  };
}
