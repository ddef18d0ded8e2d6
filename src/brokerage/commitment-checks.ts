// The "check your answers" pages of brokerage's commitments (platform/http/page.ts `confirm`):
// sending offers, placing a person with the provider chosen or off framework, approving an
// off-framework purchase and ending a placement. Each says what will happen and what it costs, read
// from the services the pages use; each is null where the service will refuse the input, so the
// refusal shows on the form as before, and only input that would be saved is checked.
import type { Db } from '../platform/db/client.ts';
import { addDays, longDate } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { CheckAnswers, PageCall } from '../platform/http/page.ts';
import { CASCADE_STEP_LABELS } from './domain/cascade.ts';
import { embargoProblems, schemeProblems } from './domain/placements.ts';
import { annualPence } from './domain/prices.ts';
import { choiceProblem } from './domain/ranking.ts';
import { RED_REASON_LABEL, redAmong, redGoAheadProblem, type RedRating } from './domain/red-rated.ts';
import { lateStartWarning, offFrameworkDecisionProblems } from './domain/referrals.ts';
import { embargoToday } from './embargo-service.ts';
import { choiceInput, endPlacementInput, offFrameworkDecisionInput, offFrameworkPlacementInput } from './input.ts';
import { paths } from './paths.ts';
import * as cascade from './cascade-service.ts';
import * as placements from './placement-service.ts';
import * as referrals from './referral-service.ts';
import * as schemes from './scheme-service.ts';

/** Why a placement ends, as the placement page's radios say it. */
export const END_REASON_LABELS = {
  moved: 'Moved',
  died: 'Died',
  hospital: 'Hospital',
  'provider-change': 'Provider change',
  other: 'Other',
} as const;

/** "A", "A and B", "A, B and C". */
const inWords = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const hoursAWeek = (minutes: number) => `${Number((minutes / 60).toFixed(2))} hour${minutes === 60 ? '' : 's'} a week`;

/** The weekly price and what it comes to in a year, as the placement page reckons it (weekly × 365 ÷ 7). */
const priceRows = (weeklyPence: number) => [
  { key: 'Weekly price', value: formatPence(weeklyPence) },
  { key: 'Yearly cost', value: `${formatPence(annualPence(weeklyPence))} a year (the weekly price × 365 ÷ 7)` },
];

/** The start date, flagged when it is well after the date the referral asked for. */
const startsOnRow = (startsOn: string, startBy: string) => {
  const late = lateStartWarning(startsOn, startBy);
  return { key: 'Starts on', value: late ? `${longDate(startsOn)}. ${late}` : longDate(startsOn) };
};

/** Where a vacancy of the referral's shortlist is, by its unit. */
const vacancyName = (detail: referrals.ReferralDetail, unitId: string | null) => {
  if (!unitId) return { where: "Support in the person's own home", vacancy: undefined };
  const vacancy = [...detail.shortlist.suitable, ...detail.shortlist.excluded.map((entry) => entry.vacancy)].find(
    (candidate) => candidate.unitId === unitId,
  );
  return { where: vacancy ? `${vacancy.schemeName}, ${vacancy.unitName}` : 'A unit not on the vacancy list', vacancy };
};

/**
 * A Red-rated provider named with the dashboard's reasons, and why brokerage goes ahead; null where
 * the reason is missing, for the service to refuse by its field. No rows when none is Red.
 */
function redGoAhead(providerIds: readonly string[], red: ReadonlyMap<string, RedRating>, reason: string | null) {
  const rated = redAmong(providerIds, red);
  if (redGoAheadProblem(rated, reason)) return null;
  if (rated.length === 0) return { rows: [], warning: '' };
  return {
    rows: [{ key: RED_REASON_LABEL, value: reason!.trim() }],
    warning: ` Rated Red on the early-warning risk dashboard: ${rated.map((rating) => `${rating.providerName} (${rating.headline})`).join('; ')}.`,
  };
}

const embargoed = async (db: Db, organisationId: string, providerId: string) =>
  embargoProblems('providerId', await embargoToday(db, organisationId, providerId)).length > 0;

