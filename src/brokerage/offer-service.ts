// A care provider's side of the cascade: the offers made to it, what it may see of the person, and
// its answer: an acceptance proposing a vacancy (or support at home), a start and, where prices are
// not fixed, its price; or a decline with its reason.
import type { Db } from '../platform/db/client.ts';
import { recordAudit, recordAuditAlone } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { tellBrokerageAnswered } from './notices.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import { hasLapsed, type OfferStatus } from './domain/cascade.ts';
import { acceptanceProblems, declineProblems } from './domain/offer-answer.ts';
import { ageOn } from './domain/people.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { offerResponseInput, type OfferFilter, type OfferResponseInput } from './input.ts';
import { DEADLINE_ACTOR, ignoreClosed, lapseOverdue, moveCascadeOn } from './cascade-service.ts';
import {
  basicsOf,
  contextOf,
  withReferral,
  type ReferralBasics,
  type ReferralContext,
  type ShortlistEntry,
} from './referral-context.ts';
import type { Vacancy } from './scheme-service.ts';
import type { OfferProposal } from './schema.ts';
import * as repository from './referral-repository.ts';

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
  offer: repository.OfferRow;
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
  offer: repository.OfferRow,
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
  offer: repository.OfferRow,
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

export type OfferSortKey = repository.OfferSortKey;
/** Newest first, unless another order is asked for. */
export const OFFER_ORDER = { key: 'sent', direction: 'desc' } as const satisfies repository.Sort<OfferSortKey>;

/** A provider's own offers, a page at a time: those awaiting its answer unless another status, or all, is chosen. */
export async function offersForProvider(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<OfferFilter, OfferSortKey>,
): Promise<Page<ProviderOfferSummary>> {
  const providerId = providerOf(viewer);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.offersToProvider(
    db,
    providerId,
    filter.status === 'all' ? undefined : [filter.status],
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  const items: ProviderOfferSummary[] = [];
  for (const offer of rows)
    items.push(
      await summariseOffer(
        db,
        viewer,
        offer,
        await basicsOf(db, (await repository.referralById(db, offer.referralId))!),
      ),
    );
  return pageOf(items, total, page, pageSize);
}

/** One of the provider's own offers; any other is not found. */
async function ownOffer(db: Db, viewer: CurrentUser, id: string): Promise<repository.OfferRow> {
  const providerId = providerOf(viewer);
  const offer = isUuid(id) ? await repository.offerById(db, id) : undefined;
  if (!offer || offer.providerId !== providerId) throw new NotFoundError();
  return offer;
}

export async function offerForProvider(db: Db, viewer: CurrentUser, id: string): Promise<ProviderOffer> {
  const offer = await ownOffer(db, viewer, id);
  const referral = (await repository.referralById(db, offer.referralId))!;
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
  const referral = (await repository.referralById(db, offer.referralId))!;
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
  } else {
    const problems = declineProblems(response);
    if (problems.length > 0) throw new ValidationError(problems);
  }
  await withReferral(db, referral, ['offering'], async (tx, locked) => {
    const current = await repository.offerById(tx, offer.id);
    if (current?.status !== 'awaiting')
      throw new ConflictError(`This offer has already been ${current?.status ?? 'withdrawn'}`);
    const answer =
      response.response === 'accept'
        ? { status: 'accepted', proposal }
        : { status: 'declined', declineReason: response.declineReason, declineNote: response.declineNote };
    await repository.updateOffer(tx, offer.organisationId, offer.id, {
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
    await tellBrokerageAnswered(tx, offer, answer.status === 'accepted' ? 'accepted' : 'declined');
    await moveCascadeOn(tx, { ...context, referral: locked }, actor, now);
  });
  return describeOffer(db, viewer, (await repository.offerById(db, offer.id))!, context);
}
