// Referrals and the offer cascade (DOMAIN.md, "Tiers and zones"; report 001 §4.15-4.19). A social
// worker refers a person; brokerage sees the shortlist of vacancies and sends the referral down the
// vehicle's cascade: Tier 1, Tier 2, specialist, and only then off framework with a commissioner's
// approval. Each step is stored with who was offered the work, who was left out and why. Providers
// answer; unanswered offers lapse on their own and the cascade moves on; acceptances are ranked by
// the vehicle's rule and the person's choice becomes the placement.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { recordAudit, recordAuditAlone, type Actor } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, WorkingDays, type Nation } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldError,
} from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { organisationsByIds, zoneNamesOf } from '../organisations/service.ts';
import {
  membershipForPlacement,
  qualityScoresOn,
  vehicleMarket,
  type VehicleMarket,
} from '../procurement/market-service.ts';
import type { LotServiceType, NeedBand } from '../procurement/domain/vehicles.ts';
import { providerNames, providerSpecialisms } from '../providers/service.ts';
import {
  CASCADE_STEPS,
  hasLapsed,
  offereesAt,
  respondBy,
  stepAfter,
  stepState,
  type CascadeProvider,
  type CascadeStep,
  type OfferStatus,
} from './domain/cascade.ts';
import { ageOn, CQC_SPECIALISM_FOR, type ClientGroup, type CompatibilityProfile } from './domain/people.ts';
import { choiceProblem, rankAcceptances, type RankedAcceptance } from './domain/ranking.ts';
import { shortlist, type Shortlist, type ShortlistVacancy } from './domain/shortlist.ts';
import { acceptanceProblems } from './domain/offer-answer.ts';
import {
  choiceInput,
  offerResponseInput,
  offFrameworkDecisionInput,
  offFrameworkPlacementInput,
  offFrameworkRequestInput,
  referralInput,
  withdrawReferralInput,
  type OfferResponseInput,
  type ReferralInput,
} from './input.ts';
import { needsOf, PERSON_READERS, staffOrganisation, type CurrentNeeds } from './people-service.ts';
import { embargoedProviders } from './embargo-service.ts';
import { createPlacement } from './new-placement-service.ts';
import type { PlacementView } from './placement-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import { describeSchemes, vacanciesIn, type Vacancy } from './scheme-service.ts';
import type { OfferProposal } from './schema.ts';
import * as peopleRepository from './people-repository.ts';
import * as placementRepository from './placement-repository.ts';
import * as referralRepository from './referral-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

export const REFERRERS: readonly Role[] = ['social_worker', 'brokerage_officer'];

export const REFERRAL_STATUSES = [
  'new',
  'offering',
  'needs-off-framework',
  'off-framework-requested',
  'off-framework-approved',
  'placed',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  new: 'New: offers not sent',
  offering: 'Offered to providers',
  'needs-off-framework': 'No provider on the framework accepted',
  'off-framework-requested': 'Off-framework purchase awaiting approval',
  'off-framework-approved': 'Off-framework purchase approved',
  placed: 'Placed',
  withdrawn: 'Withdrawn',
};
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'new',
  'offering',
  'needs-off-framework',
  'off-framework-requested',
  'off-framework-approved',
];

/** What the lapse job writes in the audit trail as the one who acted. */
const DEADLINE_ACTOR = (organisationId: string): Actor => ({ userId: null, label: 'offer deadline', organisationId });

export interface ShortlistEntry extends ShortlistVacancy {
  vacancy: Vacancy;
}

/** The person, their current needs and the vehicle a referral is for: what every view of it shows. */
interface ReferralBasics {
  referral: referralRepository.ReferralRow;
  person: peopleRepository.PersonRow;
  needs: CurrentNeeds;
  market: VehicleMarket;
  zoneNames: Map<string, string>;
}

/** Everything the cascade and the shortlist need about one referral, read once. */
interface ReferralContext extends ReferralBasics {
  embargoes: Map<string, string>;
  shortlist: Shortlist<ShortlistEntry>;
  providers: CascadeProvider[];
  calendar: WorkingDays;
}

async function basicsOf(db: Db, referral: referralRepository.ReferralRow): Promise<ReferralBasics> {
  const { organisationId } = referral;
  const [person, latest, market, zoneNames] = await Promise.all([
    peopleRepository.personById(db, organisationId, referral.personId),
    peopleRepository.latestAssessments(db, organisationId, [referral.personId]),
    vehicleMarket(db, organisationId, referral.vehicleId),
    zoneNamesOf(db, organisationId),
  ]);
  // A referral is only made for an assessed person, under one of the organisation's vehicles.
  return { referral, person: person!, needs: needsOf(latest.get(referral.personId)!), market: market!, zoneNames };
}

