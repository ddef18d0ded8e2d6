// The demo county: a fictional council, its NHS partner, three zones and a provider market sized
// like Staffordshire's (81 providers), generated the same way every time from a fixed seed.
// Postcodes use the area "XV", which does not exist, so nothing can be mistaken for a real place.

export const DEMO_COUNCIL = {
  code: 'demo-county',
  name: 'Wyvern Vale County Council (demo)',
  type: 'council' as const,
  // Addresses under .example, which never resolve: the demo's footer shows where a council's would go.
  accessibilityStatementUrl: 'https://www.wyvern-vale.example/hearth/accessibility',
  privacyNoticeUrl: 'https://www.wyvern-vale.example/privacy/adult-social-care',
  contactEmail: 'commissioning@wyvern-vale.example',
  contactPhone: '01632 960 123',
};
export const DEMO_NHS = {
  code: 'demo-icb',
  name: 'NHS Wyvern Vale Integrated Care Board (demo)',
  type: 'nhs' as const,
  privacyNoticeUrl: 'https://www.wyvern-vale-icb.example/privacy',
  contactEmail: 'continuing.care@wyvern-vale-icb.example',
};
export const DEMO_ZONES = ['North', 'Central', 'South'] as const;
export const DEMO_PASSWORD = 'wyvern-vale-demo';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same county. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Oakfield',
  'Brookside',
  'Heron',
  'Meadowbank',
  'Willow',
  'Kestrel',
  'Beacon',
  'Harbour',
  'Larch',
  'Foxglove',
  'Riverside',
  'Cedar',
  'Ashgrove',
  'Linden',
  'Bramble',
  'Orchard',
  'Hillcrest',
  'Juniper',
  'Sycamore',
  'Thistle',
];
const SECOND = [
  'Care',
  'Support',
  'Living',
  'Community Care',
  'Lives',
  'Support Services',
  'Homes',
  'Supported Living',
];
const LEGAL = ['Ltd', 'Limited', 'Ltd', 'CIC', 'Limited', 'Ltd'];
const TOWNS: Record<(typeof DEMO_ZONES)[number], { town: string; district: number }[]> = {
  North: [
    { town: 'Northmoor', district: 1 },
    { town: 'Ashby Heath', district: 2 },
    { town: 'Coldwell', district: 3 },
  ],
  Central: [
    { town: 'Wyvernbridge', district: 10 },
    { town: 'Kingsford', district: 11 },
    { town: 'Elmstead', district: 12 },
  ],
  South: [
    { town: 'Southmere', district: 20 },
    { town: 'Lowbury', district: 21 },
    { town: 'Fenwick', district: 22 },
  ],
};
const STREETS = [
  'High Street',
  'Church Lane',
  'Station Road',
  'Mill Lane',
  'Park Road',
  'Victoria Street',
  'The Green',
  'Orchard Close',
  'Queens Road',
  'Meadow Way',
];
const MANAGER_GIVEN = [
  'Amara',
  'Daniel',
  'Priya',
  'Sean',
  'Joanne',
  'Tomasz',
  'Grace',
  'Imran',
  'Helen',
  'Kwame',
  'Rachel',
  'Owen',
];
const MANAGER_FAMILY = [
  'Okafor',
  'Hughes',
  'Patel',
  'Brennan',
  'Walsh',
  'Nowak',
  'Mensah',
  'Khan',
  'Price',
  'Asante',
  'Doyle',
  'Evans',
];
const SPECIALISM_SETS = [
  ['learning_disabilities', 'autism', 'adults_under_65'],
  ['learning_disabilities', 'physical_disabilities', 'adults_under_65'],
  ['mental_health', 'adults_under_65'],
  ['learning_disabilities', 'autism', 'mental_health', 'adults_under_65'],
  ['physical_disabilities', 'sensory_impairment', 'adults_under_65', 'adults_over_65'],
];
const OUTCOMES = [
  ['good', 70],
  ['outstanding', 8],
  ['requires_improvement', 18],
  ['inadequate', 4],
] as const;

export interface DemoLocation {
  name: string;
  cqcLocationId: string | null;
  cqcProviderId: string | null;
  zone: string;
  addressLine1: string;
  townCity: string;
  postcode: string;
  phone: string;
  registeredManager: string | null;
  registrationStatus: string | null;
  registrationDate: string | null;
  serviceTypes: string[];
  specialisms: string[];
  overallRating: string | null;
  keyQuestionRatings: [string | null, string | null, string | null, string | null, string | null];
  ratingPublishedOn: string | null;
}

export interface DemoProvider {
  name: string;
  companiesHouseNumber: string;
  cqcProviderId: string | null;
  isSme: boolean;
  isVcse: boolean;
  addressLine1: string;
  townCity: string;
  postcode: string;
  phone: string;
  email: string;
  website: string;
  locations: DemoLocation[];
}

