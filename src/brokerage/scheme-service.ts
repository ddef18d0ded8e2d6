// Schemes, their units and tenancies, and the live vacancy list (report 001 §4.18): brokerage
// sees every vacancy by zone and band with how long it has been void; a care provider sees and
// reports on its own schemes only.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type AuditEvent } from '../platform/audit/service.ts';
import { showWhole, type RecordHistory } from '../platform/audit/history.ts';
import { actorOf, hasRole, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { addDays, daysBetween, isIsoDate, isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow, parseOrThrowWith } from '../platform/http/validation.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import { providerNames } from '../providers/service.ts';
import { zoneNamesOf } from '../organisations/service.ts';
import type { Feature } from './domain/people.ts';
import { availableFromProblem } from './domain/placements.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import {
  schemeInput,
  unitInput,
  voidReportInput,
  type SchemeFilter,
  type SchemeInput,
  type UnitInput,
  type VacancyFilter,
} from './input.ts';
import { everyRow } from '../platform/http/list-columns.ts';
import { paths } from './paths.ts';
import * as placementRepository from './placement-repository.ts';
import * as repository from './scheme-repository.ts';

export const SCHEME_MANAGERS = ['brokerage_officer', 'commissioner'] as const;

export interface UnitView {
  unit: repository.UnitRow;
  tenancy: repository.TenancyRow | null;
  /** For a void: the first day nobody held it, and how many days since. */
  voidSince: string | null;
  voidDays: number | null;
}

export interface SchemeView {
  scheme: repository.SchemeRow;
  zoneName: string;
  careProviderName: string | null;
  units: UnitView[];
  tenants: number;
  /** Expected ready date, while the property is in the pipeline. */
  pipeline: boolean;
}

/** Whose schemes the viewer may see: their organisation's (staff), or those they provide care in (providers). */
function schemeScope(viewer: CurrentUser): repository.SchemeQuery {
  if (viewer.providerId) return { careProviderId: viewer.providerId };
  if (viewer.organisationId && hasRole(viewer, ...ANY_STAFF)) return { organisationId: viewer.organisationId };
  throw new ForbiddenError();
}

/** Describes schemes with their units, current tenancies and voids, as of `today`. */
export async function describeSchemes(
  db: Db,
  rows: readonly repository.SchemeRow[],
  today: string,
): Promise<SchemeView[]> {
  if (rows.length === 0) return [];
  const organisationIds = [...new Set(rows.map((row) => row.organisationId))];
  // One read after the other: schemes are described inside transactions too (a transition plan's),
  // whose one connection takes one statement at a time.
  const allUnits: Awaited<ReturnType<typeof repository.unitsOfSchemes>> = [];
  const tenancies: Awaited<ReturnType<typeof repository.tenanciesOfUnits>> = [];
  const zoneNames = new Map<string, string>();
  for (const id of organisationIds) {
    const units = await repository.unitsOfSchemes(
      db,
      id,
      rows.filter((row) => row.organisationId === id).map((row) => row.id),
    );
    allUnits.push(...units);
    tenancies.push(
      ...(await repository.tenanciesOfUnits(
        db,
        id,
        units.map((unit) => unit.id),
      )),
    );
    for (const [zoneId, name] of await zoneNamesOf(db, id)) zoneNames.set(zoneId, name);
  }
  const names = await providerNames(
    db,
    rows.flatMap((row) => (row.careProviderId ? [row.careProviderId] : [])),
  );
  return rows.map((scheme) => {
    const units = allUnits
      .filter((unit) => unit.schemeId === scheme.id)
      .map((unit): UnitView => {
        const held = tenancies.filter((tenancy) => tenancy.unitId === unit.id);
        const current = held.find((tenancy) => tenancy.endsOn === null) ?? null;
        if (current) return { unit, tenancy: current, voidSince: null, voidDays: null };
        const lastEnd = held
          .map((tenancy) => tenancy.endsOn!)
          .sort()
          .at(-1);
        const voidSince = [
          unit.availableFrom,
          scheme.expectedReadyOn ?? unit.availableFrom,
          lastEnd ? addDays(lastEnd, 1) : unit.availableFrom,
        ]
          .sort()
          .at(-1)!;
        return { unit, tenancy: null, voidSince, voidDays: Math.max(0, daysBetween(voidSince, today)) };
      });
    return {
      scheme,
      zoneName: zoneNames.get(scheme.zoneId) ?? '',
      careProviderName: scheme.careProviderId ? (names.get(scheme.careProviderId) ?? null) : null,
      units,
      tenants: units.filter((unit) => unit.tenancy !== null).length,
      pipeline: scheme.expectedReadyOn !== null && scheme.expectedReadyOn > today,
    };
  });
}

