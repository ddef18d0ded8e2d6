// A record's history as one viewer may see it. Each kind of record has a rule, kept by the part
// that owns it, saying whether the viewer may see the record at all and what of each event: whole,
// trimmed to what was published to them, or not at all. Every history page goes through here.
import type { Db } from '../db/client.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { pageOf, type Page } from '../domain/pagination.ts';
import * as repository from './repository.ts';
import type { AuditEvent } from './service.ts';

/** An event as shown: its change may be trimmed, and who made it named as the viewer may know them. */
export type ShownEvent = Omit<AuditEvent, 'prevHash' | 'hash'>;

export interface RecordHistory {
  label: string;
  href: string;
  /** What of one event the viewer may see, or null to leave it out. */
  show(event: AuditEvent): ShownEvent | null;
}

/** The record's history for this viewer, or null where they may not see the record. */
export type HistoryRule = (db: Db, viewer: CurrentUser, recordId: string) => Promise<RecordHistory | null>;

/** The name to show for each event's actor (by seq), as this viewer may know them. */
export type ActorNames = (db: Db, viewer: CurrentUser, events: readonly ShownEvent[]) => Promise<Map<number, string>>;

/** Shows every event whole: for records whose every reader may see all of their history. */
export const showWhole = (event: AuditEvent): ShownEvent => event;

export interface HistoryQuery {
  rule: HistoryRule;
  actorNames: ActorNames;
  recordType: string;
  recordId: string;
  page: number;
  pageSize?: number;
}

export async function recordHistory(
  db: Db,
  viewer: CurrentUser,
  query: HistoryQuery,
): Promise<{ label: string; href: string; page: Page<ShownEvent> } | null> {
  const { page, pageSize = 50 } = query;
  const history = await query.rule(db, viewer, query.recordId);
  if (!history) return null;
  // One record's events are few enough to read whole, so paging counts only what is shown.
  const shown = (await repository.eventsOfRecord(db, query.recordType, query.recordId)).flatMap(
    (event) => history.show(event) ?? [],
  );
  const items = shown.slice((page - 1) * pageSize, page * pageSize);
  const names = await query.actorNames(db, viewer, items);
  return {
    label: history.label,
    href: history.href,
    page: pageOf(
      items.map((event) => ({ ...event, actorLabel: names.get(event.seq) ?? event.actorLabel })),
      shown.length,
      page,
      pageSize,
    ),
  };
}
