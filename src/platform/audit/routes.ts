// Pages of the audit trail: an organisation's whole trail for auditors and administrators,
// and the history of one record, linked from the record's own page.
import type { Db } from '../db/client.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { hasRole } from '../auth/current-user.ts';
import { pageNumber, paginationLinks } from '../domain/pagination.ts';
import { NotFoundError } from '../http/errors.ts';
import type { NavigationItem } from '../http/pages.ts';
import { page, type PageRoute } from '../http/page.ts';
import { recordHistory, type ActorNames, type HistoryRule } from './history.ts';
import { listAuditEvents } from './service.ts';

export const auditNavigation: NavigationItem[] = [
  { text: 'Audit trail', href: '/audit', access: ['auditor', 'administrator'] },
];

/** For each kind of record, who may see its history and what of each event. */
export type HistoryRules = Record<string, HistoryRule>;

/** Auditors read the whole trail; administrators manage people, so they read what concerns people and the organisation. */
const ADMINISTERED_RECORDS = ['user', 'organisation', 'zone'];

const EVENTS_VIEW = 'platform/audit/views/events.njk';

export function auditPages(db: Db, rules: HistoryRules, actorNames: ActorNames): PageRoute[] {
  return [
    page({
      path: '/audit',
      access: ['auditor', 'administrator'],
      view: EVENTS_VIEW,
      load: async ({ user, query }) => {
        const events = await listAuditEvents(
          db,
          {
            organisationId: user.organisationId ?? undefined,
            recordTypes: hasRole(user, 'auditor') ? undefined : ADMINISTERED_RECORDS,
          },
          pageNumber(query.page),
        );
        return {
          title: 'Audit trail',
          intro: hasRole(user, 'auditor')
            ? `Every change made by, or for, ${user.organisationName}, newest first.`
            : `Every change to the people and settings of ${user.organisationName}, newest first. Auditors see the whole trail.`,
          page: events,
          pagination: paginationLinks(events, (n) => `/audit?page=${n}`),
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
