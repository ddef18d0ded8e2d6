import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { providers } from '../providers/schema.ts';
import { contractedServices } from './schema.ts';

/**
 * The intelligence log: everything else a commissioner learns about a service, dated, with its
 * source and who recorded it. Never personal details: an entry may link to a person's record,
 * which keeps its own access rules.
 */
export const intelligenceEntries = pgTable(
  'intelligence_entries',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    /** Null for an entry about the provider as a whole (a company in administration). */
    serviceId: uuid('service_id'),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    /** concern, safeguarding, notification, manager-vacancy, company-status or food-hygiene. */
    kind: text('kind').notNull(),
    /** Within the kind: a concern's subject, a notification's type, a company's status. */
    category: text('category').notNull(),
    occurredOn: date('occurred_on').notNull(),
    summary: text('summary').notNull(),
    /** Where it came from: a phone call, a CQC notification, the FSA's open data. */
    source: text('source').notNull(),
    /** A concern's finding (substantiated or not-substantiated), a section 42 enquiry's outcome. */
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    /** The food hygiene rating as published (0 to 5, or a status such as Exempt), and its id. */
    rating: text('rating'),
    externalId: text('external_id'),
    personId: uuid('person_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('intelligence_entries_pk', table),
    index('intelligence_entries_service_idx').on(table.organisationId, table.serviceId, table.occurredOn),
    index('intelligence_entries_provider_idx').on(table.organisationId, table.providerId, table.occurredOn),
    tenantReference('intelligence_entries_service_fk', table.organisationId, table.serviceId, contractedServices),
  ],
);
