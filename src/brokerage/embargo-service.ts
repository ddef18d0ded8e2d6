// Embargoes on new placements with a provider (a quality concern, a safeguarding inquiry): placed
// and lifted by a commissioner or quality officer, and checked wherever a placement is made.
import { randomUUID } from 'node:crypto';
import { providersChanged } from '../platform/changes.ts';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import { embargoInput, liftEmbargoInput } from './input.ts';
import * as repository from './placement-repository.ts';

export const EMBARGO_READERS: readonly Role[] = [
  'brokerage_officer',
  'commissioner',
  'quality_officer',
  'social_worker',
  'auditor',
];
export const EMBARGO_SETTERS: readonly Role[] = ['commissioner', 'quality_officer'];

export async function listEmbargoes(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, EMBARGO_READERS);
  const rows = await repository.embargoesOf(db, organisationId);
  const names = await providerNames(
    db,
    rows.map((row) => row.providerId),
  );
  return rows.map((row) => ({ ...row, providerName: names.get(row.providerId) ?? '' }));
}

/** A provider is chosen from the registry: any other id is refused. */
export async function requireRegisteredProvider(db: Db, providerId: string): Promise<void> {
  if ((await providerNames(db, [providerId])).size === 0)
    throw new ValidationError([{ field: 'providerId', message: 'Choose a provider in the registry' }]);
}

export async function placeEmbargo(
  db: Db,
  viewer: CurrentUser,
  input: { providerId: string; reason: string; startsOn: string },
) {
  const organisationId = staffOrganisation(viewer, EMBARGO_SETTERS);
  const embargo = parseOrThrow(embargoInput, input);
  await requireRegisteredProvider(db, embargo.providerId);
  const row = { organisationId, id: randomUUID(), ...embargo, createdBy: viewer.id, createdAt: new Date() };
  await db.transaction(async (tx) => {
    await repository.insertEmbargo(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'embargo.place',
        recordType: 'provider',
        recordId: embargo.providerId,
        after: embargo,
        reason: embargo.reason,
      },
    ]);
    await providersChanged(tx, { organisationId, providerIds: [embargo.providerId] });
  });
  return row;
}

export async function liftEmbargo(db: Db, viewer: CurrentUser, id: string, input: { reason: string }) {
  const organisationId = staffOrganisation(viewer, EMBARGO_SETTERS);
  const { reason } = parseOrThrow(liftEmbargoInput, input);
  const embargo = (await repository.embargoesOf(db, organisationId)).find((row) => row.id === id);
  if (!embargo) throw new NotFoundError();
  if (embargo.liftedOn) throw new ConflictError(`This embargo was lifted on ${longDate(embargo.liftedOn)}`);
  const today = isoDateInLondon(new Date());
  await db.transaction(async (tx) => {
    await repository.liftEmbargo(tx, organisationId, id, today, reason);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'embargo.lift',
        recordType: 'provider',
        recordId: embargo.providerId,
        before: { reason: embargo.reason },
        after: { liftedOn: today },
        reason,
      },
    ]);
    await providersChanged(tx, { organisationId, providerIds: [embargo.providerId] });
  });
}

/** Embargoes in force today, provider id → reason. */
export async function embargoedProviders(db: Db, organisationId: string, on: string): Promise<Map<string, string>> {
  return new Map(
    (await repository.embargoesInForce(db, organisationId, on)).map((row) => [row.providerId, row.reason]),
  );
}

/** The reason new placements with the provider are stopped today, if they are. */
export async function embargoToday(db: Db, organisationId: string, providerId: string): Promise<string | undefined> {
  return (await embargoedProviders(db, organisationId, isoDateInLondon(new Date()))).get(providerId);
}
