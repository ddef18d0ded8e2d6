// Placing a person: the placement checked (the person, the vacancy, the membership or the reason
// for buying off framework, embargoes) and priced, with its tenancy, in one transaction. Taking the
// last unit is safe under concurrency: the database allows one current tenancy per unit, so the
// second of two placements gets a clear conflict and writes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { membershipForPlacement, type MembershipForPlacement } from '../procurement/market-service.ts';
import { providerNames } from '../providers/service.ts';
import { readinessProblems } from './domain/people.ts';
import { embargoProblems, membershipProblems, schemeProblems } from './domain/placements.ts';
import { contributionProblem, coreShareMinutes } from './domain/prices.ts';
import { embargoedProviders, embargoToday } from './embargo-service.ts';
import { placementInput, type PlacementInput } from './input.ts';
import { needsOf } from './people-service.ts';
import type { PlacementView } from './placement-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as priceRepository from './price-repository.ts';
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

/**
 * What preparing a placement reads, besides its unit: straight from the database for one placement,
 * or, for many at once, each thing read once ({@link readsForMany}).
 */
interface PlacementReads {
  person(
    personId: string,
  ): Promise<{ person: peopleRepository.PersonRow; latest?: peopleRepository.AssessmentRow } | undefined>;
  embargo(providerId: string): Promise<string | undefined>;
  membership(membershipId: string): Promise<MembershipForPlacement | undefined>;
  rateCards(vehicleId: string): Promise<priceRepository.RateCardRow[]>;
}

function readsForOne(db: Db, organisationId: string): PlacementReads {
  return {
    async person(personId) {
      const person = await peopleRepository.personById(db, organisationId, personId);
      if (!person) return undefined;
      return {
        person,
        latest: (await peopleRepository.latestAssessments(db, organisationId, [person.id])).get(person.id),
      };
    },
    embargo: (providerId) => embargoToday(db, organisationId, providerId),
    membership: (membershipId) => membershipForPlacement(db, organisationId, membershipId),
    rateCards: (vehicleId) => priceRepository.rateCardsOf(db, organisationId, vehicleId),
  };
}

/** The first read of each key, kept: the rest are answered from it. */
function readOnce<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (key) => {
    if (!kept.has(key)) kept.set(key, read(key));
    return kept.get(key)!;
  };
}

/** For many placements: the people and their assessments in two reads, the embargoes in one, each membership and vehicle's cards once. */
async function readsForMany(db: Db, organisationId: string, personIds: readonly string[]): Promise<PlacementReads> {
  const one = readsForOne(db, organisationId);
  const people = new Map(
    (await peopleRepository.peopleByIds(db, organisationId, personIds)).map((person) => [person.id, person]),
  );
  const latest = await peopleRepository.latestAssessments(db, organisationId, [...people.keys()]);
  const embargoes = await embargoedProviders(db, organisationId, isoDateInLondon(new Date()));
  return {
    person: async (personId) => {
      const person = people.get(personId);
      return person && { person, latest: latest.get(personId) };
    },
    embargo: async (providerId) => embargoes.get(providerId),
    membership: readOnce(one.membership),
    rateCards: readOnce(one.rateCards),
  };
}

