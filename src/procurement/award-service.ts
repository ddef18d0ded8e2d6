// Award: who is successful (by the confirmed tier allocation on a tiered vehicle), the standstill
// that follows the notice, memberships that start only after it, and a membership's later changes.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, type IsoDate, type Nation, longDate } from '../platform/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import {
  noStandstill,
  standstill,
  standstillDateProblem,
  type Standstill,
  type StandstillRegime,
} from './domain/standstill.ts';
import { hasStandstill, noticeRegimeOf } from './domain/notice-rules.ts';
import {
  belowThresholdReason,
  NOT_ADMITTED,
  tierOf,
  type TierAllocation,
  type TierInput,
} from './domain/tier-allocation.ts';
import { stillInEvaluationProblem } from './domain/evaluation.ts';
import { noticeDateProblems } from './domain/notice-date.ts';
import { isAlwaysOpen, type VehicleKind } from './domain/vehicles.ts';
import {
  awardInput,
  contractStartInput,
  membershipChangeInput,
  type AwardInput,
  type ContractStartInput,
  type MembershipChangeInput,
} from './input.ts';
import {
  applicationsInEvaluation,
  scoredSummary,
  type EvaluationSummary,
  type InEvaluation,
} from './evaluation-summary-service.ts';
import { allocationZoneId } from './tier-service.ts';
import { psrAwardTerms } from './psr-service.ts';
import * as applicationRepository from './application-repository.ts';
import * as awardRepository from './award-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { moveMembership } from './membership-service.ts';
import { providerNames as namesOfProviders } from '../providers/service.ts';
import { tellTenderersAwarded } from './notices.ts';

export interface AwardOutcome {
  applicationId: string;
  providerId: string;
  providerName: string;
  overallScore: number;
  successful: boolean;
  /**
   * What the decision would do to the tenderer: successful; below the quality threshold, so not
   * admitted; or, on a tiered vehicle, waiting for the tier allocation (nobody is unsuccessful
   * before it).
   */
  standing: 'successful' | 'not-admitted' | 'awaiting-allocation';
  /** The standing in words, as the award page shows it. */
  standingText: string;
  memberships: { lotId: string; lotTitle: string; tier: 'tier1' | 'tier2' | null }[];
  /** Why, in words the tenderer is given. */
  reason: string;
}

export interface AwardView {
  summary: EvaluationSummary;
  /** Tenderers through evaluation and awaiting the award decision. */
  outcomes: AwardOutcome[];
  /** Submitted applications still in evaluation: the award waits for them. */
  inEvaluation: InEvaluation[];
  /** Why the award cannot be decided yet, or null. */
  blocker: string | null;
  decision: awardRepository.AwardDecisionRow | null;
  memberships: (awardRepository.MembershipRow & { providerName: string; lotTitle: string })[];
}

const STANDSTILL_REGIME: Record<string, StandstillRegime | undefined> = { pcr2015: 'pcr2015', pa2023: 'pa2023' };

const STANDING_TEXT: Record<AwardOutcome['standing'], string> = {
  successful: 'Successful',
  'not-admitted': NOT_ADMITTED,
  'awaiting-allocation': 'Awaiting the tier allocation',
};

