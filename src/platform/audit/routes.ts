// Pages of the audit trail: an organisation's whole trail for auditors and administrators,
// and the history of one record, linked from the record's own page.
import type { Db } from '../db/client.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { hasRole } from '../auth/current-user.ts';
import { pageNumber, paginationLinks } from '../domain/pagination.ts';
import { NotFoundError } from '../http/errors.ts';
import type { NavigationItem } from '../http/pages.ts';
import { listPage, page, type PageCall, type PageRoute } from '../http/page.ts';
import { londonDateTime } from '../domain/calendar.ts';
import type { AuditEvent } from './service.ts';
import {
  auditTrail,
  auditTrailChoices,
  auditTrailEvent,
  auditTrailFilter,
  type AuditTrailFilter,
} from './trail-service.ts';
import { recordHistory, type ActorNames, type HistoryRule } from './history.ts';

export const auditNavigation: NavigationItem[] = [
  { text: 'Audit trail', href: '/audit', access: ['auditor', 'administrator'] },
];

/** For each kind of record, who may see its history and what of each event. */
export type HistoryRules = Record<string, HistoryRule>;

const EVENTS_VIEW = 'platform/audit/views/events.njk';

/** A kind of record as people say it: "provider-location" → "Provider location". */
const recordTypeLabel = (type: string) => `${type[0]!.toUpperCase()}${type.slice(1)}`.replace(/[-_]/g, ' ');

export function auditPages(db: Db, rules: HistoryRules, actorNames: ActorNames): PageRoute[] {
  const choicesOf =
    (column: 'action' | 'recordType') =>
    async ({ user }: PageCall) =>
      (await auditTrailChoices(db, user, column)).map((value) => ({
        value,
        text: column === 'recordType' ? recordTypeLabel(value) : value,
      }));
  return [
    listPage<AuditEvent, AuditTrailFilter, 'when'>({
      path: '/audit',
      access: ['auditor', 'administrator'],
      title: 'Audit trail',
      noun: { one: 'event', many: 'events' },
      filter: auditTrailFilter,
      filters: [
        { name: 'who', label: 'Who', kind: 'search', hint: 'Part of a name or email address' },
        { name: 'action', label: 'What', kind: 'select', any: 'Any action', options: choicesOf('action') },
        {
          name: 'recordType',
          label: 'Record',
          kind: 'select',
          any: 'Any kind of record',
          options: choicesOf('recordType'),
        },
        { name: 'from', label: 'From', kind: 'date' },
        { name: 'to', label: 'To', kind: 'date' },
      ],
      columns: [
        { heading: 'When', value: (event) => londonDateTime(event.occurredAt), sort: 'when' },
        { heading: 'Who', value: (event) => event.actorLabel },
        { heading: 'What', value: (event) => event.action },
        { heading: 'Record', value: (event) => recordTypeLabel(event.recordType) },
        { heading: 'Reason', value: (event) => event.reason },
        { heading: 'Event', value: (event) => `Event ${event.seq}`, href: (event) => `/audit/events/${event.seq}` },
      ],
      defaultSort: { key: 'when', direction: 'desc' },
      empty: 'No events match. Clear the filters to see the whole trail.',
      fetch: ({ user }, { filter, sort, page, pageSize }) =>
        auditTrail(db, user, { filter, oldestFirst: sort.direction === 'asc', page, pageSize }),
    }),
    page({
      path: '/audit/events/:seq',
      access: ['auditor', 'administrator'],
      view: 'platform/audit/views/event.njk',
      load: async ({ user, params }) => {
        const event = await auditTrailEvent(db, user, params.seq!);
        return {
          title: `Event ${event.seq}: ${event.action}`,
          event,
          recordLabel: recordTypeLabel(event.recordType),
          historyHref: Object.hasOwn(rules, event.recordType)
            ? `/history/${event.recordType}/${event.recordId}`
            : undefined,
          backLink: { href: '/audit', text: 'Audit trail' },
        };
      },
    }),
    page({
      path: '/history/:recordType/:recordId',
      access: 'signed-in',
      view: EVENTS_VIEW,
      load: async ({ user, params, query }) => {
        const { recordType, recordId } = params as { recordType: string; recordId: string };
        const rule = Object.hasOwn(rules, recordType) ? rules[recordType] : undefined;
        const history =
          rule &&
          (await recordHistory(db, user, { rule, actorNames, recordType, recordId, page: pageNumber(query.page) }));
        if (!history) throw new NotFoundError();
        return {
          title: `History of ${history.label}`,
          backLink: { href: history.href, text: `Back to ${history.label}` },
          page: history.page,
          pagination: paginationLinks(history.page, (n) => `/history/${recordType}/${recordId}?page=${n}`),
        };
      },
    }),
  ];
}

/** A person's own account, or anyone's in their organisation for its administrators and auditors. */
export function canSeeOrganisationRecord(
  user: CurrentUser,
  organisationId: string | null,
  ownerUserId?: string,
): boolean {
  if (ownerUserId && ownerUserId === user.id) return true;
  return organisationId !== null && organisationId === user.organisationId && hasRole(user, 'administrator', 'auditor');
}
