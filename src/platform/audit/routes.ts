// Pages of the audit trail: an organisation's whole trail for auditors and administrators,
// and the history of one record, linked from the record's own page.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import type { CurrentUser } from '../auth/current-user.ts';
import { hasRole } from '../auth/current-user.ts';
import { pageNumber, paginationLinks } from '../domain/pagination.ts';
import { NotFoundError } from '../http/errors.ts';
import type { NavigationItem } from '../http/pages.ts';
import { listAuditEvents } from './service.ts';

export const auditNavigation: NavigationItem[] = [{ text: 'Audit trail', href: '/audit', access: ['auditor', 'administrator'] }];

/** For each kind of record, whether a person may see its history, and what to call it. */
export type RecordAccess = Record<string, (db: Db, user: CurrentUser, recordId: string) => Promise<{ label: string; href: string } | null>>;

export function registerAuditRoutes(app: FastifyInstance, db: Db, recordAccess: RecordAccess): void {
  app.get('/audit', { config: { access: ['auditor', 'administrator'] } }, async (request, reply) => {
    const query = request.query as { page?: string };
    const page = await listAuditEvents(db, { organisationId: request.user!.organisationId ?? undefined }, pageNumber(query.page));
    return reply.page('platform/audit/views/events.njk', {
      title: 'Audit trail',
      intro: `Every change made by, or for, ${request.user!.organisationName}, newest first.`,
      page,
      pagination: paginationLinks(page, (n) => `/audit?page=${n}`),
    });
  });

  app.get('/history/:recordType/:recordId', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { recordType, recordId } = request.params as { recordType: string; recordId: string };
    const check = recordAccess[recordType];
    const record = check ? await check(db, request.user!, recordId) : null;
    if (!record) throw new NotFoundError();
    const page = await listAuditEvents(db, { recordType, recordId }, pageNumber((request.query as { page?: string }).page));
    return reply.page('platform/audit/views/events.njk', {
      title: `History of ${record.label}`,
      backLink: { href: record.href, text: `Back to ${record.label}` },
      page,
      pagination: paginationLinks(page, (n) => `/history/${recordType}/${recordId}?page=${n}`),
    });
  });
}

/** A person's own account, or anyone's in their organisation for its administrators and auditors. */
export function canSeeOrganisationRecord(user: CurrentUser, organisationId: string | null, ownerUserId?: string): boolean {
  if (ownerUserId && ownerUserId === user.id) return true;
  return organisationId !== null && organisationId === user.organisationId && hasRole(user, 'administrator', 'auditor');
}