export function generateDemoMarket(providerCount = 80, locationCount = 150, seed = 2026): DemoProvider[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const postcode = (district: number) =>
    `XV${district} ${Math.floor(random() * 9) + 1}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`;
  const rating = () => {
    let roll = random() * 100;
    for (const [value, weight] of OUTCOMES) {
      if ((roll -= weight) < 0) return value;
    }
    return 'good';
  };
  const isoDate = (fromYear: number, toYear: number) =>
    `${fromYear + Math.floor(random() * (toYear - fromYear + 1))}-${String(Math.floor(random() * 12) + 1).padStart(2, '0')}-${String(Math.floor(random() * 28) + 1).padStart(2, '0')}`;

  const names = new Set<string>();
  const providers: DemoProvider[] = [];
  for (let i = 0; i < providerCount; i += 1) {
    let name = '';
    while (!name || names.has(name)) name = `${pick(FIRST)} ${pick(SECOND)} ${pick(LEGAL)}`;
    names.add(name);
    // About a tenth carry CQC registration data that looks like the real thing.
    const withCqc = i % 10 === 0;
    const zone = DEMO_ZONES[i % 3]!;
    const home = pick(TOWNS[zone]);
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    providers.push({
      name,
      companiesHouseNumber: name.endsWith('CIC') ? `1${digits(7)}` : `0${digits(7)}`,
      cqcProviderId: withCqc ? `1-${digits(10)}` : null,
      isSme: random() < 0.75,
      isVcse: name.endsWith('CIC') || random() < 0.1,
      addressLine1: `${Math.floor(random() * 120) + 1} ${pick(STREETS)}`,
      townCity: home.town,
      postcode: postcode(home.district),
      phone: `01632 ${digits(6)}`,
      email: `office@${slug}.example`,
      website: `www.${slug}.example`,
      locations: [],
    });
  }
  // Every provider runs at least one service; the rest go to providers at random.
  for (let j = 0; j < locationCount; j += 1) {
    const provider = j < providerCount ? providers[j]! : pick(providers);
    const zone = pick(DEMO_ZONES);
    const place = pick(TOWNS[zone]);
    const withCqc = provider.cqcProviderId !== null;
    const overall = withCqc ? rating() : null;
    const keyQuestion = (): string | null => (overall === null ? null : random() < 0.8 ? overall : rating());
    provider.locations.push({
      name: `${provider.name.replace(/ (Ltd|Limited|CIC)$/, '')} – ${place.town}${provider.locations.length ? ` ${provider.locations.length + 1}` : ''}`,
      cqcLocationId: withCqc ? `1-${digits(11)}` : null,
      cqcProviderId: provider.cqcProviderId,
      zone,
      addressLine1: `${Math.floor(random() * 200) + 1} ${pick(STREETS)}`,
      townCity: place.town,
      postcode: postcode(place.district),
      phone: `01632 ${digits(6)}`,
      registeredManager: withCqc && random() > 0.1 ? `${pick(MANAGER_GIVEN)} ${pick(MANAGER_FAMILY)}` : null,
      registrationStatus: withCqc ? 'Registered' : null,
      registrationDate: withCqc ? isoDate(2011, 2024) : null,
      serviceTypes: random() < 0.8 ? ['supported_living'] : ['homecare', 'supported_living'],
      specialisms: pick(SPECIALISM_SETS),
      overallRating: overall,
      keyQuestionRatings: [keyQuestion(), keyQuestion(), keyQuestion(), keyQuestion(), keyQuestion()],
      ratingPublishedOn: overall ? isoDate(2021, 2026) : null,
    });
  }
  return providers;
}

export interface DemoUser {
  email: string;
  name: string;
  roles: string[];
  organisation?: string;
  /** Index into the generated providers, for provider users. */
  providerIndex?: number;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'admin@demo-county.example',
    name: 'Alex Administrator',
    roles: ['administrator'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'commissioner@demo-county.example',
    name: 'Chris Commissioner',
    roles: ['commissioner'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'evaluator@demo-county.example',
    name: 'Evie Evaluator',
    roles: ['evaluator'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'evaluator2@demo-county.example',
    name: 'Ezra Evaluator',
    roles: ['evaluator'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'finance@demo-county.example',
    name: 'Femi Finance',
    roles: ['finance_officer'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'brokerage@demo-county.example',
    name: 'Bea Brokerage',
    roles: ['brokerage_officer'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'socialworker@demo-county.example',
    name: 'Sam Social Worker',
    roles: ['social_worker'],
    organisation: DEMO_COUNCIL.code,
  },
  {
    email: 'quality@demo-county.example',
    name: 'Quinn Quality',
    roles: ['quality_officer'],
    organisation: DEMO_COUNCIL.code,
  },
  { email: 'auditor@demo-county.example', name: 'Aud Auditor', roles: ['auditor'], organisation: DEMO_COUNCIL.code },
  {
    email: 'commissioner@demo-icb.example',
    name: 'Nia NHS Commissioner',
    roles: ['commissioner'],
    organisation: DEMO_NHS.code,
  },
  { email: 'provider1@demo-provider.example', name: 'Pat Provider', roles: ['provider_user'], providerIndex: 0 },
  { email: 'provider2@demo-provider.example', name: 'Robin Provider', roles: ['provider_user'], providerIndex: 1 },
  // A provider admitted to the DPS: it has schemes, tenants and offers of work.
  { email: 'provider3@demo-provider.example', name: 'Kim Provider', roles: ['provider_user'], providerIndex: 2 },
];