/** Who would be successful on which lots, from the evaluation (and, on a tiered vehicle, the confirmed allocation). */
export async function awardView(db: Db, viewer: CurrentUser, vehicleId: string): Promise<AwardView> {
  const summary = await scoredSummary(db, viewer, vehicleId);
  const { vehicle, lots } = summary.vehicle;
  if (viewer.organisationId !== vehicle.organisationId) throw new NotFoundError();
  const candidates = summary.rows.filter(
    (row) => row.progress.state === 'at' && row.progress.stage === 'award' && row.overallScore !== null,
  );
  const inEvaluation = applicationsInEvaluation(summary);
  const lotTitle = new Map(lots.map((lot) => [lot.id, lot.title]));
  // Each round of a framework is allocated and awarded on its own.
  const { round } = summary;
  const allocationRow = vehicle.tiered
    ? await evaluationRepository.latestTierAllocation(db, vehicle.id, round)
    : undefined;
  const zoneSlug = new Map(summary.vehicle.zones.map((zone) => [zone.zoneId, allocationZoneId(zone.name)]));
  const notAllocated: string[] = [];
  const outcomes = candidates.map((row): AwardOutcome => {
    const base = {
      applicationId: row.application.id,
      providerId: row.application.providerId,
      providerName: row.providerName,
      overallScore: row.overallScore!,
    };
    const outcome = (
      standing: AwardOutcome['standing'],
      memberships: AwardOutcome['memberships'],
      reason: string,
    ): AwardOutcome => ({
      ...base,
      successful: standing === 'successful',
      standing,
      standingText: STANDING_TEXT[standing],
      memberships,
      reason,
    });
    const score = row.overallScore!;
    if (!vehicle.tiered) {
      const admitted = vehicle.qualityThreshold === null || score >= vehicle.qualityThreshold;
      return admitted
        ? outcome(
            'successful',
            row.application.lotIds.map((lotId) => ({ lotId, lotTitle: lotTitle.get(lotId) ?? '', tier: null })),
            `Scored ${score.toFixed(2)}, meeting the quality threshold`,
          )
        : outcome('not-admitted', [], belowThresholdReason(score, vehicle.qualityThreshold!));
    }
    if (!allocationRow) return outcome('awaiting-allocation', [], 'Awaiting the tier allocation');
    const input = allocationRow.input as TierInput & { bidders: Record<string, { applicationId: string }> };
    const result = allocationRow.result as TierAllocation;
    const name = Object.entries(input.bidders).find(([, bidder]) => bidder.applicationId === row.application.id)?.[0];
    if (name === undefined) {
      notAllocated.push(row.providerName);
      return outcome('awaiting-allocation', [], 'Not in the confirmed tier allocation: confirm it again');
    }
    const tierIn = (zoneId: string) => tierOf(result, `${name}/${zoneSlug.get(zoneId)}`);
    const placed = row.application.lotIds.flatMap((lotId) => {
      const lot = lots.find((l) => l.id === lotId);
      const tier = lot ? tierIn(lot.zoneId) : null;
      return tier ? [{ lotId, lotTitle: lot!.title, tier }] : [];
    });
    // One reason for each zone bid for; a tenderer below the threshold is below it in every zone.
    const reasons = new Set(
      Object.entries(result.reasons)
        .filter(([key]) => key.startsWith(`${name}/`))
        .map(([, reason]) => reason),
    );
    return outcome(placed.length > 0 ? 'successful' : 'not-admitted', placed, [...reasons].join('; '));
  });
  const [decision, membershipRows] = await Promise.all([
    awardRepository.latestAwardDecision(db, vehicle.id, round),
    awardRepository.membershipsOf(db, vehicle.id),
  ]);
  const blocker =
    stillInEvaluationProblem(
      inEvaluation.map((application) => application.providerName),
      'deciding the award',
    ) ??
    (vehicle.tiered && !allocationRow ? 'Confirm the tier allocation first' : null) ??
    (notAllocated.length > 0
      ? `Confirm the tier allocation again: ${notAllocated.join(', ')} ${notAllocated.length === 1 ? 'is' : 'are'} not in it`
      : null) ??
    (candidates.length === 0 ? 'No tenderer is through evaluation and awaiting award' : null);
  // Places won in earlier rounds too, so their providers are named from the register.
  const providerNames = await namesOfProviders(
    db,
    membershipRows.map((membership) => membership.providerId),
  );
  return {
    summary,
    outcomes,
    inEvaluation,
    blocker,
    decision: decision ?? null,
    memberships: membershipRows.map((membership) => ({
      ...membership,
      providerName: providerNames.get(membership.providerId) ?? '',
      lotTitle: lotTitle.get(membership.lotId) ?? '',
    })),
  };
}

