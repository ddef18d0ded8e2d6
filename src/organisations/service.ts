// Organisations (councils and NHS bodies) and their zones. Who uses Hearth is in user-service.ts;
// signing in, passwords and API tokens in account-service.ts.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { actorOf } from '../platform/auth/current-user.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { localAuthorityIndex } from '../platform/reference/reference-data.ts';
import { creation } from './audit-entries.ts';
import { organisationCodeProblem } from './domain/organisation-rules.ts';
import {
  organisationFooterInput,
  organisationInput,
  type OrganisationFooterInput,
  type OrganisationInput,
} from './input.ts';
import * as repository from './repository.ts';

export type Organisation = repository.OrganisationRow;
export type Zone = repository.ZoneRow;

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  const data = parseOrThrow(organisationInput, input);
  const problem = organisationCodeProblem(data.type, data.code, data.isDemo, (code) => {
    const la = localAuthorityIndex().byCode(code);
    return la && { name: la.officialName, current: la.current };
  });
  if (problem) throw new ValidationError([{ field: 'code', message: problem }]);
  return db.transaction(async (tx) => {
    if (await repository.organisationByCode(tx, data.code)) {
      throw new ConflictError(`An organisation with code ${data.code} already exists`, [
        { field: 'code', message: `An organisation with code ${data.code} already exists` },
      ]);
    }
    const organisation = { id: randomUUID(), ...data, createdAt: new Date() };
    await repository.insertOrganisation(tx, organisation);
    await recordAudit(tx, actor, [creation('organisation', organisation.id, organisation.id, organisation)]);
    return organisation;
  });
}

export function organisationByCode(db: Db, code: string) {
  return repository.organisationByCode(db, code);
}

/** Names and codes of organisations, for other parts to show (a vehicle's lead and partners). */
export async function organisationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; code: string; name: string; type: string; ocdsPrefix: string | null }>> {
  const rows = await repository.organisationsByIds(db, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, code: row.code, name: row.name, type: row.type, ocdsPrefix: row.ocdsPrefix },
    ]),
  );
}

export function countOrganisations(db: Db) {
  return repository.countOrganisations(db);
}

export async function createZones(
  db: Db,
  actor: Actor,
  organisationId: string,
  names: readonly string[],
): Promise<Zone[]> {
  const rows = names.map((name, index) => ({ organisationId, id: randomUUID(), name, sortOrder: index + 1 }));
  await db.transaction(async (tx) => {
    await repository.insertZones(tx, rows);
    await recordAudit(
      tx,
      actor,
      rows.map((zone) => creation('zone', zone.id, organisationId, zone)),
    );
  });
  return rows;
}

export function zonesOf(db: Db, organisationId: string) {
  return repository.zonesOf(db, organisationId);
}

/** The organisation's zones, id → name, in their order. */
export async function zoneNamesOf(db: Db, organisationId: string): Promise<Map<string, string>> {
  return new Map((await repository.zonesOf(db, organisationId)).map((zone) => [zone.id, zone.name]));
}

/** What the footer of every page shows for the organisation's people. */
export type OrganisationFooter = Pick<
  Organisation,
  'accessibilityStatementUrl' | 'privacyNoticeUrl' | 'contactEmail' | 'contactPhone' | 'ocdsPrefix'
>;

export const footerOf = (organisation: Organisation): OrganisationFooter => ({
  accessibilityStatementUrl: organisation.accessibilityStatementUrl,
  privacyNoticeUrl: organisation.privacyNoticeUrl,
  contactEmail: organisation.contactEmail,
  contactPhone: organisation.contactPhone,
  ocdsPrefix: organisation.ocdsPrefix,
});

/** The administrator's own organisation (administrators only ever change their own). */
async function ownOrganisation(db: Db, viewer: CurrentUser): Promise<Organisation> {
  const organisation = viewer.organisationId ? await repository.organisationById(db, viewer.organisationId) : undefined;
  if (!organisation) throw new NotFoundError('You do not belong to an organisation');
  return organisation;
}

export async function organisationFooter(db: Db, viewer: CurrentUser): Promise<OrganisationFooter> {
  return footerOf(await ownOrganisation(db, viewer));
}

export async function changeOrganisationFooter(
  db: Db,
  viewer: CurrentUser,
  input: OrganisationFooterInput,
): Promise<OrganisationFooter> {
  const footer = parseOrThrow(organisationFooterInput, input);
  return db.transaction(async (tx) => {
    const organisation = await ownOrganisation(tx, viewer);
    await repository.updateOrganisation(tx, organisation.id, footer);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'organisation.footer-changed',
        recordType: 'organisation',
        recordId: organisation.id,
        organisationId: organisation.id,
        before: footerOf(organisation),
        after: footer,
      },
    ]);
    return footer;
  });
}
