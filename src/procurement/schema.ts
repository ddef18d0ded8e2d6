import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users, zones } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';

/** Binary content, as Buffers in and out (PGlite gives Uint8Array, node-postgres Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

// Every commissioning table carries the lead organisation's id first in its key, so the schema
// can later be distributed by organisation without change (DESIGN.md, "Tenancy").

export const vehicles = pgTable(
  'vehicles',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** The council's own reference, as on its tender portal ("WVCC-SL-DPS-2019"). */
    reference: text('reference').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind').notNull(),
    regime: text('regime').notNull(),
    status: text('status').notNull(),
    /** Estimated total value over the whole term, in pence. */
    valuePence: bigint('value_pence', { mode: 'number' }),
    advertOn: date('advert_on'),
    clarificationDeadline: date('clarification_deadline'),
    submissionDeadline: date('submission_deadline'),
    awardOn: date('award_on'),
    contractStartOn: date('contract_start_on'),
    contractEndOn: date('contract_end_on'),
    /** As the contract states them, e.g. "two further periods of 12 months". */
    extensionOptions: text('extension_options'),
    /** Whose bank holidays count for a PCR 2015 standstill. */
    nation: text('nation').notNull(),
    stages: text('stages').array().notNull(),
    pricesFixed: boolean('prices_fixed').notNull(),
    qualityWeightPercent: integer('quality_weight_percent').notNull(),
    /** Scores per quality question run from 0 to this. */
    scoreScaleMax: integer('score_scale_max').notNull(),
    tiered: boolean('tiered').notNull(),
    maxTier1ZonesPerProvider: integer('max_tier1_zones_per_provider'),
    qualityThreshold: numeric('quality_threshold', { precision: 6, scale: 2, mode: 'number' }),
    allocationRule: text('allocation_rule'),
    /** Documents every applicant must upload (insurance certificate, accounts…), by name. */
    requiredDocuments: text('required_documents').array().notNull().default([]),
    /** While a resubmission stage is open: tenderers at it may change and resubmit until the end of this day. */
    resubmissionUntil: date('resubmission_until'),
    /** Brokerage: working days a provider has to answer an offer. */
    offerResponseWorkingDays: integer('offer_response_working_days').notNull().default(2),
    /** Brokerage: where Tier 2 providers are offered work (existing-schemes or borough-wide). */
    tier2Mode: text('tier2_mode').notNull().default('existing-schemes'),
    /** Brokerage: how acceptances are ranked: tier-rank, or quality-price with the quality weight below. */
    rankingRule: text('ranking_rule').notNull().default('tier-rank'),
    rankingQualityPercent: integer('ranking_quality_percent'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organisationId, table.id] }),
    uniqueIndex('vehicles_id_idx').on(table.id),
    uniqueIndex('vehicles_reference_idx').on(table.organisationId, table.reference),
    index('vehicles_status_idx').on(table.status),
  ],
);

/** Joint commissioning: partners (an NHS body under a section 75 agreement) and their funding shares. */
export const vehiclePartners = pgTable(
  'vehicle_partners',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    partnerOrganisationId: uuid('partner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Hundredths of a percent: 2500 is 25%. */
    fundingShareBasisPoints: integer('funding_share_basis_points').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'vehicle_partners_pk',
      columns: [table.organisationId, table.vehicleId, table.partnerOrganisationId],
    }),
    tenantReference('vehicle_partners_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
    index('vehicle_partners_partner_idx').on(table.partnerOrganisationId),
  ],
);

/** A vehicle's zones, with their Tier 1 places where the vehicle is tiered. */
export const vehicleZones = pgTable(
  'vehicle_zones',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    zoneId: uuid('zone_id').notNull(),
    tier1Places: integer('tier1_places'),
  },
  (table) => [
    primaryKey({ name: 'vehicle_zones_pk', columns: [table.organisationId, table.vehicleId, table.zoneId] }),
    tenantReference('vehicle_zones_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
    tenantReference('vehicle_zones_zone_fk', table.organisationId, table.zoneId, zones),
  ],
);