const profileOf = (person: peopleRepository.PersonRow, needs: CurrentNeeds | undefined): CompatibilityProfile => ({
  personId: person.id,
  name: person.name,
  traits: needs?.compatibility.traits ?? [],
  avoids: needs?.compatibility.avoids ?? [],
  mustNotLiveWith: needs?.compatibility.mustNotLiveWith ?? [],
});

async function contextOf(db: Db, referral: referralRepository.ReferralRow, today: string): Promise<ReferralContext> {
  const { organisationId } = referral;
  const [basics, embargoes, views] = await Promise.all([
    basicsOf(db, referral),
    embargoedProviders(db, organisationId, today),
    schemeRepository.schemesOf(db, { organisationId }).then((rows) => describeSchemes(db, rows, today)),
  ]);
  const { person, needs, market, zoneNames } = basics;
  const vacancies = vacanciesIn(views);
  const schemesWithVacancies = new Set(vacancies.map((vacancy) => vacancy.schemeId));
  const tenantIds = views
    .filter((view) => schemesWithVacancies.has(view.scheme.id))
    .flatMap((view) => view.units.flatMap((unit) => (unit.tenancy ? [unit.tenancy.personId] : [])));
  const [tenants, tenantNeeds] = await Promise.all([
    peopleRepository.peopleByIds(db, organisationId, tenantIds),
    peopleRepository.latestAssessments(db, organisationId, tenantIds),
  ]);
  const tenantProfiles = new Map(
    tenants.map((tenant) => [
      tenant.id,
      profileOf(tenant, tenantNeeds.has(tenant.id) ? needsOf(tenantNeeds.get(tenant.id)!) : undefined),
    ]),
  );
  const membershipStatus = new Map(
    market.memberships.map((membership) => [membership.membershipId, membership.status]),
  );
  const entries = vacancies.map((vacancy): ShortlistEntry => {
    const embargo = vacancy.careProviderId ? embargoes.get(vacancy.careProviderId) : undefined;
    const status = vacancy.membershipId ? membershipStatus.get(vacancy.membershipId) : undefined;
    const view = views.find((candidate) => candidate.scheme.id === vacancy.schemeId)!;
    return {
      vacancy,
      unitId: vacancy.unitId,
      zoneId: vacancy.zoneId,
      accommodationBand: vacancy.accommodationBand,
      features: vacancy.features,
      providerName: vacancy.careProviderName ?? 'no care provider',
      providerBlocked: embargo
        ? `under an embargo on new placements: ${embargo}`
        : status === 'suspended' || status === 'removed'
          ? `membership ${status}`
          : undefined,
      readyOn: vacancy.expectedReadyOn ?? undefined,
      tenants: view.units.flatMap((unit) =>
        unit.tenancy && tenantProfiles.has(unit.tenancy.personId) ? [tenantProfiles.get(unit.tenancy.personId)!] : [],
      ),
    };
  });
  const list = shortlist(
    {
      ...profileOf(person, needs),
      band: needs.band,
      requiredFeatures: needs.requiredFeatures,
      zoneIds: referral.zoneIds,
      startBy: referral.startBy,
    },
    entries,
    zoneNames,
  );
  const providerIds = [...new Set(market.memberships.map((membership) => membership.providerId))];
  const [names, specialisms] = await Promise.all([
    providerNames(db, providerIds),
    providerSpecialisms(db, providerIds),
  ]);
  const withSuitableVacancy = new Set(list.suitable.map((entry) => entry.vacancy.careProviderId));
  const providers = providerIds.map((providerId): CascadeProvider => ({
    providerId,
    name: names.get(providerId) ?? '',
    specialisms: specialisms.get(providerId) ?? [],
    embargo: embargoes.get(providerId),
    hasSuitableVacancy: withSuitableVacancy.has(providerId),
    memberships: market.memberships
      .filter((membership) => membership.providerId === providerId)
      .map((membership) => ({
        membershipId: membership.membershipId,
        zoneId: membership.zoneId,
        band: membership.band as NeedBand,
        serviceType: membership.serviceType as LotServiceType,
        tier: membership.tier,
        status: membership.status,
      })),
  }));
  return {
    ...basics,
    embargoes,
    shortlist: list,
    providers,
    calendar: WorkingDays.forNations(bankHolidays(), [market.nation as Nation]),
  };
}

