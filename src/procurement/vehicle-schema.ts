// A procurement vehicle's tables: the vehicle, its partners, zones and lots, the questions it asks
// and the clarification questions providers ask of it.
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
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
    /** A light-touch service under the Procurement Act 2023 (supported living is): its notices and standstill differ. */
    lightTouch: boolean('light_touch').notNull().default(true),
    /** Light-touch only: keep a standstill the Act does not require. */
    voluntaryStandstill: boolean('voluntary_standstill').notNull().default(true),
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
    index('vehicles_id_idx').on(table.id),
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
    index('lots_id_idx').on(table.id),
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
    index('questions_id_idx').on(table.id),
    index('questions_vehicle_idx').on(table.vehicleId, table.position),
    tenantReference('questions_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
    tenantReference('questions_lot_fk', table.organisationId, table.lotId, lots),
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
