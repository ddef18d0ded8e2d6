import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users, zones } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import type { AssessmentMatrix } from './domain/banding.ts';
import type { FundingShare } from './domain/people.ts';
import type { PriceLine, Rates } from './domain/prices.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';

// Person records are special-category data: every table here carries the owning organisation
// first in its key (DESIGN.md, "Tenancy"), and every read of a person is audited by the service.

/** The organisation's care needs matrix; the default applies until one is saved. */
export const assessmentMatrices = pgTable('assessment_matrices', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  matrix: jsonb('matrix').$type<AssessmentMatrix>().notNull(),
  updatedAt: moment('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

export const people = pgTable(
  'people',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    dateOfBirth: date('date_of_birth').notNull(),
    /** The council's case-management system reference. */
    caseReference: text('case_reference').notNull(),
    /** Digits only. */
    nhsNumber: text('nhs_number'),
    clientGroups: text('client_groups').array().notNull(),
    homeZoneId: uuid('home_zone_id'),
    inCounty: boolean('in_county').notNull(),
    paymentRoute: text('payment_route').notNull(),
    funding: jsonb('funding').$type<FundingShare[]>().notNull(),
    status: text('status').notNull(),
    /** The person's assessed weekly contribution to the cost of their care, which the council collects. */
    contributionPence: integer('contribution_pence').notNull().default(0),
    /** A 16 or 17 year old moving from children's services: the only people under 18 supported living is for. */
    transitionPathway: boolean('transition_pathway').notNull().default(false),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('people_pk', table),
    index('people_id_idx').on(table.id),
    uniqueIndex('people_case_reference_idx').on(table.organisationId, table.caseReference),
    index('people_name_idx').on(table.organisationId, table.name),
    tenantReference('people_zone_fk', table.organisationId, table.homeZoneId, zones),
  ],
);

/** An assessment of needs; the latest is the person's current one. */
export const needAssessments = pgTable(
  'need_assessments',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    assessedOn: date('assessed_on').notNull(),
    assessorName: text('assessor_name').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    band: text('band').notNull(),
    total: integer('total').notNull(),
    bandReason: text('band_reason').notNull(),
    oneToOneMinutesPerWeek: integer('one_to_one_minutes_per_week').notNull(),
    nightSupport: text('night_support').notNull(),
    requiredFeatures: text('required_features').array().notNull(),
    traits: text('traits').array().notNull(),
    avoids: text('avoids').array().notNull(),
    mustNotLiveWith: uuid('must_not_live_with').array().notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('need_assessments_pk', table),
    index('need_assessments_person_idx').on(table.organisationId, table.personId, table.assessedOn),
    tenantReference('need_assessments_person_fk', table.organisationId, table.personId, people),
  ],
);

export const schemes = pgTable(
  'schemes',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    housingProviderName: text('housing_provider_name').notNull(),
    /** The Regulator of Social Housing's registration number (e.g. "L4123", "4567"). */
    housingProviderRegistration: text('housing_provider_registration'),
    addressLine1: text('address_line1').notNull(),
    townCity: text('town_city').notNull(),
    postcode: text('postcode').notNull(),
    zoneId: uuid('zone_id').notNull(),
    accommodationBand: text('accommodation_band').notNull(),
    /** Core-and-cluster group: schemes whose staff are shared. */
    clusterGroup: text('cluster_group'),
    careProviderId: uuid('care_provider_id').references(() => providers.id),
    membershipId: uuid('membership_id'),
    coreMinutesPerWeek: integer('core_minutes_per_week').notNull(),
    nightCover: text('night_cover').notNull(),
    wakingNightMinutes: integer('waking_night_minutes').notNull(),
    /** A property in the pipeline: the date it is expected ready; null once it is. */
    expectedReadyOn: date('expected_ready_on'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('schemes_pk', table),
    index('schemes_id_idx').on(table.id),
    index('schemes_provider_idx').on(table.careProviderId),
    tenantReference('schemes_zone_fk', table.organisationId, table.zoneId, zones),
  ],
);

