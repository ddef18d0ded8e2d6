// What commissioners may send to set up a vehicle, its zones and lots, or to move it on:
// one Zod schema each, for the pages and the API alike.
import { z } from 'zod';
import { isIsoDate, NATIONS } from '../platform/domain/calendar.ts';
import { freeText } from '../platform/http/input.ts';
import { filterText, pagingQuery } from '../platform/http/paging.ts';
import { ALLOCATION_RULES } from './domain/tier-allocation.ts';
import { NOTICE_KINDS } from './domain/notice-rules.ts';
import { PSR_CRITERIA, PSR_PROCESSES } from './domain/psr.ts';
import { APPLICATION_STATUSES, QUESTION_KINDS } from './domain/applications.ts';
import {
  DEFAULT_PIPELINE,
  LOT_SERVICE_TYPES,
  NEED_BANDS,
  REGIMES,
  STAGES,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
} from './domain/vehicles.ts';

const optionalText = (max: number, label: string) =>
  freeText()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((value) => (value ? value : null));

const optionalDate = (label: string) =>
  freeText()
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isIsoDate(value), `${label} must be a real date, like 2026-03-27`);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or less`);

export const vehicleZoneInput = z.object({
  zoneId: z.uuid({ error: 'Choose a zone of your organisation' }),
  tier1Places: wholeNumber('Tier 1 places', 0, 100)
    .nullish()
    .transform((value) => value ?? null),
});

export const vehiclePartnerInput = z.object({
  /** The partner's organisation code (an NHS body's ODS code, a council's GSS code). */
  organisation: freeText({ error: "Enter the partner's organisation code" })
    .trim()
    .min(1, "Enter the partner's organisation code"),
  fundingSharePercent: z
    .number({ error: "Enter the partner's funding share as a percentage" })
    .min(0)
    .max(100)
    .refine(
      (value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      'Give the funding share to at most 2 decimal places',
    ),
});

export const vehicleInput = z.object({
  reference: freeText({ error: "Enter the vehicle's reference" })
    .trim()
    .min(1, "Enter the vehicle's reference")
    .max(50, 'The reference must be 50 characters or fewer'),
  name: freeText({ error: "Enter the vehicle's name" })
    .trim()
    .min(1, "Enter the vehicle's name")
    .max(300, 'The name must be 300 characters or fewer'),
  description: optionalText(5000, 'The description'),
  kind: z.enum(VEHICLE_KINDS, { error: 'Choose the kind of vehicle' }),
  regime: z.enum(REGIMES, { error: 'Choose the rules it runs under' }),
  // Supported living is a light-touch service; under the Procurement Act 2023 that drops the
  // mandatory standstill, though a voluntary one is kept unless the council says otherwise.
  lightTouch: z.boolean({ error: 'Say whether it buys light-touch services' }).default(true),
  voluntaryStandstill: z.boolean({ error: 'Say whether a voluntary standstill is kept' }).default(true),
  valuePence: z
    .number({ error: 'The value must be an amount in pence' })
    .int('The value must be whole pence')
    .min(0, 'The value cannot be negative')
    .nullish()
    .transform((value) => value ?? null),
  advertOn: optionalDate('The advert date'),
  clarificationDeadline: optionalDate('The clarification deadline'),
  submissionDeadline: optionalDate('The submission deadline'),
  awardOn: optionalDate('The award decision date'),
  contractStartOn: optionalDate('The contract start'),
  contractEndOn: optionalDate('The contract end'),
  extensionOptions: optionalText(500, 'Extension options'),
  nation: z.enum(NATIONS, { error: `Choose one of ${NATIONS.join(', ')}` }).default('england-and-wales'),
  stages: z.array(z.enum(STAGES, { error: `Stages are ${STAGES.join(', ')}` })).default([...DEFAULT_PIPELINE]),
  pricesFixed: z.boolean().default(false),
  qualityWeightPercent: wholeNumber('The quality weighting', 0, 100).default(100),
  scoreScaleMax: wholeNumber('The top of the score scale', 1, 100).default(5),
  tiered: z.boolean().default(false),
  maxTier1ZonesPerProvider: wholeNumber('The most zones a Tier 1 provider may hold', 1, 50)
    .nullish()
    .transform((value) => value ?? null),
  qualityThreshold: z
    .number({ error: 'The quality threshold must be a number' })
    .min(0)
    .max(100, 'The quality threshold is a percentage, 100 at most')
    .nullish()
    .transform((value) => value ?? null),
  allocationRule: z
    .enum(ALLOCATION_RULES, { error: `Choose the allocation rule: ${ALLOCATION_RULES.join(' or ')}` })
    .nullish()
    .transform((value) => value ?? null),
  zones: z.array(vehicleZoneInput).default([]),
  requiredDocuments: z
    .array(
      freeText()
        .trim()
        .min(1, 'Name each required document')
        .max(200, "A document's name must be 200 characters or fewer"),
    )
    .max(20, 'Ask for at most 20 documents')
    .default([])
    .refine(
      (names) => new Set(names.map((name) => name.toLowerCase())).size === names.length,
      'Name each required document once',
    ),
  partners: z.array(vehiclePartnerInput).max(10, 'At most 10 partners').default([]),
});
export type VehicleInput = z.input<typeof vehicleInput>;
export type VehicleData = z.output<typeof vehicleInput>;

export const lotGridInput = z.object({
  zoneIds: z.array(z.uuid()).min(1, 'Choose at least one zone'),
  needBands: z.array(z.enum(NEED_BANDS)).min(1, 'Choose at least one need band'),
  serviceTypes: z.array(z.enum(LOT_SERVICE_TYPES)).min(1, 'Choose at least one service type'),
});
export type LotGridInput = z.input<typeof lotGridInput>;

export const statusChangeInput = z.object({
  status: z.enum(VEHICLE_STATUSES, { error: 'Choose the new status' }),
  reason: optionalText(1000, 'The reason'),
});

/** Reopening a live framework in a new round: the round's deadlines (the service says which it needs) and why. */
export const roundInput = z.object({
  clarificationDeadline: optionalDate('The clarification deadline'),
  submissionDeadline: optionalDate('The submission deadline'),
  reason: optionalText(1000, 'The reason'),
});
export type RoundInput = z.input<typeof roundInput>;

/** Which notice to publish: its kind and what it is about (as the vehicle's notices list them). */
export const noticeInput = z.object({
  kind: z.enum(NOTICE_KINDS, { error: `Choose the kind of notice: ${NOTICE_KINDS.join(', ')}` }),
  subject: freeText({ error: 'Say what the notice is about, as the list of notices gives it' })
    .trim()
    .min(1, 'Say what the notice is about, as the list of notices gives it')
    .max(100, 'The subject must be 100 characters or fewer'),
});
export type NoticeInput = z.input<typeof noticeInput>;

export const vehicleFilterInput = z.object({
  search: filterText(200),
  status: z.enum(VEHICLE_STATUSES).optional().catch(undefined),
  kind: z.enum(VEHICLE_KINDS).optional().catch(undefined),
  ...pagingQuery.shape,
});
export type VehicleFilter = z.output<typeof vehicleFilterInput>;

export const questionInput = z
  .object({
    kind: z.enum(QUESTION_KINDS, { error: 'Choose selection (pass or fail) or quality (scored)' }),
    text: freeText({ error: 'Enter the question' })
      .trim()
      .min(1, 'Enter the question')
      .max(2000, 'The question must be 2000 characters or fewer'),
    guidance: optionalText(5000, 'The guidance'),
    wordLimit: wholeNumber('The word limit', 1, 5000)
      .nullish()
      .transform((value) => value ?? null),
    weightPercent: wholeNumber('The weighting', 1, 100)
      .nullish()
      .transform((value) => value ?? null),
    /** Ask it only of tenderers for this lot; absent or null for every tenderer. */
    lotId: z
      .uuid({ error: "Choose one of the vehicle's lots" })
      .nullish()
      .or(z.literal('').transform(() => null))
      .transform((value) => value ?? null),
  })
  .superRefine((question, context) => {
    if (question.kind === 'quality' && question.weightPercent === null)
      context.addIssue({ code: 'custom', path: ['weightPercent'], message: 'Give a quality question its weighting' });
    if (question.kind === 'quality' && question.wordLimit === null)
      context.addIssue({ code: 'custom', path: ['wordLimit'], message: 'Give a quality question a word limit' });
    if (question.kind === 'selection' && question.weightPercent !== null)
      context.addIssue({
        code: 'custom',
        path: ['weightPercent'],
        message: 'Selection questions are pass or fail, not weighted',
      });
    if (question.kind === 'selection' && question.lotId !== null)
      context.addIssue({ code: 'custom', path: ['lotId'], message: 'Selection questions are asked of every tenderer' });
  });
export type QuestionInput = z.input<typeof questionInput>;

export const applicationLotsInput = z.object({
  lotIds: z.array(z.uuid({ error: 'Choose lots of this vehicle' })).min(1, 'Choose the lots you are applying for'),
});

export const answerInput = z.object({
  /** Selection questions: whether the provider meets the requirement. */
  meetsRequirement: z
    .boolean()
    .nullish()
    .transform((value) => value ?? null),
  text: freeText().max(100_000, 'The answer is too long').default(''),
});
export type AnswerInput = z.input<typeof answerInput>;

export const pricesInput = z.object({
  prices: z.array(
    z.object({
      lotId: z.uuid(),
      weeklyRatePence: z
        .number({ error: 'Give the weekly rate in pence' })
        .int('Give the weekly rate in whole pence')
        .min(1, 'The weekly rate must be more than £0'),
    }),
  ),
});

export const applicationFilterInput = z.object({
  vehicleId: z.uuid().optional().catch(undefined),
  status: z.enum(APPLICATION_STATUSES).optional().catch(undefined),
  /** Submitted applications standing at this stage. */
  stage: z.enum(STAGES).optional().catch(undefined),
  /** Part of the applying provider's name (for staff: a provider sees only its own). */
  provider: filterText(200),
  ...pagingQuery.shape,
});
export type ApplicationFilter = z.output<typeof applicationFilterInput>;

export const stageDecisionInput = z.object({
  stage: z.enum(STAGES, { error: `Choose the stage: ${STAGES.join(', ')}` }),
  outcome: z.enum(['pass', 'fail'], { error: 'Choose pass or fail' }),
  reason: optionalText(2000, 'The reason'),
});
export type StageDecisionInput = z.input<typeof stageDecisionInput>;

export const declarationInput = z
  .object({
    hasConflict: z.boolean({ error: 'Say whether you have a conflict of interest' }),
    details: optionalText(2000, 'The details'),
  })
  .refine((value) => !value.hasConflict || value.details !== null, {
    path: ['details'],
    message: 'Describe the conflict of interest',
  });
export type DeclarationInput = z.input<typeof declarationInput>;

export const scoreInput = z.object({
  score: z.number({ error: 'Give a score' }),
  comment: freeText().max(5000, 'The comment must be 5000 characters or fewer').default(''),
});
export type ScoreInput = z.input<typeof scoreInput>;

export const agreedScoreInput = z.object({
  score: z.number({ error: 'Give the agreed score' }),
  rationale: freeText().max(5000, 'The rationale must be 5000 characters or fewer').default(''),
});
export type AgreedScoreInput = z.input<typeof agreedScoreInput>;

export const tierConfirmInput = z.object({
  rule: z.enum(ALLOCATION_RULES, { error: `Choose the rule to confirm: ${ALLOCATION_RULES.join(' or ')}` }),
  reason: optionalText(2000, 'The reason'),
});
export type TierConfirmInput = z.input<typeof tierConfirmInput>;

const requiredDate = (label: string) =>
  freeText({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(
      (value) => isIsoDate(value),
      `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2026-03-27`,
    );

export const awardInput = z.object({ noticeDate: requiredDate('the date the notice is sent or published') });
export type AwardInput = z.input<typeof awardInput>;

export const contractStartInput = z.object({ startOn: requiredDate('the day the contracts start') });
export type ContractStartInput = z.input<typeof contractStartInput>;

export const clarificationInput = z.object({
  question: freeText({ error: 'Enter your question' })
    .trim()
    .min(1, 'Enter your question')
    .max(2000, 'Your question must be 2000 characters or fewer'),
});

export const clarificationAnswerInput = z.object({
  answer: freeText({ error: 'Enter the answer' })
    .trim()
    .min(1, 'Enter the answer')
    .max(5000, 'The answer must be 5000 characters or fewer'),
});

export const resubmissionInput = z.object({ until: requiredDate('the last day of the resubmission window') });

export const documentUploadInput = z.object({
  name: freeText({ error: 'Say which required document this is' }).trim().min(1, 'Say which required document this is'),
  filename: freeText({ error: "Give the file's name" }).trim().min(1, "Give the file's name").max(255),
  contentBase64: freeText({ error: "Send the file's content, base64-encoded" }).regex(
    /^[A-Za-z0-9+/]*={0,2}$/,
    'The content must be base64',
  ),
});

export const membershipChangeInput = z.object({
  status: z.enum(['active', 'suspended', 'removed'], { error: 'Choose active, suspended or removed' }),
  reason: freeText({ error: 'Give the reason' })
    .trim()
    .min(1, 'Give the reason: it is recorded and the provider is told')
    .max(2000),
});
export type MembershipChangeInput = z.input<typeof membershipChangeInput>;

export const brokerageSettingsInput = z.object({
  offerResponseWorkingDays: wholeNumber('The working days to answer an offer', 1, 20),
  tier2Mode: z.enum(['existing-schemes', 'borough-wide'], { error: 'Choose where Tier 2 providers are offered work' }),
  rankingRule: z.enum(['tier-rank', 'quality-price'], { error: 'Choose how acceptances are ranked' }),
  rankingQualityPercent: wholeNumber('The quality weighting', 0, 100).nullish(),
});
export type BrokerageSettingsInput = z.input<typeof brokerageSettingsInput>;

/** Text the decision record needs: blank is kept as blank so the service names each gap. */
const recordText = (max: number, label: string) =>
  freeText()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((value) => value ?? '');

/** The record of a Provider Selection Regime decision (see domain/psr.ts for what it must hold). */
export const psrDecisionInput = z.object({
  process: z.enum(PSR_PROCESSES, { error: 'Choose the process the decision makers followed' }),
  conditionsMet: z.boolean({ error: 'Say whether the conditions of the process are met' }).default(false),
  providerId: z
    .uuid({ error: 'Choose the provider from the list' })
    .nullish()
    .transform((value) => value ?? null),
  existingContract: optionalText(200, 'The existing contract'),
  criteria: z
    .array(
      z.object({
        criterion: z.enum(PSR_CRITERIA, { error: `Key criteria are ${PSR_CRITERIA.join(', ')}` }),
        weightPercent: wholeNumber("A key criterion's weight", 0, 100),
        rationale: recordText(2000, "A key criterion's rationale"),
      }),
    )
    .max(5, 'There are five key criteria')
    .default([]),
  decisionMakers: recordText(500, 'Who decided'),
  conflicts: recordText(2000, 'The conflicts of interest'),
  rationale: recordText(5000, 'The reasons'),
});
export type PsrDecisionInput = z.input<typeof psrDecisionInput>;

/** Representations a provider made in a Provider Selection Regime standstill, and when they were answered. */
export const representationsInput = z.object({
  answeredOn: freeText({ error: 'Enter the day the representations were answered' })
    .trim()
    .refine(isIsoDate, 'The day they were answered must be a real date, like 2026-03-27'),
  representations: freeText({ error: 'Summarise the representations' })
    .trim()
    .min(1, 'Summarise the representations')
    .max(5000, 'The summary must be 5000 characters or fewer'),
});
export type RepresentationsInput = z.input<typeof representationsInput>;