/** Sending a new referral down the cascade: who is offered the work, and by when they must answer. */
export async function sendOffersCheck(
  db: Db,
  { user, params }: PageCall,
  input: { redReason: string },
  red: ReadonlyMap<string, RedRating>,
): Promise<CheckAnswers | null> {
  const sending = await cascade.offersToSend(db, user, params.id!);
  if (!sending) return null;
  const goAhead = redGoAhead(
    sending.offered.map((offeree) => offeree.providerId),
    red,
    input.redReason,
  );
  if (!goAhead) return null;
  const detail = await referrals.getReferral(db, user, params.id!);
  const passed = sending.passed.map(({ step, emptyBecause }) => `${CASCADE_STEP_LABELS[step]}: ${emptyBecause}`);
  const rows = [
    { key: 'Person', value: detail.person.name },
    ...(passed.length > 0 ? [{ key: 'Steps passed over', value: passed.join('. ') }] : []),
  ];
  if (sending.step === 'off-framework')
    return {
      title: 'Send the referral down the cascade',
      rows,
      warning: `No provider on the framework can be offered the work, so no offers will be sent. The referral will need a provider bought off framework, with a reason and a commissioner's approval.`,
      button: 'Send the referral on',
      changeHref: paths.referral(params.id!),
    };
  const names = sending.offered.map((offeree) => offeree.providerName);
  return {
    title: `Send offers to ${CASCADE_STEP_LABELS[sending.step]}`,
    rows: [
      ...rows,
      { key: 'Cascade step', value: CASCADE_STEP_LABELS[sending.step] },
      {
        key: names.length === 1 ? 'Provider offered the work' : `${names.length} providers offered the work`,
        value: sending.offered.map((offeree) => `${offeree.providerName} (${offeree.reason})`).join('; '),
      },
      ...(sending.excluded.length > 0
        ? [
            {
              key: 'Not offered',
              value: sending.excluded.map((exclusion) => `${exclusion.providerName}: ${exclusion.reason}`).join('; '),
            },
          ]
        : []),
      { key: 'Answer by', value: longDate(sending.respondBy) },
      ...goAhead.rows,
    ],
    warning: `${names.length === 1 ? `${names[0]} will be told it is` : `Each of ${inWords(names)} will be told it is`} offered the work, and must accept or decline by the end of ${longDate(sending.respondBy)}. An offer not answered by then lapses.${goAhead.warning}`,
    button: names.length === 1 ? 'Send the offer' : `Send ${names.length} offers`,
    changeHref: paths.referral(params.id!),
  };
}

/** The person's choice among the providers who accepted: the placement it makes, and its cost. */
export async function choiceCheck(
  db: Db,
  { user, params }: PageCall,
  input: { offerId: string; choiceReason: string; redReason: string },
  red: ReadonlyMap<string, RedRating>,
): Promise<CheckAnswers | null> {
  const detail = await referrals.getReferral(db, user, params.id!);
  // As the service checks it: once every provider has answered, one who accepted, a reason if not the first.
  if (detail.state !== 'choose' || !choiceInput.safeParse(input).success) return null;
  if (choiceProblem(detail.ranked, input.offerId, input.choiceReason)) return null;
  const ranked = detail.ranked.find((acceptance) => acceptance.offerId === input.offerId)!;
  const offer = detail.steps.flatMap((step) => step.offers).find((candidate) => candidate.id === input.offerId)!;
  const proposal = offer.proposal!;
  // The ranking prices every acceptance; nothing (0) where there is no rate card to price it by, which the placement refuses.
  if (ranked.weeklyPricePence <= 0 || (await embargoed(db, detail.referral.organisationId, offer.providerId)))
    return null;
  const goAhead = redGoAhead([offer.providerId], red, input.redReason);
  if (!goAhead) return null;
  const { where } = vacancyName(detail, proposal.unitId);
  const name = detail.person.name;
  return {
    title: `Place ${name} with ${ranked.providerName}`,
    rows: [
      { key: 'Person', value: name },
      { key: 'Provider', value: `${ranked.providerName} (ranked ${ranked.rank} of ${detail.ranked.length})` },
      { key: 'Where', value: where },
      startsOnRow(proposal.startsOn, detail.referral.startBy),
      { key: '1:1 support', value: hoursAWeek(proposal.oneToOneMinutesPerWeek) },
      ...priceRows(ranked.weeklyPricePence),
      {
        key: 'Reason for the choice',
        value: input.choiceReason.trim() || (ranked.rank === 1 ? 'None needed: ranked first' : ''),
      },
      ...goAhead.rows,
    ],
    warning: `${name} will be placed with ${ranked.providerName} from ${longDate(proposal.startsOn)} at ${formatPence(ranked.weeklyPricePence)} a week.${proposal.unitId ? ` ${where} leaves the vacancy list.` : ''} The referral closes, and any other provider who accepted is not chosen.${goAhead.warning}`,
    button: `Place ${name}`,
    changeHref: paths.referral(params.id!),
  };
}

