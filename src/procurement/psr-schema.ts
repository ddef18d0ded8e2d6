// A vehicle under the NHS Provider Selection Regime keeps the record of its decision: the process
// the decision makers chose, that its conditions are met, the key criteria and their weights, who
// decided, the conflicts declared and the reasons; and any representations made in its standstill.
import { boolean, date, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { moment, tenantReference } from '../platform/db/columns.ts';
import { vehicles } from './vehicle-schema.ts';

export const psrDecisions = pgTable(
  'psr_decisions',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** direct-award-a, direct-award-b, direct-award-c, most-suitable-provider or competitive. */
    process: text('process').notNull(),
    conditionsMet: boolean('conditions_met').notNull(),
    providerId: uuid('provider_id').references(() => providers.id),
    existingContract: text('existing_contract'),
    criteria: jsonb('criteria').$type<{ criterion: string; weightPercent: number; rationale: string }[]>().notNull(),
    decisionMakers: text('decision_makers').notNull(),
    conflicts: text('conflicts').notNull(),
    rationale: text('rationale').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: moment('recorded_at').notNull(),
    /** A provider's representations in the standstill: when the decision makers answered, and what was said. */
    representationsAnsweredOn: date('representations_answered_on'),
    representations: text('representations'),
  },
  (table) => [
    primaryKey({ name: 'psr_decisions_pk', columns: [table.organisationId, table.vehicleId] }),
    tenantReference('psr_decisions_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);
