import { sql } from 'drizzle-orm';
import { boolean, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { moment } from '../platform/db/columns.ts';

/** Where a provider or one of its services is, and its phone number: the same columns in both tables. */
const addressColumns = () => ({
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  townCity: text('town_city'),
  county: text('county'),
  postcode: text('postcode'),
  phone: text('phone'),
});

// Providers are shared by every organisation: a provider registers once and works for many councils.

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    companiesHouseNumber: text('companies_house_number'),
    cqcProviderId: text('cqc_provider_id'),
    /** As CQC publishes it: Organisation, Partnership, Individual, NHS Body. */
    ownershipType: text('ownership_type'),
    isSme: boolean('is_sme').notNull().default(false),
    isVcse: boolean('is_vcse').notNull().default(false),
    ...addressColumns(),
    website: text('website'),
    email: text('email'),
    registrationStatus: text('registration_status'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('providers_cqc_provider_id_idx').on(table.cqcProviderId),
    index('providers_name_idx').on(table.name),
  ],
);

export const providerContacts = pgTable(
  'provider_contacts',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
  },
  (table) => [index('provider_contacts_provider_idx').on(table.providerId)],
);

/** A provider's services: CQC locations (a supported living service is registered as a location). */
export const providerLocations = pgTable(
  'provider_locations',
  {
    id: uuid('id').primaryKey(),
    /** Null until the provider itself is in the registry (CQC location files name only its id). */
    providerId: uuid('provider_id').references(() => providers.id),
    cqcProviderId: text('cqc_provider_id'),
    cqcLocationId: text('cqc_location_id'),
    name: text('name').notNull(),
    ...addressColumns(),
    /** Local authority as CQC names it, and its GSS code where the name is recognised. */
    localAuthority: text('local_authority'),
    localAuthorityCode: text('local_authority_code'),
    region: text('region'),
    registeredManager: text('registered_manager'),
    registeredManagerAbsentSince: date('registered_manager_absent_since'),
    registrationStatus: text('registration_status'),
    registrationDate: date('registration_date'),
    deregistrationDate: date('deregistration_date'),
    dormant: boolean('dormant'),
    serviceTypes: text('service_types').array().notNull().default([]),
    specialisms: text('specialisms').array().notNull().default([]),
    overallRating: text('overall_rating'),
    safeRating: text('safe_rating'),
    effectiveRating: text('effective_rating'),
    caringRating: text('caring_rating'),
    responsiveRating: text('responsive_rating'),
    wellLedRating: text('well_led_rating'),
    ratingPublishedOn: date('rating_published_on'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('provider_locations_cqc_location_id_idx').on(table.cqcLocationId),
    index('provider_locations_provider_idx').on(table.providerId),
    index('provider_locations_cqc_provider_idx').on(table.cqcProviderId),
    index('provider_locations_postcode_idx').on(table.postcode),
    // The registry's filter lists the local authorities services are in, read from this index alone.
    index('provider_locations_local_authority_idx')
      .on(table.localAuthorityCode)
      .where(sql`${table.localAuthorityCode} is not null`),
    // The registry's search matches the start of a postcode written without spaces, in capitals.
    index('provider_locations_postcode_search_idx').using(
      'btree',
      sql`upper(replace(coalesce(${table.postcode}, ''), ' ', '')) text_pattern_ops`,
    ),
  ],
);
