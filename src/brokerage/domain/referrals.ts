// A referral's life (report 001 §4.15-4.19): new, offered down the cascade, then placed, or off
// framework with a commissioner's approval, or withdrawn; and what brokerage can do at each point.
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';
import type { StepState } from './cascade.ts';

export const REFERRAL_STATUS_LABELS = {
  new: 'New: offers not sent',
  offering: 'Offered to providers',
  'needs-off-framework': 'No provider on the framework accepted',
  'off-framework-requested': 'Off-framework purchase awaiting approval',
  'off-framework-approved': 'Off-framework purchase approved',
  placed: 'Placed',
  withdrawn: 'Withdrawn',
} as const;
export const REFERRAL_STATUSES = valuesOf(REFERRAL_STATUS_LABELS);
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'new',
  'offering',
  'needs-off-framework',
  'off-framework-requested',
  'off-framework-approved',
];

/** What brokerage (or a commissioner) can do next with a referral. */
export type ReferralState =
  | 'send-offers'
  | 'awaiting-answers'
  | 'choose'
  | 'request-off-framework'
  | 'awaiting-approval'
  | 'place-off-framework'
  | 'closed';

/** The next thing to do, from the referral's status and, while offering, its current step's answers. */
export function referralState(status: ReferralStatus, step: StepState | undefined): ReferralState {
  switch (status) {
    case 'new':
      return 'send-offers';
    case 'offering':
      return step === 'choose' ? 'choose' : 'awaiting-answers';
    case 'needs-off-framework':
      return 'request-off-framework';
    case 'off-framework-requested':
      return 'awaiting-approval';
    case 'off-framework-approved':
      return 'place-off-framework';
    default:
      return 'closed';
  }
}

/** What a referral is checked against: the organisation's zones, today, and whether the vehicle has providers. */
export interface ReferralCheck {
  zoneIds: readonly string[];
  startBy: string;
  knownZoneIds: ReadonlySet<string>;
  today: string;
  vehicleHasProviders: boolean;
}

/** Every problem with where and when a referral asks for care, each on its field. */
export function referralProblems(check: ReferralCheck): FieldError[] {
  const problems: FieldError[] = [];
  if (!check.vehicleHasProviders)
    problems.push({
      field: 'vehicleId',
      message: 'Choose a framework or DPS of your organisation with providers on it',
    });
  if (check.zoneIds.some((zoneId) => !check.knownZoneIds.has(zoneId)))
    problems.push({ field: 'zoneIds', message: 'Choose zones of your organisation' });
  if (check.startBy < check.today)
    problems.push({ field: 'startBy', message: 'The start-by date cannot be in the past' });
  return problems;
}

/** A commissioner who refuses an off-framework purchase says why. */
export function offFrameworkDecisionProblems(decision: { approve: boolean; note?: string | null }): FieldError[] {
  return !decision.approve && !decision.note ? [{ field: 'note', message: 'Say why the purchase is refused' }] : [];
}