/** A room or flat in a scheme. */
export const units = pgTable(
  'units',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    schemeId: uuid('scheme_id').notNull(),
    name: text('name').notNull(),
    features: text('features').array().notNull(),
    /** When it could first be let: a void's age counts from here when nobody has lived in it. */
    availableFrom: date('available_from').notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('units_pk', table),
    index('units_id_idx').on(table.id),
    uniqueIndex('units_name_idx').on(table.organisationId, table.schemeId, table.name),
    tenantReference('units_scheme_fk', table.organisationId, table.schemeId, schemes),
  ],
);

/** A person's tenancy of a unit. At most one current tenancy per unit and per person: the database refuses a second. */
export const tenancies = pgTable(
  'tenancies',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    unitId: uuid('unit_id').notNull(),
    personId: uuid('person_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    endReason: text('end_reason'),
  },
  (table) => [
    tenantKey('tenancies_pk', table),
    uniqueIndex('tenancies_current_unit_idx')
      .on(table.organisationId, table.unitId)
      .where(sql`${table.endsOn} is null`),
    uniqueIndex('tenancies_current_person_idx')
      .on(table.organisationId, table.personId)
      .where(sql`${table.endsOn} is null`),
    index('tenancies_unit_idx').on(table.organisationId, table.unitId, table.endsOn),
    tenantReference('tenancies_unit_fk', table.organisationId, table.unitId, units),
    tenantReference('tenancies_person_fk', table.organisationId, table.personId, people),
  ],
);

/** Rates on a vehicle (or one of its lots), in force from a date until a later card. */
export const rateCards = pgTable(
  'rate_cards',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** Null: the card applies to every lot of the vehicle without its own. */
    lotId: uuid('lot_id'),
    effectiveFrom: date('effective_from').notNull(),
    rates: jsonb('rates').$type<Rates>().notNull(),
    createdAt: moment('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    tenantKey('rate_cards_pk', table),
    index('rate_cards_vehicle_idx').on(table.organisationId, table.vehicleId, table.effectiveFrom),
  ],
);

/** An embargo on new placements with a provider. */
export const embargoes = pgTable(
  'embargoes',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    reason: text('reason').notNull(),
    startsOn: date('starts_on').notNull(),
    liftedOn: date('lifted_on'),
    liftedReason: text('lifted_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('embargoes_pk', table),
    index('embargoes_provider_idx').on(table.organisationId, table.providerId),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    referredBy: uuid('referred_by')
      .notNull()
      .references(() => users.id),
    startBy: date('start_by').notNull(),
    zoneIds: uuid('zone_ids').array().notNull(),
    urgency: text('urgency').notNull(),
    notes: text('notes'),
    /** open (no offers yet), offering, off-framework (awaiting approval), placed, withdrawn. */
    status: text('status').notNull(),
    /** The cascade step reached. */
    step: text('step'),
    offFrameworkProviderId: uuid('off_framework_provider_id').references(() => providers.id),
    offFrameworkReason: text('off_framework_reason'),
    offFrameworkApprovedBy: uuid('off_framework_approved_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('referrals_pk', table),
    index('referrals_id_idx').on(table.id),
    index('referrals_status_idx').on(table.organisationId, table.status),
    tenantReference('referrals_person_fk', table.organisationId, table.personId, people),
  ],
);

/** Each cascade step taken for a referral: who was offered the work, who was left out and why. */
export const cascadeSteps = pgTable(
  'cascade_steps',
  {
    organisationId: uuid('organisation_id').notNull(),
    referralId: uuid('referral_id').notNull(),
    step: text('step').notNull(),
    startedAt: moment('started_at').notNull(),
    startedBy: uuid('started_by').references(() => users.id),
    excluded: jsonb('excluded').$type<{ providerId: string; providerName: string; reason: string }[]>().notNull(),
    emptyBecause: text('empty_because'),
  },
  (table) => [
    primaryKey({ name: 'cascade_steps_pk', columns: [table.organisationId, table.referralId, table.step] }),
    tenantReference('cascade_steps_referral_fk', table.organisationId, table.referralId, referrals),
  ],
);

export interface OfferProposal {
  /** A vacancy in one of the provider's schemes, or null for support in the person's own home. */
  unitId: string | null;
  startsOn: string;
  oneToOneMinutesPerWeek: number;
  /** The provider's weekly price where prices are not fixed; null where the rate card sets it. */
  weeklyPricePence: number | null;
}

export const offers = pgTable(
  'offers',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    referralId: uuid('referral_id').notNull(),
    step: text('step').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    membershipId: uuid('membership_id'),
    reason: text('reason').notNull(),
    sentAt: moment('sent_at').notNull(),
    respondBy: date('respond_by').notNull(),
    /** awaiting, accepted, declined, lapsed or withdrawn. */
    status: text('status').notNull(),
    respondedAt: moment('responded_at'),
    respondedBy: uuid('responded_by').references(() => users.id),
    declineReason: text('decline_reason'),
    declineNote: text('decline_note'),
    proposal: jsonb('proposal').$type<OfferProposal>(),
  },
  (table) => [
    tenantKey('offers_pk', table),
    index('offers_id_idx').on(table.id),
    index('offers_referral_idx').on(table.organisationId, table.referralId),
    index('offers_provider_idx').on(table.providerId, table.status),
    tenantReference('offers_referral_fk', table.organisationId, table.referralId, referrals),
  ],
);

