// The evaluation of a vehicle at a glance: every submitted application with where it stands and,
// once moderated, its quality and overall scores, for the staff running the procurement.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import { providerNames } from '../providers/service.ts';
import {
  overallScore,
  priceScore,
  progressOf,
  qualityScore,
  stillInEvaluation,
  type Progress,
  type StageOutcome,
} from './domain/evaluation.ts';
import type { ProcurementSight } from './domain/procurement-sight.ts';
import { questionApplies, type Stage } from './domain/vehicles.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import { getVehicle, vehicleSight, type VehicleDetail } from './service.ts';

export interface EvaluationSummary {
  vehicle: Awaited<ReturnType<typeof getVehicle>>;
  /** What the viewer may see: without scores, the rows carry none. */
  sight: ProcurementSight;
  declaration: { hasConflict: boolean } | null;
  /** The round of a framework being evaluated (1 on a vehicle without rounds): the rows are its applications. */
  round: number;
  /** Submitted applications of earlier rounds, decided there: they stay as they were decided. */
  earlierRounds: { round: number; applications: number }[];
  rows: {
    application: applicationRepository.ApplicationRow;
    providerName: string;
    progress: Progress;
    /** The weighted quality score once moderated, else null. */
    qualityScore: number | null;
    /** Quality and price by the vehicle's weighting (quality alone where rates are fixed), once moderated. */
    overallScore: number | null;
  }[];
}

/** Every submitted application in the vehicle's current round with where it stands, for the staff running its procurement. */
export async function evaluationSummary(db: Db, viewer: CurrentUser, vehicleId: string): Promise<EvaluationSummary> {
  const vehicle = await getVehicle(db, viewer, vehicleId);
  if (viewer.organisationId === null) throw new NotFoundError();
  const sight = await vehicleSight(db, viewer, vehicle.vehicle.id);
  if (!sight.applicants) throw new ForbiddenError(sight.withheld!);
  const summary = await summarise(db, vehicle, viewer.id);
  if (sight.scores) return { ...summary, sight };
  return { ...summary, sight, rows: summary.rows.map((row) => ({ ...row, qualityScore: null, overallScore: null })) };
}

/** A submitted application still in evaluation: what a decision on the whole vehicle waits for. */
export interface InEvaluation {
  applicationId: string;
  providerName: string;
  progress: Progress;
}

/** The vehicle's submitted applications still in evaluation, by provider name. */
export function applicationsInEvaluation(summary: Pick<EvaluationSummary, 'rows'>): InEvaluation[] {
  return summary.rows
    .filter((row) => row.application.status === 'submitted' && stillInEvaluation(row.progress, row.overallScore))
    .map((row) => ({ applicationId: row.application.id, providerName: row.providerName, progress: row.progress }));
}

/** The summary with its scores, for a page that shows or decides on them. */
export async function scoredSummary(db: Db, viewer: CurrentUser, vehicleId: string): Promise<EvaluationSummary> {
  const summary = await evaluationSummary(db, viewer, vehicleId);
  if (!summary.sight.scores)
    throw new ForbiddenError(
      summary.sight.withheld ??
        'Only commissioners, auditors and evaluators who have declared no conflict see the scores.',
    );
  return summary;
}

/** The summary of a vehicle the caller has already been allowed to see; `viewerId`'s own declaration included. */
export async function summarise(
  db: Db,
  vehicle: VehicleDetail,
  viewerId: string,
  /** The round whose applications to summarise (its price scores are against its own tenderers); the current one unless given. */
  round: number = vehicle.currentRound,
): Promise<Omit<EvaluationSummary, 'sight'>> {
  const { rows: every } = await applicationRepository.findApplications(
    db,
    { organisationId: vehicle.vehicle.organisationId, vehicleId: vehicle.vehicle.id },
    0,
    10_000,
  );
  const rows = every.filter((row) => row.roundNumber === round);
  const earlierRounds = [...new Set(every.map((row) => row.roundNumber))]
    .filter((number) => number < round)
    .sort((a, b) => a - b)
    .map((number) => ({ round: number, applications: every.filter((row) => row.roundNumber === number).length }));
  const ids = rows.map((row) => row.id);
  const [decisions, agreed, questions, declaration] = await Promise.all([
    evaluationRepository.stageDecisionsOf(db, ids),
    evaluationRepository.agreedScoresOf(db, ids),
    applicationRepository.questionsOf(db, vehicle.vehicle.id),
    evaluationRepository.declarationOf(db, vehicle.vehicle.id, viewerId),
  ]);
  const qualityFor = (lotIds: readonly string[]) =>
    questions
      .filter((question) => question.kind === 'quality' && questionApplies(question, lotIds))
      .map((question) => ({ id: question.id, weightPercent: question.weightPercent ?? 0 }));
  const { pricesFixed, qualityWeightPercent, scoreScaleMax, stages } = vehicle.vehicle;
  const [names, prices] = await Promise.all([
    providerNames(
      db,
      rows.map((row) => row.providerId),
    ),
    pricesFixed ? [] : applicationRepository.pricesOfApplications(db, ids),
  ]);
  const averageRate = new Map<string, number>();
  for (const id of new Set(prices.map((price) => price.applicationId))) {
    const own = prices.filter((price) => price.applicationId === id);
    averageRate.set(id, own.reduce((total, price) => total + price.weeklyRatePence, 0) / own.length);
  }
  const scored = rows.map((application) => {
    const progress = progressOf(
      stages as Stage[],
      decisions
        .filter((d) => d.applicationId === application.id)
        .map((d) => ({ stage: d.stage as Stage, outcome: d.outcome as StageOutcome, reason: d.reason })),
    );
    return {
      application,
      providerName: names.get(application.providerId) ?? '',
      progress,
      qualityScore: qualityScore(
        qualityFor(application.lotIds),
        new Map(agreed.filter((a) => a.applicationId === application.id).map((a) => [a.questionId, a.score])),
        scoreScaleMax,
      ),
    };
  });
  // Price is scored against the cheapest tenderer still in the running.
  const inRunning = scored.filter((row) => row.progress.state !== 'excluded' && averageRate.has(row.application.id));
  const lowest =
    inRunning.length > 0 ? Math.min(...inRunning.map((row) => averageRate.get(row.application.id)!)) : null;
  return {
    vehicle,
    declaration: declaration ? { hasConflict: declaration.hasConflict } : null,
    round,
    earlierRounds,
    rows: scored
      .map((row) => {
        const rate = averageRate.get(row.application.id);
        const price = rate !== undefined && lowest !== null ? priceScore(rate, lowest) : null;
        return {
          ...row,
          overallScore:
            row.qualityScore === null
              ? null
              : overallScore(row.qualityScore, pricesFixed ? null : price, pricesFixed ? 100 : qualityWeightPercent),
        };
      })
      .sort((a, b) => a.providerName.localeCompare(b.providerName)),
  };
}
