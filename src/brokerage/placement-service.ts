// Placements with priced packages, rate cards, embargoes, and the figures of the Staffordshire
// report's paragraph 2 from live data. Taking the last unit is safe under concurrency: the
// database allows one current tenancy per unit, so the second of two placements gets a clear
// conflict and writes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { addDays, isoDateInLondon, isIsoDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { toCsv } from '../platform/http/csv.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { getVehicle } from '../procurement/service.ts';
import { membershipForPlacement, type MembershipForPlacement } from '../procurement/market-service.ts';
import { providerNames } from '../providers/service.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import { PAYMENT_ROUTES, type NightSupport, type PaymentRoute } from './domain/people.ts';
import {
  annualPence,
  cardInForce,
  coreShareMinutes,
  packagePrice,
  priceProblem,
  ratesProblems,
  type PackageInput,
  type PackagePrice,
  type PriceLine,
} from './domain/prices.ts';
import {
  embargoInput,
  endPlacementInput,
  liftEmbargoInput,
  placementInput,
  rateCardInput,
  schemeTransferInput,
  type PlacementInput,
  type RateCardInput,
  type SchemeTransferInput,
} from './input.ts';
import { needsOf, PERSON_READERS, staffOrganisation } from './people-service.ts';
import {
  describeSchemes,
  endTenancyAndPlacement,
  getScheme,
  SCHEME_MANAGERS,
  type SchemeView,
} from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as placementRepository from './placement-repository.ts';
import * as priceRepository from './price-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

const REPORT_READERS = ['brokerage_officer', 'commissioner', 'finance_officer', 'auditor'] as const;
const RATE_SETTERS = ['commissioner', 'finance_officer'] as const;

export async function rateCards(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
): Promise<priceRepository.RateCardRow[]> {
  staffOrganisation(viewer, [...REPORT_READERS, 'social_worker']);
  // Partners of a joint vehicle read the lead's cards too.
  const vehicle = await getVehicle(db, viewer, vehicleId);
  return priceRepository.rateCardsOf(db, vehicle.vehicle.organisationId, vehicle.vehicle.id);
}

export async function createRateCard(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: RateCardInput,
): Promise<priceRepository.RateCardRow> {
  const organisationId = staffOrganisation(viewer, RATE_SETTERS);
  const card = parseOrThrow(rateCardInput, input);
  const vehicle = await getVehicle(db, viewer, vehicleId);
  if (vehicle.vehicle.organisationId !== organisationId)
    throw new ForbiddenError('Rate cards are set by the lead organisation.');
  const problems: FieldError[] = ratesProblems(card);
  if (card.lotId && !vehicle.lots.some((lot) => lot.id === card.lotId))
    problems.push({ field: 'lotId', message: 'Choose a lot of this vehicle' });
  if (problems.length > 0) throw new ValidationError(problems);
  const existing = await priceRepository.rateCardsOf(db, organisationId, vehicle.vehicle.id);
  if (existing.some((other) => other.lotId === card.lotId && other.effectiveFrom === card.effectiveFrom)) {
    throw new ConflictError(`A rate card already takes effect on ${card.effectiveFrom}`, [
      { field: 'effectiveFrom', message: `A rate card already takes effect on ${card.effectiveFrom}` },
    ]);
  }
  const row = {
    organisationId,
    id: randomUUID(),
    vehicleId: vehicle.vehicle.id,
    lotId: card.lotId,
    effectiveFrom: card.effectiveFrom,
    rates: { weekly: card.weekly, hourly: card.hourly },
    createdAt: new Date(),
    createdBy: viewer.id,
  };
  await db.transaction(async (tx) => {
    await priceRepository.insertRateCard(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'rate-card.create',
        recordType: 'vehicle',
        recordId: vehicle.vehicle.id,
        after: { lotId: card.lotId, effectiveFrom: card.effectiveFrom, rates: row.rates },
      },
    ]);
  });
  return row;
}