/**
 * Moves the referral on while its current step has nobody left to answer and nobody accepted:
 * each next step is recorded with its offerees and exclusions, and a step that offers nobody is
 * passed straight on. Reaching off framework leaves it for brokerage to ask a commissioner.
 */
async function moveCascadeOn(tx: Tx, context: ReferralContext, actor: Actor, now: Date): Promise<void> {
  const { referral } = context;
  const today = isoDateInLondon(now);
  let step = referral.step as CascadeStep | null;
  for (;;) {
    if (step) {
      const statuses = (await referralRepository.offersOfReferrals(tx, referral.organisationId, [referral.id]))
        .filter((offer) => offer.step === step)
        .map((offer) => offer.status as OfferStatus);
      if (stepState(statuses) !== 'move-on') return;
    }
    const next = step ? stepAfter(step) : 'tier1';
    if (!next) return;
    const base = {
      organisationId: referral.organisationId,
      referralId: referral.id,
      step: next,
      startedAt: now,
      startedBy: actor.userId,
    };
    if (next === 'off-framework') {
      await referralRepository.insertCascadeStep(tx, {
        ...base,
        excluded: [],
        emptyBecause:
          "No provider on the framework accepted: a spot purchase needs a reason and a commissioner's approval",
      });
      await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
        step: next,
        status: 'needs-off-framework',
        updatedAt: now,
      });
      await recordAudit(tx, actor, [
        {
          action: 'referral.cascade-step',
          recordType: 'person',
          recordId: referral.personId,
          after: { referral: referral.id, step: next },
        },
      ]);
      return;
    }
    const outcome = offereesAt(
      next,
      {
        zoneIds: referral.zoneIds,
        band: context.needs.band,
        specialisms: [...new Set(context.person.clientGroups.map((group) => CQC_SPECIALISM_FOR[group as ClientGroup]))],
      },
      context.providers,
      {
        responseWorkingDays: context.market.settings.offerResponseWorkingDays,
        tier2Mode: context.market.settings.tier2Mode,
        tiered: context.market.settings.tiered,
      },
      context.zoneNames,
    );
    const nameOf = (providerId: string) =>
      context.providers.find((provider) => provider.providerId === providerId)?.name ?? '';
    const excluded = outcome.excluded.map((exclusion) => ({
      ...exclusion,
      providerName: nameOf(exclusion.providerId),
    }));
    const deadline = respondBy(today, context.market.settings.offerResponseWorkingDays, context.calendar);
    await referralRepository.insertCascadeStep(tx, { ...base, excluded, emptyBecause: outcome.emptyBecause ?? null });
    await referralRepository.insertOffers(
      tx,
      outcome.offered.map((offeree) => ({
        organisationId: referral.organisationId,
        id: randomUUID(),
        referralId: referral.id,
        step: next,
        providerId: offeree.providerId,
        membershipId: offeree.membershipId,
        reason: offeree.reason,
        sentAt: now,
        respondBy: deadline,
        status: 'awaiting',
      })),
    );
    await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
      step: next,
      status: 'offering',
      updatedAt: now,
    });
    await recordAudit(tx, actor, [
      {
        action: 'referral.cascade-step',
        recordType: 'person',
        recordId: referral.personId,
        after: {
          referral: referral.id,
          step: next,
          offered: outcome.offered.map((offeree) => `${nameOf(offeree.providerId)}: ${offeree.reason}`),
          excluded: excluded.map((e) => `${e.providerName}: ${e.reason}`),
          respondBy: deadline,
          emptyBecause: outcome.emptyBecause ?? null,
        },
      },
    ]);
    step = next;
  }
}

async function referralOf(
  db: Db,
  viewer: CurrentUser,
  id: string,
  roles: readonly Role[],
): Promise<referralRepository.ReferralRow> {
  const organisationId = staffOrganisation(viewer, roles);
  const referral = isUuid(id) ? await referralRepository.referralById(db, id) : undefined;
  if (!referral || referral.organisationId !== organisationId) throw new NotFoundError();
  return referral;
}