/** What deciding the award on `noticeDate` would do, once every check has passed: nothing is saved. */
export interface AwardDecision {
  view: AwardView;
  noticeDate: IsoDate;
  period: Standstill;
}

/**
 * The award decided on `noticeDate` as it would be, or the refusal: by a commissioner, once every
 * tenderer is through evaluation (and on a tiered vehicle allocated), while the vehicle is in
 * evaluation (open, for a DPS or dynamic market), with a notice date after the advert and near today.
 * Deciding (and its check-your-answers page) reads this.
 */
export async function awardDecision(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: AwardInput,
): Promise<AwardDecision> {
  const { noticeDate } = parseOrThrow(awardInput, input);
  if (!hasRole(viewer, 'commissioner')) throw new ForbiddenError('A commissioner decides the award.');
  const view = await awardView(db, viewer, vehicleId);
  const { vehicle } = view.summary.vehicle;
  const regime = STANDSTILL_REGIME[vehicle.regime];
  // Under the Provider Selection Regime the decision record sets the provider and the standstill.
  const psr = vehicle.regime === 'psr' ? await psrAwardTerms(db, vehicle, noticeDate) : null;
  const successful = view.outcomes.filter((outcome) => outcome.successful);
  const problems = [
    ...(view.blocker ? [{ field: 'noticeDate', message: view.blocker }] : []),
    ...(psr?.providerId && successful.some((outcome) => outcome.providerId !== psr.providerId)
      ? [
          {
            field: 'noticeDate',
            message:
              'The Provider Selection Regime decision awards to one provider: only its application may be successful',
          },
        ]
      : []),
    ...((isAlwaysOpen(vehicle.kind as VehicleKind) ? ['open', 'live'] : ['evaluation']).includes(vehicle.status)
      ? []
      : [
          {
            field: 'noticeDate',
            message: 'Award is decided while the vehicle is in evaluation (a DPS or dynamic market: while it is open)',
          },
        ]),
    ...noticeDateProblems(noticeDate, {
      today: isoDateInLondon(new Date()),
      advertOn: vehicle.advertOn,
      setUpOn: isoDateInLondon(vehicle.createdAt),
    }),
  ];
  const holidays = bankHolidays();
  const dateProblem = standstillDateProblem(noticeDate, holidays);
  if (dateProblem) problems.push({ field: 'noticeDate', message: dateProblem });
  if (problems.length > 0) throw new ValidationError(problems);
  const period = psr
    ? psr.period
    : hasStandstill(noticeRegimeOf(vehicle))
      ? standstill(regime!, noticeDate, holidays, { nation: vehicle.nation as Nation })
      : noStandstill(noticeDate);
  return { view, noticeDate, period };
}

/**
 * The commissioner decides the award on the day the notice goes out: successful tenderers get
 * memberships that wait for standstill to end; unsuccessful ones are told why.
 */
