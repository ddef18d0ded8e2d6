// The offer cascade (DOMAIN.md, "Tiers and zones"; reports 003 §1.3 and 004 §6): a referral is
// offered first to the Tier 1 providers of the person's zone and band, all at once; if none
// accepts, to Tier 2; then to specialist providers; and only then, with a reason and a
// commissioner's approval, off framework. Providers under embargo or suspended are never offered.
import { type IsoDate, type WorkingDays } from '../../platform/domain/calendar.ts';
import { NEED_BAND_LABELS, type LotServiceType, type NeedBand } from '../../procurement/domain/vehicles.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const CASCADE_STEP_LABELS = {
  tier1: 'Tier 1 providers',
  tier2: 'Tier 2 providers',
  specialist: 'Specialist providers',
  'off-framework': 'Off-framework spot purchase',
} as const;
export const CASCADE_STEPS = valuesOf(CASCADE_STEP_LABELS);
export type CascadeStep = (typeof CASCADE_STEPS)[number];

/** Lancashire keeps Tier 2 to vacancies in its existing schemes; Rotherham offers it borough-wide at peak. */
export const TIER2_MODES = ['existing-schemes', 'borough-wide'] as const;
export type Tier2Mode = (typeof TIER2_MODES)[number];
export const TIER2_MODE_LABELS: Record<Tier2Mode, string> = {
  'existing-schemes': 'Only vacancies in their existing schemes',
  'borough-wide': 'Anywhere in the area, when Tier 1 cannot meet demand',
};

/** Service types whose members are the specialist providers of step 3. */
export const SPECIALIST_SERVICE_TYPES: readonly LotServiceType[] = [
  'specialist-interventions',
  'complex-clinical-care',
];

export interface CascadeSettings {
  responseWorkingDays: number;
  tier2Mode: Tier2Mode;
  tiered: boolean;
}

export interface CascadeMembership {
  membershipId: string;
  zoneId: string;
  band: NeedBand;
  serviceType: LotServiceType;
  tier: 'tier1' | 'tier2' | null;
  /** awarded, active, suspended or removed. */
  status: string;
}

export interface CascadeProvider {
  providerId: string;
  name: string;
  memberships: CascadeMembership[];
  /** CQC specialisms across the provider's registered locations. */
  specialisms: string[];
  /** The reason for an embargo on new placements in force today, if there is one. */
  embargo?: string;
  /** For Tier 2 in existing-schemes mode: whether the provider runs a scheme with a vacancy that suits this person. */
  hasSuitableVacancy: boolean;
}

export interface CascadeReferral {
  zoneIds: string[];
  band: NeedBand;
  /** The CQC specialisms the person's client groups call for. */
  specialisms: string[];
}

export interface Offeree {
  providerId: string;
  membershipId: string;
  reason: string;
}

export interface StepOutcome {
  step: CascadeStep;
  offered: Offeree[];
  /** Providers who would otherwise have been offered the work, and why they were not. */
  excluded: { providerId: string; reason: string }[];
  /** Why this step offers nobody, when it does not. */
  emptyBecause?: string;
}

const zoneNames = (ids: readonly string[], names: ReadonlyMap<string, string>) =>
  ids.map((id) => names.get(id) ?? id).join(' or ');

