import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment } from '../platform/db/columns.ts';

// Foreign keys are the one place a part's schema names another part's table.

/**
 * One row for each person told of something: what they are told, and where sending it has got to.
 * The body says what happened and links to the page; it never holds facts about the people placed.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    /** What happened and to whom ("offer-made:<offer id>:<user id>"): the same event never tells a person twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    recipientUserId: uuid('recipient_user_id')
      .notNull()
      .references(() => users.id),
    /** The address as it was when queued, so a message goes where it was meant to. */
    recipientEmail: text('recipient_email').notNull(),
    /** The organisation it concerns, whose administrators see it; null for a provider's own. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** A path in Hearth; made absolute with HEARTH_PUBLIC_URL when emailed. */
    link: text('link').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'outbox'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the sending job may next take it (queued only). */
    nextAttemptAt: moment('next_attempt_at'),
    /** Why the last try failed, in a short line: never the address, the body or the request. */
    lastError: text('last_error'),
    createdAt: moment('created_at').notNull(),
    sentAt: moment('sent_at'),
  },
  (table) => [
    uniqueIndex('notifications_idempotency_idx').on(table.idempotencyKey),
    index('notifications_recipient_idx').on(table.recipientUserId, table.createdAt),
    index('notifications_organisation_idx').on(table.organisationId, table.createdAt),
    index('notifications_due_idx').on(table.status, table.nextAttemptAt),
  ],
);
