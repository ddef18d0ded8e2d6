import { date, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey } from '../platform/db/columns.ts';
import type { SurveyResponse } from './domain/survey.ts';

/**
 * One easy-read survey about a placement, by the person, a family member or an advocate: typed in
 * from paper by an officer, or answered on the page a one-time link opens. Counted per service
 * and provider, never shown below five responses.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    placementId: uuid('placement_id').notNull(),
    serviceId: uuid('service_id'),
    providerId: uuid('provider_id').notNull(),
    /** person, family or advocate. */
    respondent: text('respondent').notNull(),
    /** paper or link. */
    method: text('method').notNull(),
    answers: jsonb('answers').$type<SurveyResponse>().notNull(),
    answeredOn: date('answered_on').notNull(),
    enteredBy: uuid('entered_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('survey_responses_pk', table),
    index('survey_responses_service_idx').on(table.organisationId, table.serviceId),
    index('survey_responses_provider_idx').on(table.organisationId, table.providerId),
  ],
);

/** A link that opens the survey once, with no account: only a hash of its secret is kept. */
export const surveyLinks = pgTable(
  'survey_links',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    placementId: uuid('placement_id').notNull(),
    respondent: text('respondent').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresOn: date('expires_on').notNull(),
    usedAt: moment('used_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [tenantKey('survey_links_pk', table), index('survey_links_token_idx').on(table.tokenHash)],
);
