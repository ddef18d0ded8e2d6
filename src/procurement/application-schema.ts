// Providers' applications to a vehicle: the application, its answers, prices and uploaded documents.
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { providers } from '../providers/schema.ts';
import { bytea, moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { lots, questions, vehicles } from './vehicle-schema.ts';

// Every commissioning table carries the lead organisation's id first in its key, so the schema
// can later be distributed by organisation without change (DESIGN.md, "Tenancy").

/** A provider's application to a vehicle (in one round of a framework). Commercially sensitive: only its provider and the vehicle's staff see it. */
export const applications = pgTable(
  'applications',
  {
    organisationId: uuid('organisation_id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    id: uuid('id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    /** The round of a framework it was made in; 1 on a vehicle without rounds. */
    roundNumber: integer('round_number').notNull().default(1),
    status: text('status').notNull(),
    lotIds: uuid('lot_ids').array().notNull(),
    submittedAt: moment('submitted_at'),
    /** Dynamic purchasing systems and markets: the date a decision is due, 10 working days after submission. */
    decisionDueOn: date('decision_due_on'),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('applications_pk', table),
    index('applications_id_idx').on(table.id),
    // One application per provider per round.
    uniqueIndex('applications_provider_idx').on(
      table.organisationId,
      table.vehicleId,
      table.roundNumber,
      table.providerId,
    ),
    index('applications_status_idx').on(table.organisationId, table.vehicleId, table.status),
    tenantReference('applications_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);

/** An application's answer to one question: yes/no with evidence for selection, text for quality. */
export const answers = pgTable(
  'answers',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    questionId: uuid('question_id').notNull(),
    meetsRequirement: boolean('meets_requirement'),
    text: text('text').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ name: 'answers_pk', columns: [table.organisationId, table.applicationId, table.questionId] }),
    tenantReference('answers_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('answers_question_fk', table.organisationId, table.questionId, questions),
  ],
);

/** Where tenderers price: a weekly rate per lot, in pence. */
export const lotPrices = pgTable(
  'lot_prices',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    weeklyRatePence: bigint('weekly_rate_pence', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'lot_prices_pk', columns: [table.organisationId, table.applicationId, table.lotId] }),
    tenantReference('lot_prices_application_fk', table.organisationId, table.applicationId, applications),
    tenantReference('lot_prices_lot_fk', table.organisationId, table.lotId, lots),
  ],
);

/** A document an applicant uploaded for one of the vehicle's required documents; commercially sensitive like its answers. */
export const applicationDocuments = pgTable(
  'application_documents',
  {
    organisationId: uuid('organisation_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    id: uuid('id').notNull(),
    /** Which required document it is. */
    name: text('name').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: moment('uploaded_at').notNull(),
  },
  (table) => [
    tenantKey('application_documents_pk', table),
    uniqueIndex('application_documents_name_idx').on(table.organisationId, table.applicationId, table.name),
    tenantReference('application_documents_application_fk', table.organisationId, table.applicationId, applications),
  ],
);
