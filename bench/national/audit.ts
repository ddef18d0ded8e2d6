// A year of audit for each copied council: the demo county's own trail (every record it created,
// assessed, placed, viewed), replayed as the copy's over the twelve months before today, a week at a
// time, through the audit service so the chain is linked and verifies as any other.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';
import { recordAudit, type Actor, type AuditEntry } from '../../src/platform/audit/service.ts';
import { rowsOf } from './sql.ts';

const DAY = 86_400_000;
/** Records of the shared registry: the same in every copy. */
const SHARED_RECORDS = new Set(['provider', 'provider-location']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The copy's id, as `md5(c || ':' || id)::uuid` makes it in clone.ts. */
export function copiedId(council: number, id: string): string {
  const hex = createHash('md5').update(`${council}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Event {
  actor_user_id: string | null;
  actor_label: string;
  organisation_id: string;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** Replays the organisations' trail as councils `first`..`last`'s, ending today. */
export async function copyAuditYear(db: Db, organisationIds: readonly string[], first: number, last: number) {
  const list = sql.join(
    organisationIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const events = await rowsOf<Event>(
    db,
    sql`select actor_user_id, actor_label, organisation_id, action, record_type, record_id, before, after, reason
        from audit_events where organisation_id in (${list}) order by seq`,
  );
  const staff = new Set(
    (await rowsOf<{ id: string }>(db, sql`select id from users where organisation_id in (${list})`)).map((u) => u.id),
  );
  const yearAgo = Date.now() - 365 * DAY;
  for (let council = first; council <= last; council += 1) {
    const copy = (id: string) => copiedId(council, id);
    const actorOf = (event: Event): Actor => {
      const ours = event.actor_user_id !== null && staff.has(event.actor_user_id);
      return {
        userId: event.actor_user_id && ours ? copy(event.actor_user_id) : event.actor_user_id,
        label: ours ? event.actor_label.replace('@', `@council-${council}.`) : event.actor_label,
        organisationId: copy(event.organisation_id),
      };
    };
    await db.transaction(async (tx) => {
      // Consecutive events of one person in one week are written together, dated that week.
      let start = 0;
      while (start < events.length) {
        const week = Math.floor((start / events.length) * 52);
        let end = start + 1;
        while (
          end < events.length &&
          events[end]!.actor_user_id === events[start]!.actor_user_id &&
          Math.floor((end / events.length) * 52) === week
        )
          end += 1;
        const entries: AuditEntry[] = events.slice(start, end).map((event) => ({
          action: event.action,
          recordType: event.record_type,
          recordId:
            UUID.test(event.record_id) && !SHARED_RECORDS.has(event.record_type)
              ? copy(event.record_id)
              : event.record_id,
          organisationId: copy(event.organisation_id),
          before: event.before,
          after: event.after,
          reason: event.reason,
        }));
        const when = new Date(yearAgo + week * 7 * DAY + council * 60_000 + (start % 3600) * 1000);
        await recordAudit(tx, actorOf(events[start]!), entries, when);
        start = end;
      }
    });
  }
}
