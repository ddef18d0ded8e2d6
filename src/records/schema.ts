import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment } from '../platform/db/columns.ts';

/** How long the organisation keeps a person's record after their care ended; the default applies until one is saved. */
export const retentionRules = pgTable('retention_rules', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  years: integer('years').notNull(),
  basis: text('basis').notNull(),
  updatedAt: moment('updated_at').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/**
 * The people the nightly review found due for erasure, for an officer to confirm one by one.
 * Only ids and dates: the names are read from the record when the list is shown.
 */
export const retentionDue = pgTable(
  'retention_due',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    personId: uuid('person_id').notNull(),
    dueOn: date('due_on').notNull(),
    /** What the period ran from: the last placement's end, or the record's last change. */
    dueFrom: text('due_from').notNull(),
    foundOn: date('found_on').notNull(),
  },
  (table) => [primaryKey({ name: 'retention_due_pk', columns: [table.organisationId, table.personId] })],
);

/** Whose records were erased, when and by whom: the record itself keeps only anonymised facts. */
export const personErasures = pgTable(
  'person_erasures',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    personId: uuid('person_id').notNull(),
    erasedAt: moment('erased_at').notNull(),
    erasedBy: uuid('erased_by').references(() => users.id),
  },
  (table) => [primaryKey({ name: 'person_erasures_pk', columns: [table.organisationId, table.personId] })],
);
