// What commissioning holds about a person (DOMAIN.md, "Needs, banding and placement"; report 002
// §1.2 for funding): only what is needed to place them and pay for it.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const CLIENT_GROUP_LABELS = {
  'learning-disability': 'Learning disability',
  autism: 'Autism',
  'mental-health': 'Mental health',
  'physical-disability': 'Physical disability',
  'sensory-impairment': 'Sensory impairment',
} as const;
export const CLIENT_GROUPS = valuesOf(CLIENT_GROUP_LABELS);
export type ClientGroup = (typeof CLIENT_GROUPS)[number];
/** The CQC specialism (as CQC's vocabulary labels it) a provider needs for each group. */
export const CQC_SPECIALISM_FOR: Record<ClientGroup, string> = {
  'learning-disability': 'Learning disabilities',
  autism: 'Autism',
  'mental-health': 'Mental health conditions',
  'physical-disability': 'Physical disabilities',
  'sensory-impairment': 'Sensory impairment',
};

export const PAYMENT_ROUTE_LABELS = {
  commissioned: 'Commissioned by the council',
  'direct-payment': 'Direct payment',
  'individual-service-fund': 'Individual service fund',
} as const;
export const PAYMENT_ROUTES = valuesOf(PAYMENT_ROUTE_LABELS);
export type PaymentRoute = (typeof PAYMENT_ROUTES)[number];

export const FUNDING_STREAM_LABELS = {
  'care-act': 'Council (Care Act)',
  'nhs-chc': 'NHS Continuing Healthcare',
  'section-117': 'Section 117 aftercare',
} as const;
export const FUNDING_STREAMS = valuesOf(FUNDING_STREAM_LABELS);
export type FundingStream = (typeof FUNDING_STREAMS)[number];

/** One part of who pays: a stream and its whole-number percentage. */
export interface FundingShare {
  stream: FundingStream;
  percent: number;
}

