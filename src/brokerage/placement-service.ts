// Placements: one with its price breakdown, a person's, the register (filtered, paged, as CSV) and
// the figures of the Staffordshire report's paragraph 2 from live data; ending one; and the people
// placed with a provider, as it sees them.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { isoDateInLondon, isIsoDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { toCsv } from '../platform/http/csv.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import { PAYMENT_ROUTES, type PaymentRoute } from './domain/people.ts';
import { annualPence } from './domain/prices.ts';
import { endPlacementInput } from './input.ts';
import { PERSON_READERS, staffOrganisation } from './people-service.ts';
import { describeSchemes, endTenancyAndPlacement } from './scheme-service.ts';
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
  const [people, names] = await Promise.all([
    peopleRepository.peopleByIds(db, organisationId, [...new Set(rows.map((row) => row.personId))]),
    providerNames(
      db,
      rows.map((row) => row.providerId),
    ),
  ]);
  const personById = new Map(people.map((person) => [person.id, person]));
  return rows.map((row) => ({
    ...row,
    personName: personById.get(row.personId)?.name ?? '',
    providerName: names.get(row.providerId) ?? '',
    annualPence: annualPence(row.weeklyPricePence),
    inCounty: personById.get(row.personId)?.inCounty ?? true,
  }));
}

export async function getPlacement(db: Db, viewer: CurrentUser, id: string): Promise<PlacementView> {
  const organisationId = staffOrganisation(viewer, REPORT_READERS);
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

/** Ends a placement (moved, died, hospital, provider change): the tenancy ends too and the unit is void. */
export async function endPlacement(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { endsOn: string; reason: string },
): Promise<PlacementView> {
  const organisationId = staffOrganisation(viewer, ['brokerage_officer']);
  const ending = parseOrThrow(endPlacementInput, input);
  const row = isUuid(id) ? await repository.placementById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  if (row.endsOn) throw new ConflictError(`This placement ended on ${row.endsOn}`);
  if (ending.endsOn < row.startsOn)
    throw new ValidationError([
      { field: 'endsOn', message: `The placement began on ${row.startsOn}; it cannot end before that` },
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
  return getPlacement(db, viewer, id);
}
export interface PlacementFilter {
  activeOn?: string;
  providerId?: string;
  paymentRoute?: PaymentRoute;
  offFramework?: boolean;
  page?: number;
}

export function parsePlacementFilter(query: Record<string, unknown>): PlacementFilter {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const activeOn = text(query.activeOn);
  const providerId = text(query.providerId);
  const paymentRoute = text(query.paymentRoute);
  const offFramework = text(query.offFramework);
  const page = Number(query.page);
  return {
    activeOn: activeOn && isIsoDate(activeOn) ? activeOn : undefined,
    providerId: providerId && isUuid(providerId) ? providerId : undefined,
    paymentRoute: (PAYMENT_ROUTES as readonly string[]).includes(paymentRoute ?? '')
      ? (paymentRoute as PaymentRoute)
      : undefined,
    offFramework:
      offFramework === 'yes' || offFramework === 'true'
        ? true
        : offFramework === 'no' || offFramework === 'false'
          ? false
          : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export async function placementRegister(
  db: Db,
  viewer: CurrentUser,
  filter: PlacementFilter,
  pageSize = 50,
): Promise<Page<PlacementView>> {
  const organisationId = staffOrganisation(viewer, REPORT_READERS);
  const page = filter.page ?? 1;
  const { rows, total } = await repository.findPlacements(
    db,
    { organisationId, ...filter },
    (page - 1) * pageSize,
    pageSize,
  );
  return pageOf(await describePlacements(db, organisationId, rows), total, page, pageSize);
}

/** The whole register under the filter, as CSV. */
export async function placementRegisterCsv(db: Db, viewer: CurrentUser, filter: PlacementFilter): Promise<string> {
  const organisationId = staffOrganisation(viewer, REPORT_READERS);
  const { rows } = await repository.findPlacements(db, { organisationId, ...filter });
  const views = await describePlacements(db, organisationId, rows);
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

/** Placements active on the date, in the figures of the Staffordshire report's paragraph 2. */
export async function placementsSummary(db: Db, viewer: CurrentUser, date: string): Promise<PlacementsSummary> {
  const organisationId = staffOrganisation(viewer, REPORT_READERS);
  if (!isIsoDate(date))
    throw new ValidationError([{ field: 'date', message: 'Give the date as YYYY-MM-DD, like 2026-11-23' }]);
  const { rows } = await repository.findPlacements(db, { organisationId, activeOn: date });
  const views = await describePlacements(db, organisationId, rows);
  const figures = (list: readonly PlacementView[]) => ({
    placements: list.length,
    providers: new Set(list.map((view) => view.providerId)).size,
    annualGrossCostPence: list.reduce((sum, view) => sum + view.annualPence, 0),
  });
  const routes = Object.fromEntries(
    PAYMENT_ROUTES.map((route) => [ROUTE_KEYS[route], figures(views.filter((view) => view.paymentRoute === route))]),
  ) as PlacementsSummary['byPaymentRoute'];
  const offFramework = figures(views.filter((view) => view.offFramework));
  const all = figures(views);
  return {
    date,
    placements: all.placements,
    providers: all.providers,
    inCounty: views.filter((view) => view.inCounty).length,
    outOfCounty: views.filter((view) => !view.inCounty).length,
    annualGrossCostPence: all.annualGrossCostPence,
    byPaymentRoute: routes,
    offFramework: { placements: offFramework.placements, annualGrossCostPence: offFramework.annualGrossCostPence },
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

export async function placementsWithProvider(db: Db, viewer: CurrentUser): Promise<ProviderPlacement[]> {
  if (!viewer.providerId || !hasRole(viewer, 'provider_user')) throw new ForbiddenError();
  const rows = await repository.currentPlacementsWithProvider(db, viewer.providerId);
  const organisationIds = [...new Set(rows.map((row) => row.organisationId))];
  const [organisations, peopleLists, schemeLists] = await Promise.all([
    organisationsByIds(db, organisationIds),
    Promise.all(
      organisationIds.map((id) =>
        peopleRepository.peopleByIds(
          db,
          id,
          rows.filter((row) => row.organisationId === id).map((row) => row.personId),
        ),
      ),
    ),
    schemeRepository
      .schemesOf(db, { careProviderId: viewer.providerId })
      .then((schemes) => describeSchemes(db, schemes, isoDateInLondon(new Date()))),
  ]);
  const names = new Map(peopleLists.flat().map((person) => [person.id, person.name]));
  const homes = new Map(
    schemeLists.flatMap((view) =>
      view.units.flatMap((unit) =>
        unit.tenancy ? [[unit.tenancy.id, `${view.scheme.name}, ${unit.unit.name}`] as const] : [],
      ),
    ),
  );
  return rows
    .map((row) => ({
      id: row.id,
      organisationName: organisations.get(row.organisationId)?.name ?? '',
      personName: names.get(row.personId) ?? '',
      where: row.tenancyId ? (homes.get(row.tenancyId) ?? 'A tenancy in a scheme') : 'Their own home',
      startsOn: row.startsOn,
      oneToOneMinutesPerWeek: row.oneToOneMinutesPerWeek,
      nightSupport: row.nightSupport,
      weeklyPricePence: row.weeklyPricePence,
    }))
    .sort((a, b) => a.personName.localeCompare(b.personName));
}