/** Everything a placement needs, checked, and the price: or every problem found. */
async function preparePlacement(
  db: Db,
  reads: PlacementReads,
  organisationId: string,
  input: ReturnType<typeof placementInput.parse>,
) {
  const found = await reads.person(input.personId);
  if (!found) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
  const { person, latest } = found;
  const embargo = await reads.embargo(input.providerId);
  const vacancy = input.unitId ? await vacancyToPlace(db, organisationId, input.unitId) : undefined;
  const scheme = vacancy?.scheme;
  const tenants = vacancy?.tenants ?? 1;
  const membership = input.membershipId ? await reads.membership(input.membershipId) : undefined;
  const packageInput = packageInputFor(scheme, tenants, latest ? needsOf(latest).band : 'complex', input);
  const quote = await quotePackage(
    db,
    organisationId,
    membership,
    packageInput,
    input.startsOn,
    input.agreedWeeklyPricePence,
    reads.rateCards,
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

type ParsedPlacement = ReturnType<typeof placementInput.parse>;

/** A placement ready to write: its rows, what the caller is answered, and its audit entry. */
function placementRecord(
  viewer: CurrentUser,
  organisationId: string,
  placement: ParsedPlacement,
  prepared: Awaited<ReturnType<typeof preparePlacement>>,
  providerNames: ReadonlyMap<string, string>,
  link?: PlacementLink,
) {
  const { person, scheme, tenants, membership, price, rateCardId, packageInput } = prepared;
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
  const view: PlacementView = {
    ...row,
    personName: person.name,
    providerName: providerNames.get(placement.providerId) ?? '',
    annualPence: price.annualPence,
    inCounty: person.inCounty,
  };
  const tenancy = tenancyId
    ? { organisationId, id: tenancyId, unitId: placement.unitId!, personId: person.id, startsOn: placement.startsOn }
    : undefined;
  const audit: AuditEntry = {
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
  };
  return { row: { ...row, rateCardId }, view, tenancy, audit };
}

async function writePlacement(tx: Db, record: ReturnType<typeof placementRecord>): Promise<void> {
  if (record.tenancy) await schemeRepository.insertTenancies(tx, [record.tenancy]);
  await repository.insertPlacements(tx, [record.row]);
}

/** The database's refusal of a second current tenancy or placement, said as the clash it is. */
function placementConflict(error: unknown, personName: string): unknown {
  if (isUniqueViolation(error, 'tenancies_current_unit_idx')) return vacancyTaken();
  if (
    isUniqueViolation(error, 'placements_current_person_idx') ||
    isUniqueViolation(error, 'tenancies_current_person_idx')
  ) {
    const message = `${personName} already has a current placement: end it first`;
    return new ConflictError(message, [{ field: 'personId', message }]);
  }
  return error;
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

  const prepared = await preparePlacement(db, readsForOne(db, organisationId), organisationId, placement);
  const names = await providerNames(db, [placement.providerId]);
  const record = placementRecord(viewer, organisationId, placement, prepared, names, link);
  try {
    await db.transaction(async (tx) => {
      await writePlacement(tx, record);
      await link?.alsoInTransaction(tx, record.row.id);
      if (idempotencyKey) {
        await repository.saveIdempotentRequest(tx, {
          userId: viewer.id,
          key: idempotencyKey,
          route: 'placements.create',
          requestHash,
          status: 201,
          response: JSON.parse(JSON.stringify(record.view)),
          createdAt: new Date(),
        });
      }
      await recordAudit(tx, actorOf(viewer), [record.audit]);
    });
  } catch (error) {
    const retried = await replay();
    if (retried) return retried;
    throw placementConflict(error, prepared.person.name);
  }
  return { status: 201, placement: record.view };
}

/**
 * Places many people at once (a council's placements brought in), each checked and priced as it
 * would be on its own, in turn, so a later one sees the units and schemes the earlier ones took:
 * one transaction, all or none, one audit append, and what they share (people, embargoes,
 * memberships, rate cards, provider names) read once.
 */
export async function createPlacements(
  db: Db,
  viewer: CurrentUser,
  inputs: readonly PlacementInput[],
): Promise<PlacementView[]> {
  const organisationId = staffOrganisation(viewer, ['brokerage_officer']);
  const placements = inputs.map((input) => parseOrThrow(placementInput, input));
  if (placements.length === 0) return [];
  return db.transaction(async (tx) => {
    const reads = await readsForMany(
      tx,
      organisationId,
      placements.map((placement) => placement.personId),
    );
    const names = await providerNames(
      tx,
      placements.map((placement) => placement.providerId),
    );
    const records: ReturnType<typeof placementRecord>[] = [];
    for (const placement of placements) {
      const prepared = await preparePlacement(tx, reads, organisationId, placement);
      const record = placementRecord(viewer, organisationId, placement, prepared, names);
      await writePlacement(tx, record).catch((error: unknown) => {
        throw placementConflict(error, prepared.person.name);
      });
      records.push(record);
    }
    await recordAudit(
      tx,
      actorOf(viewer),
      records.map((record) => record.audit),
    );
    return records.map((record) => record.view);
  });
}