/** Who receives care where, from whom, at what price: what the payment system must match. */
export const placements = pgTable(
  'placements',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    personId: uuid('person_id').notNull(),
    /** Null for support in the person's own home. */
    tenancyId: uuid('tenancy_id'),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    vehicleId: uuid('vehicle_id'),
    membershipId: uuid('membership_id'),
    lotId: uuid('lot_id'),
    offFramework: boolean('off_framework').notNull(),
    /** Why it was bought off framework: required when it was. */
    offFrameworkReason: text('off_framework_reason'),
    referralId: uuid('referral_id'),
    offerId: uuid('offer_id'),
    /** Why the person or family chose other than the first-ranked provider (Care Act choice). */
    choiceReason: text('choice_reason'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    endReason: text('end_reason'),
    oneToOneMinutesPerWeek: integer('one_to_one_minutes_per_week').notNull(),
    coreShareMinutesPerWeek: integer('core_share_minutes_per_week').notNull(),
    tenantsAtStart: integer('tenants_at_start').notNull(),
    nightSupport: text('night_support').notNull(),
    funding: jsonb('funding').$type<FundingShare[]>().notNull(),
    paymentRoute: text('payment_route').notNull(),
    priceBasis: text('price_basis').notNull(),
    weeklyPricePence: integer('weekly_price_pence').notNull(),
    priceLines: jsonb('price_lines').$type<PriceLine[]>().notNull(),
    contributionPence: integer('contribution_pence').notNull(),
    createdAt: moment('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    tenantKey('placements_pk', table),
    index('placements_id_idx').on(table.id),
    uniqueIndex('placements_current_person_idx')
      .on(table.organisationId, table.personId)
      .where(sql`${table.endsOn} is null`),
    index('placements_dates_idx').on(table.organisationId, table.startsOn, table.endsOn),
    index('placements_provider_idx').on(table.providerId),
    tenantReference('placements_person_fk', table.organisationId, table.personId, people),
  ],
);

/**
 * A placement's weekly price from a date until its next price: the price agreed when it was made,
 * then each change (an uplift applied to the rate card, a price agreed again). Payments are worked
 * out from these periods; the placement's own price columns hold the one in force today.
 */
export const placementPrices = pgTable(
  'placement_prices',
  {
    organisationId: uuid('organisation_id').notNull(),
    placementId: uuid('placement_id').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    weeklyPricePence: integer('weekly_price_pence').notNull(),
    priceLines: jsonb('price_lines').$type<PriceLine[]>().notNull(),
    /** Why the price is this from this date, in words: "Agreed when placed", "April 2026 uplift". */
    reason: text('reason').notNull(),
    /** The rate card it was priced from; null for a price agreed with the provider. */
    rateCardId: uuid('rate_card_id'),
    recordedAt: moment('recorded_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
  },
  (table) => [
    primaryKey({
      name: 'placement_prices_pk',
      columns: [table.organisationId, table.placementId, table.effectiveFrom],
    }),
    index('placement_prices_placement_idx').on(table.placementId, table.effectiveFrom),
    tenantReference('placement_prices_placement_fk', table.organisationId, table.placementId, placements),
  ],
);

/** A request made with an Idempotency-Key: a retry with the same key gets the first answer back. */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    route: text('route').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [primaryKey({ name: 'idempotent_requests_pk', columns: [table.userId, table.key] })],
);
