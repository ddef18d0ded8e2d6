import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey } from '../platform/db/columns.ts';
import type { FrameworkContent } from './domain/framework.ts';

/**
 * An organisation's quality assessment framework, one row a version. A version is never changed:
 * a change is a new version, the latest is used for new assessments, and each assessment keeps
 * the version it was done with.
 */
export const qualityFrameworks = pgTable(
  'quality_frameworks',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    content: jsonb('content').$type<FrameworkContent>().notNull(),
    /** What this version changed, in its author's words. */
    changeNote: text('change_note').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('quality_frameworks_pk', table),
    uniqueIndex('quality_frameworks_version_idx').on(table.organisationId, table.version),
  ],
);