export async function listEmbargoes(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, [
    'brokerage_officer',
    'commissioner',
    'quality_officer',
    'social_worker',
    'auditor',
  ]);
  const rows = await placementRepository.embargoesOf(db, organisationId);
  const names = await providerNames(
    db,
    rows.map((row) => row.providerId),
  );
  return rows.map((row) => ({ ...row, providerName: names.get(row.providerId) ?? '' }));
}

export async function placeEmbargo(
  db: Db,
  viewer: CurrentUser,
  input: { providerId: string; reason: string; startsOn: string },
) {
  const organisationId = staffOrganisation(viewer, ['commissioner', 'quality_officer']);
  const embargo = parseOrThrow(embargoInput, input);
  if ((await providerNames(db, [embargo.providerId])).size === 0)
    throw new ValidationError([{ field: 'providerId', message: 'Choose a provider in the registry' }]);
  const row = { organisationId, id: randomUUID(), ...embargo, createdBy: viewer.id, createdAt: new Date() };
  await db.transaction(async (tx) => {
    await placementRepository.insertEmbargo(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'embargo.place',
        recordType: 'provider',
        recordId: embargo.providerId,
        after: embargo,
        reason: embargo.reason,
      },
    ]);
  });
  return row;
}

export async function liftEmbargo(db: Db, viewer: CurrentUser, id: string, input: { reason: string }) {
  const organisationId = staffOrganisation(viewer, ['commissioner', 'quality_officer']);
  const { reason } = parseOrThrow(liftEmbargoInput, input);
  const embargo = (await placementRepository.embargoesOf(db, organisationId)).find((row) => row.id === id);
  if (!embargo) throw new NotFoundError();
  if (embargo.liftedOn) throw new ConflictError(`This embargo was lifted on ${embargo.liftedOn}`);
  const today = isoDateInLondon(new Date());
  await db.transaction(async (tx) => {
    await placementRepository.liftEmbargo(tx, organisationId, id, today, reason);
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
  });
}

/** Embargoes in force today, provider id → reason. */
export async function embargoedProviders(db: Db, organisationId: string, on: string): Promise<Map<string, string>> {
  return new Map(
    (await placementRepository.embargoesInForce(db, organisationId, on)).map((row) => [row.providerId, row.reason]),
  );
}

export interface PlacementView extends placementRepository.PlacementRow {
  personName: string;
  providerName: string;
  annualPence: number;
  inCounty: boolean;
}

/** A package in a scheme is priced at the scheme's band and size; support at home at the person's band. */
export function packageInputFor(
  scheme: schemeRepository.SchemeRow | undefined,
  tenants: number,
  assessedBand: NeedBand,
  care: { priceBasis: 'banded' | 'hourly'; oneToOneMinutesPerWeek: number; nightSupport: NightSupport },
): PackageInput {
  return {
    basis: care.priceBasis,
    band: scheme ? (scheme.accommodationBand as NeedBand) : assessedBand,
    tenants,
    coreMinutesPerWeek: scheme?.coreMinutesPerWeek ?? 0,
    oneToOneMinutesPerWeek: care.oneToOneMinutesPerWeek,
    nightSupport: care.nightSupport,
    wakingNightMinutes: scheme?.wakingNightMinutes ?? 600,
  };
}

