// Tier allocation for a tiered vehicle: bids are the tenderers through evaluation, one per zone of
// the lots they applied for, at their overall score. The commissioner sees both rules' results side
// by side and confirms one; the confirmed allocation is kept with its inputs and reasons.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { highsSolver } from '../platform/optimisation/highs.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import {
  allocateTiers,
  ALLOCATION_RULES,
  bidKey,
  tierOf,
  type AllocationRule,
  type TierAllocation,
  type TierBid,
  type TierInput,
} from './domain/tier-allocation.ts';
import { applicationsInEvaluation, scoredSummary, type InEvaluation } from './evaluation-summary-service.ts';
import { stillInEvaluationProblem } from './domain/evaluation.ts';
import { tierConfirmInput, type TierConfirmInput } from './input.ts';
import * as awardRepository from './award-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';

export interface TierProposal {
  vehicleId: string;
  /** The round of a framework whose tenderers are allocated (1 on a vehicle without rounds). */
  round: number;
  input: Omit<TierInput, 'rule'>;
  /** Bid names as the rules see them → the provider and application behind them. */
  bidders: Record<string, { providerId: string; applicationId: string }>;
  results: Record<AllocationRule, TierAllocation>;
  /** Bids whose tier differs between the two rules. */
  differences: string[];
  /** Tenderers still in evaluation: none is in the allocation, and it cannot be confirmed until none is left. */
  waiting: InEvaluation[];
  confirmed:
    | (Omit<evaluationRepository.TierAllocationRow, 'input' | 'result'> & { input: TierInput; result: TierAllocation })
    | null;
}

/** The id a zone has in an allocation's bids and reasons: its name, lower-case, hyphenated ("north", "east-kent"). */
export const allocationZoneId = (zoneName: string) => zoneName.toLowerCase().replace(/\s+/g, '-');

/** Both rules' allocations from the vehicle's current evaluation, for its lead organisation's staff. */
export async function tierProposal(db: Db, viewer: CurrentUser, vehicleId: string): Promise<TierProposal> {
  const summary = await scoredSummary(db, viewer, vehicleId);
  const { vehicle, zones, lots } = summary.vehicle;
  if (viewer.organisationId !== vehicle.organisationId) throw new NotFoundError();
  if (!vehicle.tiered) throw new ValidationError([{ field: 'rule', message: 'This vehicle is not tiered' }]);
  const zoneOfLot = new Map(lots.map((lot) => [lot.id, lot.zoneId]));
  const zoneId = new Map(zones.map((zone) => [zone.zoneId, allocationZoneId(zone.name)]));
  const ready = summary.rows.filter(
    (row) =>
      row.overallScore !== null &&
      (row.progress.state === 'through' || (row.progress.state === 'at' && row.progress.stage === 'award')),
  );
  const waiting = applicationsInEvaluation(summary);
  // Providers are named in reasons and ties are broken by name, so use names, made unique if two share one.
  const seen = new Map<string, number>();
  const bidders: TierProposal['bidders'] = {};
  const bids: TierBid[] = [];
  for (const row of ready) {
    const count = (seen.get(row.providerName) ?? 0) + 1;
    seen.set(row.providerName, count);
    const name = count === 1 ? row.providerName : `${row.providerName} (${count})`;
    bidders[name] = { providerId: row.application.providerId, applicationId: row.application.id };
    for (const zone of new Set(
      row.application.lotIds.map((lotId) => zoneOfLot.get(lotId)).filter((id): id is string => id !== undefined),
    )) {
      bids.push({ provider: name, zone: zoneId.get(zone)!, score: row.overallScore! });
    }
  }
  // A later round of a framework fills the Tier 1 places that earlier rounds' providers do not hold.
  const round = summary.round;
  const heldTier1 = new Map<string, Set<string>>();
  if (round > 1)
    for (const membership of await awardRepository.membershipsOf(db, vehicle.id)) {
      const zone = zoneOfLot.get(membership.lotId);
      if (membership.roundNumber >= round || membership.tier !== 'tier1' || membership.status === 'removed' || !zone)
        continue;
      heldTier1.set(zone, (heldTier1.get(zone) ?? new Set()).add(membership.providerId));
    }
  const input = {
    zones: zones.map((zone) => ({
      id: zoneId.get(zone.zoneId)!,
      name: zone.name,
      tier1Places: Math.max(0, (zone.tier1Places ?? 0) - (heldTier1.get(zone.zoneId)?.size ?? 0)),
    })),
    maxTier1ZonesPerProvider: vehicle.maxTier1ZonesPerProvider ?? 1,
    qualityThreshold: vehicle.qualityThreshold ?? 0,
    bids,
  };
  const solve = await highsSolver();
  const results = Object.fromEntries(
    ALLOCATION_RULES.map((rule) => [rule, allocateTiers({ ...input, rule }, solve)]),
  ) as Record<AllocationRule, TierAllocation>;
  const keys = bids.map(bidKey);
  const confirmed = await evaluationRepository.latestTierAllocation(db, vehicle.id, round);
  return {
    vehicleId: vehicle.id,
    round,
    input,
    bidders,
    results,
    differences: keys.filter(
      (key) => tierOf(results['coverage-then-score'], key) !== tierOf(results['rank-order'], key),
    ),
    waiting,
    confirmed: confirmed
      ? { ...confirmed, input: confirmed.input as TierInput, result: confirmed.result as TierAllocation }
      : null,
  };
}

