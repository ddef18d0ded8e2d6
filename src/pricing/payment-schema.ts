// Payment schedules: the organisation's settings (its periods, cost centres, NHS partner), the
// providers' supplier references in its finance system, and each period's schedule with its lines.
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';

/** How an organisation pays: its periods, the cost centre of each payment route and its NHS partner. */
export const paymentSettings = pgTable('payment_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  /** four-weekly or monthly. */
  periodKind: text('period_kind').notNull(),
  /** The finance system's cost centre for each payment route: commissioned, direct-payment, individual-service-fund. */
  costCentres: jsonb('cost_centres').$type<Record<string, string>>().notNull(),
  /** Who the NHS shares are recharged to where a placement's vehicle has no NHS partner. */
  nhsPartnerId: uuid('nhs_partner_id').references(() => organisations.id),
  updatedAt: moment('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/** A provider's supplier reference in the organisation's finance system. */
export const supplierReferences = pgTable(
  'payment_supplier_references',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    reference: text('reference').notNull(),
    updatedAt: moment('updated_at').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (table) => [
    primaryKey({ name: 'payment_supplier_references_pk', columns: [table.organisationId, table.providerId] }),
  ],
);

/** One period's schedule: a draft until exported, then locked. */
export const paymentSchedules = pgTable(
  'payment_schedules',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** The financial year by the calendar year it begins in (2026 is 2026/27) and the period's number in it. */
    year: integer('year').notNull(),
    period: integer('period').notNull(),
    periodKind: text('period_kind').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** draft or exported. */
    status: text('status').notNull(),
    lineCount: integer('line_count').notNull(),
    /** A schedule's totals pass the 2³¹ pence (£21m) an integer holds at a large council's scale. */
    grossPence: bigint('gross_pence', { mode: 'number' }).notNull(),
    contributionPence: bigint('contribution_pence', { mode: 'number' }).notNull(),
    nhsSharePence: bigint('nhs_share_pence', { mode: 'number' }).notNull(),
    netPence: bigint('net_pence', { mode: 'number' }).notNull(),
    generatedAt: moment('generated_at').notNull(),
    generatedBy: uuid('generated_by').references(() => users.id),
    exportedAt: moment('exported_at'),
    exportedBy: uuid('exported_by').references(() => users.id),
  },
  (table) => [
    tenantKey('payment_schedules_pk', table),
    index('payment_schedules_id_idx').on(table.id),
    uniqueIndex('payment_schedules_period_idx').on(table.organisationId, table.startsOn),
  ],
);

/**
 * A line of a schedule: a placement's days at one weekly price in the schedule's period, or an
 * adjustment to a period already exported (the difference between what was paid and what should
 * have been). References are copied in, so an exported schedule reads the same for ever; the
 * supplier reference and cost centre are copied when it is exported.
 */
export const paymentLines = pgTable(
  'payment_lines',
  {
    organisationId: uuid('organisation_id').notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    /** payment or adjustment. */
    kind: text('kind').notNull(),
    placementId: uuid('placement_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    providerName: text('provider_name').notNull(),
    caseReference: text('case_reference').notNull(),
    paymentRoute: text('payment_route').notNull(),
    /** The period the line pays for: the schedule's own, or the earlier one an adjustment corrects. */
    forStartsOn: date('for_starts_on').notNull(),
    forPeriod: text('for_period').notNull(),
    fromOn: date('from_on').notNull(),
    toOn: date('to_on').notNull(),
    days: integer('days').notNull(),
    /** Null on an adjustment. */
    weeklyPricePence: integer('weekly_price_pence'),
    grossPence: integer('gross_pence').notNull(),
    contributionPence: integer('contribution_pence').notNull(),
    nhsPercent: integer('nhs_percent').notNull(),
    nhsSharePence: integer('nhs_share_pence').notNull(),
    netPence: integer('net_pence').notNull(),
    nhsPartnerId: uuid('nhs_partner_id'),
    reason: text('reason'),
    /**
     * A digest of what the placement was paid from when the line was made (its dates, prices,
     * contribution and funding): a later schedule works a period out again only for placements
     * whose digest has changed since.
     */
    basis: text('basis'),
    supplierReference: text('supplier_reference'),
    costCentre: text('cost_centre'),
  },
  (table) => [
    primaryKey({ name: 'payment_lines_pk', columns: [table.organisationId, table.scheduleId, table.lineNumber] }),
    index('payment_lines_placement_idx').on(table.organisationId, table.placementId, table.forStartsOn),
    index('payment_lines_provider_idx').on(table.providerId, table.scheduleId),
    tenantReference('payment_lines_schedule_fk', table.organisationId, table.scheduleId, paymentSchedules),
  ],
);
