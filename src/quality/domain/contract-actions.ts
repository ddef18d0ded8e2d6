// Contract actions on a provider's membership or one of its services, from an improvement plan to
// termination, and the transition plans a termination opens: what each kind needs, what makes one
// impossible, when one is in force, and the date a transition should be done by.
import { addMonths, addYears, type IsoDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const CONTRACT_ACTION_KIND_LABELS = {
  'improvement-plan': 'Improvement plan',
  'default-notice': 'Default notice',
  'special-measures': 'Special measures improvement plan',
  embargo: 'Embargo on new placements',
  suspension: 'Suspension from a vehicle',
  'tier-change': 'Tier change',
  'package-termination': 'Termination of a package',
  'contract-termination': 'Termination of the contract',
} as const;
export const CONTRACT_ACTION_KINDS = valuesOf(CONTRACT_ACTION_KIND_LABELS);
export type ContractActionKind = (typeof CONTRACT_ACTION_KINDS)[number];

export const TIER_LABELS = { tier1: 'Tier 1', tier2: 'Tier 2' } as const;
export const TIER_VALUES = valuesOf(TIER_LABELS);
export type TierValue = (typeof TIER_VALUES)[number];

/** What a kind may need beyond its reason and start date. */
export type ActionField = 'serviceId' | 'membershipId' | 'placementId' | 'dueOn' | 'default' | 'remedy' | 'toTier';

interface KindRule {
  /** Fields the kind must have. */
  needs: readonly ActionField[];
  /** Fields it may have: a plan or notice may be about one service. */
  may: readonly ActionField[];
  /** What its due date is, where it has one, and whether it must fall after the start or may be the same day. */
  due?: { label: string; after: 'start' | 'start-or-same' };
}

export const KIND_RULES: Record<ContractActionKind, KindRule> = {
  'improvement-plan': { needs: ['dueOn'], may: ['serviceId'], due: { label: 'review date', after: 'start' } },
  'default-notice': {
    needs: ['default', 'remedy', 'dueOn'],
    may: ['serviceId'],
    due: { label: 'cure date', after: 'start' },
  },
  'special-measures': { needs: ['dueOn'], may: ['serviceId'], due: { label: 'review date', after: 'start' } },
  embargo: { needs: [], may: [] },
  suspension: { needs: ['membershipId'], may: [] },
  'tier-change': { needs: ['membershipId', 'toTier'], may: [] },
  'package-termination': {
    needs: ['placementId', 'dueOn'],
    may: [],
    due: { label: 'last day of the package', after: 'start-or-same' },
  },
  'contract-termination': {
    needs: ['membershipId', 'dueOn'],
    may: [],
    due: { label: 'date the contract ends', after: 'start-or-same' },
  },
};

/** Kinds whose effect on brokerage is made the moment they are issued, so cannot start in the future. */
export const TAKES_EFFECT_AT_ONCE: readonly ContractActionKind[] = [
  'suspension',
  'tier-change',
  'contract-termination',
];

/** Kinds that run until someone ends them; a tier change or a termination is done once made. */
export const ENDABLE_KINDS: readonly ContractActionKind[] = [
  'improvement-plan',
  'default-notice',
  'special-measures',
  'embargo',
  'suspension',
];

const MISSING: Record<ActionField, string> = {
  serviceId: 'Choose the service',
  membershipId: 'Choose the membership',
  placementId: 'Choose the package (placement)',
  dueOn: 'Give the date',
  default: 'Say what the default is',
  remedy: 'Say what the provider must do to put it right',
  toTier: 'Choose the tier it moves to',
};

export interface ContractActionDraft {
  kind: ContractActionKind;
  startsOn: IsoDate;
  dueOn: IsoDate | null;
  serviceId: string | null;
  membershipId: string | null;
  placementId: string | null;
  default: string | null;
  remedy: string | null;
  toTier: TierValue | null;
}

export interface Problem {
  field: string;
  message: string;
}

/**
 * Every problem with a contract action, each by its field: what its kind needs and is missing, a
 * due date not after the start (a cure date before the notice), a start over a year away, an
 * at-once change dated ahead, and a tier change to the tier the membership already has.
 */
export function contractActionProblems(
  draft: ContractActionDraft,
  facts: { today: IsoDate; fromTier?: TierValue | null },
): Problem[] {
  const rule = KIND_RULES[draft.kind];
  const problems: Problem[] = [];
  for (const field of rule.needs)
    if (draft[field] === null)
      problems.push({
        field,
        message: field === 'dueOn' && rule.due ? `Give the ${rule.due.label}` : MISSING[field],
      });
  if (draft.startsOn < addYears(facts.today, -1) || draft.startsOn > addYears(facts.today, 1))
    problems.push({ field: 'startsOn', message: 'The start date must be within a year of today' });
  else if (TAKES_EFFECT_AT_ONCE.includes(draft.kind) && draft.startsOn > facts.today)
    problems.push({
      field: 'startsOn',
      message: `A ${CONTRACT_ACTION_KIND_LABELS[draft.kind].toLowerCase()} takes effect at once: it starts today or earlier`,
    });
  if (rule.due && draft.dueOn !== null) {
    const tooEarly = rule.due.after === 'start' ? draft.dueOn <= draft.startsOn : draft.dueOn < draft.startsOn;
    if (tooEarly)
      problems.push({
        field: 'dueOn',
        message: `The ${rule.due.label} must be ${rule.due.after === 'start' ? 'after' : 'on or after'} the start date`,
      });
    else if (draft.dueOn > addYears(draft.startsOn, 3))
      problems.push({ field: 'dueOn', message: `The ${rule.due.label} must be within three years of the start` });
  }
  if (draft.kind === 'tier-change' && draft.toTier !== null && facts.fromTier === draft.toTier)
    problems.push({ field: 'toTier', message: `The membership is already ${TIER_LABELS[draft.toTier]}` });
  return problems;
}

/** Only the fields a kind has, the rest dropped: what is stored. */
export function fieldsOfKind<T extends ContractActionDraft>(draft: T): T {
  const rule = KIND_RULES[draft.kind];
  const kept = new Set<ActionField>([...rule.needs, ...rule.may]);
  const fields: ActionField[] = ['serviceId', 'membershipId', 'placementId', 'dueOn', 'default', 'remedy', 'toTier'];
  return { ...draft, ...Object.fromEntries(fields.filter((field) => !kept.has(field)).map((field) => [field, null])) };
}

/** In force on a day: started, and not yet ended (an action ended today no longer is). */
export const inForceOn = (action: { startsOn: IsoDate; endedOn: IsoDate | null }, on: IsoDate): boolean =>
  action.startsOn <= on && (action.endedOn === null || on < action.endedOn);

export const TRANSITION_CAUSE_LABELS = {
  'contract-termination': 'Contract terminated',
  'left-framework': 'Left out of a new framework',
  'tier2-review': 'Tier 2 services reviewed',
} as const;
export const TRANSITION_CAUSES = valuesOf(TRANSITION_CAUSE_LABELS);
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

/** Unsuccessful providers' services move within 18 months of the new framework's start. */
export const LEFT_FRAMEWORK_MONTHS = 18;
/** Tier 2 providers' services are reviewed 24 months after the framework's start. */
export const TIER2_REVIEW_MONTHS = 24;

/**
 * The day a transition should be done by: for a terminated contract, the day it ends; for a
 * provider left out of a new framework, 18 months from its start; a Tier 2 review, 24 months.
 */
export function transitionTargetOn(
  cause: TransitionCause,
  dates: { contractEndsOn?: IsoDate | null; frameworkStartOn?: IsoDate | null },
): IsoDate | null {
  if (cause === 'contract-termination') return dates.contractEndsOn ?? null;
  if (!dates.frameworkStartOn) return null;
  return addMonths(dates.frameworkStartOn, cause === 'left-framework' ? LEFT_FRAMEWORK_MONTHS : TIER2_REVIEW_MONTHS);
}