/** The same zones, cap, threshold, bids and rule: an allocation confirmed again would change nothing. */
const sameAllocation = (a: TierInput, b: TierInput) => {
  const facts = (input: TierInput) =>
    JSON.stringify([
      input.rule,
      input.maxTier1ZonesPerProvider,
      input.qualityThreshold,
      input.zones.map((zone) => [zone.id, zone.tier1Places]),
      input.bids.map((bid) => [bid.provider, bid.zone, bid.score]),
    ]);
  return facts(a) === facts(b);
};

/** What confirming `rule` would keep, once every check has passed: nothing is saved. */
export interface TierConfirmation {
  proposal: TierProposal;
  vehicle: vehicleRepository.VehicleRow;
  rule: AllocationRule;
  reason: string | null;
  result: TierAllocation;
}

/**
 * The allocation confirming `rule` would keep, or the refusal: only by a commissioner, once no
 * tenderer is still in evaluation, before the award is decided on it, and not the same allocation
 * again. Confirming (and its check-your-answers page) reads this.
 */
export async function tierConfirmation(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: TierConfirmInput,
): Promise<TierConfirmation> {
  const { rule, reason } = parseOrThrow(tierConfirmInput, input);
  if (!hasRole(viewer, 'commissioner')) throw new ForbiddenError('A commissioner confirms the tier allocation.');
  const proposal = await tierProposal(db, viewer, vehicleId);
  const vehicle = (await vehicleRepository.vehicleById(db, vehicleId))!;
  // Every tenderer is allocated at once: none may still be in evaluation.
  const waiting = stillInEvaluationProblem(
    proposal.waiting.map((application) => application.providerName),
    'confirming the tier allocation',
  );
  if (waiting) throw new ValidationError([{ field: 'rule', message: waiting }]);
  if (proposal.input.bids.length === 0)
    throw new ValidationError([{ field: 'rule', message: 'No tenderer is through evaluation yet' }]);
  if (await awardRepository.latestAwardDecision(db, vehicle.id, proposal.round))
    throw new ValidationError([
      { field: 'rule', message: 'The award has been decided on the confirmed allocation, so it stays as it is' },
    ]);
  if (proposal.confirmed && sameAllocation(proposal.confirmed.input, { ...proposal.input, rule }))
    throw new ValidationError([{ field: 'rule', message: 'This allocation has already been confirmed' }]);
  return { proposal, vehicle, rule, reason, result: proposal.results[rule] };
}

/** The commissioner confirms one rule's allocation; it is kept with its inputs and reasons. */
export async function confirmTiers(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: TierConfirmInput,
): Promise<TierProposal> {
  const { proposal, vehicle, rule, reason, result } = await tierConfirmation(db, viewer, vehicleId, input);
  const row = {
    organisationId: vehicle.organisationId,
    vehicleId: vehicle.id,
    id: randomUUID(),
    roundNumber: proposal.round,
    rule,
    input: { ...proposal.input, rule, bidders: proposal.bidders },
    result,
    reason,
    confirmedBy: viewer.id,
    confirmedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await evaluationRepository.insertTierAllocation(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'tiers.confirm',
        recordType: 'vehicle',
        recordId: vehicle.id,
        reason,
        after: {
          rule,
          placesFilled: row.result.placesFilled,
          totalTier1Score: row.result.totalTier1Score,
          tier1: row.result.tier1.map(bidKey),
        },
      },
    ]);
  });
  return tierProposal(db, viewer, vehicleId);
}
