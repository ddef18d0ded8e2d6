// Placing a person: the placement checked (the person, the vacancy, the membership or the reason
// for buying off framework, embargoes) and priced, with its tenancy, in one transaction. Taking the
// last unit is safe under concurrency: the database allows one current tenancy per unit, so the
// second of two placements gets a clear conflict and writes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { membershipForPlacement } from '../procurement/market-service.ts';
import { providerNames } from '../providers/service.ts';
import { readinessProblems } from './domain/people.ts';
import { embargoProblems, membershipProblems, schemeProblems } from './domain/placements.ts';
import { contributionProblem, coreShareMinutes } from './domain/prices.ts';
import { embargoToday } from './embargo-service.ts';
import { placementInput, type PlacementInput } from './input.ts';
import { needsOf } from './people-service.ts';
import type { PlacementView } from './placement-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './placement-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

const vacancyTaken = () =>
  new ConflictError('This vacancy has just been taken: choose another', [
    { field: 'unitId', message: 'This vacancy has just been taken: choose another' },
  ]);

/** A vacancy of the organisation, free now: its scheme, and how many will share it once this placement starts. */
async function vacancyToPlace(db: Db, organisationId: string, unitId: string) {
  const vacancy = await schemeRepository.unitToPlace(db, organisationId, unitId);
  if (!vacancy) throw new ValidationError([{ field: 'unitId', message: 'Choose a vacancy of your organisation' }]);
  if (vacancy.taken) throw vacancyTaken();
  return { scheme: vacancy.scheme, tenants: vacancy.tenants + 1 };
}

/** Everything a placement needs, checked, and the price: or every problem found. */
async function preparePlacement(db: Db, organisationId: string, input: ReturnType<typeof placementInput.parse>) {
  const person = await peopleRepository.personById(db, organisationId, input.personId);
  if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
  const latest = (await peopleRepository.latestAssessments(db, organisationId, [person.id])).get(person.id);
  const embargo = await embargoToday(db, organisationId, input.providerId);
  const vacancy = input.unitId ? await vacancyToPlace(db, organisationId, input.unitId) : undefined;
  const scheme = vacancy?.scheme;
  const tenants = vacancy?.tenants ?? 1;
  const membership = input.membershipId
    ? await membershipForPlacement(db, organisationId, input.membershipId)
    : undefined;
  const packageInput = packageInputFor(scheme, tenants, latest ? needsOf(latest).band : 'complex', input);
  const quote = await quotePackage(
    db,
    organisationId,
    membership,
    packageInput,
    input.startsOn,
    input.agreedWeeklyPricePence,
  );
  const problems = [
    ...readinessProblems(person, latest !== undefined, 'placing'),
    ...embargoProblems('providerId', embargo),
    ...(scheme ? schemeProblems(scheme, input) : []),
    ...membershipProblems(membership, input),
    ...quote.problems,
  ];
  const price = quote.price;
  const overpaid = price && contributionProblem(person.name, person.contributionPence, price.weeklyPence);
  if (overpaid)
    problems.push({
      field: input.agreedWeeklyPricePence === null ? 'personId' : 'agreedWeeklyPricePence',
      message: overpaid,
    });
  if (problems.length > 0 || !price) throw new ValidationError(problems);
  return { person, scheme, tenants, membership, price, rateCardId: quote.rateCardId ?? null, packageInput };
}

export interface PlacementResult {
  status: number;
  placement: PlacementView;
}

/** A placement made from a referral: the accepted offer (or approved off-framework purchase) it comes from, and what else changes with it. */
export interface PlacementLink {
  referralId: string;
  offerId: string | null;
  choiceReason: string | null;
  /** More for the placement's audit event. */
  audited?: Record<string, unknown>;
  /** Runs in the placement's transaction: the referral and its offers are closed with it. */
  alsoInTransaction: (tx: Db, placementId: string) => Promise<void>;
}

/**
 * Places a person: a tenancy of the unit (or support in their own home) and the priced placement,
 * in one transaction. With an idempotency key, a retry returns the first result and creates nothing.
 */
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
    const stored = await repository.idempotentRequest(db, viewer.id, idempotencyKey);
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

  const { person, scheme, tenants, membership, price, rateCardId, packageInput } = await preparePlacement(
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
      await repository.insertPlacements(tx, [{ ...row, rateCardId }]);
      await link?.alsoInTransaction(tx, id);
      if (idempotencyKey) {
        await repository.saveIdempotentRequest(tx, {
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
            ...link?.audited,
          },
          reason: membership ? (link?.choiceReason ?? null) : placement.offFrameworkReason,
        },
      ]);
    });
  } catch (error) {
    const retried = await replay();
    if (retried) return retried;
    if (isUniqueViolation(error, 'tenancies_current_unit_idx')) throw vacancyTaken();
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
