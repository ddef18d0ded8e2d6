// The provider registry: providers (legal entities, shared by every organisation) and their services.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type Actor, type AuditEvent } from '../platform/audit/service.ts';
import type { RecordHistory } from '../platform/audit/history.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, nullIfNotFound } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { localAuthorityIndex } from '../platform/reference/reference-data.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { providerFilterInput, providerInput, type ProviderData, type ProviderInput } from './input.ts';
import { codeLabel, SPECIALISMS } from './domain/cqc-vocabulary.ts';
import * as repository from './repository.ts';

export type Provider = repository.ProviderRow;
export type ProviderLocation = repository.LocationRow;
export type ProviderContact = repository.ContactRow;
export type ProviderListItem = repository.ProviderListRow;
export type ProviderSort = repository.ProviderSort;

/** Provider users see their own provider only; anyone else asking about it is told it does not exist. */
function assertCanRead(viewer: CurrentUser, providerId: string): void {
  if (hasRole(viewer, 'provider_user') && viewer.providerId !== providerId) throw new NotFoundError();
}

export function canEditProvider(viewer: CurrentUser, providerId: string): boolean {
  return (
    hasRole(viewer, 'administrator', 'commissioner') ||
    (hasRole(viewer, 'provider_user') && viewer.providerId === providerId)
  );
}

export async function providerSummary(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  const provider = isUuid(id) ? await repository.providerById(db, id) : undefined;
  return provider && { id: provider.id, name: provider.name };
}

/** Providers' names by id, in one query, for other parts' lists. */
export async function providerNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await repository.providersByIds(db, [...new Set(ids)].filter(isUuid));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Each provider's CQC specialisms (as labels, like "Learning disabilities") across its registered locations. */
export async function providerSpecialisms(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await repository.specialismsOfProviders(db, [...new Set(ids)].filter(isUuid));
  const result = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.providerId) continue;
    const set = result.get(row.providerId) ?? new Set<string>();
    for (const code of row.specialisms) set.add(codeLabel(SPECIALISMS, code));
    result.set(row.providerId, set);
  }
  return new Map([...result].map(([id, set]) => [id, [...set].sort()]));
}

/** A provider's public identity, for open data: its name and Companies House number. */
export async function providerIdentity(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; companiesHouseNumber: string | null } | undefined> {
  const provider = isUuid(id) ? await repository.providerById(db, id) : undefined;
  return provider && { id: provider.id, name: provider.name, companiesHouseNumber: provider.companiesHouseNumber };
}

export type ProviderFilter = ReturnType<typeof providerFilterInput.parse>;

export function parseProviderFilter(query: unknown): ProviderFilter {
  return parseOrThrow(providerFilterInput, query ?? {});
}

export async function listProviders(
  db: Db,
  viewer: CurrentUser,
  filter: ProviderFilter,
  sort?: repository.ProviderSort,
): Promise<Page<ProviderListItem>> {
  const { rows, total } = await repository.findProviders(
    db,
    {
      search: filter.search,
      serviceType: filter.serviceType,
      rating: filter.rating,
      localAuthorityCode: filter.localAuthority,
      onlyProviderId: hasRole(viewer, 'provider_user')
        ? (viewer.providerId ?? '00000000-0000-0000-0000-000000000000')
        : undefined,
    },
    (filter.page - 1) * filter.pageSize,
    filter.pageSize,
    sort,
  );
  return pageOf(rows, total, filter.page, filter.pageSize);
}

export interface ProviderDetail {
  provider: Provider;
  contacts: ProviderContact[];
  locations: ProviderLocation[];
}

export async function getProvider(db: Db, viewer: CurrentUser, id: string): Promise<ProviderDetail> {
  assertCanRead(viewer, id);
  const provider = isUuid(id) ? await repository.providerById(db, id) : undefined;
  if (!provider) throw new NotFoundError();
  const [contacts, locations] = await Promise.all([repository.contactsOf(db, id), repository.locationsOf(db, id)]);
  return { provider, contacts, locations };
}

export async function getLocation(
  db: Db,
  viewer: CurrentUser,
  providerId: string,
  locationId: string,
): Promise<{ provider: Provider; location: ProviderLocation }> {
  assertCanRead(viewer, providerId);
  const provider = isUuid(providerId) ? await repository.providerById(db, providerId) : undefined;
  const location =
    provider && isUuid(locationId) ? await repository.locationById(db, providerId, locationId) : undefined;
  if (!provider || !location) throw new NotFoundError();
  return { provider, location };
}

function providerFields(data: ProviderData) {
  const { contacts: _contacts, ...fields } = data;
  return fields;
}

async function assertCqcIdFree(db: Db, cqcProviderId: string | null, exceptId?: string): Promise<void> {
  if (!cqcProviderId) return;
  const holder = await repository.providerByCqcId(db, cqcProviderId);
  if (holder && holder.id !== exceptId) {
    const message = `${holder.name} already has CQC provider ID ${cqcProviderId}`;
    throw new ConflictError(message, [{ field: 'cqcProviderId', message }]);
  }
}

async function replaceContacts(db: Db, providerId: string, data: ProviderData): Promise<void> {
  if (!data.contacts) return;
  await repository.replaceContacts(
    db,
    providerId,
    data.contacts.map((contact) => ({ id: randomUUID(), providerId, ...contact })),
  );
}