/** Lots by zone × need band × service type. */
export const lots = pgTable(
  'lots',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    zoneId: uuid('zone_id').notNull(),
    needBand: text('need_band').notNull(),
    serviceType: text('service_type').notNull(),
    title: text('title').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organisationId, table.id] }),
    uniqueIndex('lots_id_idx').on(table.id),
    uniqueIndex('lots_combination_idx').on(
      table.organisationId,
      table.vehicleId,
      table.zoneId,
      table.needBand,
      table.serviceType,
    ),
    foreignKey({
      name: 'lots_vehicle_zone_fk',
      columns: [table.organisationId, table.vehicleId, table.zoneId],
      foreignColumns: [vehicleZones.organisationId, vehicleZones.vehicleId, vehicleZones.zoneId],
    }),
  ],
);

/** The questions a vehicle asks: selection (pass or fail) and quality (scored, with a word limit). */
export const questions = pgTable(
  'questions',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    guidance: text('guidance'),
    /** Quality questions: the most words an answer may have. */
    wordLimit: integer('word_limit'),
    /** Quality questions: the question's share of the quality score, in percent. */
    weightPercent: integer('weight_percent'),
    /** A question asked only of tenderers for this lot; null for every tenderer. */
    lotId: uuid('lot_id'),
  },
  (table) => [
    tenantKey('questions_pk', table),
    uniqueIndex('questions_id_idx').on(table.id),
    index('questions_vehicle_idx').on(table.vehicleId, table.position),
    tenantReference('questions_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
    tenantReference('questions_lot_fk', table.organisationId, table.lotId, lots),
  ],
);

/** A provider's application to a vehicle. Commercially sensitive: only its provider and the vehicle's staff see it. */
export const applications = pgTable(
  'applications',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    status: text('status').notNull(),
    lotIds: uuid('lot_ids').array().notNull(),
    submittedAt: moment('submitted_at'),
    /** Dynamic purchasing systems and markets: the date a decision is due, 10 working days after submission. */
    decisionDueOn: date('decision_due_on'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('applications_pk', table),
    uniqueIndex('applications_id_idx').on(table.id),
    uniqueIndex('applications_provider_idx').on(table.organisationId, table.vehicleId, table.providerId),
    index('applications_status_idx').on(table.organisationId, table.vehicleId, table.status),
    tenantReference('applications_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** An application's answer to one question: yes/no with evidence for selection, text for quality. */
export const answers = pgTable(
  'answers',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    questionId: uuid('question_id').notNull(),
    meetsRequirement: boolean('meets_requirement'),
    text: text('text').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ name: 'answers_pk', columns: [table.organisationId, table.applicationId, table.questionId] }),
    tenantReference('answers_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('answers_question_fk', table.organisationId, table.questionId, questions),
  ],
);

/** Where tenderers price: a weekly rate per lot, in pence. */
export const lotPrices = pgTable(
  'lot_prices',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    weeklyRatePence: bigint('weekly_rate_pence', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'lot_prices_pk', columns: [table.organisationId, table.applicationId, table.lotId] }),
    tenantReference('lot_prices_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('lot_prices_lot_fk', table.organisationId, table.lotId, lots),
  ],
);

/** Each stage's outcome for an application; a fail, with its reason, excludes it from later stages. */
export const stageDecisions = pgTable(
  'stage_decisions',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    stage: text('stage').notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: moment('decided_at').notNull(),
  },
  (table) => [
    primaryKey({ name: 'stage_decisions_pk', columns: [table.organisationId, table.applicationId, table.stage] }),
    tenantReference('stage_decisions_application_fk', table.organisationId, table.applicationId, applications),
  ],
);

/** An evaluator's declaration about conflicts of interest, made before they see any submission. */
export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    evaluatorId: uuid('evaluator_id')
      .notNull()
      .references(() => users.id),
    hasConflict: boolean('has_conflict').notNull(),
    details: text('details'),
    declaredAt: moment('declared_at').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'conflict_declarations_pk',
      columns: [table.organisationId, table.vehicleId, table.evaluatorId],
    }),
    tenantReference('conflict_declarations_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** One evaluator's score for one quality answer; hidden from other evaluators until submitted. */
export const scores = pgTable(
  'scores',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    questionId: uuid('question_id').notNull(),
    evaluatorId: uuid('evaluator_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    comment: text('comment').notNull(),
    submittedAt: moment('submitted_at'),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'scores_pk',
      columns: [table.organisationId, table.applicationId, table.questionId, table.evaluatorId],
    }),
    tenantReference('scores_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('scores_question_fk', table.organisationId, table.questionId, questions),
  ],
);

