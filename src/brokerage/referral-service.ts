// Referrals (report 001 §4.15-4.18): a social worker refers an assessed person for a placement
// under a vehicle; brokerage sees the shortlist of vacancies, each cascade step with who was
// offered the work and who was left out and why, and the acceptances ranked by the vehicle's rule.
// A referral no longer needed is withdrawn with its open offers.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, recordAuditAlone } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { zoneNamesOf } from '../organisations/service.ts';
import { membershipForPlacement, qualityScoresOn, vehicleMarket } from '../procurement/market-service.ts';
import { providerNames } from '../providers/service.ts';
import { CASCADE_STEPS, stepState, type CascadeStep, type OfferStatus } from './domain/cascade.ts';
import { readinessProblems } from './domain/people.ts';
import { rankAcceptances, type RankedAcceptance } from './domain/ranking.ts';
import {
  OPEN_REFERRAL_STATUSES,
  referralProblems,
  referralState,
  type ReferralState,
  type ReferralStatus,
} from './domain/referrals.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { referralInput, withdrawReferralInput, type ReferralFilter, type ReferralInput } from './input.ts';
import { PERSON_READERS, type CurrentNeeds } from './people-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import { contextOf, referralOf, withReferral, type ReferralContext } from './referral-context.ts';
import type { Vacancy } from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as placementRepository from './placement-repository.ts';
import * as repository from './referral-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

export const REFERRERS: readonly Role[] = ['social_worker', 'brokerage_officer'];

/** A social worker (or brokerage) refers an assessed person for a placement. */
export async function createReferral(db: Db, viewer: CurrentUser, input: ReferralInput): Promise<ReferralDetail> {
  const organisationId = staffOrganisation(viewer, REFERRERS);
  const referral = parseOrThrow(referralInput, input);
  const person = await peopleRepository.personById(db, organisationId, referral.personId);
  if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
  const assessed = (await peopleRepository.latestAssessments(db, organisationId, [person.id])).has(person.id);
  const market = await vehicleMarket(db, organisationId, referral.vehicleId);
  const zones = await zoneNamesOf(db, organisationId);
  const now = new Date();
  const problems = [
    ...readinessProblems(person, assessed, 'referring'),
    ...referralProblems({
      zoneIds: referral.zoneIds,
      knownZoneIds: new Set(zones.keys()),
      vehicleHasProviders: market !== undefined && market.memberships.length > 0,
    }),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  const { rows: open } = await repository.findReferrals(
    db,
    { organisationId, personId: person.id, statuses: OPEN_REFERRAL_STATUSES },
    0,
    1,
  );
  if (open.length > 0)
    throw new ConflictError(`${person.name} already has an open referral`, [
      { field: 'personId', message: `${person.name} already has an open referral` },
    ]);
  const row = {
    organisationId,
    id: randomUUID(),
    ...referral,
    zoneIds: [...new Set(referral.zoneIds)],
    referredBy: viewer.id,
    status: 'new',
    step: null,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await repository.insertReferral(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'referral.create',
        recordType: 'person',
        recordId: person.id,
        after: {
          referral: row.id,
          startBy: row.startBy,
          zones: row.zoneIds.map((id) => zones.get(id)),
          urgency: row.urgency,
        },
      },
    ]);
  });
  return getReferral(db, viewer, row.id);
}

export interface ReferralSummary {
  id: string;
  personId: string;
  personName: string;
  caseReference: string;
  /** When it was made: the London day. */
  referredOn: string;
  startBy: string;
  urgency: string;
  status: ReferralStatus;
  step: CascadeStep | null;
  awaiting: number;
  accepted: number;
}

export type ReferralSortKey = repository.ReferralSortKey;
/** Soonest start first, unless another order is asked for. */
export const REFERRAL_ORDER = { key: 'startBy', direction: 'asc' } as const satisfies {
  key: ReferralSortKey;
  direction: 'asc' | 'desc';
};

/** The statuses a filter keeps: the open ones unless another, or all, is chosen. */
const statusesOf = (status: ReferralFilter['status']) =>
  status === 'all' ? undefined : status === 'open' ? OPEN_REFERRAL_STATUSES : [status];

