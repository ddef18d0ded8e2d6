import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { memberships } from '../procurement/evaluation-schema.ts';
import { vehicles } from '../procurement/vehicle-schema.ts';
import { providers } from '../providers/schema.ts';

/**
 * A key performance indicator a vehicle's providers report against each quarter (report 003
 * §1.3.2): what is counted, its target and how far short is still Amber. A retired KPI is asked for
 * no more after the quarter it was retired in; the returns keep what they answered.
 */
export const kpiDefinitions = pgTable(
  'kpi_definitions',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    /** Who achieves it, e.g. "care workers trained and deemed competent". */
    numeratorLabel: text('numerator_label').notNull(),
    /** Who is counted, e.g. "care workers". */
    denominatorLabel: text('denominator_label').notNull(),
    /** How the summary says it after "81% (654) of care workers", e.g. "have now been trained". */
    summaryPhrase: text('summary_phrase').notNull(),
    /** percentage or count. */
    measure: text('measure').notNull(),
    target: integer('target').notNull(),
    /** higher or lower (is better). */
    direction: text('direction').notNull(),
    /** Percentage points (or a count) short of the target still rated Amber. */
    amberTolerance: integer('amber_tolerance').notNull(),
    frequency: text('frequency').notNull().default('quarterly'),
    /** return (the providers') or survey (the people's survey, never submitted). */
    source: text('source').notNull().default('return'),
    /** The first quarter asked for, as 2026-Q2. */
    firstQuarter: text('first_quarter').notNull(),
    /** The last quarter asked for, once retired. */
    retiredAfter: text('retired_after'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('kpi_definitions_pk', table),
    index('kpi_definitions_vehicle_idx').on(table.organisationId, table.vehicleId),
    tenantReference('kpi_definitions_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/**
 * A provider's return for one membership and quarter. A correction replaces the figures (the audit
 * trail keeps the old ones) and counts up its version; a return after its due day is late.
 */
export const kpiReturns = pgTable(
  'kpi_returns',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    membershipId: uuid('membership_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    /** As 2026-Q2. */
    quarter: text('quarter').notNull(),
    dueOn: date('due_on').notNull(),
    submittedOn: date('submitted_on').notNull(),
    late: boolean('late').notNull(),
    version: integer('version').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: moment('submitted_at').notNull(),
  },
  (table) => [
    tenantKey('kpi_returns_pk', table),
    uniqueIndex('kpi_returns_membership_quarter_idx').on(table.organisationId, table.membershipId, table.quarter),
    index('kpi_returns_vehicle_quarter_idx').on(table.organisationId, table.vehicleId, table.quarter),
    index('kpi_returns_provider_idx').on(table.providerId, table.quarter),
    tenantReference('kpi_returns_membership_fk', table.organisationId, table.membershipId, memberships),
  ],
);

/** One KPI's figures on a return. */
export const kpiReturnValues = pgTable(
  'kpi_return_values',
  {
    organisationId: uuid('organisation_id').notNull(),
    returnId: uuid('return_id').notNull(),
    kpiId: uuid('kpi_id').notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator').notNull(),
  },
  (table) => [
    primaryKey({ name: 'kpi_return_values_pk', columns: [table.organisationId, table.returnId, table.kpiId] }),
    index('kpi_return_values_kpi_idx').on(table.organisationId, table.kpiId),
    tenantReference('kpi_return_values_return_fk', table.organisationId, table.returnId, kpiReturns),
    tenantReference('kpi_return_values_kpi_fk', table.organisationId, table.kpiId, kpiDefinitions),
  ],
);