/** The moderated, agreed score for a quality answer, with the moderator's rationale. */
export const agreedScores = pgTable(
  'agreed_scores',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    questionId: uuid('question_id').notNull(),
    score: integer('score').notNull(),
    rationale: text('rationale').notNull(),
    moderatorId: uuid('moderator_id')
      .notNull()
      .references(() => users.id),
    agreedAt: moment('agreed_at').notNull(),
  },
  (table) => [
    primaryKey({ name: 'agreed_scores_pk', columns: [table.organisationId, table.applicationId, table.questionId] }),
    tenantReference('agreed_scores_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('agreed_scores_question_fk', table.organisationId, table.questionId, questions),
  ],
);

/** A confirmed tier allocation, kept with the inputs and reasons it was decided on. */
export const tierAllocations = pgTable(
  'tier_allocations',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    rule: text('rule').notNull(),
    /** The zones, cap, threshold and bids exactly as given to the rule. */
    input: jsonb('input').notNull(),
    /** The allocation with its reasons. */
    result: jsonb('result').notNull(),
    reason: text('reason'),
    confirmedBy: uuid('confirmed_by')
      .notNull()
      .references(() => users.id),
    confirmedAt: moment('confirmed_at').notNull(),
  },
  (table) => [
    tenantKey('tier_allocations_pk', table),
    index('tier_allocations_vehicle_idx').on(table.vehicleId, table.confirmedAt),
    tenantReference('tier_allocations_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** The award decision for a vehicle (or a round of it), with its standstill worked out and kept. */
export const awardDecisions = pgTable(
  'award_decisions',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    /** PCR 2015: the day the award decision notice is sent; Procurement Act 2023: the day the contract award notice is published. */
    noticeDate: date('notice_date').notNull(),
    standstillRegime: text('standstill_regime').notNull(),
    standstillEnds: date('standstill_ends').notNull(),
    earliestContractDate: date('earliest_contract_date').notNull(),
    explanation: text('explanation').notNull(),
    tierAllocationId: uuid('tier_allocation_id'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: moment('decided_at').notNull(),
  },
  (table) => [
    tenantKey('award_decisions_pk', table),
    index('award_decisions_vehicle_idx').on(table.vehicleId, table.decidedAt),
    tenantReference('award_decisions_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** A provider's place on a vehicle: one lot, its tier where tiered, and whether its contract is running. */
export const memberships = pgTable(
  'memberships',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    lotId: uuid('lot_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    applicationId: uuid('application_id').notNull(),
    /** tier1 or tier2 on a tiered vehicle, else null. */
    tier: text('tier'),
    /** awarded (in standstill), active, suspended or removed. */
    status: text('status').notNull(),
    startOn: date('start_on'),
    endOn: date('end_on'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('memberships_pk', table),
    uniqueIndex('memberships_lot_provider_idx').on(table.organisationId, table.lotId, table.providerId),
    index('memberships_vehicle_idx').on(table.vehicleId),
    index('memberships_provider_idx').on(table.providerId),
    tenantReference('memberships_lot_fk', table.organisationId, table.lotId, lots),
    tenantReference('memberships_application_fk', table.organisationId, table.applicationId, applications),
  ],
);

/** A provider's clarification question; the answer is published to every applicant without saying who asked. */
export const clarifications = pgTable(
  'clarifications',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    askedByProviderId: uuid('asked_by_provider_id')
      .notNull()
      .references(() => providers.id),
    question: text('question').notNull(),
    askedAt: moment('asked_at').notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    publishedAt: moment('published_at'),
  },
  (table) => [
    tenantKey('clarifications_pk', table),
    index('clarifications_vehicle_idx').on(table.vehicleId, table.askedAt),
    tenantReference('clarifications_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** A document an applicant uploaded for one of the vehicle's required documents; commercially sensitive like its answers. */
export const applicationDocuments = pgTable(
  'application_documents',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    id: uuid('id').notNull(),
    /** Which required document it is. */
    name: text('name').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: moment('uploaded_at').notNull(),
  },
  (table) => [
    tenantKey('application_documents_pk', table),
    uniqueIndex('application_documents_name_idx').on(table.organisationId, table.applicationId, table.name),
    tenantReference('application_documents_application_fk', table.organisationId, table.applicationId, applications),
  ],
);