/** The organisation's referrals, or one person's, filtered and sorted in the database, a page at a time. */
export async function listReferrals(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<Partial<ReferralFilter> & { personId?: string }, ReferralSortKey>,
): Promise<Page<ReferralSummary>> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findReferrals(
    db,
    {
      organisationId,
      statuses: statusesOf(filter.status ?? 'open'),
      personId: filter.personId,
      zoneId: filter.zoneId,
      referredBy: filter.referredBy === 'me' ? viewer.id : undefined,
      search: filter.search,
    },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  const offers = await repository.offersOfReferrals(
    db,
    organisationId,
    rows.map((row) => row.id),
  );
  return pageOf(
    rows.map((row) => {
      const current = offers.filter((offer) => offer.referralId === row.id && offer.step === row.step);
      return {
        id: row.id,
        personId: row.personId,
        personName: row.personName,
        caseReference: row.caseReference,
        referredOn: isoDateInLondon(row.createdAt),
        startBy: row.startBy,
        urgency: row.urgency,
        status: row.status as ReferralStatus,
        step: row.step as CascadeStep | null,
        awaiting: current.filter((offer) => offer.status === 'awaiting').length,
        accepted: current.filter((offer) => offer.status === 'accepted').length,
      };
    }),
    total,
    page,
    pageSize,
  );
}

export interface OfferView extends repository.OfferRow {
  providerName: string;
}

export interface ReferralDetail {
  referral: repository.ReferralRow;
  status: ReferralStatus;
  person: {
    id: string;
    name: string;
    caseReference: string;
    clientGroups: string[];
    inCounty: boolean;
    paymentRoute: string;
  };
  needs: CurrentNeeds;
  vehicleName: string;
  zoneNames: string[];
  shortlist: { suitable: Vacancy[]; excluded: { vacancy: Vacancy; reasons: string[] }[] };
  steps: (repository.CascadeStepRow & { offers: OfferView[] })[];
  /** Acceptances at the current step, ranked by the vehicle's rule, once nobody is left to answer. */
  ranked: RankedAcceptance[];
  /** What brokerage can do next. */
  state: ReferralState;
  offFrameworkProviderName: string | null;
  placementId: string | null;
}

async function rankedAcceptances(
  db: Db,
  context: ReferralContext,
  offers: readonly OfferView[],
  viewerId: string,
): Promise<RankedAcceptance[]> {
  const qualityScores = await qualityScoresOn(db, context.referral.vehicleId, viewerId);
  const acceptances = await Promise.all(
    offers
      .filter((offer) => offer.status === 'accepted' && offer.step === context.referral.step)
      .map(async (offer) => ({
        offerId: offer.id,
        providerId: offer.providerId,
        providerName: offer.providerName,
        step: offer.step as CascadeStep,
        qualityScore: qualityScores.get(offer.providerId) ?? null,
        weeklyPricePence: (await proposedPrice(db, context, offer)) ?? 0,
        respondedAt: offer.respondedAt!.toISOString(),
      })),
  );
  return rankAcceptances(acceptances, context.market.settings.ranking);
}

/** The weekly price of an accepted offer: the provider's own, or the rate card's for its proposal. */
async function proposedPrice(
  db: Db,
  context: ReferralContext,
  offer: repository.OfferRow,
): Promise<number | undefined> {
  const proposal = offer.proposal!;
  if (proposal.weeklyPricePence !== null) return proposal.weeklyPricePence;
  const membership = offer.membershipId
    ? await membershipForPlacement(db, context.referral.organisationId, offer.membershipId)
    : undefined;
  const entry = proposal.unitId
    ? [...context.shortlist.suitable, ...context.shortlist.excluded.map((e) => e.vacancy)].find(
        (candidate) => candidate.unitId === proposal.unitId,
      )
    : undefined;
  const scheme = entry ? await schemeRepository.schemeById(db, entry.vacancy.schemeId) : undefined;
  const care = {
    priceBasis: scheme ? ('banded' as const) : ('hourly' as const),
    oneToOneMinutesPerWeek: proposal.oneToOneMinutesPerWeek,
    nightSupport: context.needs.nightSupport,
  };
  const quote = await quotePackage(
    db,
    context.referral.organisationId,
    membership,
    packageInputFor(scheme, (entry?.vacancy.tenants ?? 0) + 1, context.needs.band, care),
    proposal.startsOn,
    null,
  );
  return quote.price?.weeklyPence;
}

