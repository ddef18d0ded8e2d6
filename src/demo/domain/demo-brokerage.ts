// The demo county's people, schemes and placements, sized like Staffordshire's (report 000 §2: 509
// placements, 76 out of county, 83 on direct payments): about 500 people placed, a sixth out of
// county and a sixth on direct payments; schemes of 1-8 units across the three zones with some
// voids and two properties in the pipeline; a handful of people still waiting. Generated the same
// way every time from a fixed seed; nobody in it is real.
import { addDays } from '../../platform/domain/calendar.ts';
import type { NeedBand } from '../../procurement/domain/vehicles.ts';
import { seededRandom } from './demo-county.ts';
import { DPS_CONTRACTS_BEGAN } from './demo-procurement.ts';

const GIVEN = [
  'Aisha',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Femi',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kiran',
  'Leah',
  'Mo',
  'Nina',
  'Oscar',
  'Poppy',
  'Ravi',
  'Sophie',
  'Tom',
  'Zara',
  'Liam',
  'Maya',
  'Noah',
  'Ruby',
];
const FAMILY = [
  'Adams',
  'Bailey',
  'Clarke',
  'Davies',
  'Edwards',
  'Fisher',
  'Green',
  'Hall',
  'Iqbal',
  'Jones',
  'King',
  'Lewis',
  'Morris',
  'Nash',
  'Owen',
  'Parker',
  'Reid',
  'Shah',
  'Turner',
  'Walker',
];
const HOUSING = [
  ['Midland Heart', 'L0734'],
  ['Wyvern Housing Association', 'LH4102'],
  ['Golden Lane Housing', 'L4280'],
  ['Home Group', 'L2786'],
  ['Inclusion Housing CIC', '4871'],
] as const;
const STREETS = [
  'Maple Road',
  'Elm Close',
  'Beech Avenue',
  'Rowan Way',
  'Holly Court',
  'Alder Grove',
  'Hazel Drive',
  'Poplar Street',
];
const TOWNS = [
  ['Northmoor', 'XV1'],
  ['Wyvernbridge', 'XV10'],
  ['Southmere', 'XV20'],
] as const;

/** Scores on the default matrix that place a person in each band. */
const SCORES: Record<NeedBand, Record<string, number>> = {
  'highly-complex': {
    'personal-care': 3,
    health: 3,
    behaviour: 3,
    communication: 3,
    risk: 3,
    'daily-living': 3,
    community: 3,
  },
  complex: { 'personal-care': 2, health: 2, behaviour: 2, communication: 2, risk: 1, 'daily-living': 2, community: 1 },
  'less-complex': {
    'personal-care': 1,
    health: 1,
    behaviour: 1,
    communication: 1,
    risk: 1,
    'daily-living': 1,
    community: 1,
  },
};
const ONE_TO_ONE_HOURS: Record<NeedBand, number> = { 'highly-complex': 20, complex: 10, 'less-complex': 3 };

export interface DemoPerson {
  name: string;
  dateOfBirth: string;
  caseReference: string;
  clientGroups: string[];
  zone: number;
  inCounty: boolean;
  paymentRoute: 'commissioned' | 'direct-payment' | 'individual-service-fund';
  funding: { stream: 'care-act' | 'nhs-chc' | 'section-117'; percent: number }[];
  contributionPence: number;
  band: NeedBand;
  scores: Record<string, number>;
  oneToOneMinutesPerWeek: number;
  nightSupport: 'none' | 'sleep-in' | 'waking-night';
  requiredFeatures: string[];
  traits: string[];
  avoids: string[];
}

export interface DemoScheme {
  name: string;
  housingProviderName: string;
  housingProviderRegistration: string;
  addressLine1: string;
  townCity: string;
  postcode: string;
  zone: number;
  band: NeedBand;
  /** Index into the DPS's admitted providers that hold this zone. */
  provider: number;
  units: { name: string; features: string[] }[];
  coreMinutesPerWeek: number;
  nightCover: 'sleep-in' | 'waking-night';
  /** For a pipeline property: the date it is expected ready. */
  expectedReadyOn: string | null;
  availableFrom: string;
}

/** Who is placed where: a unit of a scheme, or their own home with one of the zone's providers (or off framework, out of county). */
export type DemoPlacement =
  | { person: number; scheme: number; unit: number; startsOn: string }
  | {
      person: number;
      ownHome: true;
      provider: number;
      offFramework: boolean;
      weeklyPricePence: number | null;
      startsOn: string;
    };

export interface DemoBrokerage {
  people: DemoPerson[];
  schemes: DemoScheme[];
  placements: DemoPlacement[];
  /** People still waiting, to be referred (they are the last of `people`). */
  waiting: number[];
}

/**
 * The plan for `placed` placements. Schemes are filled until a sixth of people are left for
 * direct payments at home and a sixth for out-of-county spot purchases.
 */
