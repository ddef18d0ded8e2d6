// Messages to people: other parts queue them inside their own transactions when something happens
// (so a message exists only if what it tells of does); the sending job emails them later, with
// retries; people read their own, and administrators their organisation's, in Hearth.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { hearthPath } from './domain/messages.ts';
import { absoluteLink, afterFailure, shortReason } from './domain/sending.ts';
import { notificationInput, type NotificationInput, type OutboxFilter, type OwnMessagesFilter } from './input.ts';
import * as repository from './repository.ts';
import { activeRecipients } from '../organisations/user-service.ts';
import { SendFailure, type Sending } from './senders.ts';

export type Notification = repository.NotificationRow;
export type { NotificationInput, Recipients } from './input.ts';

/**
 * Queues a message for each recipient, in the caller's transaction: if it rolls back, no message
 * was queued. Only active people are told, each once: the same event queued again for the same
 * person is ignored. Nothing is sent here; the sending job takes the messages within a minute, so
 * a mail service that is down never holds up or undoes the action. Returns how many were queued.
 */
export async function queueNotification(tx: Tx, input: NotificationInput, now = new Date()): Promise<number> {
  const { event, organisationId, recipients, message } = parseOrThrow(notificationInput, input);
  const link = hearthPath(message.link);
  const people = new Map<string, Awaited<ReturnType<typeof activeRecipients>>[number]>();
  // One read after the other: `tx` is one connection.
  for (const spec of [recipients].flat())
    for (const person of await activeRecipients(tx, spec)) people.set(person.id, person);
  return repository.insertNotifications(
    tx,
    [...people.values()].map((person) => ({
      id: randomUUID(),
      idempotencyKey: `${event}:${person.id}`,
      recipientUserId: person.id,
      recipientEmail: person.email,
      organisationId,
      kind: message.kind,
      subject: message.subject,
      body: message.body,
      link,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
}

/** How many messages one batch takes, and how many batches one run may take, so a run stays short. */
export const SEND_BATCH_SIZE = 25;
export const SEND_BATCHES_PER_RUN = 4;
/** A run starts no new batch after this long, so runs a minute apart do not pile up. */
export const SEND_TIME_BUDGET_MS = 20_000;
/** How long a claimed message is kept from other runs while this one sends it. */
const SEND_LEASE_MS = 10 * 60_000;
/** How many failures a run's summary names (by message id). */
const FAILURES_NAMED = 5;

/**
 * The sending job's work: takes the due queued messages a batch at a time and emails each, marking
 * it sent, or counting the failed try and setting when to try again (failed after the last); with
 * no sender, moves them to the outbox. Returns a summary for the log that names messages by id only.
 */
export async function sendDueNotifications(db: Db, sending: Sending, now: () => Date = () => new Date()) {
  const tally = { sent: 0, retrying: 0, failed: 0, outbox: 0 };
  const failures: string[] = [];
  const started = performance.now();
  for (let batch = 0; batch < SEND_BATCHES_PER_RUN && performance.now() - started < SEND_TIME_BUDGET_MS; batch++) {
    const claimedAt = now();
    const due = await repository.claimDueNotifications(
      db,
      claimedAt,
      new Date(claimedAt.getTime() + SEND_LEASE_MS),
      SEND_BATCH_SIZE,
    );
    if (due.length === 0) break;
    if (!sending.sender) {
      await repository.moveToOutbox(
        db,
        due.map((row) => row.id),
      );
      tally.outbox += due.length;
      continue;
    }
    for (const row of due) {
      try {
        await sending.sender.send({
          id: row.id,
          to: row.recipientEmail,
          subject: row.subject,
          body: row.body,
          link: absoluteLink(sending.publicUrl, row.link),
        });
        await repository.updateNotification(db, row.id, {
          status: 'sent',
          attempts: row.attempts + 1,
          sentAt: now(),
          nextAttemptAt: null,
          lastError: null,
        });
        tally.sent++;
      } catch (error) {
        const reason =
          error instanceof SendFailure ? error.message : shortReason(`Unexpected error: ${(error as Error).message}`);
        const next = afterFailure(row.attempts, now());
        await repository.updateNotification(db, row.id, { ...next, lastError: reason });
        tally[next.status === 'failed' ? 'failed' : 'retrying']++;
        failures.push(`${row.id} (${reason})`);
      }
    }
  }
  const counts = `${tally.sent} sent, ${tally.retrying} to try again, ${tally.failed} failed, ${tally.outbox} kept in the outbox`;
  const named = failures.slice(0, FAILURES_NAMED).join('; ');
  const more = failures.length > FAILURES_NAMED ? ` and ${failures.length - FAILURES_NAMED} more` : '';
  return failures.length ? `${counts}; not sent: ${named}${more}` : counts;
}

/** A page of the person's own messages, newest first unless asked otherwise. */
export async function listOwnMessages(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<OwnMessagesFilter, 'created'>,
): Promise<Page<Notification>> {
  const { rows, total } = await repository.findNotifications(
    db,
    { recipientUserId: viewer.id },
    request.sort,
    (request.page - 1) * request.pageSize,
    request.pageSize,
  );
  return pageOf(rows, total, request.page, request.pageSize);
}

/** One of the person's own messages; anyone else's is not found. */
export async function ownMessage(db: Db, viewer: CurrentUser, id: string): Promise<Notification> {
  const row = isUuid(id) ? await repository.notificationById(db, id) : undefined;
  if (!row || row.recipientUserId !== viewer.id) throw new NotFoundError();
  return row;
}

/** The administrator's own organisation: its messages are theirs to watch. */
function administeredOrganisation(viewer: CurrentUser): string {
  if (!hasRole(viewer, 'administrator') || !viewer.organisationId)
    throw new ForbiddenError("Only an organisation's administrators see its outbox.");
  return viewer.organisationId;
}

/** A page of the messages of the administrator's organisation, filtered by status and kind. */
export async function listOrganisationMessages(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<OutboxFilter, 'created' | 'status'>,
): Promise<Page<Notification>> {
  const organisationId = administeredOrganisation(viewer);
  const { rows, total } = await repository.findNotifications(
    db,
    { organisationId, status: request.filter.status, kind: request.filter.kind },
    request.sort,
    (request.page - 1) * request.pageSize,
    request.pageSize,
  );
  return pageOf(rows, total, request.page, request.pageSize);
}

/** One message of the administrator's organisation; another organisation's is not found. */
export async function organisationMessage(db: Db, viewer: CurrentUser, id: string): Promise<Notification> {
  const organisationId = administeredOrganisation(viewer);
  const row = isUuid(id) ? await repository.notificationById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  return row;
}