export type SchemeSortKey = repository.SchemeSortKey;
export const SCHEME_ORDER = { key: 'name', direction: 'asc' } as const satisfies repository.Sort<SchemeSortKey>;

/** The schemes the viewer may see, filtered and sorted in the database, a page at a time, with their units. */
export async function schemeList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<SchemeFilter, SchemeSortKey>,
): Promise<Page<SchemeView>> {
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findSchemes(
    db,
    { ...schemeScope(viewer), zoneId: filter.zoneId, providerId: filter.providerId },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  return pageOf(await describeSchemes(db, rows, isoDateInLondon(new Date())), total, page, pageSize);
}

/** Every scheme the viewer may see, by name, as the API has always answered. */
export function listSchemes(db: Db, viewer: CurrentUser, filter: SchemeFilter = {}): Promise<SchemeView[]> {
  return everyRow((page, pageSize) => schemeList(db, viewer, { filter, sort: SCHEME_ORDER, page, pageSize }));
}

/** The zones and care providers of the schemes the viewer may see, to filter schemes and vacancies by. */
export async function schemeChoices(db: Db, viewer: CurrentUser) {
  const { zones, providers } = await repository.schemeChoices(db, schemeScope(viewer));
  return {
    zones: zones.map((zone) => ({ value: zone.id, text: zone.name })),
    providers: providers.map((provider) => ({ value: provider.id, text: provider.name })),
  };
}

export async function getScheme(db: Db, viewer: CurrentUser, id: string): Promise<SchemeView> {
  const scheme = isUuid(id) ? await repository.schemeById(db, id) : undefined;
  const visible =
    scheme &&
    (viewer.providerId
      ? scheme.careProviderId === viewer.providerId
      : viewer.organisationId === scheme.organisationId && hasRole(viewer, ...ANY_STAFF));
  if (!scheme || !visible) throw new NotFoundError();
  return (await describeSchemes(db, [scheme], isoDateInLondon(new Date())))[0]!;
}

/** Schemes of an organisation by id, whoever provides their care now, for a caller that has checked its access. */
export async function schemesByIds(db: Db, organisationId: string, ids: readonly string[]): Promise<SchemeView[]> {
  const rows = await Promise.all(ids.map((id) => repository.schemeById(db, id)));
  return describeSchemes(
    db,
    rows.filter((row): row is repository.SchemeRow => row?.organisationId === organisationId),
    isoDateInLondon(new Date()),
  );
}

export interface Vacancy {
  unitId: string;
  unitName: string;
  features: Feature[];
  schemeId: string;
  schemeName: string;
  zoneId: string;
  zoneName: string;
  accommodationBand: NeedBand;
  careProviderId: string | null;
  careProviderName: string | null;
  membershipId: string | null;
  organisationId: string;
  tenants: number;
  voidSince: string;
  voidDays: number;
  /** While the property is in the pipeline: the date it is expected ready. */
  expectedReadyOn: string | null;
}

export function vacanciesIn(views: readonly SchemeView[]): Vacancy[] {
  return views.flatMap((view) =>
    view.units
      .filter((unit) => unit.tenancy === null)
      .map((unit) => ({
        unitId: unit.unit.id,
        unitName: unit.unit.name,
        features: unit.unit.features as Feature[],
        schemeId: view.scheme.id,
        schemeName: view.scheme.name,
        zoneId: view.scheme.zoneId,
        zoneName: view.zoneName,
        accommodationBand: view.scheme.accommodationBand as NeedBand,
        careProviderId: view.scheme.careProviderId,
        careProviderName: view.careProviderName,
        membershipId: view.scheme.membershipId,
        organisationId: view.scheme.organisationId,
        tenants: view.tenants,
        voidSince: unit.voidSince!,
        voidDays: unit.voidDays!,
        expectedReadyOn: view.pipeline ? view.scheme.expectedReadyOn : null,
      })),
  );
}

export type VacancySortKey = repository.VacancySortKey;
/** Longest void first, unless another order is asked for. */
export const VACANCY_ORDER = {
  key: 'availableFrom',
  direction: 'asc',
} as const satisfies repository.Sort<VacancySortKey>;

/** The vacancy list, filtered by zone, care provider, band and feature and sorted in the database, a page at a time. */
export async function vacancyPage(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<VacancyFilter, VacancySortKey>,
): Promise<Page<Vacancy>> {
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findVacancies(
    db,
    { ...schemeScope(viewer), ...filter },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  const today = isoDateInLondon(new Date());
  const tenants = await repository.currentTenants(db, [...new Set(rows.map((row) => row.scheme.id))]);
  const items = rows.map(({ unit, scheme, zoneName, careProviderName, voidSince }) => ({
    unitId: unit.id,
    unitName: unit.name,
    features: unit.features as Feature[],
    schemeId: scheme.id,
    schemeName: scheme.name,
    zoneId: scheme.zoneId,
    zoneName: zoneName ?? '',
    accommodationBand: scheme.accommodationBand as NeedBand,
    careProviderId: scheme.careProviderId,
    careProviderName,
    membershipId: scheme.membershipId,
    organisationId: scheme.organisationId,
    tenants: tenants.get(scheme.id) ?? 0,
    voidSince,
    voidDays: Math.max(0, daysBetween(voidSince, today)),
    expectedReadyOn: scheme.expectedReadyOn !== null && scheme.expectedReadyOn > today ? scheme.expectedReadyOn : null,
  }));
  return pageOf(items, total, page, pageSize);
}

/** Every vacancy under the filter, longest void first, as the API has always answered. */
export function vacancyList(db: Db, viewer: CurrentUser, filter: VacancyFilter = {}): Promise<Vacancy[]> {
  return everyRow((page, pageSize) => vacancyPage(db, viewer, { filter, sort: VACANCY_ORDER, page, pageSize }));
}

export async function createScheme(db: Db, viewer: CurrentUser, input: SchemeInput): Promise<SchemeView> {
  const [created] = await createSchemes(db, viewer, [{ input, units: [] }]);
  return getScheme(db, viewer, created!.scheme.id);
}

/**
 * Many schemes at once, each with its units (a council's schemes brought in): each checked as on
 * its own, one transaction, all or none, one audit append. A unit's available-from date is checked
 * against its scheme's `recordedOn` (today unless given).
 */
export async function createSchemes(
  db: Db,
  viewer: CurrentUser,
  entries: readonly { input: SchemeInput; units: readonly UnitInput[]; recordedOn?: string }[],
): Promise<{ scheme: repository.SchemeRow; units: repository.UnitRow[] }[]> {
  const organisationId = staffOrganisation(viewer, SCHEME_MANAGERS);
  if (entries.length === 0) return [];
  const zones = await zoneNamesOf(db, organisationId);
  const now = new Date();
  const created = entries.map(({ input, units, recordedOn }) => {
    const scheme = parseOrThrow(schemeInput, input);
    if (!zones.has(scheme.zoneId))
      throw new ValidationError([{ field: 'zoneId', message: 'Choose a zone of your organisation' }]);
    const row = { organisationId, id: randomUUID(), ...scheme, createdAt: now, updatedAt: now };
    const added = parsedUnits(units, recordedOn ?? isoDateInLondon(now));
    refuseRepeatedNames(scheme.name, [], added);
    return { scheme: row, given: scheme, added, units: unitRows(organisationId, row.id, added, now) };
  });
  await db.transaction(async (tx) => {
    await repository.insertSchemes(
      tx,
      created.map(({ scheme }) => scheme),
    );
    await repository.insertUnits(
      tx,
      created.flatMap(({ units }) => units),
    );
    await recordAudit(
      tx,
      actorOf(viewer),
      created.flatMap(({ scheme, given, added }) => [
        { action: 'scheme.create', recordType: 'scheme', recordId: scheme.id, after: given },
        ...unitAudit(scheme.id, added),
      ]),
    );
  });
  return created.map(({ scheme, units }) => ({ scheme, units }));
}

type NewUnit = ReturnType<typeof unitInput.parse>;

/** Units as given, each checked, its available-from date against the day it is recorded. */
function parsedUnits(inputs: readonly UnitInput[], recordedOn: string): NewUnit[] {
  return inputs.map((input) => {
    const typed = (input as { availableFrom?: unknown }).availableFrom;
    const tooFar = typeof typed === 'string' && isIsoDate(typed) ? availableFromProblem(typed, recordedOn) : null;
    return parseOrThrowWith(unitInput, input, tooFar ? [{ field: 'availableFrom', message: tooFar }] : []);
  });
}

/** A scheme's units have different names, whatever their case. */
function refuseRepeatedNames(schemeName: string, existing: readonly string[], added: readonly NewUnit[]): void {
  const names = new Set(existing.map((name) => name.toLowerCase()));
  for (const unit of added) {
    if (names.has(unit.name.toLowerCase()))
      throw new ConflictError(`${schemeName} already has a unit called ${unit.name}`, [
        { field: 'name', message: `${schemeName} already has a unit called ${unit.name}` },
      ]);
    names.add(unit.name.toLowerCase());
  }
}

const unitRows = (organisationId: string, schemeId: string, added: readonly NewUnit[], createdAt: Date) =>
  added.map((unit) => ({ organisationId, id: randomUUID(), schemeId, ...unit, createdAt }));

const unitAudit = (schemeId: string, added: readonly NewUnit[]) =>
  added.map((unit) => ({
    action: 'unit.create',
    recordType: 'scheme',
    recordId: schemeId,
    after: { unit: unit.name, features: unit.features, availableFrom: unit.availableFrom },
  }));

/** Brokerage adds a unit to any of its schemes; a care provider reports a new vacancy in its own. */
/**
 * Adds a unit to a scheme's vacancies. Its available-from date is checked against the day it is
 * recorded: today, or for the demo county's history the day that history is written as of.
 */
export async function addUnit(
  db: Db,
  viewer: CurrentUser,
  schemeId: string,
  input: UnitInput,
  recordedOn = isoDateInLondon(new Date()),
): Promise<SchemeView> {
  return addUnits(db, viewer, schemeId, [input], recordedOn);
}

/** Adds several units to a scheme in one transaction (a new scheme's whole building): all or none. */
export async function addUnits(
  db: Db,
  viewer: CurrentUser,
  schemeId: string,
  inputs: readonly UnitInput[],
  recordedOn = isoDateInLondon(new Date()),
): Promise<SchemeView> {
  const added = parsedUnits(inputs, recordedOn);
  const view = await getScheme(db, viewer, schemeId);
  if (!viewer.providerId && !hasRole(viewer, ...SCHEME_MANAGERS)) throw new ForbiddenError();
  refuseRepeatedNames(
    view.scheme.name,
    view.units.map((existing) => existing.unit.name),
    added,
  );
  const rows = unitRows(view.scheme.organisationId, schemeId, added, new Date());
  await db.transaction(async (tx) => {
    await repository.insertUnits(tx, rows);
    await recordAudit(
      tx,
      { ...actorOf(viewer), organisationId: view.scheme.organisationId },
      unitAudit(schemeId, added),
    );
  });
  return getScheme(db, viewer, schemeId);
}

/**
 * A tenant has left: the tenancy ends, with the person's placement there, and the unit is void
 * from the next day. Reported by the scheme's care provider or by brokerage.
 */
export async function reportVoid(
  db: Db,
  viewer: CurrentUser,
  unitId: string,
  input: { endsOn: string; reason: string },
): Promise<SchemeView> {
  const report = parseOrThrow(voidReportInput, input);
  const unit = isUuid(unitId) ? await repository.unitById(db, unitId) : undefined;
  if (!unit) throw new NotFoundError();
  const view = await getScheme(db, viewer, unit.schemeId);
  if (!viewer.providerId && !hasRole(viewer, ...SCHEME_MANAGERS)) throw new ForbiddenError();
  const tenancy = view.units.find((candidate) => candidate.unit.id === unitId)?.tenancy;
  if (!tenancy) throw new ConflictError(`${unit.name} is already void`);
  if (report.endsOn < tenancy.startsOn)
    throw new ValidationError([
      { field: 'endsOn', message: `The tenancy began on ${longDate(tenancy.startsOn)}; it cannot end before that` },
    ]);
  if (report.endsOn > isoDateInLondon(new Date()))
    throw new ValidationError([{ field: 'endsOn', message: 'Report a void once the tenant has left, not before' }]);
  await db.transaction(async (tx) => {
    await endTenancyAndPlacement(tx, view.scheme.organisationId, tenancy, report.endsOn, report.reason);
    await recordAudit(tx, { ...actorOf(viewer), organisationId: view.scheme.organisationId }, [
      {
        action: 'unit.void',
        recordType: 'scheme',
        recordId: unit.schemeId,
        after: { unit: unit.name, endsOn: report.endsOn, reason: report.reason },
      },
    ]);
  });
  return getScheme(db, viewer, unit.schemeId);
}

/** Ends a tenancy and the placement that runs on it, on the same day for the same reason. */
export async function endTenancyAndPlacement(
  db: Db,
  organisationId: string,
  tenancy: repository.TenancyRow,
  endsOn: string,
  reason: string,
): Promise<void> {
  await repository.endTenancy(db, organisationId, tenancy.id, endsOn, reason);
  const { rows } = await placementRepository.findPlacements(db, {
    organisationId,
    tenancyIds: [tenancy.id],
    current: true,
  });
  for (const placement of rows)
    await placementRepository.endPlacement(db, organisationId, placement.id, endsOn, reason);
}

/** What a care provider may see of a scheme's history: its units and voids, not the council's other dealings. */
const PROVIDER_SCHEME_ACTIONS = new Set(['scheme.create', 'unit.create', 'unit.void']);

/** A scheme's history: whole for the council's staff; its care provider sees the scheme's units and voids. */
export async function schemeHistory(db: Db, viewer: CurrentUser, id: string): Promise<RecordHistory | null> {
  try {
    const view = await getScheme(db, viewer, id);
    const show =
      viewer.providerId === null
        ? showWhole
        : (event: AuditEvent) => (PROVIDER_SCHEME_ACTIONS.has(event.action) ? event : null);
    return { label: view.scheme.name, href: paths.scheme(id), show };
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
}
