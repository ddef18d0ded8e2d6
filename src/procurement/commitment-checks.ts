// The "check your answers" pages of procurement's commitments (platform/http/page.ts `confirm`):
// confirming the tier allocation, deciding the award and recording a stage's outcome, each of
// which decides a tender. Each says what will happen to the providers, read from the same checks
// the services make before saving; each is null where the service will refuse the input, so the
// refusal shows on the form as before, and only input that would be saved is checked.
import type { Db } from '../platform/db/client.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { CheckAnswers, PageCall } from '../platform/http/page.ts';
import { longDate } from './domain/standstill.ts';
import { ALLOCATION_RULE_LABELS, NOT_ADMITTED, type RankedBid } from './domain/tier-allocation.ts';
import { STAGE_LABELS } from './domain/vehicles.ts';
import type { AwardInput, StageDecisionInput, TierConfirmInput } from './input.ts';
import { awardDecision } from './award-service.ts';
import { stageDecision } from './evaluation-service.ts';
import { tierConfirmation } from './tier-service.ts';
import { paths } from './paths.ts';

/** The check, or null where the service refuses the input (its refusal then shows on the form). */
async function unlessRefused<T>(checking: Promise<T>): Promise<T | null> {
  try {
    return await checking;
  } catch (error) {
    if (error instanceof ValidationError) return null;
    throw error;
  }
}

/** "A", "A and B", "A, B and C". */
const inWords = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const providers = (n: number) => `${n === 0 ? 'no' : n} provider${n === 1 ? '' : 's'}`;
const places = (n: number) => `${n} place${n === 1 ? '' : 's'}`;
const named = (bids: readonly RankedBid[]) =>
  bids.length === 0 ? '' : ` (${bids.map((bid) => `${bid.provider}, ${bid.score.toFixed(2)}`).join('; ')})`;

/** Confirming the tier allocation: the rule, and who is in each zone's Tier 1 and Tier 2. */
export async function tierConfirmationCheck(
  db: Db,
  { user, params }: PageCall,
  input: TierConfirmInput,
): Promise<CheckAnswers | null> {
  const confirming = await unlessRefused(tierConfirmation(db, user, params.id!, input));
  if (!confirming) return null;
  const { proposal, vehicle, rule, reason, result } = confirming;
  const notAdmitted = [...new Set(result.unsuccessful.map((bid) => bid.provider))];
  return {
    title: `Confirm the tier allocation for ${vehicle.name}`,
    rows: [
      { key: 'Rule', value: ALLOCATION_RULE_LABELS[rule] },
      { key: 'Reason', value: reason ?? 'None given' },
      ...proposal.input.zones.map((zone) => {
        const tier1 = result.tier1.filter((bid) => bid.zone === zone.id);
        const tier2 = result.tier2.filter((bid) => bid.zone === zone.id);
        return {
          key: zone.name ?? zone.id,
          value:
            (zone.tier1Places === 0
              ? 'Tier 1: no places. '
              : `Tier 1: ${providers(tier1.length)} for ${places(zone.tier1Places)}${named(tier1)}. `) +
            `Tier 2: ${providers(tier2.length)}${named(tier2)}.`,
        };
      }),
      ...(notAdmitted.length > 0 ? [{ key: NOT_ADMITTED, value: inWords(notAdmitted) }] : []),
    ],
    warning:
      'The allocation is kept with its inputs and reasons, and the award is decided on it. Each provider will be told its tier in each zone, and why, in its award letter.',
    button: 'Confirm tiers',
    changeHref: paths.tiers(vehicle.id),
  };
}

const REGIME_STANDSTILL: Record<string, string> = {
  pcr2015: 'Public Contracts Regulations 2015: 10 calendar days from the day after the notice is sent',
  pa2023: 'Procurement Act 2023: 8 working days beginning with the day the notice is published',
};

/** Deciding the award: who is awarded what, the standstill and when it ends, and the letters. */
export async function awardDecisionCheck(
  db: Db,
  { user, params }: PageCall,
  input: AwardInput,
): Promise<CheckAnswers | null> {
  const deciding = await unlessRefused(awardDecision(db, user, params.id!, input));
  if (!deciding) return null;
  const { view, noticeDate, period } = deciding;
  const { vehicle } = view.summary.vehicle;
  const tier = (t: string | null) => (t === 'tier1' ? ' (Tier 1)' : t === 'tier2' ? ' (Tier 2)' : '');
  const successful = view.outcomes.filter((outcome) => outcome.successful);
  const notAdmitted = view.outcomes.filter((outcome) => outcome.standing === 'not-admitted');
  return {
    title: `Decide the award of ${vehicle.name}`,
    rows: [
      ...(successful.length > 0
        ? successful.map((outcome) => ({
            key: `Awarded to ${outcome.providerName}`,
            value: outcome.memberships.map((m) => `${m.lotTitle}${tier(m.tier)}`).join('; '),
          }))
        : [{ key: 'Awarded', value: 'Nobody' }]),
      ...(notAdmitted.length > 0
        ? [{ key: NOT_ADMITTED, value: inWords(notAdmitted.map((outcome) => outcome.providerName)) }]
        : []),
      { key: 'Date the notice is sent or published', value: longDate(noticeDate) },
      { key: 'Standstill', value: REGIME_STANDSTILL[period.regime] ?? period.regime },
      { key: 'Standstill ends', value: `At midnight at the end of ${longDate(period.ends)}` },
      { key: 'Contracts may start', value: `On ${longDate(period.earliestContractDate)} at the earliest` },
    ],
    warning: `Award letters will be issued to ${view.outcomes.length === 1 ? 'the tenderer' : `the ${view.outcomes.length} tenderers`} awaiting the decision, each with its outcome, its scores and why, and standstill begins. The decision cannot be undone.`,
    button: 'Decide award',
    changeHref: paths.award(vehicle.id),
  };
}

/** Recording a stage's outcome: what happens to the provider, excluded or going on. */
export async function stageDecisionCheck(
  db: Db,
  { user, params }: PageCall,
  input: StageDecisionInput,
): Promise<CheckAnswers | null> {
  const deciding = await unlessRefused(stageDecision(db, user, params.id!, input));
  if (!deciding) return null;
  const { application, stage, outcome, reason, after } = deciding;
  const provider = application.provider.name;
  const stageName = STAGE_LABELS[stage].replace(/ \(.*\)$/, '').toLowerCase();
  const next =
    after.state === 'at'
      ? after.stage === 'award'
        ? `Goes on to the award decision`
        : `Goes on to ${STAGE_LABELS[after.stage].toLowerCase()}`
      : after.state === 'through'
        ? 'Through every stage'
        : `Excluded: takes no further part in ${application.vehicle.name}`;
  const rows = [
    { key: 'Provider', value: provider },
    { key: 'Stage', value: STAGE_LABELS[stage] },
    { key: 'Outcome', value: outcome === 'pass' ? 'Pass' : 'Fail' },
    { key: 'Reason', value: reason ?? 'None given' },
    { key: 'What happens to the provider', value: next },
  ];
  return outcome === 'fail'
    ? {
        title: `Exclude ${provider} at ${stageName}`,
        rows,
        warning: `${provider} will be excluded from ${application.vehicle.name} and told the reason. It cannot be undone.`,
        button: `Exclude ${provider}`,
        changeHref: paths.application(application.application.id),
      }
    : {
        title: `Pass ${provider} at ${stageName}`,
        rows,
        warning: `${provider} is admitted to the next stage. The outcome cannot be changed once recorded.`,
        button: 'Record pass',
        changeHref: paths.application(application.application.id),
      };
}
