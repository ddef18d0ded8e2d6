import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { moment } from '../db/columns.ts';

// Append-only and hash-chained: each row's hash covers its content and the previous row's hash,
// so altering or removing any row breaks the chain from there on (see domain/hash-chain.ts).
// A trigger in the migrations refuses UPDATE and DELETE.
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    occurredAt: moment('occurred_at').notNull(),
    actorUserId: uuid('actor_user_id'),
    /** Who, as shown: the person's name and email, or "command line" for administrators' tools. */
    actorLabel: text('actor_label').notNull(),
    organisationId: uuid('organisation_id'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_events_record_idx').on(table.recordType, table.recordId),
    index('audit_events_organisation_idx').on(table.organisationId, table.seq),
  ],
);
