import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users, zones } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { providerLocations, providers } from '../providers/schema.ts';
import type { FrameworkContent } from './domain/framework.ts';

/**
 * An organisation's quality assessment framework, one row a version. A version is never changed:
 * a change is a new version, the latest is used for new assessments, and each assessment keeps
 * the version it was done with.
 */
export const qualityFrameworks = pgTable(
  'quality_frameworks',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    content: jsonb('content').$type<FrameworkContent>().notNull(),
    /** What this version changed, in its author's words. */
    changeNote: text('change_note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('quality_frameworks_pk', table),
    uniqueIndex('quality_frameworks_version_idx').on(table.organisationId, table.version),
  ],
);

/**
 * The organisation's register of services under contract: a provider's location (or a service not
 * registered with CQC) that holds placements or a membership. Each is due an assessment, has an
 * intelligence log and a risk rating, and may be the subject of contract actions. Kept per
 * organisation, since the same location may be contracted by several, in different zones.
 */
export const contractedServices = pgTable(
  'contracted_services',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    /** The CQC location; null for a service not registered with CQC. */
    locationId: uuid('location_id').references(() => providerLocations.id),
    name: text('name').notNull(),
    postcode: text('postcode'),
    zoneId: uuid('zone_id'),
    /** The day the organisation first contracted it: the first assessment is due then. */
    contractedFrom: date('contracted_from').notNull(),
    /** The quality officer who looks after it. */
    officerId: uuid('officer_id').references(() => users.id),
    /** The day the contract for it ended; null while it runs. */
    endedOn: date('ended_on'),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('contracted_services_pk', table),
    uniqueIndex('contracted_services_location_idx')
      .on(table.organisationId, table.locationId)
      .where(sql`${table.locationId} is not null`),
    index('contracted_services_provider_idx').on(table.organisationId, table.providerId),
    tenantReference('contracted_services_zone_fk', table.organisationId, table.zoneId, zones),
  ],
);

/** How often services are assessed, how long providers have to check a draft and to send KPI returns; defaults apply without a row. */
export const qualitySettings = pgTable('quality_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  assessmentIntervalMonths: integer('assessment_interval_months').notNull(),
  factualAccuracyWorkingDays: integer('factual_accuracy_working_days').notNull(),
  /** Working days after a quarter ends by which providers' KPI returns are due. */
  kpiReturnWorkingDays: integer('kpi_return_working_days').notNull().default(20),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: moment('updated_at').notNull(),
});