export const PERSON_STATUSES = ['active', 'moved-away', 'died', 'closed'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = {
  active: 'Active',
  'moved-away': 'Moved away',
  died: 'Died',
  closed: 'Case closed',
};

export const NIGHT_SUPPORT = ['none', 'sleep-in', 'waking-night'] as const;
export type NightSupport = (typeof NIGHT_SUPPORT)[number];
export const NIGHT_SUPPORT_LABELS: Record<NightSupport, string> = {
  none: 'None',
  'sleep-in': 'Sleep-in',
  'waking-night': 'Waking night',
};

/** Features of a home that a person may need and a unit may have. */
export const FEATURE_LABELS = {
  'wheelchair-access': 'Wheelchair access',
  'ground-floor': 'Ground floor',
  'level-access-shower': 'Level-access shower',
  'ceiling-hoist': 'Ceiling hoist',
  'own-front-door': 'Own front door',
  garden: 'Garden',
  'sensory-adaptations': 'Sensory adaptations',
} as const;
export const FEATURES = valuesOf(FEATURE_LABELS);
export type Feature = (typeof FEATURES)[number];

/**
 * Compatibility as structured factors: traits a person has, and the traits they cannot share a
 * home with. Two people are incompatible when either avoids a trait of the other, or either
 * names the other as someone they must not live with.
 */
export const TRAIT_LABELS = {
  smokes: 'Smokes',
  'has-pet': 'Has a pet',
  'loud-at-night': 'Loud at night',
  male: 'Man',
  female: 'Woman',
  'older-adult': 'Older adult (50 or over)',
  'young-adult': 'Young adult (18 to 25)',
} as const;
export const TRAITS = valuesOf(TRAIT_LABELS);
export type Trait = (typeof TRAITS)[number];

export interface Compatibility {
  traits: Trait[];
  avoids: Trait[];
  /** People (by id) this person must not live with. */
  mustNotLiveWith: string[];
}

export interface CompatibilityProfile extends Compatibility {
  personId: string;
  name: string;
}

/** Why two people cannot share a home, in words for brokerage, or undefined when they can. */
export function incompatibility(newcomer: CompatibilityProfile, tenant: CompatibilityProfile): string | undefined {
  if (newcomer.mustNotLiveWith.includes(tenant.personId)) return `must not live with ${tenant.name}`;
  if (tenant.mustNotLiveWith.includes(newcomer.personId)) return `${tenant.name} must not live with them`;
  const avoided = newcomer.avoids.find((trait) => tenant.traits.includes(trait));
  if (avoided) return `cannot share with someone who is "${TRAIT_LABELS[avoided].toLowerCase()}" (${tenant.name})`;
  const avoidedBy = tenant.avoids.find((trait) => newcomer.traits.includes(trait));
  if (avoidedBy) return `${tenant.name} cannot share with someone who is "${TRAIT_LABELS[avoidedBy].toLowerCase()}"`;
  return undefined;
}

/** NHS numbers are 10 digits, the last a modulus 11 check digit; spaces and hyphens are allowed when typed. */
export function nhsNumberProblem(value: string): string | undefined {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return 'Enter an NHS number of 10 digits, like 943 476 5919';
  const total = [...digits.slice(0, 9)].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
  const check = 11 - (total % 11);
  if (check === 10 || (check === 11 ? 0 : check) !== Number(digits[9]))
    return 'This is not a valid NHS number: check the digits';
  return undefined;
}

/** The NHS number as stored: digits only. */
export const normaliseNhsNumber = (value: string): string => value.replace(/[\s-]/g, '');

/** Who pays must add up to 100%, with each stream once. */
export function fundingProblems(shares: readonly FundingShare[], field = 'funding'): FieldError[] {
  if (shares.length === 0) return [{ field, message: 'Say who funds the care' }];
  const problems: FieldError[] = [];
  shares.forEach((share, i) => {
    if (!Number.isInteger(share.percent) || share.percent < 1 || share.percent > 100)
      problems.push({ field: `${field}.${i}.percent`, message: 'Each share is a whole percentage from 1 to 100' });
    if (shares.findIndex((other) => other.stream === share.stream) !== i)
      problems.push({
        field: `${field}.${i}.stream`,
        message: `${FUNDING_STREAM_LABELS[share.stream]} is listed twice`,
      });
  });
  const total = shares.reduce((sum, share) => sum + share.percent, 0);
  if (problems.length === 0 && total !== 100)
    problems.push({ field, message: `Funding shares must add up to 100%, not ${total}%` });
  return problems;
}

/** One stream's name, or "Joint" with the shares. */
export function fundingDescription(shares: readonly FundingShare[]): string {
  if (shares.length === 1) return FUNDING_STREAM_LABELS[shares[0]!.stream];
  return `Joint: ${shares.map((share) => `${FUNDING_STREAM_LABELS[share.stream]} ${share.percent}%`).join(', ')}`;
}

/** Age in whole years on a date (ISO dates), for the pathway cohorts (18-25). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Supported living is for adults, and for 16 and 17 year olds moving from children's services (002 §4.2). */
export const AGES = { youngest: 16, adult: 18, oldest: 120 } as const;

/** What is wrong with a date of birth for a person placed in supported living today, or null. */
export function dateOfBirthProblem(dateOfBirth: string, today: string, transitionPathway: boolean): string | null {
  if (dateOfBirth > today) return 'The date of birth must be in the past';
  const age = ageOn(dateOfBirth, today);
  if (age > AGES.oldest) return `The date of birth makes them ${age}: check the year`;
  if (age < AGES.youngest)
    return `The date of birth makes them ${age}: supported living is for people aged ${AGES.youngest} or over`;
  if (age < AGES.adult && !transitionPathway)
    return `The date of birth makes them ${age}: under ${AGES.adult}, say they are on a transition pathway from children's services`;
  return null;
}

/** An assessment is recorded once it has happened. */
export const assessedOnProblem = (assessedOn: string, today: string): string | null =>
  assessedOn > today ? 'The assessment date cannot be in the future' : null;

/** A person is referred or placed only once their needs are assessed, and while their record is active. */
export function readinessProblems(
  person: { name: string; status: string },
  assessed: boolean,
  before: 'referring' | 'placing',
): FieldError[] {
  const problems: FieldError[] = [];
  if (!assessed)
    problems.push({ field: 'personId', message: `Record ${person.name}'s assessed needs before ${before} them` });
  if (person.status !== 'active')
    problems.push({ field: 'personId', message: `${person.name}'s record is not active` });
  return problems;
}
