// A framework's rounds: its first advertisement is round 1, and each reopening (to add providers
// where demand is unmet) is the next, with its own dates. A dynamic purchasing system or dynamic
// market stays open and has none.
import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../organisations/schema.ts';
import { moment, tenantReference } from '../platform/db/columns.ts';
import { vehicles } from './vehicle-schema.ts';

// Every commissioning table carries the lead organisation's id first in its key, so the schema
// can later be distributed by organisation without change (DESIGN.md, "Tenancy").

/** One round of a framework or open framework, numbered from 1, with the dates applications ran to. */
export const vehicleRounds = pgTable(
  'vehicle_rounds',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    number: integer('number').notNull(),
    /** The day it opened to applications. */
    opensOn: date('opens_on').notNull(),
    clarificationDeadline: date('clarification_deadline'),
    submissionDeadline: date('submission_deadline'),
    reason: text('reason'),
    /** Who opened it; null for a first round recorded from a vehicle advertised before rounds were kept. */
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: moment('opened_at').notNull(),
  },
  (table) => [
    primaryKey({ name: 'vehicle_rounds_pk', columns: [table.organisationId, table.vehicleId, table.number] }),
    tenantReference('vehicle_rounds_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);