/** A social worker (or brokerage) refers an assessed person for a placement. */
export async function createReferral(db: Db, viewer: CurrentUser, input: ReferralInput): Promise<ReferralDetail> {
  const organisationId = staffOrganisation(viewer, REFERRERS);
  const referral = parseOrThrow(referralInput, input);
  const problems: FieldError[] = [];
  const person = await peopleRepository.personById(db, organisationId, referral.personId);
  if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
  if (!(await peopleRepository.latestAssessments(db, organisationId, [person.id])).has(person.id))
    problems.push({ field: 'personId', message: `Record ${person.name}'s assessed needs before referring them` });
  if (person.status !== 'active')
    problems.push({ field: 'personId', message: `${person.name}'s record is not active` });
  const market = await vehicleMarket(db, organisationId, referral.vehicleId);
  if (!market || market.memberships.length === 0)
    problems.push({
      field: 'vehicleId',
      message: 'Choose a framework or DPS of your organisation with providers on it',
    });
  const zones = await zoneNamesOf(db, organisationId);
  if (referral.zoneIds.some((zoneId) => !zones.has(zoneId)))
    problems.push({ field: 'zoneIds', message: 'Choose zones of your organisation' });
  const now = new Date();
  if (referral.startBy < isoDateInLondon(now))
    problems.push({ field: 'startBy', message: 'The start-by date cannot be in the past' });
  if (problems.length > 0) throw new ValidationError(problems);
  const { rows: open } = await referralRepository.findReferrals(
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
    await referralRepository.insertReferral(tx, row);
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
  startBy: string;
  urgency: string;
  status: ReferralStatus;
  step: CascadeStep | null;
  awaiting: number;
  accepted: number;
}

export async function listReferrals(
  db: Db,
  viewer: CurrentUser,
  query: { status?: string; personId?: string; page?: number },
  pageSize = 25,
): Promise<Page<ReferralSummary>> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const page = query.page ?? 1;
  const statuses =
    query.status === 'open' || !query.status
      ? OPEN_REFERRAL_STATUSES
      : (REFERRAL_STATUSES as readonly string[]).includes(query.status)
        ? [query.status]
        : undefined;
  const { rows, total } = await referralRepository.findReferrals(
    db,
    { organisationId, statuses: query.status === 'all' ? undefined : statuses, personId: query.personId },
    (page - 1) * pageSize,
    pageSize,
  );
  const [people, offers] = await Promise.all([
    peopleRepository.peopleByIds(
      db,
      organisationId,
      rows.map((row) => row.personId),
    ),
    referralRepository.offersOfReferrals(
      db,
      organisationId,
      rows.map((row) => row.id),
    ),
  ]);
  const personById = new Map(people.map((person) => [person.id, person]));
  return pageOf(
    rows.map((row) => {
      const current = offers.filter((offer) => offer.referralId === row.id && offer.step === row.step);
      return {
        id: row.id,
        personId: row.personId,
        personName: personById.get(row.personId)?.name ?? '',
        caseReference: personById.get(row.personId)?.caseReference ?? '',
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

export interface OfferView extends referralRepository.OfferRow {
  providerName: string;
}

export interface ReferralDetail {
  referral: referralRepository.ReferralRow;
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
  steps: (referralRepository.CascadeStepRow & { offers: OfferView[] })[];
  /** Acceptances at the current step, ranked by the vehicle's rule, once nobody is left to answer. */
  ranked: RankedAcceptance[];
  /** What brokerage can do next. */
  state:
    | 'send-offers'
    | 'awaiting-answers'
    | 'choose'
    | 'request-off-framework'
    | 'awaiting-approval'
    | 'place-off-framework'
    | 'closed';
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
  offer: referralRepository.OfferRow,
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

async function describeReferral(
  db: Db,
  viewer: CurrentUser,
  referral: referralRepository.ReferralRow,
): Promise<ReferralDetail> {
  const today = isoDateInLondon(new Date());
  const context = await contextOf(db, referral, today);
  const [steps, offers] = await Promise.all([
    referralRepository.cascadeStepsOf(db, referral.organisationId, [referral.id]),
    referralRepository.offersOfReferrals(db, referral.organisationId, [referral.id]),
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
  const stepNow = referral.step ? stepState(current) : undefined;
  const state: ReferralDetail['state'] =
    status === 'new'
      ? 'send-offers'
      : status === 'offering'
        ? stepNow === 'choose'
          ? 'choose'
          : 'awaiting-answers'
        : status === 'needs-off-framework'
          ? 'request-off-framework'
          : status === 'off-framework-requested'
            ? 'awaiting-approval'
            : status === 'off-framework-approved'
              ? 'place-off-framework'
              : 'closed';
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

/** Runs `change` on the locked referral, if it is still in one of `statuses`. */
async function withReferral(
  db: Db,
  referral: referralRepository.ReferralRow,
  statuses: readonly ReferralStatus[],
  change: (tx: Tx, locked: referralRepository.ReferralRow) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await referralRepository.lockReferral(tx, referral.organisationId, referral.id);
    if (!locked || !statuses.includes(locked.status as ReferralStatus))
      throw new ConflictError(
        `This referral is now: ${REFERRAL_STATUS_LABELS[(locked?.status ?? 'withdrawn') as ReferralStatus].toLowerCase()}`,
      );
    await change(tx, locked);
  });
}

/** Brokerage sends the referral to the first step of the cascade (and on past any step that offers nobody). */
export async function sendOffers(db: Db, viewer: CurrentUser, id: string): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const now = new Date();
  const context = await contextOf(db, referral, isoDateInLondon(now));
  await withReferral(db, referral, ['new'], (tx, locked) =>
    moveCascadeOn(tx, { ...context, referral: locked }, actorOf(viewer), now),
  );
  return getReferral(db, viewer, id);
}

/** Lapses a referral's overdue offers and moves its cascade on; the caller holds the lock. */
async function lapseOverdue(tx: Tx, context: ReferralContext, actor: Actor, now: Date): Promise<number> {
  const today = isoDateInLondon(now);
  const overdue = (
    await referralRepository.offersOfReferrals(tx, context.referral.organisationId, [context.referral.id])
  ).filter((offer) => hasLapsed({ status: offer.status as OfferStatus, respondBy: offer.respondBy }, today));
  for (const offer of overdue)
    await referralRepository.updateOffer(tx, offer.organisationId, offer.id, { status: 'lapsed' });
  if (overdue.length > 0) {
    await recordAudit(tx, actor, [
      {
        action: 'referral.offers-lapse',
        recordType: 'person',
        recordId: context.referral.personId,
        after: {
          referral: context.referral.id,
          offers: overdue.map((offer) => ({ providerId: offer.providerId, respondBy: offer.respondBy })),
        },
      },
    ]);
    await moveCascadeOn(tx, context, actor, now);
  }
  return overdue.length;
}

/** A referral closed meanwhile (placed, withdrawn) has nothing left to lapse. */
const ignoreClosed = (error: unknown): void => {
  if (!(error instanceof ConflictError)) throw error;
};

/** Deadlines pass on their own: every unanswered offer past its last day lapses and its cascade moves on. */
export async function lapseOverdueOffers(db: Db, now = new Date()): Promise<number> {
  let lapsed = 0;
  for (const { organisationId, referralId } of await referralRepository.overdueOffers(db, isoDateInLondon(now))) {
    const referral = (await referralRepository.referralById(db, referralId))!;
    const context = await contextOf(db, referral, isoDateInLondon(now));
    await withReferral(db, referral, ['offering'], async (tx, locked) => {
      lapsed += await lapseOverdue(tx, { ...context, referral: locked }, DEADLINE_ACTOR(organisationId), now);
    }).catch(ignoreClosed);
  }
  return lapsed;
}

/** What a provider sees of a person it is offered: enough to decide, nothing more (no NHS number, case reference or funding). */
export interface OfferedPerson {
  name: string;
  age: number;
  clientGroups: string[];
  band: NeedBand;
  oneToOneMinutesPerWeek: number;
  nightSupport: string;
  requiredFeatures: string[];
  traits: string[];
  avoids: string[];
}

export interface ProviderOfferSummary {
  offer: referralRepository.OfferRow;
  organisationName: string;
  vehicleName: string;
  startBy: string;
  urgency: string;
  zoneNames: string[];
  person: OfferedPerson;
}

export interface ProviderOffer extends ProviderOfferSummary {
  /** The provider's own vacancies that suit the person, to propose one. */
  vacancies: Vacancy[];
  pricesFixed: boolean;
}

function providerOf(viewer: CurrentUser): string {
  if (!viewer.providerId || !hasRole(viewer, 'provider_user')) throw new ForbiddenError();
  return viewer.providerId;
}

/** The offer as its provider sees it; each look is audited for the council that owns the record. */
async function summariseOffer(
  db: Db,
  viewer: CurrentUser,
  offer: referralRepository.OfferRow,
  basics: ReferralBasics,
): Promise<ProviderOfferSummary> {
  const { referral, person, needs } = basics;
  const organisations = await organisationsByIds(db, [referral.organisationId]);
  await recordAuditAlone(db, { ...actorOf(viewer), organisationId: referral.organisationId }, [
    { action: 'person.view', recordType: 'person', recordId: referral.personId, after: { offer: offer.id } },
  ]);
  return {
    offer,
    organisationName: organisations.get(referral.organisationId)?.name ?? '',
    vehicleName: basics.market.name,
    startBy: referral.startBy,
    urgency: referral.urgency,
    zoneNames: referral.zoneIds.map((id) => basics.zoneNames.get(id) ?? ''),
    person: {
      name: person.name,
      age: ageOn(person.dateOfBirth, isoDateInLondon(new Date())),
      clientGroups: person.clientGroups,
      band: needs.band,
      oneToOneMinutesPerWeek: needs.oneToOneMinutesPerWeek,
      nightSupport: needs.nightSupport,
      requiredFeatures: needs.requiredFeatures,
      traits: needs.compatibility.traits,
      avoids: needs.compatibility.avoids,
    },
  };
}

/** One offer in full: with the provider's own vacancies that suit the person, from the shortlist. */
async function describeOffer(
  db: Db,
  viewer: CurrentUser,
  offer: referralRepository.OfferRow,
  context: ReferralContext,
): Promise<ProviderOffer> {
  return {
    ...(await summariseOffer(db, viewer, offer, context)),
    vacancies: context.shortlist.suitable
      .filter((entry) => entry.vacancy.careProviderId === offer.providerId)
      .map((entry) => entry.vacancy),
    pricesFixed: context.market.settings.pricesFixed,
  };
}

/** A provider's offers, newest first: those awaiting its answer, or all. */
export async function offersForProvider(
  db: Db,
  viewer: CurrentUser,
  query: { status?: string; page?: number },
  pageSize = 25,
): Promise<Page<ProviderOfferSummary>> {
  const providerId = providerOf(viewer);
  const page = query.page ?? 1;
  const { rows, total } = await referralRepository.offersToProvider(
    db,
    providerId,
    query.status === 'all' ? undefined : ['awaiting'],
    (page - 1) * pageSize,
    pageSize,
  );
  const items: ProviderOfferSummary[] = [];
  for (const offer of rows)
    items.push(
      await summariseOffer(
        db,
        viewer,
        offer,
        await basicsOf(db, (await referralRepository.referralById(db, offer.referralId))!),
      ),
    );
  return pageOf(items, total, page, pageSize);
}

/** One of the provider's own offers; any other is not found. */
async function ownOffer(db: Db, viewer: CurrentUser, id: string): Promise<referralRepository.OfferRow> {
  const providerId = providerOf(viewer);
  const offer = isUuid(id) ? await referralRepository.offerById(db, id) : undefined;
  if (!offer || offer.providerId !== providerId) throw new NotFoundError();
  return offer;
}

export async function offerForProvider(db: Db, viewer: CurrentUser, id: string): Promise<ProviderOffer> {
  const offer = await ownOffer(db, viewer, id);
  const referral = (await referralRepository.referralById(db, offer.referralId))!;
  return describeOffer(db, viewer, offer, await contextOf(db, referral, isoDateInLondon(new Date())));
}

/** The provider accepts (proposing a vacancy or support at home, a start date, 1:1 hours and, where prices are not fixed, its price) or declines with a reason. */
export async function respondToOffer(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: OfferResponseInput,
): Promise<ProviderOffer> {
  const offer = await ownOffer(db, viewer, id);
  const providerId = offer.providerId;
  const response = parseOrThrow(offerResponseInput, input);
  const now = new Date();
  const today = isoDateInLondon(now);
  const referral = (await referralRepository.referralById(db, offer.referralId))!;
  const context = await contextOf(db, referral, today);
  const actor = { ...actorOf(viewer), organisationId: referral.organisationId };
  if (hasLapsed({ status: offer.status as OfferStatus, respondBy: offer.respondBy }, today)) {
    await withReferral(db, referral, ['offering'], async (tx, locked) => {
      await lapseOverdue(tx, { ...context, referral: locked }, DEADLINE_ACTOR(referral.organisationId), now);
    }).catch(ignoreClosed);
    throw new ConflictError(`The last day to answer this offer was ${offer.respondBy}: it has lapsed`);
  }
  let proposal: OfferProposal | null = null;
  if (response.response === 'accept') {
    const vacancyOf = (entry: ShortlistEntry) => ({
      unitId: entry.unitId,
      careProviderId: entry.vacancy.careProviderId,
    });
    const problems = acceptanceProblems(response, {
      providerId,
      today,
      pricesFixed: context.market.settings.pricesFixed,
      personName: context.person.name,
      suitable: context.shortlist.suitable.map(vacancyOf),
      excluded: context.shortlist.excluded.map((entry) => ({ ...vacancyOf(entry.vacancy), reasons: entry.reasons })),
    });
    if (problems.length > 0) throw new ValidationError(problems);
    proposal = {
      unitId: response.unitId,
      startsOn: response.startsOn,
      oneToOneMinutesPerWeek: response.oneToOneMinutesPerWeek,
      weeklyPricePence: response.weeklyPricePence,
    };
  } else if (response.declineReason === 'other' && !response.declineNote) {
    throw new ValidationError([{ field: 'declineNote', message: 'Say why you are declining' }]);
  }
  await withReferral(db, referral, ['offering'], async (tx, locked) => {
    const current = await referralRepository.offerById(tx, offer.id);
    if (current?.status !== 'awaiting')
      throw new ConflictError(`This offer has already been ${current?.status ?? 'withdrawn'}`);
    const answer =
      response.response === 'accept'
        ? { status: 'accepted', proposal }
        : { status: 'declined', declineReason: response.declineReason, declineNote: response.declineNote };
    await referralRepository.updateOffer(tx, offer.organisationId, offer.id, {
      ...answer,
      respondedAt: now,
      respondedBy: viewer.id,
    });
    await recordAudit(tx, actor, [
      {
        action: `offer.${answer.status === 'accepted' ? 'accept' : 'decline'}`,
        recordType: 'person',
        recordId: referral.personId,
        after: { offer: offer.id, ...answer },
        reason: response.response === 'decline' ? (response.declineNote ?? response.declineReason) : null,
      },
    ]);
    await moveCascadeOn(tx, { ...context, referral: locked }, actor, now);
  });
  return describeOffer(db, viewer, (await referralRepository.offerById(db, offer.id))!, context);
}

/**
 * The person or family chooses among the providers who accepted: the chosen offer becomes the
 * placement, with the Care Act reason when it is not the first ranked; the referral closes.
 */
export async function chooseProvider(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { offerId: string; choiceReason?: string | null },
): Promise<PlacementView> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const choice = parseOrThrow(choiceInput, input);
  const detail = await describeReferral(db, viewer, referral);
  if (detail.state !== 'choose')
    throw new ConflictError('Choose once every provider offered has answered and at least one has accepted');
  const problem = choiceProblem(detail.ranked, choice.offerId, choice.choiceReason ?? '');
  if (problem)
    throw new ValidationError([
      {
        field: choice.offerId && detail.ranked.some((r) => r.offerId === choice.offerId) ? 'choiceReason' : 'offerId',
        message: problem,
      },
    ]);
  const offer = detail.steps.flatMap((step) => step.offers).find((candidate) => candidate.id === choice.offerId)!;
  const proposal = offer.proposal!;
  const result = await createPlacement(
    db,
    viewer,
    {
      personId: referral.personId,
      unitId: proposal.unitId,
      providerId: offer.providerId,
      membershipId: offer.membershipId,
      startsOn: proposal.startsOn,
      oneToOneMinutesPerWeek: proposal.oneToOneMinutesPerWeek,
      nightSupport: detail.needs.nightSupport,
      priceBasis: proposal.unitId ? 'banded' : 'hourly',
      agreedWeeklyPricePence: proposal.weeklyPricePence,
    },
    undefined,
    {
      referralId: referral.id,
      offerId: offer.id,
      choiceReason: choice.choiceReason,
      alsoInTransaction: async (tx) => {
        const locked = await referralRepository.lockReferral(tx, referral.organisationId, referral.id);
        if (locked?.status !== 'offering') throw new ConflictError('This referral has changed: reload it');
        await referralRepository.closeOffers(tx, referral.organisationId, referral.id, 'accepted', 'not-chosen');
        await referralRepository.updateOffer(tx, referral.organisationId, offer.id, { status: 'accepted' });
        await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
          status: 'placed',
          updatedAt: new Date(),
        });
      },
    },
  );
  return result.placement;
}

/** Nobody on the framework accepted: brokerage asks a commissioner to approve a spot purchase, with its reason. */
export async function requestOffFramework(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { providerId: string; reason: string },
): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const request = parseOrThrow(offFrameworkRequestInput, input);
  if ((await providerNames(db, [request.providerId])).size === 0)
    throw new ValidationError([{ field: 'providerId', message: 'Choose a provider in the registry' }]);
  const embargo = (await embargoedProviders(db, referral.organisationId, isoDateInLondon(new Date()))).get(
    request.providerId,
  );
  if (embargo)
    throw new ValidationError([
      { field: 'providerId', message: `The provider is under an embargo on new placements: ${embargo}` },
    ]);
  await withReferral(db, referral, ['needs-off-framework'], async (tx) => {
    await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
      status: 'off-framework-requested',
      offFrameworkProviderId: request.providerId,
      offFrameworkReason: request.reason,
      offFrameworkApprovedBy: null,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'referral.off-framework-request',
        recordType: 'person',
        recordId: referral.personId,
        after: { referral: referral.id, providerId: request.providerId },
        reason: request.reason,
      },
    ]);
  });
  return getReferral(db, viewer, id);
}

