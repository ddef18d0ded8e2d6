import { and, asc, count, desc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import type { SortDirection } from '../platform/http/list-page.ts';
import type { MessageStatus } from './domain/sending.ts';
import { notifications } from './schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** Adds the messages not already queued under their idempotency keys; returns how many were new. */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  return inserted.length;
}

/**
 * Claims the queued messages whose time has come, oldest due first: in one short transaction they
 * are locked (skipping any another instance holds) and put off until `leaseUntil`, so no other run
 * takes them while this one sends. A run that dies mid-send leaves them due again after the lease.
 */
export async function claimDueNotifications(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<NotificationRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, 'queued'), lte(notifications.nextAttemptAt, now)))
      .orderBy(asc(notifications.nextAttemptAt), asc(notifications.createdAt), asc(notifications.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length > 0)
      await tx
        .update(notifications)
        .set({ nextAttemptAt: leaseUntil })
        .where(
          inArray(
            notifications.id,
            due.map((row) => row.id),
          ),
        );
    return due;
  });
}

export async function updateNotification(db: Db, id: string, set: Partial<NewNotification>): Promise<void> {
  await db.update(notifications).set(set).where(eq(notifications.id, id));
}

export async function moveToOutbox(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ status: 'outbox', nextAttemptAt: null })
    .where(and(inArray(notifications.id, [...ids]), eq(notifications.status, 'queued')));
}

export async function notificationById(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export type NotificationSort = { key: 'created' | 'status'; direction: SortDirection };

export interface NotificationScope {
  recipientUserId?: string;
  organisationId?: string;
  status?: MessageStatus;
  kind?: string;
}

/** One page of messages in a scope (a person's own, or an organisation's), in the order asked. */
export async function findNotifications(
  db: Db,
  scope: NotificationScope,
  sort: NotificationSort,
  offset: number,
  limit: number,
): Promise<{ rows: NotificationRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (scope.recipientUserId) conditions.push(eq(notifications.recipientUserId, scope.recipientUserId));
  if (scope.organisationId) conditions.push(eq(notifications.organisationId, scope.organisationId));
  if (scope.status) conditions.push(eq(notifications.status, scope.status));
  if (scope.kind) conditions.push(eq(notifications.kind, scope.kind));
  if (conditions.length === 0) throw new Error('Messages are listed for a person or an organisation, never all');
  const where = and(...conditions);
  const by = sort.direction === 'desc' ? desc : asc;
  const ordered =
    sort.key === 'status' ? [by(notifications.status), desc(notifications.createdAt)] : [by(notifications.createdAt)];
  return pageWithTotal(
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(...ordered, asc(notifications.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(notifications).where(where),
    { offset, limit },
  );
}