export async function describeReferral(
  db: Db,
  viewer: CurrentUser,
  referral: repository.ReferralRow,
): Promise<ReferralDetail> {
  const today = isoDateInLondon(new Date());
  const context = await contextOf(db, referral, today);
  const [steps, offers] = await Promise.all([
    repository.cascadeStepsOf(db, referral.organisationId, [referral.id]),
    repository.offersOfReferrals(db, referral.organisationId, [referral.id]),
  ]);
  const names = await providerNames(db, [
    ...offers.map((offer) => offer.providerId),
    ...(referral.offFrameworkProviderId ? [referral.offFrameworkProviderId] : []),
  ]);
  const offerViews = offers.map((offer) => ({ ...offer, providerName: names.get(offer.providerId) ?? '' }));
  const current = offerViews
    .filter((offer) => offer.step === referral.step)
    .map((offer) => offer.status as OfferStatus);
  const status = referral.status as ReferralStatus;
  const state = referralState(status, referral.step ? stepState(current) : undefined);
  const { rows: placements } = await placementRepository.findPlacements(db, {
    organisationId: referral.organisationId,
    personIds: [referral.personId],
  });
  return {
    referral,
    status,
    vehicleName: context.market.name,
    needs: context.needs,
    zoneNames: referral.zoneIds.map((id) => context.zoneNames.get(id) ?? ''),
    person: {
      id: context.person.id,
      name: context.person.name,
      caseReference: context.person.caseReference,
      clientGroups: context.person.clientGroups,
      inCounty: context.person.inCounty,
      paymentRoute: context.person.paymentRoute,
    },
    shortlist: {
      suitable: context.shortlist.suitable.map((entry) => entry.vacancy),
      excluded: context.shortlist.excluded.map((entry) => ({ vacancy: entry.vacancy.vacancy, reasons: entry.reasons })),
    },
    steps: [...steps]
      .sort((a, b) => CASCADE_STEPS.indexOf(a.step as CascadeStep) - CASCADE_STEPS.indexOf(b.step as CascadeStep))
      .map((step) => ({ ...step, offers: offerViews.filter((offer) => offer.step === step.step) })),
    ranked: state === 'choose' ? await rankedAcceptances(db, context, offerViews, viewer.id) : [],
    state,
    offFrameworkProviderName: referral.offFrameworkProviderId
      ? (names.get(referral.offFrameworkProviderId) ?? null)
      : null,
    placementId: placements.find((placement) => placement.referralId === referral.id)?.id ?? null,
  };
}

/** A referral with its shortlist, cascade and ranked acceptances; a view of the person, so audited. */
export async function getReferral(db: Db, viewer: CurrentUser, id: string): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, PERSON_READERS);
  const detail = await describeReferral(db, viewer, referral);
  await recordAuditAlone(db, actorOf(viewer), [
    { action: 'person.view', recordType: 'person', recordId: referral.personId, after: { referral: referral.id } },
  ]);
  return detail;
}

/** The referral is no longer needed: open offers are withdrawn with it. */
export async function withdrawReferral(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { reason: string },
): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, REFERRERS);
  const { reason } = parseOrThrow(withdrawReferralInput, input);
  await withReferral(db, referral, OPEN_REFERRAL_STATUSES, async (tx) => {
    await repository.closeOffers(tx, referral.organisationId, referral.id, 'awaiting', 'withdrawn');
    await repository.closeOffers(tx, referral.organisationId, referral.id, 'accepted', 'withdrawn');
    await repository.updateReferral(tx, referral.organisationId, referral.id, {
      status: 'withdrawn',
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'referral.withdraw',
        recordType: 'person',
        recordId: referral.personId,
        after: { referral: referral.id },
        reason,
      },
    ]);
  });
  return getReferral(db, viewer, id);
}