export async function decideAward(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: AwardInput,
): Promise<AwardView> {
  const { view, noticeDate, period } = await awardDecision(db, viewer, vehicleId, input);
  const { vehicle } = view.summary.vehicle;
  const round = view.summary.round;
  const allocation = vehicle.tiered
    ? await evaluationRepository.latestTierAllocation(db, vehicle.id, round)
    : undefined;
  const now = new Date();
  const decision = {
    organisationId: vehicle.organisationId,
    vehicleId: vehicle.id,
    id: randomUUID(),
    roundNumber: round,
    noticeDate,
    standstillRegime: period.regime,
    standstillEnds: period.ends,
    earliestContractDate: period.earliestContractDate,
    explanation: period.explanation,
    tierAllocationId: allocation?.id ?? null,
    decidedBy: viewer.id,
    decidedAt: now,
  };
  await db.transaction(async (tx) => {
    await awardRepository.insertAwardDecision(tx, decision);
    for (const outcome of view.outcomes) {
      await evaluationRepository.insertStageDecision(tx, {
        organisationId: vehicle.organisationId,
        applicationId: outcome.applicationId,
        stage: 'award',
        outcome: outcome.successful ? 'pass' : 'fail',
        reason: outcome.reason,
        decidedBy: viewer.id,
        decidedAt: now,
      });
      await applicationRepository.updateApplication(tx, vehicle.organisationId, outcome.applicationId, {
        status:
          outcome.standing === 'not-admitted' ? 'not-admitted' : outcome.successful ? 'successful' : 'unsuccessful',
        updatedAt: now,
      });
      await awardRepository.insertMemberships(
        tx,
        outcome.memberships.map((membership) => ({
          organisationId: vehicle.organisationId,
          vehicleId: vehicle.id,
          id: randomUUID(),
          lotId: membership.lotId,
          providerId: outcome.providerId,
          applicationId: outcome.applicationId,
          roundNumber: round,
          tier: membership.tier,
          status: 'awarded',
          startOn: null,
          endOn: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    await tellTenderersAwarded(tx, vehicle, view.outcomes);
    if (vehicle.status === 'evaluation')
      await vehicleRepository.updateVehicle(tx, vehicle.organisationId, vehicle.id, {
        status: 'standstill',
        updatedAt: now,
      });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.award',
        recordType: 'vehicle',
        recordId: vehicle.id,
        after: {
          round,
          noticeDate,
          standstillEnds: period.ends,
          earliestContractDate: period.earliestContractDate,
          successful: view.outcomes.filter((o) => o.successful).map((o) => o.providerName),
          notAdmitted: view.outcomes.filter((o) => !o.successful).map((o) => o.providerName),
        },
      },
    ]);
  });
  return awardView(db, viewer, vehicleId);
}

/** Starts the awarded contracts: never before standstill has ended. */
export async function startContracts(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: ContractStartInput,
): Promise<AwardView> {
  const { startOn } = parseOrThrow(contractStartInput, input);
  if (!hasRole(viewer, 'commissioner')) throw new ForbiddenError('A commissioner starts the contracts.');
  const view = await awardView(db, viewer, vehicleId);
  const { vehicle } = view.summary.vehicle;
  const awaiting = view.memberships.filter((membership) => membership.status === 'awarded');
  if (!view.decision || awaiting.length === 0)
    throw new ValidationError([{ field: 'startOn', message: 'There are no awarded contracts waiting to start' }]);
  if (startOn < view.decision.earliestContractDate) {
    throw new ValidationError([
      {
        field: 'startOn',
        message: `Contracts can start on ${longDate(view.decision.earliestContractDate)} at the earliest: standstill ends at midnight at the end of ${longDate(view.decision.standstillEnds)}`,
      },
    ]);
  }
  const now = new Date();
  await db.transaction(async (tx) => {
    await awardRepository.startMemberships(tx, vehicle.organisationId, vehicle.id, startOn, vehicle.contractEndOn, now);
    if (vehicle.status === 'standstill')
      await vehicleRepository.updateVehicle(tx, vehicle.organisationId, vehicle.id, { status: 'live', updatedAt: now });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.contracts-start',
        recordType: 'vehicle',
        recordId: vehicle.id,
        after: { startOn, memberships: awaiting.length },
      },
    ]);
  });
  return awardView(db, viewer, vehicleId);
}

/** The commissioner suspends, reinstates or removes a provider's place on a lot, with the reason. */
export async function changeMembership(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  membershipId: string,
  input: MembershipChangeInput,
): Promise<AwardView> {
  const change = parseOrThrow(membershipChangeInput, input);
  if (!hasRole(viewer, 'commissioner')) throw new ForbiddenError('A commissioner changes memberships.');
  const view = await awardView(db, viewer, vehicleId);
  const membership = view.memberships.find((m) => m.id === membershipId);
  if (!membership) throw new NotFoundError();
  await moveMembership(db, actorOf(viewer), membership, change);
  return awardView(db, viewer, vehicleId);
}
