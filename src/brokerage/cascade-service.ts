// The offer cascade (DOMAIN.md, "Tiers and zones"; report 001 §4.15-4.19): brokerage sends a
// referral down its vehicle's cascade, Tier 1, Tier 2, specialist, and only then off framework with
// a commissioner's approval. Each step is stored with who was offered the work, who was left out and
// why. Unanswered offers lapse on their own and the cascade moves on; once every provider offered
// has answered, the person's choice among those who accepted becomes the placement.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, type IsoDate } from '../platform/domain/calendar.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import {
  hasLapsed,
  offereesAt,
  respondBy,
  stepAfter,
  stepState,
  type CascadeStep,
  type OfferStatus,
} from './domain/cascade.ts';
import { CQC_SPECIALISM_FOR, type ClientGroup } from './domain/people.ts';
import { choiceProblem } from './domain/ranking.ts';
import { redAmong, redGoAheadProblem, redGoAheadRecord, type RedRating } from './domain/red-rated.ts';
import type { ReferralStatus } from './domain/referrals.ts';
import { choiceInput, sendOffersInput, type SendOffersInput } from './input.ts';
import type { PlacementView } from './placement-service.ts';
import { contextOf, placeReferral, referralOf, withReferral, type ReferralContext } from './referral-context.ts';
import { describeReferral, getReferral, type ReferralDetail } from './referral-service.ts';
import * as repository from './referral-repository.ts';
import { remindProvidersOnLastDay, tellProvidersOffered } from './notices.ts';

/** What the lapse job writes in the audit trail as the one who acted. */
export const DEADLINE_ACTOR = (organisationId: string): Actor => ({
  userId: null,
  label: 'offer deadline',
  organisationId,
});

/** The referral has reached `step`: its status says what waits on it, the audit trail what happened there. */
async function enterStep(
  tx: Tx,
  actor: Actor,
  referral: repository.ReferralRow,
  step: CascadeStep,
  status: ReferralStatus,
  now: Date,
  happened: Record<string, unknown> = {},
): Promise<void> {
  await repository.updateReferral(tx, referral.organisationId, referral.id, { step, status, updatedAt: now });
  await recordAudit(tx, actor, [
    {
      action: 'referral.cascade-step',
      recordType: 'person',
      recordId: referral.personId,
      after: { referral: referral.id, step, ...happened },
    },
  ]);
}

