// Evaluation and what it decides: stage decisions, evaluators' declarations and scores, agreed
// scores, the confirmed tier allocation, the award decision and the memberships it gives.
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
import { users } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { applications } from './application-schema.ts';
import { lots, questions, vehicles } from './vehicle-schema.ts';

// Every commissioning table carries the lead organisation's id first in its key, so the schema
// can later be distributed by organisation without change (DESIGN.md, "Tenancy").

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
    /** The round of a framework whose tenderers it allocates; 1 on a vehicle without rounds. */
    roundNumber: integer('round_number').notNull().default(1),
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
    /** The round of a framework it decides; 1 on a vehicle without rounds. */
    roundNumber: integer('round_number').notNull().default(1),
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
    /** The round of a framework that admitted it; 1 on a vehicle without rounds. */
    roundNumber: integer('round_number').notNull().default(1),
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