/** Everything a placement needs, checked, and the price: or every problem found. */
async function preparePlacement(db: Db, organisationId: string, input: ReturnType<typeof placementInput.parse>) {
  const problems: FieldError[] = [];
  const person = await peopleRepository.personById(db, organisationId, input.personId);
  if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
  const latest = (await peopleRepository.latestAssessments(db, organisationId, [person.id])).get(person.id);
  if (!latest)
    problems.push({ field: 'personId', message: `Record ${person.name}'s assessed needs before placing them` });
  if (person.status !== 'active')
    problems.push({ field: 'personId', message: `${person.name}'s record is not active` });
  // An embargo stops new placements being made while it is in force, whatever date they start.
  const embargo = (await embargoedProviders(db, organisationId, isoDateInLondon(new Date()))).get(input.providerId);
  if (embargo)
    problems.push({ field: 'providerId', message: `The provider is under an embargo on new placements: ${embargo}` });

  let scheme: schemeRepository.SchemeRow | undefined;
  let tenants = 1;
  if (input.unitId) {
    const unit = await schemeRepository.unitById(db, input.unitId);
    scheme =
      unit && unit.organisationId === organisationId ? await schemeRepository.schemeById(db, unit.schemeId) : undefined;
    if (!unit || !scheme)
      throw new ValidationError([{ field: 'unitId', message: 'Choose a vacancy of your organisation' }]);
    const [view] = await describeSchemes(db, [scheme], input.startsOn);
    const unitView = view!.units.find((candidate) => candidate.unit.id === unit.id)!;
    if (unitView.tenancy)
      throw new ConflictError('This vacancy has just been taken: choose another', [
        { field: 'unitId', message: 'This vacancy has just been taken: choose another' },
      ]);
    if (scheme.careProviderId !== input.providerId)
      problems.push({ field: 'providerId', message: `Care in ${scheme.name} is provided by another provider` });
    if (scheme.expectedReadyOn && scheme.expectedReadyOn > input.startsOn)
      problems.push({
        field: 'startsOn',
        message: `${scheme.name} is expected ready on ${scheme.expectedReadyOn}, after this start date`,
      });
    tenants = view!.tenants + 1;
  }

  const membership = input.membershipId
    ? await membershipForPlacement(db, organisationId, input.membershipId)
    : undefined;
  if (input.membershipId && !membership)
    problems.push({ field: 'membershipId', message: 'Choose a membership on one of your vehicles' });
  if (membership && membership.providerId !== input.providerId)
    problems.push({ field: 'membershipId', message: "The membership is another provider's" });
  if (membership && membership.status !== 'active')
    problems.push({ field: 'membershipId', message: `The membership is ${membership.status}` });
  if (!input.membershipId && !input.offFrameworkReason)
    problems.push({
      field: 'offFrameworkReason',
      message: "Give the reason for placing off framework, or choose the provider's membership",
    });

  const packageInput = packageInputFor(scheme, tenants, latest ? needsOf(latest).band : 'complex', input);
  const quote = await quotePackage(
    db,
    organisationId,
    membership,
    packageInput,
    input.startsOn,
    input.agreedWeeklyPricePence,
  );
  problems.push(...quote.problems);
  const price = quote.price;
  if (problems.length > 0 || !price) throw new ValidationError(problems);
  return { person, scheme, tenants, membership, price, packageInput };
}

/**
 * The weekly price of a package: the price agreed with the provider where the vehicle's prices
 * are not fixed (or off framework), else the rate card's in force on the start date.
 */
export async function quotePackage(
  db: Db,
  organisationId: string,
  membership: MembershipForPlacement | undefined,
  packageInput: PackageInput,
  startsOn: string,
  agreedWeeklyPricePence: number | null,
): Promise<{ price?: PackagePrice; problems: FieldError[] }> {
  if (agreedWeeklyPricePence !== null) {
    const problems: FieldError[] = membership?.pricesFixed
      ? [{ field: 'agreedWeeklyPricePence', message: 'Prices on this vehicle are fixed by the rate card' }]
      : [];
    const lines: PriceLine[] = [
      {
        label: 'Agreed weekly price',
        detail: membership ? 'Agreed with the provider' : 'Spot purchase off framework',
        pence: agreedWeeklyPricePence,
      },
    ];
    return {
      problems,
      price: {
        basis: packageInput.basis,
        lines,
        weeklyPence: agreedWeeklyPricePence,
        annualPence: annualPence(agreedWeeklyPricePence),
      },
    };
  }
  if (!membership)
    return {
      problems: [
        { field: 'agreedWeeklyPricePence', message: 'Enter the agreed weekly price of an off-framework placement' },
      ],
    };
  const cards = await priceRepository.rateCardsOf(db, organisationId, membership.vehicleId);
  const card =
    cardInForce(
      cards.filter((row) => row.lotId === membership.lotId),
      startsOn,
    ) ??
    cardInForce(
      cards.filter((row) => row.lotId === null),
      startsOn,
    );
  const problem = card
    ? priceProblem(packageInput, card.rates)
    : `The vehicle has no rate card in force on ${startsOn}`;
  return problem
    ? { problems: [{ field: 'priceBasis', message: problem }] }
    : { problems: [], price: packagePrice(packageInput, card!.rates) };
}

