import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../db/like.ts';
import type { Db } from '../db/client.ts';
import { pageWithTotal } from '../db/page.ts';
import { bulkWrite } from '../db/bulk.ts';
import { auditEvents } from './schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;

// Any fixed number: one writer at a time appends to the chain (held to the end of the transaction).
const AUDIT_CHAIN_LOCK = 4_242_002;

/** Takes the chain's lock and reads its head, in one call (the migration's audit_chain_head). */
export async function lockChainAndReadHead(db: Db): Promise<string | undefined> {
  const result = await db.execute(sql`SELECT audit_chain_head(${AUDIT_CHAIN_LOCK}) AS hash`);
  return (result as unknown as { rows: { hash: string | null }[] }).rows[0]?.hash ?? undefined;
}

export async function insertEvents(db: Db, rows: NewAuditEventRow[]): Promise<void> {
  await bulkWrite(db, auditEvents, rows);
}

export async function eventsAfter(db: Db, afterSeq: number, limit: number): Promise<AuditEventRow[]> {
  return db.select().from(auditEvents).where(gt(auditEvents.seq, afterSeq)).orderBy(asc(auditEvents.seq)).limit(limit);
}

/** Every event of one record, newest first. */
export async function eventsOfRecord(db: Db, recordType: string, recordId: string): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.recordType, recordType), eq(auditEvents.recordId, recordId)))
    .orderBy(desc(auditEvents.seq));
}

/** Empties the payload (before, after, reason) of every event of one record that has one: the only
 *  change the database allows to an event. Returns the events as they now are. */
export async function redactEventsOf(db: Db, recordType: string, recordId: string): Promise<AuditEventRow[]> {
  return db
    .update(auditEvents)
    .set({ before: null, after: null, reason: null })
    .where(
      and(
        eq(auditEvents.recordType, recordType),
        eq(auditEvents.recordId, recordId),
        or(isNotNull(auditEvents.before), isNotNull(auditEvents.after), isNotNull(auditEvents.reason)),
      ),
    )
    .returning();
}

/** The payloads of every seal of redacted events, in any order. */
export async function sealsOf(db: Db, action: string): Promise<unknown[]> {
  const rows = await db.select({ after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.action, action));
  return rows.map((row) => row.after);
}

export interface AuditFilter {
  organisationId?: string;
  recordType?: string;
  /** Only events of these kinds of record. */
  recordTypes?: readonly string[];
  recordId?: string;
  /** Only events that changed this field (their `after` holds it), e.g. a person's roles. */
  changed?: string;
  /** Who did it: words in the actor's name or email. */
  actor?: string;
  action?: string;
  /** From and to, inclusive, as London dates turned into instants by the service. */
  from?: Date;
  before?: Date;
  seq?: number;
}

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.organisationId ? eq(auditEvents.organisationId, filter.organisationId) : undefined,
    filter.recordType ? eq(auditEvents.recordType, filter.recordType) : undefined,
    filter.recordTypes ? inArray(auditEvents.recordType, [...filter.recordTypes]) : undefined,
    filter.recordId ? eq(auditEvents.recordId, filter.recordId) : undefined,
    filter.changed ? sql`${auditEvents.after} ? ${filter.changed}` : undefined,
    filter.actor ? ilike(auditEvents.actorLabel, `%${escapeLike(filter.actor)}%`) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.before ? lt(auditEvents.occurredAt, filter.before) : undefined,
    filter.seq !== undefined ? eq(auditEvents.seq, filter.seq) : undefined,
  );
}

export async function findEvents(
  db: Db,
  filter: AuditFilter,
  offset: number,
  limit: number,
  oldestFirst = false,
): Promise<{ rows: AuditEventRow[]; total: number }> {
  const order = oldestFirst ? asc(auditEvents.seq) : desc(auditEvents.seq);
  return pageWithTotal(
    db.select().from(auditEvents).where(where(filter)).orderBy(order).offset(offset).limit(limit),
    db.select({ n: count() }).from(auditEvents).where(where(filter)),
    { offset, limit },
  );
}

/** The kinds of action and of record in an organisation's trail, for its filters (a few dozen at most). */
export async function distinctOf(db: Db, column: 'action' | 'recordType', filter: AuditFilter): Promise<string[]> {
  const field = auditEvents[column];
  const rows = await db
    .selectDistinct({ value: field })
    .from(auditEvents)
    .where(where(filter))
    .orderBy(asc(field))
    .limit(500);
  return rows.map((row) => row.value);
}
