// Placements: one with its price breakdown, a person's, the register (filtered, paged, as CSV) and
// the figures of the Staffordshire report's paragraph 2 from live data; ending one; and the people
// placed with a provider, as it sees them.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isIsoDate, longDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { toCsv } from '../platform/http/csv.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { PAYMENT_ROUTES } from './domain/people.ts';
import { annualPence } from './domain/prices.ts';
import { lowestPriceShare, type LowestPriceShare } from '../procurement/domain/lowest-price.ts';
import { endPlacementInput, type PlacementFilter, type ProviderPlacementFilter } from './input.ts';
import { everyRow } from '../platform/http/list-columns.ts';
import { PERSON_READERS } from './people-service.ts';
import { endTenancyAndPlacement } from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './placement-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

export const REPORT_READERS: readonly Role[] = ['brokerage_officer', 'commissioner', 'finance_officer', 'auditor'];

export interface PlacementView extends repository.PlacementRow {
  personName: string;
  providerName: string;
  annualPence: number;
  inCounty: boolean;
}

export async function describePlacements(
  db: Db,
  organisationId: string,
  rows: readonly repository.PlacementRow[],
): Promise<PlacementView[]> {
  // One read after the other: placements are described inside transactions too (a scheme's transfer).
  const people = await peopleRepository.peopleByIds(db, organisationId, [...new Set(rows.map((row) => row.personId))]);
  const names = await providerNames(
    db,
    rows.map((row) => row.providerId),
  );
  const personById = new Map(people.map((person) => [person.id, person]));
  return rows.map((row) => ({
    ...row,
    personName: personById.get(row.personId)?.name ?? '',
    providerName: names.get(row.providerId) ?? '',
    annualPence: annualPence(row.weeklyPricePence),
    inCounty: personById.get(row.personId)?.inCounty ?? true,
  }));
}

export async function getPlacement(
  db: Db,
  viewer: CurrentUser,
  id: string,
  roles: readonly Role[] = REPORT_READERS,
): Promise<PlacementView> {
  const organisationId = staffOrganisation(viewer, roles);
  const row = isUuid(id) ? await repository.placementById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  return (await describePlacements(db, organisationId, [row]))[0]!;
}

/** A person's placements, current and past, for anyone who may read their record. */
export async function placementsOfPerson(db: Db, viewer: CurrentUser, personId: string): Promise<PlacementView[]> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const { rows } = await repository.findPlacements(db, { organisationId, personIds: [personId] });
  return describePlacements(db, organisationId, rows);
}

/**
 * Ends a placement (moved, died, hospital, provider change): the tenancy ends too and the unit is
 * void. Brokerage ends placements; quality, terminating a package, names its own `roles`.
 */
export async function endPlacement(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { endsOn: string; reason: string },
  roles: readonly Role[] = ['brokerage_officer'],
): Promise<PlacementView> {
  const organisationId = staffOrganisation(viewer, roles);
  const ending = parseOrThrow(endPlacementInput, input);
  const row = isUuid(id) ? await repository.placementById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  if (row.endsOn) throw new ConflictError(`This placement ended on ${longDate(row.endsOn)}`);
  if (ending.endsOn < row.startsOn)
    throw new ValidationError([
      { field: 'endsOn', message: `The placement began on ${longDate(row.startsOn)}; it cannot end before that` },
    ]);
  await db.transaction(async (tx) => {
    const tenancy = row.tenancyId ? await schemeRepository.tenancyById(tx, organisationId, row.tenancyId) : undefined;
    if (tenancy && tenancy.endsOn === null)
      await endTenancyAndPlacement(tx, organisationId, tenancy, ending.endsOn, ending.reason);
    else await repository.endPlacement(tx, organisationId, id, ending.endsOn, ending.reason);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'placement.end',
        recordType: 'person',
        recordId: row.personId,
        before: { placement: id, endsOn: null },
        after: { placement: id, endsOn: ending.endsOn },
        reason: ending.reason,
      },
    ]);
  });
  return getPlacement(db, viewer, id, roles);
}
export type PlacementSortKey = repository.PlacementSortKey;
/** Latest start first, unless another order is asked for. */
export const PLACEMENT_ORDER = {
  key: 'startsOn',
  direction: 'desc',
} as const satisfies repository.Sort<PlacementSortKey>;

