// What social workers, brokerage officers and providers send: one Zod schema each, for the pages
// and the API alike. Hours arrive as minutes a week; money as pence.
import { z } from 'zod';
import { isIsoDate, isoDateInLondon } from '../platform/domain/calendar.ts';
import { freeText, isoDate, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId, filterText } from '../platform/http/paging.ts';
import { NEED_BAND_LABELS, NEED_BANDS, type NeedBand } from '../procurement/domain/vehicles.ts';
import {
  CLIENT_GROUPS,
  FEATURES,
  FUNDING_STREAMS,
  NIGHT_SUPPORT,
  PAYMENT_ROUTES,
  PERSON_STATUSES,
  TRAITS,
  assessedOnProblem,
  dateOfBirthProblem,
  fundingProblems,
  nhsNumberProblem,
  normaliseNhsNumber,
} from './domain/people.ts';
import { DECLINE_REASONS, type OfferStatus } from './domain/cascade.ts';
import { REFERRAL_STATUSES, startByProblem } from './domain/referrals.ts';
import {
  HOURLY_RATE_LABELS,
  HOURLY_RATES,
  SCHEME_SIZE_LABELS,
  SCHEME_SIZES,
  type SchemeSize,
} from './domain/prices.ts';

const text = (label: string, max = 300) => requiredText(label, max);
const optionalText = (max: number) =>
  freeText()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .nullish()
    .transform((value) => (value ? value : null));