export async function createProvider(db: Db, viewer: CurrentUser, input: ProviderInput): Promise<ProviderDetail> {
  if (!hasRole(viewer, 'administrator', 'commissioner')) throw new ForbiddenError();
  const data = parseOrThrow(providerInput, input);
  const id = await db.transaction(async (tx) => {
    await assertCqcIdFree(tx, data.cqcProviderId);
    const now = new Date();
    const row = { id: randomUUID(), ...providerFields(data), registrationStatus: null, createdAt: now, updatedAt: now };
    await repository.insertProvider(tx, row);
    await replaceContacts(tx, row.id, data);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'provider.create', recordType: 'provider', recordId: row.id, after: data },
    ]);
    return row.id;
  });
  return getProvider(db, viewer, id);
}

/** Changes the fields given; fields left out keep their values (PATCH), so a form sends them all. */
export async function updateProvider(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: Partial<ProviderInput>,
  reason?: string,
): Promise<ProviderDetail> {
  const { provider, contacts } = await getProvider(db, viewer, id);
  if (!canEditProvider(viewer, id))
    throw new ForbiddenError("Only administrators, commissioners and the provider's own users may edit a provider.");
  const data = parseOrThrow(providerInput, { ...provider, contacts: undefined, ...input });
  await db.transaction(async (tx) => {
    await assertCqcIdFree(tx, data.cqcProviderId, id);
    const fields = providerFields(data);
    const changed = changedFields(provider, fields);
    const contactsChanged =
      data.contacts !== undefined &&
      JSON.stringify(contacts.map(({ id: _id, providerId: _p, ...c }) => c)) !== JSON.stringify(data.contacts);
    if (changed.length === 0 && !contactsChanged) return;
    await repository.updateProvider(tx, id, { ...fields, updatedAt: new Date() });
    await replaceContacts(tx, id, data);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'provider.update',
        recordType: 'provider',
        recordId: id,
        reason: reason ?? null,
        before: { ...pick(provider, changed), ...(contactsChanged ? { contacts } : {}) },
        after: { ...pick(fields, changed), ...(contactsChanged ? { contacts: data.contacts } : {}) },
      },
    ]);
  });
  return getProvider(db, viewer, id);
}

export function countLocationsAwaitingProvider(db: Db): Promise<number> {
  return repository.countWaitingLocations(db);
}

/** Local authorities that have services in the registry, for the list's filter. */
export async function localAuthorityOptions(db: Db): Promise<{ value: string; text: string }[]> {
  const index = localAuthorityIndex();
  const codes = await repository.localAuthorityCodesInUse(db);
  return codes
    .map((code) => ({ value: code, text: index.byCode(code)?.niceName ?? code }))
    .sort((a, b) => a.text.localeCompare(b.text));
}

/** Whether a person may see a provider's (or one of its services') history, and what to call it. */
/**
 * The registry is shared, but what a council does about a provider is its own: staff see the
 * registry's events and their own organisation's; the provider's own people see the registry's
 * events and the embargoes placed on it (a decision it is told of).
 */
function registryEventShown(viewer: CurrentUser) {
  return (event: AuditEvent) =>
    event.organisationId === null ||
    (viewer.organisationId !== null && event.organisationId === viewer.organisationId) ||
    (viewer.providerId !== null && event.action.startsWith('embargo.'))
      ? event
      : null;
}

export async function providerHistory(db: Db, viewer: CurrentUser, providerId: string): Promise<RecordHistory | null> {
  const detail = await nullIfNotFound(getProvider(db, viewer, providerId));
  return (
    detail && {
      label: detail.provider.name,
      href: `/providers/${detail.provider.id}`,
      show: registryEventShown(viewer),
    }
  );
}

export async function locationHistory(db: Db, viewer: CurrentUser, locationId: string): Promise<RecordHistory | null> {
  const location = isUuid(locationId) ? await repository.locationByIdAnyProvider(db, locationId) : undefined;
  if (!location?.providerId) return null;
  const provider = await providerHistory(db, viewer, location.providerId);
  return (
    provider && {
      ...provider,
      label: location.name,
      href: `/providers/${location.providerId}/locations/${location.id}`,
    }
  );
}

export type NewLocation = Omit<ProviderLocation, 'id' | 'providerId' | 'createdAt' | 'updatedAt'>;
export type NewProvider = Omit<Provider, 'id' | 'createdAt' | 'updatedAt'> & { locations: NewLocation[] };

/** Adds many providers with their services at once (loading a prepared data set). */
export async function addProviders(
  db: Db,
  actor: Actor,
  entries: readonly NewProvider[],
  reason: string,
): Promise<string[]> {
  const now = new Date();
  const providerRows = entries.map(({ locations: _locations, ...provider }) => ({
    ...provider,
    id: randomUUID(),
    createdAt: now,
    updatedAt: now,
  }));
  const locationRows = entries.flatMap((entry, i) =>
    entry.locations.map((location) => ({
      ...location,
      id: randomUUID(),
      providerId: providerRows[i]!.id,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await db.transaction(async (tx) => {
    await repository.upsertProviders(tx, providerRows);
    await repository.upsertLocations(tx, locationRows);
    await recordAudit(tx, actor, [
      ...providerRows.map((row) => ({
        action: 'provider.create',
        recordType: 'provider',
        recordId: row.id,
        after: row,
        reason,
      })),
      ...locationRows.map((row) => ({
        action: 'provider-location.create',
        recordType: 'provider-location',
        recordId: row.id,
        after: row,
        reason,
      })),
    ]);
  });
  return providerRows.map((row) => row.id);
}
