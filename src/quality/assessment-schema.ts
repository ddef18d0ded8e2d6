import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { bytea, moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import type { AssessmentRatings } from './domain/framework.ts';
import { contractedServices } from './schema.ts';

/**
 * A quality assessment of one contracted service, done with one version of the framework. Its
 * ratings are kept per question; the domain and overall ratings follow from the framework's rules
 * and are stored once published, so reports read them without working them out again.
 */
export const qualityAssessments = pgTable(
  'quality_assessments',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    serviceId: uuid('service_id').notNull(),
    frameworkVersion: integer('framework_version').notNull(),
    /** announced or unannounced. */
    visitKind: text('visit_kind').notNull(),
    visitOn: date('visit_on').notNull(),
    officerIds: uuid('officer_ids').array().notNull(),
    /** draft, factual-accuracy, comments-to-decide or published. */
    status: text('status').notNull(),
    sentOn: date('sent_on'),
    commentsDueOn: date('comments_due_on'),
    publishedOn: date('published_on'),
    /** Published when the window ended with no reply from the provider. */
    publishedUnanswered: boolean('published_unanswered').notNull().default(false),
    /** The day the officer closed the action plan, every action signed off. */
    actionPlanClosedOn: date('action_plan_closed_on'),
    /** The ratings as published; null until then. */
    publishedRatings: jsonb('published_ratings').$type<AssessmentRatings>(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('quality_assessments_pk', table),
    index('quality_assessments_service_idx').on(table.organisationId, table.serviceId, table.visitOn),
    index('quality_assessments_status_idx').on(table.status, table.commentsDueOn),
    tenantReference('quality_assessments_service_fk', table.organisationId, table.serviceId, contractedServices),
  ],
);

/** A question's rating and the reason for it. */
export const assessmentRatings = pgTable(
  'assessment_ratings',
  {
    organisationId: uuid('organisation_id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    questionKey: text('question_key').notNull(),
    /** One of the four ratings, or not-assessed. */
    rating: text('rating').notNull(),
    reason: text('reason').notNull(),
    ratedBy: uuid('rated_by').references(() => users.id),
    ratedAt: moment('rated_at').notNull(),
  },
  (table) => [
    primaryKey({
      name: 'assessment_ratings_pk',
      columns: [table.organisationId, table.assessmentId, table.questionKey],
    }),
    tenantReference('assessment_ratings_assessment_fk', table.organisationId, table.assessmentId, qualityAssessments),
  ],
);

/** Something seen, heard or read for a question, with the day. */
export const assessmentEvidence = pgTable(
  'assessment_evidence',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    questionKey: text('question_key').notNull(),
    /** observed, people, staff, records or monitoring-visit (self-advocates and families). */
    kind: text('kind').notNull(),
    seenOn: date('seen_on').notNull(),
    note: text('note').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('assessment_evidence_pk', table),
    index('assessment_evidence_assessment_idx').on(table.organisationId, table.assessmentId),
    tenantReference('assessment_evidence_assessment_fk', table.organisationId, table.assessmentId, qualityAssessments),
  ],
);

/** The provider's comment on a question of a draft, and the officer's decision on it. */
export const assessmentComments = pgTable(
  'assessment_comments',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    questionKey: text('question_key').notNull(),
    comment: text('comment').notNull(),
    commentedBy: uuid('commented_by').references(() => users.id),
    commentedAt: moment('commented_at').notNull(),
    /** accepted or rejected; null until decided. */
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: moment('decided_at'),
  },
  (table) => [
    tenantKey('assessment_comments_pk', table),
    index('assessment_comments_assessment_idx').on(table.organisationId, table.assessmentId),
    tenantReference('assessment_comments_assessment_fk', table.organisationId, table.assessmentId, qualityAssessments),
  ],
);

/** An action of the plan that follows a rating below Good. */
export const assessmentActions = pgTable(
  'assessment_actions',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    assessmentId: uuid('assessment_id').notNull(),
    questionKey: text('question_key').notNull(),
    title: text('title').notNull(),
    /** Who at the provider does it, by role or name. */
    owner: text('owner').notNull(),
    dueOn: date('due_on').notNull(),
    /** open, in-progress, ready-to-sign-off or signed-off. */
    status: text('status').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    updatedAt: moment('updated_at').notNull(),
  },
  (table) => [
    tenantKey('assessment_actions_pk', table),
    index('assessment_actions_assessment_idx').on(table.organisationId, table.assessmentId),
    tenantReference('assessment_actions_assessment_fk', table.organisationId, table.assessmentId, qualityAssessments),
  ],
);

/** An action's history: the provider's progress and evidence, the officer's sign-off or reopening. */
export const actionUpdates = pgTable(
  'action_updates',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    actionId: uuid('action_id').notNull(),
    /** progress, signed-off or reopened. */
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    /** Evidence the provider uploaded with its progress. */
    filename: text('filename'),
    contentType: text('content_type'),
    content: bytea('content'),
    size: integer('size'),
    madeBy: uuid('made_by').references(() => users.id),
    madeAt: moment('made_at').notNull(),
  },
  (table) => [
    tenantKey('action_updates_pk', table),
    index('action_updates_action_idx').on(table.organisationId, table.actionId),
    tenantReference('action_updates_action_fk', table.organisationId, table.actionId, assessmentActions),
  ],
);