/** A date checked against today by one of the domain's rules, with its other problems. */
const dateFromToday = (label: string, rule: (date: string, today: string) => string | null) =>
  isoDate(label).superRefine((value, context) => {
    const problem = isIsoDate(value) ? rule(value, today()) : null;
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const minutes = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be whole minutes`)
    .min(0, `${label} cannot be negative`)
    .max(168 * 60 * 4, `${label} is more than any week holds`);
/** 1:1 support is one worker with one person, so it cannot exceed the 168 hours of a week. */
const oneToOneMinutes = () =>
  minutes('1:1 support').max(168 * 60, '1:1 support cannot be more than 168 hours a week, every hour there is');
const pence = (label: string) =>
  z
    .number({ error: `${label} must be an amount of money, like £1,450.00` })
    .int(`${label} must be in pounds and whole pence, like £1,450.25`)
    .min(0, `${label} cannot be negative`)
    .max(100_000_000, `${label} must be less than £1,000,000`);
const uuid = (message: string) => z.uuid({ error: message });
/** Rules about dates look at today in the UK, when the input is read. */
const today = () => isoDateInLondon(new Date());

export const personInput = z
  .object({
    name: text("the person's name", 200),
    dateOfBirth: isoDate('the date of birth'),
    caseReference: text('the case-management reference', 50),
    nhsNumber: freeText()
      .trim()
      .nullish()
      .transform((value) => (value ? normaliseNhsNumber(value) : null))
      .superRefine((value, context) => {
        const problem = value === null ? undefined : nhsNumberProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    clientGroups: z
      .array(z.enum(CLIENT_GROUPS, { error: 'Choose client groups from the list' }))
      .min(1, 'Choose at least one client group'),
    homeZoneId: uuid('Choose the home zone')
      .nullish()
      .transform((value) => value ?? null),
    inCounty: z.boolean({ error: 'Say whether they live in county' }),
    paymentRoute: z.enum(PAYMENT_ROUTES, { error: 'Choose how the care is paid for' }),
    funding: z
      .array(
        z.object({
          stream: z.enum(FUNDING_STREAMS, { error: 'Choose a funding stream' }),
          percent: z.number({ error: 'Each share is a percentage' }),
        }),
      )
      .superRefine((shares, context) => {
        for (const problem of fundingProblems(shares, ''))
          context.addIssue({
            code: 'custom',
            message: problem.message,
            path: problem.field.split('.').filter(Boolean),
          });
      }),
    status: z.enum(PERSON_STATUSES, { error: 'Choose a status' }).default('active'),
    contributionPence: pence('The weekly contribution').default(0),
    transitionPathway: z.boolean({ error: "Say whether they are moving from children's services" }).default(false),
  })
  // Checked with the other fields' problems, so every one is shown at once.
  .superRefine((person, context) => {
    if (!isIsoDate(person.dateOfBirth ?? '') || typeof person.transitionPathway !== 'boolean') return;
    const problem = dateOfBirthProblem(person.dateOfBirth, today(), person.transitionPathway);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['dateOfBirth'] });
  });
export type PersonInput = z.input<typeof personInput>;

export const assessmentInput = z.object({
  assessedOn: dateFromToday('the assessment date', assessedOnProblem),
  assessorName: text("the assessor's name", 200),
  scores: z.record(freeText(), z.number({ error: 'Each score is a number' })),
  oneToOneMinutesPerWeek: oneToOneMinutes(),
  nightSupport: z.enum(NIGHT_SUPPORT, { error: 'Choose the night support' }),
  requiredFeatures: z.array(z.enum(FEATURES, { error: 'Choose features from the list' })).default([]),
  traits: z.array(z.enum(TRAITS, { error: 'Choose traits from the list' })).default([]),
  avoids: z.array(z.enum(TRAITS, { error: 'Choose traits from the list' })).default([]),
  mustNotLiveWith: z.array(uuid('Name people by their record')).default([]),
});
export type AssessmentInput = z.input<typeof assessmentInput>;

export const schemeInput = z.object({
  name: text("the scheme's name", 200),
  housingProviderName: text('the registered housing provider', 200),
  housingProviderRegistration: optionalText(20),
  addressLine1: text('the address', 200),
  townCity: text('the town or city', 100),
  postcode: freeText({ error: 'Enter the postcode' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode, like ST16 2LH'),
  zoneId: uuid('Choose the zone'),
  accommodationBand: z.enum(NEED_BANDS, { error: 'Choose the accommodation band' }),
  clusterGroup: optionalText(100),
  careProviderId: uuid('Choose the care provider')
    .nullish()
    .transform((value) => value ?? null),
  membershipId: uuid('Choose the membership')
    .nullish()
    .transform((value) => value ?? null),
  coreMinutesPerWeek: minutes('Core hours'),
  nightCover: z.enum(NIGHT_SUPPORT, { error: 'Choose the night cover' }),
  wakingNightMinutes: minutes('A waking night').default(600),
  expectedReadyOn: isoDate('the expected ready date')
    .nullish()
    .transform((value) => value ?? null),
});
export type SchemeInput = z.input<typeof schemeInput>;

export const unitInput = z.object({
  name: text("the unit's name", 100),
  features: z.array(z.enum(FEATURES, { error: 'Choose features from the list' })).default([]),
  availableFrom: isoDate('the date it is available from'),
});
export type UnitInput = z.input<typeof unitInput>;

export const voidReportInput = z.object({
  endsOn: isoDate('the date the tenancy ended'),
  reason: z.enum(['moved', 'died', 'hospital', 'provider-change', 'other'], { error: 'Choose why it ended' }),
});

/** Each weekly rate named by its row and column, as the finance officer sees it in the table. */
const weeklyRates = z.strictObject(
  Object.fromEntries(
    NEED_BANDS.map((band) => [
      band,
      z
        .strictObject(
          Object.fromEntries(
            SCHEME_SIZES.map((size) => [
              size,
              pence(
                `The weekly rate for ${NEED_BAND_LABELS[band].toLowerCase()} needs, ${SCHEME_SIZE_LABELS[size]}`,
              ).optional(),
            ]),
          ),
        )
        .optional(),
    ]),
  ),
) as unknown as z.ZodType<Partial<Record<NeedBand, Partial<Record<SchemeSize, number>>>>>;
export const rateCardInput = z.object({
  lotId: uuid('Choose a lot of the vehicle')
    .nullish()
    .transform((value) => value ?? null),
  effectiveFrom: isoDate('the date it takes effect'),
  weekly: weeklyRates.default({}),
  hourly: z.object(
    Object.fromEntries(
      HOURLY_RATES.map((rate) => [rate, pence(`The ${HOURLY_RATE_LABELS[rate].toLowerCase()} rate`)]),
    ) as Record<(typeof HOURLY_RATES)[number], ReturnType<typeof pence>>,
  ),
});
export type RateCardInput = z.input<typeof rateCardInput>;

export const embargoInput = z.object({
  providerId: uuid('Choose the provider'),
  reason: text('the reason', 2000),
  startsOn: isoDate('the start date'),
});
export const liftEmbargoInput = z.object({ reason: text('why it is lifted', 2000) });

export const placementInput = z.object({
  personId: uuid('Choose the person'),
  /** Null: support in the person's own home. */
  unitId: uuid('Choose the vacancy')
    .nullish()
    .transform((value) => value ?? null),
  providerId: uuid('Choose the care provider'),
  membershipId: uuid('Choose the membership')
    .nullish()
    .transform((value) => value ?? null),
  offFrameworkReason: optionalText(2000),
  startsOn: isoDate('the start date'),
  oneToOneMinutesPerWeek: oneToOneMinutes(),
  nightSupport: z.enum(NIGHT_SUPPORT, { error: 'Choose the night support' }),
  priceBasis: z.enum(['banded', 'hourly'], { error: 'Choose how the package is priced' }).default('banded'),
  /** Where prices are not fixed: the price agreed with the provider, in place of the rate card's. */
  agreedWeeklyPricePence: pence('The agreed weekly price')
    .nullish()
    .transform((value) => value ?? null),
});
export type PlacementInput = z.input<typeof placementInput>;

export const endPlacementInput = z.object({
  endsOn: isoDate('the end date'),
  reason: z.enum(['moved', 'died', 'hospital', 'provider-change', 'other'], { error: 'Choose why it ended' }),
});

export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export const URGENCY_LABELS: Record<(typeof URGENCIES)[number], string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

export const referralInput = z.object({
  personId: uuid('Choose the person'),
  vehicleId: uuid('Choose the framework or DPS to buy under'),
  startBy: dateFromToday('the date care should start by', startByProblem),
  zoneIds: z
    .array(uuid('Choose zones from the list'), { error: 'Choose the zones the person would live in' })
    .min(1, 'Choose at least one zone the person would live in'),
  urgency: z.enum(URGENCIES, { error: 'Choose how urgent it is' }),
  notes: optionalText(2000),
});
export type ReferralInput = z.input<typeof referralInput>;

export const offerResponseInput = z.discriminatedUnion(
  'response',
  [
    z.object({
      response: z.literal('accept'),
      /** A vacancy in one of the provider's own schemes, or null for support in the person's own home. */
      unitId: uuid('Choose one of your vacancies, or support in their own home')
        .nullish()
        .transform((value) => value ?? null),
      startsOn: isoDate('the date you could start'),
      oneToOneMinutesPerWeek: oneToOneMinutes(),
      weeklyPricePence: pence('Your weekly price')
        .nullish()
        .transform((value) => value ?? null),
    }),
    z.object({
      response: z.literal('decline'),
      declineReason: z.enum(DECLINE_REASONS, { error: 'Choose why you are declining' }),
      declineNote: optionalText(2000),
    }),
  ],
  { error: 'Choose whether to accept or decline' },
);
export type OfferResponseInput = z.input<typeof offerResponseInput>;

export const choiceInput = z.object({
  offerId: uuid('Choose the provider the person or family chose'),
  choiceReason: optionalText(2000),
  /** Needed when the chosen provider is rated Red (domain/red-rated.ts). */
  redReason: optionalText(2000),
});

/** Sending offers needs nothing more, unless a provider to be offered the work is rated Red. */
export const sendOffersInput = z.object({ redReason: optionalText(2000) });
export type SendOffersInput = z.input<typeof sendOffersInput>;

export const offFrameworkRequestInput = z.object({
  providerId: uuid('Choose the provider to buy from'),
  reason: text('why no provider on the framework can meet the need', 2000),
});

export const offFrameworkDecisionInput = z.object({
  approve: z.boolean({ error: 'Say whether you approve' }),
  note: optionalText(2000),
});

export const offFrameworkPlacementInput = z.object({
  unitId: uuid('Choose the vacancy')
    .nullish()
    .transform((value) => value ?? null),
  startsOn: isoDate('the start date'),
  oneToOneMinutesPerWeek: oneToOneMinutes(),
  agreedWeeklyPricePence: pence('The agreed weekly price'),
});

export const withdrawReferralInput = z.object({ reason: text('why the referral is withdrawn', 2000) });

export const schemeTransferInput = z.object({
  careProviderId: uuid('Choose the new care provider'),
  membershipId: uuid("Choose the new provider's membership"),
  transferOn: isoDate('the date the new provider takes over'),
  reason: text('why care is moving to another provider', 2000),
});
export type SchemeTransferInput = z.input<typeof schemeTransferInput>;

// The lists' filters, read from the query string by the pages, their exports and the API alike. A
// choice that is not on the list is refused naming its filter; blank means any.

const choices = <T extends string>(values: readonly T[]) => values as readonly [T, ...T[]];

export const CASELOADS = ['referred-by-me'] as const;
export const NOT_ASSESSED = 'not-assessed';

export const peopleFilterInput = z.object({
  search: filterText(200),
  caseload: filterChoice(CASELOADS, 'Choose whose people to show from the list'),
  status: filterChoice(PERSON_STATUSES, 'Choose a status from the list'),
  band: filterChoice([...NEED_BANDS, NOT_ASSESSED], 'Choose a need band from the list'),
  zoneId: filterId('Choose a zone from the list'),
});
export type PeopleFilter = z.output<typeof peopleFilterInput>;
export const PEOPLE_SORTS = ['name', 'band', 'zone'] as const;

/** Open referrals unless another status, or all, is chosen. */
export const referralFilterInput = z.object({
  status: filterChoice(['open', 'all', ...REFERRAL_STATUSES], 'Choose a status from the list').transform(
    (v) => v ?? 'open',
  ),
  zoneId: filterId('Choose a zone from the list'),
  referredBy: filterChoice(['me'], 'Choose who referred from the list'),
  search: filterText(200),
});
export type ReferralFilter = z.output<typeof referralFilterInput>;
export const REFERRAL_SORTS = ['referred', 'startBy', 'status'] as const;

export const schemeFilterInput = z.object({
  zoneId: filterId('Choose a zone from the list'),
  providerId: filterId('Choose a care provider from the list'),
});
export type SchemeFilter = z.output<typeof schemeFilterInput>;
export const SCHEME_SORTS = ['name', 'zone', 'readyFrom'] as const;

export const vacancyFilterInput = schemeFilterInput.extend({
  band: filterChoice(NEED_BANDS, 'Choose an accommodation band from the list'),
  feature: filterChoice(choices(FEATURES), 'Choose a feature from the list'),
});
export type VacancyFilter = z.output<typeof vacancyFilterInput>;
export const VACANCY_SORTS = ['name', 'zone', 'availableFrom'] as const;

export const placementFilterInput = z.object({
  activeOn: filterText(10).refine(
    (v) => v === undefined || isIsoDate(v),
    'Enter the date as a real date, like 2027-01-18',
  ),
  providerId: filterId('Choose a care provider from the list'),
  paymentRoute: filterChoice(choices(PAYMENT_ROUTES), 'Choose how the care is paid for from the list'),
  // yes: off framework; no: on it. true and false are read too, as the API always has.
  offFramework: filterChoice(['yes', 'no', 'true', 'false'], 'Choose on or off framework from the list').transform(
    (v) => (v === undefined ? undefined : v === 'yes' || v === 'true'),
  ),
});
export type PlacementFilter = z.output<typeof placementFilterInput>;
export const PLACEMENT_SORTS = ['person', 'provider', 'startsOn', 'weeklyPrice'] as const;

export const OFFER_STATUSES = [
  'awaiting',
  'accepted',
  'declined',
  'lapsed',
  'withdrawn',
] as const satisfies readonly OfferStatus[];
/** A provider's offers awaiting its answer unless another status, or all, is chosen. */
export const offerFilterInput = z.object({
  status: filterChoice(['all', ...OFFER_STATUSES], 'Choose a status from the list').transform((v) => v ?? 'awaiting'),
});
export type OfferFilter = z.output<typeof offerFilterInput>;
export const OFFER_SORTS = ['sent', 'answerBy'] as const;

export const providerPlacementFilterInput = z.object({
  search: filterText(200),
  organisationId: filterId('Choose a council from the list'),
});
export type ProviderPlacementFilter = z.output<typeof providerPlacementFilterInput>;
export const PROVIDER_PLACEMENT_SORTS = ['person', 'council', 'startsOn', 'weeklyPrice'] as const;