/** A commissioner approving an off-framework purchase (refusing one commits nothing: no check). */
export async function offFrameworkApprovalCheck(
  db: Db,
  { user, params }: PageCall,
  input: { approve: boolean; note: string },
): Promise<CheckAnswers | null> {
  if (input.approve !== true) return null;
  const decision = offFrameworkDecisionInput.safeParse(input);
  if (!decision.success || offFrameworkDecisionProblems(decision.data).length > 0) return null;
  const detail = await referrals.getReferral(db, user, params.id!);
  if (detail.state !== 'awaiting-approval') return null;
  const provider = detail.offFrameworkProviderName ?? '';
  return {
    title: `Approve buying off framework from ${provider}`,
    rows: [
      { key: 'Person', value: detail.person.name },
      { key: 'Provider', value: provider },
      { key: "Brokerage's reason", value: detail.referral.offFrameworkReason ?? '' },
      ...(decision.data.note ? [{ key: 'Your note', value: decision.data.note }] : []),
    ],
    warning: `Brokerage may then place ${detail.person.name} with ${provider} off the framework, at a weekly price they agree with the provider.`,
    button: 'Approve the purchase',
    changeHref: paths.referral(params.id!),
  };
}

/** Placing a person off framework with the approved provider, at the price agreed with it. */
export async function offFrameworkPlacementCheck(
  db: Db,
  { user, params }: PageCall,
  input: { unitId: string | null; startsOn: string; oneToOneMinutesPerWeek: number; agreedWeeklyPricePence: number },
): Promise<CheckAnswers | null> {
  const parsed = offFrameworkPlacementInput.safeParse(input);
  if (!parsed.success) return null;
  const placement = parsed.data;
  const detail = await referrals.getReferral(db, user, params.id!);
  const providerId = detail.referral.offFrameworkProviderId;
  if (detail.state !== 'place-off-framework' || !providerId) return null;
  if (await embargoed(db, detail.referral.organisationId, providerId)) return null;
  const { where, vacancy } = vacancyName(detail, placement.unitId);
  if (
    vacancy &&
    schemeProblems(
      { name: vacancy.schemeName, careProviderId: vacancy.careProviderId, expectedReadyOn: vacancy.expectedReadyOn },
      { providerId, startsOn: placement.startsOn },
    ).length > 0
  )
    return null;
  const name = detail.person.name;
  const provider = detail.offFrameworkProviderName ?? '';
  return {
    title: `Place ${name} off framework with ${provider}`,
    rows: [
      { key: 'Person', value: name },
      { key: 'Provider', value: `${provider} (off framework)` },
      { key: 'Where', value: where },
      startsOnRow(placement.startsOn, detail.referral.startBy),
      { key: '1:1 support', value: hoursAWeek(placement.oneToOneMinutesPerWeek) },
      ...priceRows(placement.agreedWeeklyPricePence),
      { key: 'Reason for buying off framework', value: detail.referral.offFrameworkReason ?? '' },
    ],
    warning: `${name} will be placed with ${provider}, off the framework, from ${longDate(placement.startsOn)} at the agreed ${formatPence(placement.agreedWeeklyPricePence)} a week.${placement.unitId ? ` ${where} leaves the vacancy list.` : ''} The referral closes.`,
    button: `Place ${name}`,
    changeHref: paths.referral(params.id!),
  };
}

/** Ending a placement: whose, where, from when and why; a unit in a scheme is vacant again. */
export async function endPlacementCheck(
  db: Db,
  { user, params }: PageCall,
  input: { endsOn: string; reason: string },
): Promise<CheckAnswers | null> {
  const parsed = endPlacementInput.safeParse(input);
  const placement = await placements.getPlacement(db, user, params.id!);
  // As the service refuses: an ended placement, or an end before its start.
  if (!parsed.success || placement.endsOn || parsed.data.endsOn < placement.startsOn) return null;
  const { endsOn, reason } = parsed.data;
  const unit = placement.tenancyId
    ? (await schemes.listSchemes(db, user))
        .flatMap((view) => view.units.map((held) => ({ scheme: view.scheme, ...held })))
        .find((held) => held.tenancy?.id === placement.tenancyId)
    : undefined;
  const where = unit
    ? `${unit.scheme.name}, ${unit.unit.name}`
    : placement.tenancyId
      ? 'A tenancy in a scheme'
      : "The person's own home";
  return {
    title: `End ${placement.personName}'s placement`,
    rows: [
      { key: 'Person', value: placement.personName },
      { key: 'Care provider', value: placement.providerName },
      { key: 'Where', value: where },
      { key: 'Last day', value: longDate(endsOn) },
      { key: 'Why it ends', value: END_REASON_LABELS[reason] },
    ],
    warning: `${placement.personName}'s placement with ${placement.providerName} ends on ${longDate(endsOn)}.${
      unit
        ? ` Their tenancy ends with it, and ${where} goes back on the vacancy list from ${longDate(addDays(endsOn, 1))}.`
        : ''
    }`,
    button: 'End placement',
    changeHref: paths.placement(placement.id),
  };
}