/** A commissioner approves the spot purchase, or refuses it and brokerage must look again. */
export async function decideOffFramework(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { approve: boolean; note?: string | null },
): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, ['commissioner']);
  const decision = parseOrThrow(offFrameworkDecisionInput, input);
  if (!decision.approve && !decision.note)
    throw new ValidationError([{ field: 'note', message: 'Say why the purchase is refused' }]);
  await withReferral(db, referral, ['off-framework-requested'], async (tx) => {
    await referralRepository.updateReferral(
      tx,
      referral.organisationId,
      referral.id,
      decision.approve
        ? { status: 'off-framework-approved', offFrameworkApprovedBy: viewer.id, updatedAt: new Date() }
        : {
            status: 'needs-off-framework',
            offFrameworkProviderId: null,
            offFrameworkReason: null,
            updatedAt: new Date(),
          },
    );
    await recordAudit(tx, actorOf(viewer), [
      {
        action: decision.approve ? 'referral.off-framework-approve' : 'referral.off-framework-refuse',
        recordType: 'person',
        recordId: referral.personId,
        after: { referral: referral.id },
        reason: decision.note,
      },
    ]);
  });
  return getReferral(db, viewer, id);
}

/** The approved spot purchase becomes the placement, off framework, with the approved reason. */
export async function placeOffFramework(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { unitId?: string | null; startsOn: string; oneToOneMinutesPerWeek: number; agreedWeeklyPricePence: number },
): Promise<PlacementView> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const placement = parseOrThrow(offFrameworkPlacementInput, input);
  if (referral.status !== 'off-framework-approved')
    throw new ConflictError('A commissioner must approve the off-framework purchase first');
  const needs = needsOf(
    (await peopleRepository.latestAssessments(db, referral.organisationId, [referral.personId])).get(
      referral.personId,
    )!,
  );
  const result = await createPlacement(
    db,
    viewer,
    {
      personId: referral.personId,
      unitId: placement.unitId,
      providerId: referral.offFrameworkProviderId!,
      membershipId: null,
      offFrameworkReason: referral.offFrameworkReason,
      startsOn: placement.startsOn,
      oneToOneMinutesPerWeek: placement.oneToOneMinutesPerWeek,
      nightSupport: needs.nightSupport,
      priceBasis: placement.unitId ? 'banded' : 'hourly',
      agreedWeeklyPricePence: placement.agreedWeeklyPricePence,
    },
    undefined,
    {
      referralId: referral.id,
      offerId: null,
      choiceReason: null,
      alsoInTransaction: async (tx) => {
        const locked = await referralRepository.lockReferral(tx, referral.organisationId, referral.id);
        if (locked?.status !== 'off-framework-approved')
          throw new ConflictError('This referral has changed: reload it');
        await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
          status: 'placed',
          updatedAt: new Date(),
        });
      },
    },
  );
  return result.placement;
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
    await referralRepository.closeOffers(tx, referral.organisationId, referral.id, 'awaiting', 'withdrawn');
    await referralRepository.closeOffers(tx, referral.organisationId, referral.id, 'accepted', 'withdrawn');
    await referralRepository.updateReferral(tx, referral.organisationId, referral.id, {
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