/** The register: the organisation's placements, filtered and sorted in the database, a page at a time. */
export async function placementRegister(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<PlacementFilter, PlacementSortKey>,
  roles: readonly Role[] = REPORT_READERS,
): Promise<Page<PlacementView>> {
  const organisationId = staffOrganisation(viewer, roles);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findPlacements(
    db,
    { organisationId, ...filter },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  return pageOf(await describePlacements(db, organisationId, rows), total, page, pageSize);
}

/** The care providers of the organisation's placements, to filter the register by. */
export async function registerProviderChoices(db: Db, viewer: CurrentUser) {
  const providers = await repository.providersOfPlacements(db, staffOrganisation(viewer, REPORT_READERS));
  return providers.map((provider) => ({ value: provider.id, text: provider.name }));
}

/** The whole register under the filter, as the API's CSV: a page at a time through the register. */
export async function placementRegisterCsv(db: Db, viewer: CurrentUser, filter: PlacementFilter): Promise<string> {
  const views = await everyRow((page, pageSize) =>
    placementRegister(db, viewer, { filter, sort: PLACEMENT_ORDER, page, pageSize }),
  );
  return toCsv(
    views.map((view) => ({
      placement: view.id,
      person: view.personName,
      provider: view.providerName,
      starts_on: view.startsOn,
      ends_on: view.endsOn ?? '',
      end_reason: view.endsOn ? (view.endReason ?? '') : '',
      payment_route: view.paymentRoute,
      off_framework: view.offFramework ? 'yes' : 'no',
      in_county: view.inCounty ? 'yes' : 'no',
      one_to_one_hours_per_week: (view.oneToOneMinutesPerWeek / 60).toFixed(2),
      core_share_hours_per_week: (view.coreShareMinutesPerWeek / 60).toFixed(2),
      night_support: view.nightSupport,
      weekly_price: (view.weeklyPricePence / 100).toFixed(2),
      annual_cost: (view.annualPence / 100).toFixed(2),
      weekly_contribution: (view.contributionPence / 100).toFixed(2),
    })),
  );
}

export interface PlacementsSummary {
  date: string;
  placements: number;
  providers: number;
  inCounty: number;
  outOfCounty: number;
  annualGrossCostPence: number;
  byPaymentRoute: Record<
    'commissioned' | 'directPayment' | 'individualServiceFund',
    { placements: number; providers: number; annualGrossCostPence: number }
  >;
  offFramework: { placements: number; annualGrossCostPence: number };
}

const ROUTE_KEYS = {
  commissioned: 'commissioned',
  'direct-payment': 'directPayment',
  'individual-service-fund': 'individualServiceFund',
} as const;

/** Placements active on the date, in the figures of the Staffordshire report's paragraph 2, added up in the database. */
export async function placementsSummary(db: Db, viewer: CurrentUser, date: string): Promise<PlacementsSummary> {
  const organisationId = staffOrganisation(viewer, REPORT_READERS);
  if (!isIsoDate(date))
    throw new ValidationError([{ field: 'date', message: 'Give the date as YYYY-MM-DD, like 2026-11-23' }]);
  const rows = await repository.placementFigures(db, organisationId, date);
  const none = { placements: 0, providers: 0, inCounty: 0, annualPence: 0 };
  const all = rows.find((row) => row.grouping === 3) ?? none;
  const byRoute = (route: string) => rows.find((row) => row.grouping === 1 && row.paymentRoute === route) ?? none;
  const offFramework = rows.find((row) => row.grouping === 2 && row.offFramework === true) ?? none;
  const routes = Object.fromEntries(
    PAYMENT_ROUTES.map((route) => {
      const figures = byRoute(route);
      return [
        ROUTE_KEYS[route],
        { placements: figures.placements, providers: figures.providers, annualGrossCostPence: figures.annualPence },
      ];
    }),
  ) as PlacementsSummary['byPaymentRoute'];
  return {
    date,
    placements: all.placements,
    providers: all.providers,
    inCounty: all.inCounty,
    outOfCounty: all.placements - all.inCounty,
    annualGrossCostPence: all.annualPence,
    byPaymentRoute: routes,
    offFramework: { placements: offFramework.placements, annualGrossCostPence: offFramework.annualPence },
  };
}

/** What a care provider sees of the people placed with it: who, where, the care and the price, nothing more. */
export interface ProviderPlacement {
  id: string;
  organisationName: string;
  personName: string;
  where: string;
  startsOn: string;
  oneToOneMinutesPerWeek: number;
  nightSupport: string;
  weeklyPricePence: number;
}

function providerOf(viewer: CurrentUser): string {
  if (!viewer.providerId || !hasRole(viewer, 'provider_user')) throw new ForbiddenError();
  return viewer.providerId;
}

export type ProviderPlacementSortKey = repository.ProviderPlacementSortKey;
export const PROVIDER_PLACEMENT_ORDER = {
  key: 'person',
  direction: 'asc',
} as const satisfies repository.Sort<ProviderPlacementSortKey>;

/** The people placed with the viewer's provider now, and nobody else's, a page at a time. */
export async function providerPlacementList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<Partial<ProviderPlacementFilter>, ProviderPlacementSortKey>,
): Promise<Page<ProviderPlacement>> {
  const providerId = providerOf(viewer);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.currentPlacementsWithProvider(
    db,
    { providerId, ...filter },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  const items = rows.map(({ placement, personName, organisationName, scheme, unitName }) => ({
    id: placement.id,
    organisationName,
    personName,
    // A home in one of the provider's own schemes is named; another's is not its business.
    where: !placement.tenancyId
      ? 'Their own home'
      : scheme && scheme.careProviderId === providerId
        ? `${scheme.name}, ${unitName}`
        : 'A tenancy in a scheme',
    startsOn: placement.startsOn,
    oneToOneMinutesPerWeek: placement.oneToOneMinutesPerWeek,
    nightSupport: placement.nightSupport,
    weeklyPricePence: placement.weeklyPricePence,
  }));
  return pageOf(items, total, page, pageSize);
}

/** Everyone placed with the viewer's provider now, by name, as the API has always answered. */
export function placementsWithProvider(
  db: Db,
  viewer: CurrentUser,
  filter: Partial<ProviderPlacementFilter> = {},
): Promise<ProviderPlacement[]> {
  return everyRow((page, pageSize) =>
    providerPlacementList(db, viewer, { filter, sort: PROVIDER_PLACEMENT_ORDER, page, pageSize }),
  );
}

/** The councils that have placed people with the viewer's provider, to filter its list by. */
export async function providerPlacementCouncils(db: Db, viewer: CurrentUser) {
  const councils = await repository.councilsOfProvider(db, providerOf(viewer));
  return councils.map((council) => ({ value: council.id, text: council.name }));
}

/**
 * For a vehicle's public page: how many placements were made through it, and how often the offer
 * taken was the lowest weekly price proposed for the referral (where two or more were proposed).
 */
export async function placementsThroughVehicle(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<{ placements: number; toLowestPrice: LowestPriceShare }> {
  const rows = await repository.placementProposalsOfVehicle(db, organisationId, vehicleId);
  return {
    placements: rows.length,
    toLowestPrice: lowestPriceShare(
      rows.map((row) => {
        const priced = row.proposals.filter((proposal) => proposal.price !== null);
        const taken = priced.find((proposal) => proposal.offerId === row.offerId);
        return { prices: priced.map((proposal) => proposal.price!), chosen: taken ? [taken.price!] : [] };
      }),
    ),
  };
}

/** The placements made through a vehicle, for what was paid under its contracts. */
export const placementIdsOfVehicle = (db: Db, organisationId: string, vehicleId: string) =>
  repository.placementIdsOfVehicle(db, organisationId, vehicleId);
