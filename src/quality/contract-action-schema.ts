import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { providers } from '../providers/schema.ts';

/**
 * A contract action on a provider's membership or one of its services: from an improvement plan
 * to termination. Each has a reason, dates, who decided, and the provider's acknowledgement. An
 * embargo is the brokerage embargo it placed; a suspension or tier change is the membership's.
 */
export const contractActions = pgTable(
  'contract_actions',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** improvement-plan, default-notice, special-measures, embargo, suspension, tier-change, package-termination, contract-termination. */
    kind: text('kind').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    membershipId: uuid('membership_id'),
    serviceId: uuid('service_id'),
    placementId: uuid('placement_id'),
    /** The brokerage embargo an embargo action placed. */
    embargoId: uuid('embargo_id'),
    reason: text('reason').notNull(),
    startsOn: date('starts_on').notNull(),
    /** A default notice's cure date, a plan's review date. */
    dueOn: date('due_on'),
    /** What the kind adds: a default notice's default and remedy, a tier change's from and to. */
    details: jsonb('details').$type<Record<string, string>>().notNull(),
    endedOn: date('ended_on'),
    endedReason: text('ended_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    acknowledgedAt: moment('acknowledged_at'),
  },
  (table) => [
    tenantKey('contract_actions_pk', table),
    index('contract_actions_provider_idx').on(table.organisationId, table.providerId),
  ],
);

/**
 * Where a contract ends or a provider is left out of a new framework: the services and people
 * affected, the provider each moves to, and the date all should have moved by. People keep their
 * homes: the care moves, under TUPE, with the scheme's transfer.
 */
export const transitionPlans = pgTable(
  'transition_plans',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    contractActionId: uuid('contract_action_id'),
    /** contract-termination or left-framework. */
    cause: text('cause').notNull(),
    /** The framework whose start the target date counts from, where the provider was left out. */
    vehicleId: uuid('vehicle_id'),
    targetOn: date('target_on').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [tenantKey('transition_plans_pk', table)],
);

/** A scheme whose care moves under a transition plan, to which provider, and when it did. */
export const transitionMoves = pgTable(
  'transition_moves',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    planId: uuid('plan_id').notNull(),
    schemeId: uuid('scheme_id').notNull(),
    receivingProviderId: uuid('receiving_provider_id').references(() => providers.id),
    receivingMembershipId: uuid('receiving_membership_id'),
    /** The day the care moved; null until it has. */
    movedOn: date('moved_on'),
  },
  (table) => [
    tenantKey('transition_moves_pk', table),
    index('transition_moves_plan_idx').on(table.organisationId, table.planId),
    tenantReference('transition_moves_plan_fk', table.organisationId, table.planId, transitionPlans),
  ],
);
