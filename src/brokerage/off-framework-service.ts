// Off framework (report 001 §4.19): when nobody on the framework accepted, brokerage asks a
// commissioner to approve a spot purchase from a provider in the registry, with its reason; once
// approved, it becomes the placement at the agreed price.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { embargoProblems } from './domain/placements.ts';
import { offFrameworkDecisionProblems } from './domain/referrals.ts';
import { embargoToday, requireRegisteredProvider } from './embargo-service.ts';
import { offFrameworkDecisionInput, offFrameworkPlacementInput, offFrameworkRequestInput } from './input.ts';
import { needsOf } from './people-service.ts';
import type { PlacementView } from './placement-service.ts';
import { placeReferral, referralOf, withReferral } from './referral-context.ts';
import { getReferral, type ReferralDetail } from './referral-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './referral-repository.ts';
import { askCommissionersToApprove } from './notices.ts';

/** Nobody on the framework accepted: brokerage asks a commissioner to approve a spot purchase, with its reason. */
export async function requestOffFramework(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { providerId: string; reason: string },
): Promise<ReferralDetail> {
  const referral = await referralOf(db, viewer, id, ['brokerage_officer']);
  const request = parseOrThrow(offFrameworkRequestInput, input);
  await requireRegisteredProvider(db, request.providerId);
  const embargo = embargoProblems('providerId', await embargoToday(db, referral.organisationId, request.providerId));
  if (embargo.length > 0) throw new ValidationError(embargo);
  await withReferral(db, referral, ['needs-off-framework'], async (tx) => {
    const now = new Date();
    await repository.updateReferral(tx, referral.organisationId, referral.id, {
      status: 'off-framework-requested',
      offFrameworkProviderId: request.providerId,
      offFrameworkReason: request.reason,
      offFrameworkApprovedBy: null,
      updatedAt: now,
    });
    await askCommissionersToApprove(tx, referral, request.providerId, now);
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
  const problems = offFrameworkDecisionProblems(decision);
  if (problems.length > 0) throw new ValidationError(problems);
  await withReferral(db, referral, ['off-framework-requested'], async (tx) => {
    await repository.updateReferral(
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
  return placeReferral(
    db,
    viewer,
    referral,
    {
      unitId: placement.unitId,
      providerId: referral.offFrameworkProviderId!,
      membershipId: null,
      offFrameworkReason: referral.offFrameworkReason,
      startsOn: placement.startsOn,
      oneToOneMinutesPerWeek: placement.oneToOneMinutesPerWeek,
      nightSupport: needs.nightSupport,
      agreedWeeklyPricePence: placement.agreedWeeklyPricePence,
    },
    { offerId: null, choiceReason: null, from: 'off-framework-approved' },
  );
}
