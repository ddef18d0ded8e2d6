// An organisation's audit trail as people read it: auditors the whole of it, administrators what
// concerns people and the organisation's settings. Every route to the trail (the list, its
// exports, one event) asks here, so the rule is in one place.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { hasRole, type CurrentUser } from '../auth/current-user.ts';
import { addDays, isIsoDate, startOfLondonDay } from '../domain/calendar.ts';
import { pageOf, type Page } from '../domain/pagination.ts';
import { NotFoundError } from '../http/errors.ts';
import { filterText } from '../http/paging.ts';
import * as repository from './repository.ts';

/** What administrators read; auditors read every kind of record. */
export const ADMINISTERED_RECORDS = ['user', 'organisation', 'zone'];

const day = (label: string) =>
  filterText(10).refine((v) => v === undefined || isIsoDate(v), `Enter ${label} as a real date, like 2026-11-24`);

/** The trail's filters, from the query string. */
export const auditTrailFilter = z
  .object({
    who: filterText(200),
    action: filterText(100),
    recordType: filterText(100),
    from: day('the first day'),
    to: day('the last day'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The last day must be on or after the first',
    path: ['to'],
  });
export type AuditTrailFilter = z.output<typeof auditTrailFilter>;

/** The part of the trail this person may read. */
function scopeOf(viewer: CurrentUser): repository.AuditFilter {
  if (!viewer.organisationId || !hasRole(viewer, 'auditor', 'administrator')) throw new NotFoundError();
  return {
    organisationId: viewer.organisationId,
    recordTypes: hasRole(viewer, 'auditor') ? undefined : ADMINISTERED_RECORDS,
  };
}

export async function auditTrail(
  db: Db,
  viewer: CurrentUser,
  request: { filter: AuditTrailFilter; oldestFirst: boolean; page: number; pageSize: number },
): Promise<Page<repository.AuditEventRow>> {
  const { filter, page, pageSize } = request;
  const { rows, total } = await repository.findEvents(
    db,
    {
      ...scopeOf(viewer),
      actor: filter.who,
      action: filter.action,
      recordType: filter.recordType,
      from: filter.from ? startOfLondonDay(filter.from) : undefined,
      before: filter.to ? startOfLondonDay(addDays(filter.to, 1)) : undefined,
    },
    (page - 1) * pageSize,
    pageSize,
    request.oldestFirst,
  );
  return pageOf(rows, total, page, pageSize);
}

/** One event of the trail, with what it changed, if this person may read it. */
export async function auditTrailEvent(db: Db, viewer: CurrentUser, seq: string): Promise<repository.AuditEventRow> {
  const number = /^\d{1,15}$/.test(seq) ? Number(seq) : undefined;
  const found =
    number === undefined ? undefined : await repository.findEvents(db, { ...scopeOf(viewer), seq: number }, 0, 1);
  const event = found?.rows[0];
  if (!event) throw new NotFoundError();
  return event;
}

/** The actions or kinds of record in the part of the trail this person may read, for the filters. */
export function auditTrailChoices(db: Db, viewer: CurrentUser, column: 'action' | 'recordType'): Promise<string[]> {
  return repository.distinctOf(db, column, scopeOf(viewer));
}
