import { date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import type { RiskModel } from './domain/risk-model.ts';
import { contractedServices } from './schema.ts';

/**
 * An organisation's risk model, one row a version. A version is never changed: a change is a new
 * version, and every rating keeps the version it was worked out with. Without a row, Hearth's
 * default model applies (version 0).
 */
export const riskModels = pgTable(
  'risk_models',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<RiskModel>().notNull(),
    /** What this version changed, in its author's words. */
    changeNote: text('change_note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('risk_models_pk', table),
    uniqueIndex('risk_models_version_idx').on(table.organisationId, table.version),
  ],
);

/**
 * Each service's rating now, with the one before it and the one 90 days ago, so the dashboard
 * shows trends and "changed since yesterday" without reading the history. Rewritten by every run.
 */
export const serviceRisks = pgTable(
  'service_risks',
  {
    organisationId: uuid('organisation_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    computedOn: date('computed_on').notNull(),
    computedAt: moment('computed_at').notNull(),
    modelVersion: integer('model_version').notNull(),
    score: integer('score').notNull(),
    /** green, amber or red. */
    colour: text('colour').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    /** The last rating from an earlier day. */
    previousOn: date('previous_on'),
    previousScore: integer('previous_score'),
    previousColour: text('previous_colour'),
    /** The rating of 90 days before (or the earliest after it). */
    earlierOn: date('earlier_on'),
    earlierScore: integer('earlier_score'),
    earlierColour: text('earlier_colour'),
    /** The day its colour last changed (its first rating's day at first). */
    colourSince: date('colour_since').notNull(),
  },
  (table) => [
    // No index on the colour: every night rewrites every row, and a council's list sorts in memory.
    primaryKey({ name: 'service_risks_pk', columns: [table.organisationId, table.serviceId] }),
    tenantReference('service_risks_service_fk', table.organisationId, table.serviceId, contractedServices),
  ],
);

/** A service's rating on each day it was worked out (the last of the day), for trends and the chart. */
export const riskSnapshots = pgTable(
  'risk_snapshots',
  {
    organisationId: uuid('organisation_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    computedOn: date('computed_on').notNull(),
    modelVersion: integer('model_version').notNull(),
    score: integer('score').notNull(),
    colour: text('colour').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
  },
  (table) => [
    primaryKey({ name: 'risk_snapshots_pk', columns: [table.organisationId, table.serviceId, table.computedOn] }),
    index('risk_snapshots_day_idx').on(table.organisationId, table.computedOn),
  ],
);