export interface PlacementResult {
  status: number;
  placement: PlacementView;
}

/**
 * Places a person: a tenancy of the unit (or support in their own home) and the priced placement,
 * in one transaction. With an idempotency key, a retry returns the first result and creates nothing.
 */
/** A placement made from a referral: the accepted offer (or approved off-framework purchase) it comes from, and what else changes with it. */
export interface PlacementLink {
  referralId: string;
  offerId: string | null;
  choiceReason: string | null;
  /** Runs in the placement's transaction: the referral and its offers are closed with it. */
  alsoInTransaction: (tx: Db, placementId: string) => Promise<void>;
}

export async function createPlacement(
  db: Db,
  viewer: CurrentUser,
  input: PlacementInput,
  idempotencyKey?: string,
  link?: PlacementLink,
): Promise<PlacementResult> {
  const organisationId = staffOrganisation(viewer, ['brokerage_officer']);
  const placement = parseOrThrow(placementInput, input);
  const requestHash = createHash('sha256').update(JSON.stringify(placement)).digest('hex');
  const replay = async (): Promise<PlacementResult | undefined> => {
    if (!idempotencyKey) return undefined;
    const stored = await placementRepository.idempotentRequest(db, viewer.id, idempotencyKey);
    if (!stored) return undefined;
    if (stored.requestHash !== requestHash || stored.route !== 'placements.create') {
      throw new ValidationError([
        { field: 'Idempotency-Key', message: 'This Idempotency-Key was used for a different request' },
      ]);
    }
    return { status: stored.status, placement: stored.response as PlacementView };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const { person, scheme, tenants, membership, price, packageInput } = await preparePlacement(
    db,
    organisationId,
    placement,
  );
  const id = randomUUID();
  const tenancyId = placement.unitId ? randomUUID() : null;
  const row = {
    organisationId,
    id,
    personId: person.id,
    tenancyId,
    providerId: placement.providerId,
    vehicleId: membership?.vehicleId ?? null,
    membershipId: membership?.membershipId ?? null,
    lotId: membership?.lotId ?? null,
    offFramework: !membership,
    offFrameworkReason: membership ? null : placement.offFrameworkReason,
    referralId: link?.referralId ?? null,
    offerId: link?.offerId ?? null,
    choiceReason: link?.choiceReason ?? null,
    startsOn: placement.startsOn,
    endsOn: null,
    endReason: null,
    oneToOneMinutesPerWeek: placement.oneToOneMinutesPerWeek,
    coreShareMinutesPerWeek: coreShareMinutes(packageInput.coreMinutesPerWeek, tenants),
    tenantsAtStart: tenants,
    nightSupport: placement.nightSupport,
    funding: person.funding,
    paymentRoute: person.paymentRoute,
    priceBasis: price.basis,
    weeklyPricePence: price.weeklyPence,
    priceLines: price.lines,
    contributionPence: person.contributionPence,
    createdAt: new Date(),
    createdBy: viewer.id,
  };
  const names = await providerNames(db, [placement.providerId]);
  const view: PlacementView = {
    ...row,
    personName: person.name,
    providerName: names.get(placement.providerId) ?? '',
    annualPence: price.annualPence,
    inCounty: person.inCounty,
  };
  try {
    await db.transaction(async (tx) => {
      if (tenancyId)
        await schemeRepository.insertTenancies(tx, [
          {
            organisationId,
            id: tenancyId,
            unitId: placement.unitId!,
            personId: person.id,
            startsOn: placement.startsOn,
          },
        ]);
      await placementRepository.insertPlacements(tx, [row]);
      await link?.alsoInTransaction(tx, id);
      if (idempotencyKey) {
        await placementRepository.saveIdempotentRequest(tx, {
          userId: viewer.id,
          key: idempotencyKey,
          route: 'placements.create',
          requestHash,
          status: 201,
          response: JSON.parse(JSON.stringify(view)),
          createdAt: new Date(),
        });
      }
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'placement.create',
          recordType: 'person',
          recordId: person.id,
          after: {
            placement: id,
            scheme: scheme?.name ?? 'own home',
            unitId: placement.unitId,
            providerId: placement.providerId,
            offFramework: !membership,
            startsOn: placement.startsOn,
            weeklyPricePence: price.weeklyPence,
            lines: price.lines,
          },
          reason: membership ? (link?.choiceReason ?? null) : placement.offFrameworkReason,
        },
      ]);
    });
  } catch (error) {
    const retried = await replay();
    if (retried) return retried;
    if (isUniqueViolation(error, 'tenancies_current_unit_idx'))
      throw new ConflictError('This vacancy has just been taken: choose another', [
        { field: 'unitId', message: 'This vacancy has just been taken: choose another' },
      ]);
    if (
      isUniqueViolation(error, 'placements_current_person_idx') ||
      isUniqueViolation(error, 'tenancies_current_person_idx')
    ) {
      throw new ConflictError(`${person.name} already has a current placement: end it first`, [
        { field: 'personId', message: `${person.name} already has a current placement: end it first` },
      ]);
    }
    throw error;
  }
  return { status: 201, placement: view };
}

