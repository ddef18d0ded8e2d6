// A referral's life (report 001 §4.15-4.19): new, offered down the cascade, then placed, or off
// framework with a commissioner's approval, or withdrawn; and what brokerage can do at each point.
import { addYears, daysBetween, longDate, type IsoDate } from '../../platform/domain/calendar.ts';
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

/** What a referral is checked against: the organisation's zones, and whether the vehicle has providers. */
export interface ReferralCheck {
  zoneIds: readonly string[];
  knownZoneIds: ReadonlySet<string>;
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
  return problems;
}

/** How far ahead care may be asked for: a referral is for a need that is coming, not a plan for years away. */
export const START_BY_YEARS_AHEAD = 2;

/** What is wrong with the date care should start by, seen from `today`, or null. */
export function startByProblem(startBy: IsoDate, today: IsoDate): string | null {
  if (startBy < today) return 'The start-by date cannot be in the past';
  const latest = addYears(today, START_BY_YEARS_AHEAD);
  if (startBy > latest) return `The start-by date must be within ${START_BY_YEARS_AHEAD} years, by ${longDate(latest)}`;
  return null;
}

/** A start this many days after the start-by date is still on time; later is flagged to brokerage. */
export const LATE_START_GRACE_DAYS = 14;

/** Brokerage's warning when care would start well after the start-by date; otherwise null. */
export function lateStartWarning(startsOn: IsoDate, startBy: IsoDate): string | null {
  const late = daysBetween(startBy, startsOn);
  return late > LATE_START_GRACE_DAYS ? `Starts ${late} days after the start-by date, ${longDate(startBy)}` : null;
}

/** A commissioner who refuses an off-framework purchase says why. */
export function offFrameworkDecisionProblems(decision: { approve: boolean; note?: string | null }): FieldError[] {
  return !decision.approve && !decision.note ? [{ field: 'note', message: 'Say why the purchase is refused' }] : [];
}