/** Who the referral goes to at one step (not the off-framework step, which is decided by people). */
export function offereesAt(
  step: Exclude<CascadeStep, 'off-framework'>,
  referral: CascadeReferral,
  providers: readonly CascadeProvider[],
  settings: CascadeSettings,
  zoneNameById: ReadonlyMap<string, string>,
): StepOutcome {
  const band = NEED_BAND_LABELS[referral.band].toLowerCase();
  const where = zoneNames(referral.zoneIds, zoneNameById);
  if (step === 'tier2' && !settings.tiered)
    return { step, offered: [], excluded: [], emptyBecause: 'The vehicle is not tiered' };
  const fits = (membership: CascadeMembership): boolean => {
    if (membership.band !== referral.band) return false;
    if (step === 'specialist') return SPECIALIST_SERVICE_TYPES.includes(membership.serviceType);
    if (membership.serviceType !== 'supported-living') return false;
    const tier = step === 'tier1' && settings.tiered ? 'tier1' : step === 'tier2' ? 'tier2' : null;
    if (membership.tier !== tier) return false;
    return step === 'tier2' && settings.tier2Mode === 'borough-wide'
      ? true
      : referral.zoneIds.includes(membership.zoneId);
  };
  const offered: Offeree[] = [];
  const excluded: StepOutcome['excluded'] = [];
  for (const provider of providers) {
    const memberships = provider.memberships.filter(fits);
    if (memberships.length === 0) continue;
    const open = memberships.find((membership) => membership.status === 'active');
    if (provider.embargo)
      excluded.push({ providerId: provider.providerId, reason: `Under embargo: ${provider.embargo}` });
    else if (!open) excluded.push({ providerId: provider.providerId, reason: `Membership ${memberships[0]!.status}` });
    else if (
      step === 'specialist' &&
      !referral.specialisms.every((specialism) => provider.specialisms.includes(specialism))
    ) {
      excluded.push({
        providerId: provider.providerId,
        reason: `Not registered for ${referral.specialisms
          .filter((specialism) => !provider.specialisms.includes(specialism))
          .join(', ')
          .toLowerCase()}`,
      });
    } else if (step === 'tier2' && settings.tier2Mode === 'existing-schemes' && !provider.hasSuitableVacancy) {
      excluded.push({
        providerId: provider.providerId,
        reason: 'Tier 2 takes new tenants only into its existing schemes, and none has a suitable vacancy',
      });
    } else {
      const reason =
        step === 'tier1'
          ? settings.tiered
            ? `Tier 1 for ${band} needs in ${where}`
            : `On the vehicle for ${band} needs in ${where}`
          : step === 'tier2'
            ? settings.tier2Mode === 'borough-wide'
              ? `Tier 2 for ${band} needs, offered area-wide`
              : `Tier 2 with a suitable vacancy in an existing scheme`
            : `Specialist provider for ${band} needs, registered for ${referral.specialisms.join(', ').toLowerCase() || "the person's needs"}`;
      offered.push({ providerId: provider.providerId, membershipId: open.membershipId, reason });
    }
  }
  const emptyBecause =
    offered.length > 0
      ? undefined
      : excluded.length > 0
        ? `Every ${CASCADE_STEP_LABELS[step].replace(/ providers$/, '')} provider who could take it is excluded`
        : step === 'tier1'
          ? `No ${settings.tiered ? 'Tier 1 provider' : 'provider'} for ${band} needs in ${where}`
          : step === 'tier2'
            ? `No Tier 2 provider for ${band} needs${settings.tier2Mode === 'borough-wide' ? '' : ` in ${where}`}`
            : `No specialist provider for ${band} needs`;
  return { step, offered, excluded, emptyBecause };
}

export type OfferStatus = 'awaiting' | 'accepted' | 'declined' | 'lapsed' | 'withdrawn';

export type StepState = 'awaiting-answers' | 'choose' | 'move-on';

/**
 * What happens next with a referral at a step, from its offers' answers so far: wait while any
 * provider may still answer (so acceptances are ranked together), then choose, or move on.
 */
export function stepState(statuses: readonly OfferStatus[]): StepState {
  if (statuses.includes('awaiting')) return 'awaiting-answers';
  return statuses.includes('accepted') ? 'choose' : 'move-on';
}

/** The step after this one; off-framework is the last. */
export function stepAfter(step: CascadeStep): CascadeStep | undefined {
  return CASCADE_STEPS[CASCADE_STEPS.indexOf(step) + 1];
}

/** The last day a provider may answer an offer sent on `sentOn`: the nth working day after it. */
export function respondBy(sentOn: IsoDate, workingDays: number, calendar: WorkingDays): IsoDate {
  return calendar.nthWorkingDayAfter(sentOn, workingDays);
}

/** An unanswered offer lapses once its last day has passed. */
export const hasLapsed = (offer: { status: OfferStatus; respondBy: IsoDate }, today: IsoDate): boolean =>
  offer.status === 'awaiting' && today > offer.respondBy;

export const DECLINE_REASONS = ['capacity', 'skills', 'compatibility', 'location', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  capacity: 'No capacity',
  skills: 'Staff lack the skills needed',
  compatibility: 'Not compatible with current tenants',
  location: 'Location',
  other: 'Other',
};