async function describePlacements(
  db: Db,
  organisationId: string,
  rows: readonly placementRepository.PlacementRow[],
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
  const row = isUuid(id) ? await placementRepository.placementById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  return (await describePlacements(db, organisationId, [row]))[0]!;
}

/** A person's placements, current and past, for anyone who may read their record. */
export async function placementsOfPerson(db: Db, viewer: CurrentUser, personId: string): Promise<PlacementView[]> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const { rows } = await placementRepository.findPlacements(db, { organisationId, personIds: [personId] });
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
  const row = isUuid(id) ? await placementRepository.placementById(db, id) : undefined;
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
    else await placementRepository.endPlacement(tx, organisationId, id, ending.endsOn, ending.reason);
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
  const { rows, total } = await placementRepository.findPlacements(
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
  const { rows } = await placementRepository.findPlacements(db, { organisationId, ...filter });
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
  const { rows } = await placementRepository.findPlacements(db, { organisationId, activeOn: date });
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

/**
 * Moves a scheme's care to another provider (a contract ending, or an unsuccessful provider's
 * services moving to a Tier 1 provider): people keep their homes and staff transfer under TUPE,
 * so every current placement there ends the day before and a new one starts on the same
 * tenancy with the new provider, priced from its rate card. All or nothing.
 */
export async function transferScheme(
  db: Db,
  viewer: CurrentUser,
  schemeId: string,
  input: SchemeTransferInput,
): Promise<{ scheme: SchemeView; ended: number; started: PlacementView[] }> {
  const organisationId = staffOrganisation(viewer, SCHEME_MANAGERS);
  const transfer = parseOrThrow(schemeTransferInput, input);
  // Staff see only their own organisation's schemes: another council's is not found.
  const view = await getScheme(db, viewer, schemeId);
  const problems: FieldError[] = [];
  if (view.scheme.careProviderId === transfer.careProviderId)
    problems.push({
      field: 'careProviderId',
      message: `${view.careProviderName} already provides care in ${view.scheme.name}`,
    });
  const membership = await membershipForPlacement(db, organisationId, transfer.membershipId);
  if (!membership || membership.providerId !== transfer.careProviderId)
    problems.push({
      field: 'membershipId',
      message: 'Choose a membership of the new provider on one of your vehicles',
    });
  else if (membership.status !== 'active')
    problems.push({ field: 'membershipId', message: `The membership is ${membership.status}` });
  const embargo = (await embargoedProviders(db, organisationId, isoDateInLondon(new Date()))).get(
    transfer.careProviderId,
  );
  if (embargo)
    problems.push({
      field: 'careProviderId',
      message: `The provider is under an embargo on new placements: ${embargo}`,
    });
  const tenancyIds = view.units.flatMap((unit) => (unit.tenancy ? [unit.tenancy.id] : []));
  const { rows: current } = await placementRepository.findPlacements(db, { organisationId, tenancyIds, current: true });
  const early = current.find((placement) => placement.startsOn >= transfer.transferOn);
  if (early)
    problems.push({
      field: 'transferOn',
      message: `A placement here began on ${early.startsOn}: the new provider can take over only after that`,
    });
  if (problems.length > 0) throw new ValidationError(problems);
  const people = new Map(
    (
      await peopleRepository.peopleByIds(
        db,
        organisationId,
        current.map((placement) => placement.personId),
      )
    ).map((person) => [person.id, person]),
  );
  const tenants = view.tenants;
  const rows: placementRepository.PlacementRow[] = [];
  for (const old of current) {
    const packageInput = packageInputFor(view.scheme, tenants, view.scheme.accommodationBand as NeedBand, {
      priceBasis: old.priceBasis as 'banded' | 'hourly',
      oneToOneMinutesPerWeek: old.oneToOneMinutesPerWeek,
      nightSupport: old.nightSupport as NightSupport,
    });
    const quote = await quotePackage(db, organisationId, membership, packageInput, transfer.transferOn, null);
    if (!quote.price)
      throw new ValidationError(quote.problems.map((problem) => ({ ...problem, field: 'membershipId' })));
    const person = people.get(old.personId)!;
    rows.push({
      ...old,
      id: randomUUID(),
      providerId: transfer.careProviderId,
      vehicleId: membership!.vehicleId,
      membershipId: membership!.membershipId,
      lotId: membership!.lotId,
      offFramework: false,
      offFrameworkReason: null,
      referralId: null,
      offerId: null,
      choiceReason: null,
      startsOn: transfer.transferOn,
      endsOn: null,
      endReason: null,
      coreShareMinutesPerWeek: coreShareMinutes(view.scheme.coreMinutesPerWeek, tenants),
      tenantsAtStart: tenants,
      funding: person.funding,
      paymentRoute: person.paymentRoute,
      priceBasis: quote.price.basis,
      weeklyPricePence: quote.price.weeklyPence,
      priceLines: quote.price.lines,
      contributionPence: person.contributionPence,
      createdAt: new Date(),
      createdBy: viewer.id,
    });
  }
  const lastDay = addDays(transfer.transferOn, -1);
  await db.transaction(async (tx) => {
    for (const old of current)
      await placementRepository.endPlacement(tx, organisationId, old.id, lastDay, 'provider-change');
    await placementRepository.insertPlacements(tx, rows);
    await schemeRepository.updateScheme(tx, organisationId, schemeId, {
      careProviderId: transfer.careProviderId,
      membershipId: transfer.membershipId,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'scheme.transfer',
        recordType: 'scheme',
        recordId: schemeId,
        reason: transfer.reason,
        before: { careProviderId: view.scheme.careProviderId, membershipId: view.scheme.membershipId },
        after: {
          careProviderId: transfer.careProviderId,
          membershipId: transfer.membershipId,
          transferOn: transfer.transferOn,
          placements: rows.length,
        },
      },
      ...rows.map((row) => ({
        action: 'placement.create',
        recordType: 'person',
        recordId: row.personId,
        after: {
          placement: row.id,
          scheme: view.scheme.name,
          providerId: row.providerId,
          startsOn: row.startsOn,
          weeklyPricePence: row.weeklyPricePence,
          lines: row.priceLines,
        },
        reason: 'Care moved to a new provider (TUPE)',
      })),
    ]);
  });
  return {
    scheme: await getScheme(db, viewer, schemeId),
    ended: current.length,
    started: await describePlacements(db, organisationId, rows),
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
  const rows = await placementRepository.currentPlacementsWithProvider(db, viewer.providerId);
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