/** Who one step of the referral's cascade offers the work to, and who it leaves out and why, by name. */
function outcomeAt(context: ReferralContext, step: Exclude<CascadeStep, 'off-framework'>) {
  const outcome = offereesAt(
    step,
    {
      zoneIds: context.referral.zoneIds,
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
  const excluded = outcome.excluded.map((exclusion) => ({ ...exclusion, providerName: nameOf(exclusion.providerId) }));
  return { outcome, excluded, nameOf };
}

/** Red-rated providers by id (from the risk dashboard, which the pages read) and why brokerage goes ahead with them. */
export interface RedGoAhead {
  red: ReadonlyMap<string, RedRating>;
  reason: string | null;
}

/** Refused, naming the field, when a Red-rated provider would be offered the work or chosen without a reason. */
function requireRedReason(providerIds: readonly string[], goAhead: RedGoAhead): RedRating[] {
  const red = redAmong(providerIds, goAhead.red);
  const problem = redGoAheadProblem(red, goAhead.reason);
  if (problem) throw new ValidationError([{ field: 'redReason', message: problem }]);
  return red;
}

/** The last day to answer an offer sent today, by the vehicle's working days and its nation's bank holidays. */
const answerBy = (context: ReferralContext, today: IsoDate): IsoDate =>
  respondBy(today, context.market.settings.offerResponseWorkingDays, context.calendar);

/**
 * Moves the referral on while its current step has nobody left to answer and nobody accepted:
 * each next step is recorded with its offerees and exclusions, and a step that offers nobody is
 * passed straight on. Reaching off framework leaves it for brokerage to ask a commissioner. When
 * brokerage sends the offers, the step records any Red-rated provider offered and why it went ahead.
 */
export async function moveCascadeOn(
  tx: Tx,
  context: ReferralContext,
  actor: Actor,
  now: Date,
  goAhead?: RedGoAhead,
): Promise<void> {
  const { referral } = context;
  const today = isoDateInLondon(now);
  let step = referral.step as CascadeStep | null;
  for (;;) {
    if (step) {
      const statuses = (await repository.offersOfReferrals(tx, referral.organisationId, [referral.id]))
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
      await repository.insertCascadeStep(tx, {
        ...base,
        excluded: [],
        emptyBecause:
          "No provider on the framework accepted: a spot purchase needs a reason and a commissioner's approval",
      });
      await enterStep(tx, actor, referral, next, 'needs-off-framework', now);
      return;
    }
    const { outcome, excluded, nameOf } = outcomeAt(context, next);
    const deadline = answerBy(context, today);
    await repository.insertCascadeStep(tx, { ...base, excluded, emptyBecause: outcome.emptyBecause ?? null });
    const offers = outcome.offered.map((offeree) => ({
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
    }));
    await repository.insertOffers(tx, offers);
    await tellProvidersOffered(tx, referral.organisationId, offers);
    await enterStep(tx, actor, referral, next, 'offering', now, {
      offered: outcome.offered.map((offeree) => `${nameOf(offeree.providerId)}: ${offeree.reason}`),
      excluded: excluded.map((e) => `${e.providerName}: ${e.reason}`),
      respondBy: deadline,
      emptyBecause: outcome.emptyBecause ?? null,
      ...(goAhead
        ? redGoAheadRecord(
            redAmong(
              offers.map((offer) => offer.providerId),
              goAhead.red,
            ),
            goAhead.reason,
          )
        : {}),
    });
    step = next;
  }
}

/**
 * Brokerage sends the referral to the first step of the cascade (and on past any step that offers
 * nobody). A Red-rated provider among those offered the work needs the reason to go ahead.
 */
export async function sendOffers(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: SendOffersInput,
  red: ReadonlyMap<string, RedRating>,
): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const { redReason } = parseOrThrow(sendOffersInput, input);
  const now = new Date();
  const today = isoDateInLondon(now);
  const context = await contextOf(db, referral, today);
  const goAhead = { red, reason: redReason };
  if (referral.status === 'new')
    requireRedReason(
      sendingStep(context, today).offered.map((offeree) => offeree.providerId),
      goAhead,
    );
  await withReferral(db, referral, ['new'], (tx, locked) =>
    moveCascadeOn(tx, { ...context, referral: locked }, actorOf(viewer), now, goAhead),
  );
  return getReferral(db, viewer, id);
}

/** What sending a referral's offers would do today: the step reached, who is offered the work and by when. */
export interface OffersToSend {
  /** The first step that offers someone the work, or off framework when none on the framework can. */
  step: CascadeStep;
  /** The steps before it, passed over because they offer nobody, and why. */
  passed: { step: CascadeStep; emptyBecause: string }[];
  offered: { providerId: string; providerName: string; reason: string }[];
  /** Providers the step would otherwise have offered the work to, and why they are not. */
  excluded: { providerName: string; reason: string }[];
  respondBy: IsoDate;
}

/**
 * What `sendOffers` would do now, read the same way and changing nothing (for brokerage to check
 * before sending); undefined for a referral whose offers are no longer to send.
 */
export async function offersToSend(db: Db, viewer: CurrentUser, id: string): Promise<OffersToSend | undefined> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  if (referral.status !== 'new') return undefined;
  const today = isoDateInLondon(new Date());
  return sendingStep(await contextOf(db, referral, today), today);
}

