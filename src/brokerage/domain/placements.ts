// What a placement is checked against beyond its own fields (DOMAIN.md, "Placement"): the scheme
// it is in, the membership it is bought under or the reason it is bought off framework, and any
// embargo on the provider; and, for a scheme whose care moves to another provider, the same.
import { addYears, longDate, type IsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';

/**
 * What is wrong with the day a unit is available from, seen from `today`, or null. A unit empty for
 * over a year is a long-term void to take up with its landlord, not a vacancy; five years ahead is a typing slip.
 */
export function availableFromProblem(availableFrom: IsoDate, today: IsoDate): string | null {
  const earliest = addYears(today, -1);
  if (availableFrom < earliest)
    return `The date it is available from must be no earlier than a year ago, ${longDate(earliest)}`;
  const latest = addYears(today, 5);
  if (availableFrom > latest) return `The date it is available from must be within 5 years, by ${longDate(latest)}`;
  return null;
}

/** An embargo stops new placements with the provider while it is in force, whatever date they start. */
export const embargoProblems = (field: string, embargo: string | undefined): FieldError[] =>
  embargo ? [{ field, message: `The provider is under an embargo on new placements: ${embargo}` }] : [];

export interface SchemeForPlacement {
  name: string;
  careProviderId: string | null;
  expectedReadyOn: string | null;
}

/** In a scheme, care is given by the scheme's own provider, from the day the scheme is ready. */
export function schemeProblems(
  scheme: SchemeForPlacement,
  placement: { providerId: string; startsOn: string },
): FieldError[] {
  const problems: FieldError[] = [];
  if (scheme.careProviderId !== placement.providerId)
    problems.push({ field: 'providerId', message: `Care in ${scheme.name} is provided by another provider` });
  if (scheme.expectedReadyOn && scheme.expectedReadyOn > placement.startsOn)
    problems.push({
      field: 'startsOn',
      message: `${scheme.name} is expected ready on ${longDate(scheme.expectedReadyOn)}, after this start date`,
    });
  return problems;
}

export interface PlacementMembership {
  providerId: string;
  status: string;
}

/**
 * On framework, a placement is bought under an active membership of its own provider (`membership`
 * is the one found for its membershipId, if any); off framework, it says why.
 */
export function membershipProblems(
  membership: PlacementMembership | undefined,
  placement: { providerId: string; membershipId: string | null; offFrameworkReason?: string | null },
): FieldError[] {
  const problems: FieldError[] = [];
  if (placement.membershipId && !membership)
    problems.push({ field: 'membershipId', message: 'Choose a membership on one of your vehicles' });
  if (membership && membership.providerId !== placement.providerId)
    problems.push({ field: 'membershipId', message: "The membership is another provider's" });
  if (membership && membership.status !== 'active')
    problems.push({ field: 'membershipId', message: `The membership is ${membership.status}` });
  if (!placement.membershipId && !placement.offFrameworkReason)
    problems.push({
      field: 'offFrameworkReason',
      message: "Give the reason for placing off framework, or choose the provider's membership",
    });
  return problems;
}

export interface SchemeTransferCheck {
  scheme: { name: string; careProviderId: string | null; careProviderName: string | null };
  /** The new provider, from when, and the membership found for the one chosen, if any. */
  careProviderId: string;
  transferOn: string;
  membership: PlacementMembership | undefined;
  embargo: string | undefined;
  /** When each of the scheme's current placements began. */
  placementStarts: readonly string[];
}

/**
 * A scheme's care moves to another provider only under an active membership of that provider, if
 * no embargo stops it, and after every current placement there began (each ends the day before).
 */
export function transferProblems(check: SchemeTransferCheck): FieldError[] {
  const problems: FieldError[] = [];
  if (check.scheme.careProviderId === check.careProviderId)
    problems.push({
      field: 'careProviderId',
      message: `${check.scheme.careProviderName} already provides care in ${check.scheme.name}`,
    });
  if (!check.membership || check.membership.providerId !== check.careProviderId)
    problems.push({
      field: 'membershipId',
      message: 'Choose a membership of the new provider on one of your vehicles',
    });
  else if (check.membership.status !== 'active')
    problems.push({ field: 'membershipId', message: `The membership is ${check.membership.status}` });
  problems.push(...embargoProblems('careProviderId', check.embargo));
  const early = check.placementStarts.find((startsOn) => startsOn >= check.transferOn);
  if (early)
    problems.push({
      field: 'transferOn',
      message: `A placement here began on ${longDate(early)}: the new provider can take over only after that`,
    });
  return problems;
}
