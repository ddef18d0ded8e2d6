import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { providers } from '../providers/schema.ts';

/**
 * The lines an organisation's cost-of-care workbook asks for, as it stands for the next exercise:
 * added, renamed or retired here. An exercise copies the lines in force when it opens (see
 * costExerciseLines), so a change never reaches a workbook already being filled in, and a past
 * exercise's analysis keeps the words its providers answered.
 */
export const costTemplateLines = pgTable(
  'cost_template_lines',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** Stable within the organisation: what the results are worked out from (see domain/exercise.ts). */
    key: text('key').notNull(),
    /** care-staff, running, return or volumes. */
    groupKey: text('group_key').notNull(),
    label: text('label').notNull(),
    /** pence-per-hour, pence-per-year, minutes-per-week, basis-points, count… */
    unit: text('unit').notNull(),
    optional: boolean('optional').notNull(),
    position: integer('position').notNull(),
    retired: boolean('retired').notNull().default(false),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('cost_template_lines_pk', table),
    index('cost_template_lines_key_idx').on(table.organisationId, table.key),
  ],
);

/** A cost-of-care exercise: a financial year's costs for one service type, open to invited providers until it closes. */
export const costExercises = pgTable(
  'cost_exercises',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** The financial year the costs are for, by the year it starts: 2025 is 2025/26. */
    financialYear: integer('financial_year').notNull(),
    /** supported-living or home-care. */
    serviceType: text('service_type').notNull(),
    closingOn: date('closing_on').notNull(),
    /** The vehicles whose members were invited. */
    vehicleIds: jsonb('vehicle_ids').$type<string[]>().notNull(),
    /** open or closed. */
    status: text('status').notNull(),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: moment('opened_at').notNull(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: moment('closed_at'),
  },
  (table) => [tenantKey('cost_exercises_pk', table)],
);

/** The exercise's own copy of the template's lines, as they stood when it opened. */
export const costExerciseLines = pgTable(
  'cost_exercise_lines',
  {
    organisationId: uuid('organisation_id').notNull(),
    exerciseId: uuid('exercise_id').notNull(),
    key: text('key').notNull(),
    groupKey: text('group_key').notNull(),
    label: text('label').notNull(),
    unit: text('unit').notNull(),
    optional: boolean('optional').notNull(),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'cost_exercise_lines_pk',
      columns: [table.organisationId, table.exerciseId, table.key],
    }),
    tenantReference('cost_exercise_lines_exercise_fk', table.organisationId, table.exerciseId, costExercises),
  ],
);

/**
 * A provider's workbook for an exercise: one per invited provider, a draft that saves as it is
 * filled in until it is submitted. Answers are by line key, in the line's unit (pence, minutes,
 * basis points, counts). Confidential: the provider and the organisation's finance officers and
 * commissioners see it; everyone else sees only the aggregates.
 */
export const costWorkbooks = pgTable(
  'cost_workbooks',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    exerciseId: uuid('exercise_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    /** invited, draft or submitted. */
    status: text('status').notNull(),
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    submittedOn: date('submitted_on'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** Set by a finance officer: the workbook is left out of the analysis, and why. */
    excludedReason: text('excluded_reason'),
    /** Set by a finance officer: what the provider was asked about its figures. */
    query: text('query'),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('cost_workbooks_pk', table),
    index('cost_workbooks_exercise_idx').on(table.organisationId, table.exerciseId, table.providerId),
    index('cost_workbooks_provider_idx').on(table.providerId),
    tenantReference('cost_workbooks_exercise_fk', table.organisationId, table.exerciseId, costExercises),
  ],
);

/** A comparator council's rate, entered by hand with where it was found. */
export const costComparators = pgTable(
  'cost_comparators',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    exerciseId: uuid('exercise_id').notNull(),
    council: text('council').notNull(),
    /** The result it compares with: cost-per-hour, cost-per-sleep-in or cost-per-person-week. */
    measure: text('measure').notNull(),
    pence: integer('pence').notNull(),
    source: text('source').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('cost_comparators_pk', table),
    index('cost_comparators_exercise_idx').on(table.organisationId, table.exerciseId),
    tenantReference('cost_comparators_exercise_fk', table.organisationId, table.exerciseId, costExercises),
  ],
);