export function generateDemoBrokerage(today: string, placed = 500, waitingCount = 5, seed = 509): DemoBrokerage {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const people: DemoPerson[] = [];
  const person = (index: number, overrides: Partial<DemoPerson> = {}): DemoPerson => {
    const band: NeedBand = random() < 0.2 ? 'highly-complex' : random() < 0.7 ? 'complex' : 'less-complex';
    const groups =
      random() < 0.7
        ? ['learning-disability']
        : random() < 0.5
          ? ['learning-disability', 'autism']
          : random() < 0.6
            ? ['mental-health']
            : ['physical-disability'];
    const jointNhs = random() < 0.1;
    return {
      name: `${pick(GIVEN)} ${pick(FAMILY)}`,
      dateOfBirth: `${1955 + Math.floor(random() * 50)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      caseReference: `WV-${String(100_001 + index)}`,
      clientGroups: groups,
      zone: index % 3,
      inCounty: true,
      paymentRoute: 'commissioned',
      funding: jointNhs
        ? [
            { stream: 'care-act', percent: 50 },
            { stream: 'nhs-chc', percent: 50 },
          ]
        : random() < 0.05
          ? [{ stream: 'section-117', percent: 100 }]
          : [{ stream: 'care-act', percent: 100 }],
      contributionPence: Math.floor(random() * 6) * 1_250,
      band,
      scores: SCORES[band],
      oneToOneMinutesPerWeek: ONE_TO_ONE_HOURS[band] * 60,
      nightSupport: band === 'highly-complex' ? 'waking-night' : band === 'complex' ? 'sleep-in' : 'none',
      requiredFeatures: random() < 0.12 ? ['wheelchair-access'] : [],
      traits: random() < 0.15 ? ['smokes'] : [],
      avoids: random() < 0.1 ? ['loud-at-night'] : [],
      ...overrides,
    };
  };
  const sixth = Math.round(placed / 6);
  const inSchemes = placed - 2 * sixth;

  // Schemes of 1-8 units by zone and band, filled in order, each leaving about one unit in twelve void.
  const schemes: DemoScheme[] = [];
  const placements: DemoPlacement[] = [];
  let filled = 0;
  while (filled < inSchemes) {
    const index = schemes.length;
    const zone = index % 3;
    const band: NeedBand = index % 5 === 0 ? 'highly-complex' : index % 5 === 4 ? 'less-complex' : 'complex';
    const size = 1 + Math.floor(random() * 8);
    const [housing, registration] = pick(HOUSING);
    const [town, district] = TOWNS[zone]!;
    // Schemes came to the DPS once its contracts began, so everyone placed in one is placed under them.
    const availableFrom = addDays(DPS_CONTRACTS_BEGAN, Math.floor(random() * 1200));
    schemes.push({
      name: `${pick(STREETS).split(' ')[0]} ${['House', 'Court', 'Mews', 'Lodge', 'Gardens'][index % 5]} ${index + 1}`,
      housingProviderName: housing,
      housingProviderRegistration: registration,
      addressLine1: `${index + 1} ${pick(STREETS)}`,
      townCity: town,
      postcode: `${district} ${1 + (index % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[index % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(index * 7) % 20]}`,
      zone,
      band,
      provider: Math.floor(random() * 1000),
      units: Array.from({ length: size }, (_, u) => ({
        name: `Flat ${u + 1}`,
        features: u === 0 ? ['wheelchair-access', 'ground-floor'] : [],
      })),
      coreMinutesPerWeek: size === 1 ? 0 : Math.min(size, 6) * 20 * 60,
      nightCover: band === 'highly-complex' ? 'waking-night' : 'sleep-in',
      expectedReadyOn: null,
      availableFrom,
    });
    for (let unit = 0; unit < size && filled < inSchemes; unit += 1) {
      if (random() < 1 / 12) continue;
      people.push(
        person(people.length, {
          zone,
          band,
          scores: SCORES[band],
          oneToOneMinutesPerWeek: ONE_TO_ONE_HOURS[band] * 60,
          requiredFeatures: unit === 0 && random() < 0.5 ? ['wheelchair-access'] : [],
        }),
      );
      placements.push({
        person: people.length - 1,
        scheme: index,
        unit,
        startsOn: addDays(availableFrom, 14 + Math.floor(random() * 400)),
      });
      filled += 1;
    }
  }
  // Two properties in the pipeline, ready in the coming months.
  for (const [zone, months] of [
    [0, 2],
    [2, 4],
  ] as const) {
    const index = schemes.length;
    schemes.push({
      ...schemes.find((scheme) => scheme.zone === zone)!,
      name: `New Build ${index + 1}`,
      addressLine1: `${index + 1} Foundry Lane`,
      expectedReadyOn: addDays(today, months * 30),
      availableFrom: addDays(today, months * 30),
      units: [1, 2, 3, 4].map((u) => ({ name: `Flat ${u}`, features: ['wheelchair-access'] })),
    });
  }
  // Direct payments and out-of-county spot purchases: support in the person's own home.
  for (let i = 0; i < sixth; i += 1) {
    people.push(person(people.length, { paymentRoute: 'direct-payment' }));
    placements.push({
      person: people.length - 1,
      ownHome: true,
      provider: Math.floor(random() * 1000),
      offFramework: false,
      weeklyPricePence: null,
      startsOn: addDays('2021-04-01', Math.floor(random() * 1500)),
    });
  }
  for (let i = 0; i < sixth; i += 1) {
    people.push(
      person(people.length, {
        inCounty: false,
        paymentRoute: random() < 0.2 ? 'individual-service-fund' : 'commissioned',
      }),
    );
    placements.push({
      person: people.length - 1,
      ownHome: true,
      provider: Math.floor(random() * 1000),
      offFramework: true,
      weeklyPricePence: 140_000 + Math.floor(random() * 120) * 1_000,
      startsOn: addDays('2018-01-01', Math.floor(random() * 2500)),
    });
  }
  const waiting: number[] = [];
  for (let i = 0; i < waitingCount; i += 1) {
    people.push(
      person(people.length, {
        band: 'complex',
        scores: SCORES.complex,
        oneToOneMinutesPerWeek: 600,
        nightSupport: 'sleep-in',
        avoids: i === 0 ? ['smokes'] : [],
        requiredFeatures: [],
      }),
    );
    waiting.push(people.length - 1);
  }
  return { people, schemes, placements, waiting };
}