/** The step a new referral's offers go to today, as moveCascadeOn reaches it, and who it offers the work. */
function sendingStep(context: ReferralContext, today: IsoDate): OffersToSend {
  const passed: OffersToSend['passed'] = [];
  // As moveCascadeOn does from a new referral: a step that offers nobody is passed straight on.
  for (let step: CascadeStep | undefined = 'tier1'; step; step = stepAfter(step)) {
    if (step === 'off-framework') break;
    const { outcome, excluded, nameOf } = outcomeAt(context, step);
    if (outcome.offered.length > 0)
      return {
        step,
        passed,
        offered: outcome.offered.map((offeree) => ({
          providerId: offeree.providerId,
          providerName: nameOf(offeree.providerId),
          reason: offeree.reason,
        })),
        excluded: excluded.map(({ providerName, reason }) => ({ providerName, reason })),
        respondBy: answerBy(context, today),
      };
    passed.push({ step, emptyBecause: outcome.emptyBecause ?? '' });
  }
  return { step: 'off-framework', passed, offered: [], excluded: [], respondBy: answerBy(context, today) };
}

/** Lapses a referral's overdue offers and moves its cascade on; the caller holds the lock. */
export async function lapseOverdue(tx: Tx, context: ReferralContext, actor: Actor, now: Date): Promise<number> {
  const today = isoDateInLondon(now);
  const overdue = (
    await repository.offersOfReferrals(tx, context.referral.organisationId, [context.referral.id])
  ).filter((offer) => hasLapsed({ status: offer.status as OfferStatus, respondBy: offer.respondBy }, today));
  for (const offer of overdue) await repository.updateOffer(tx, offer.organisationId, offer.id, { status: 'lapsed' });
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
export const ignoreClosed = (error: unknown): void => {
  if (!(error instanceof ConflictError)) throw error;
};

/** Deadlines pass on their own: every unanswered offer past its last day lapses and its cascade moves on. */
/** Providers with an offer still unanswered on its last day are reminded (once each); returns how many. */
export async function remindOnLastDay(db: Db, now = new Date()): Promise<number> {
  const due = await repository.offersOnLastDay(db, isoDateInLondon(now));
  return due.length === 0 ? 0 : db.transaction((tx) => remindProvidersOnLastDay(tx, due));
}

export async function lapseOverdueOffers(db: Db, now = new Date()): Promise<number> {
  let lapsed = 0;
  for (const { organisationId, referralId } of await repository.overdueOffers(db, isoDateInLondon(now))) {
    const referral = (await repository.referralById(db, referralId))!;
    const context = await contextOf(db, referral, isoDateInLondon(now));
    await withReferral(db, referral, ['offering'], async (tx, locked) => {
      lapsed += await lapseOverdue(tx, { ...context, referral: locked }, DEADLINE_ACTOR(organisationId), now);
    }).catch(ignoreClosed);
  }
  return lapsed;
}

/**
 * The person or family chooses among the providers who accepted: the chosen offer becomes the
 * placement, with the Care Act reason when it is not the first ranked, and the reason to go ahead
 * when the provider is rated Red (`red`, from the risk dashboard); the referral closes.
 */
export async function chooseProvider(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { offerId: string; choiceReason?: string | null; redReason?: string | null },
  red: ReadonlyMap<string, RedRating>,
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
  const redChosen = requireRedReason([offer.providerId], { red, reason: choice.redReason });
  return placeReferral(
    db,
    viewer,
    referral,
    {
      unitId: proposal.unitId,
      providerId: offer.providerId,
      membershipId: offer.membershipId,
      startsOn: proposal.startsOn,
      oneToOneMinutesPerWeek: proposal.oneToOneMinutesPerWeek,
      nightSupport: detail.needs.nightSupport,
      agreedWeeklyPricePence: proposal.weeklyPricePence,
    },
    {
      offerId: offer.id,
      choiceReason: choice.choiceReason,
      audited: redGoAheadRecord(redChosen, choice.redReason),
      from: 'offering',
      // The others who accepted were not chosen.
      alsoClose: async (tx) => {
        await repository.closeOffers(tx, referral.organisationId, referral.id, 'accepted', 'not-chosen');
        await repository.updateOffer(tx, referral.organisationId, offer.id, { status: 'accepted' });
      },
    },
  );
}
