// Each applicant's letter once the award is decided: its own scores beside the successful
// tenderers' (never named), the outcome and why, its places on the vehicle and the standstill.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { getApplication } from './application-view-service.ts';
import { summarise } from './evaluation-summary-service.ts';
import { vehicleForApplicant } from './service.ts';
import * as awardRepository from './award-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';

export interface AwardLetter {
  providerName: string;
  vehicleName: string;
  outcome: 'successful' | 'unsuccessful' | 'not-admitted' | 'excluded';
  /** The outcome as the letter says it: "successful", "not admitted". */
  outcomeText: string;
  reason: string;
  /** Its agreed score for each quality question, with the best successful tenderer's, unnamed. */
  questions: {
    text: string;
    weightPercent: number;
    score: number | null;
    bestSuccessful: number | null;
    scaleMax: number;
  }[];
  overallScore: number | null;
  /** The range of the successful tenderers' overall scores, unnamed. */
  successfulRange: { lowest: number; highest: number } | null;
  memberships: { lotTitle: string; tier: string | null }[];
  standstill: { ends: string; explanation: string } | null;
}

const OUTCOME_TEXT: Record<AwardLetter['outcome'], string> = {
  successful: 'successful',
  unsuccessful: 'unsuccessful',
  'not-admitted': 'not admitted',
  excluded: 'excluded',
};

/** The assessment summary an applicant is sent: its own scores beside the successful scores, and why. */
export async function awardLetter(db: Db, viewer: CurrentUser, applicationId: string): Promise<AwardLetter> {
  const detail = await getApplication(db, viewer, applicationId);
  if (!detail.isApplicant && (viewer.organisationId !== detail.application.organisationId || !detail.sight.scores))
    throw new NotFoundError();
  const status = detail.application.status;
  if (status !== 'successful' && status !== 'unsuccessful' && status !== 'not-admitted' && status !== 'excluded')
    throw new ValidationError([{ field: 'application', message: 'There is no outcome to report yet' }]);
  // The letter compares the applicant with the others without naming them, so it reads the whole evaluation.
  // Against the others of its own round.
  const round = detail.application.roundNumber;
  const summary = await summarise(db, await vehicleForApplicant(db, detail.application.vehicleId), viewer.id, round);
  const successful = summary.rows.filter((row) => row.application.status === 'successful');
  const agreed = await evaluationRepository.agreedScoresOf(
    db,
    summary.rows.map((row) => row.application.id),
  );
  const own = new Map(agreed.filter((a) => a.applicationId === applicationId).map((a) => [a.questionId, a.score]));
  const successfulIds = new Set(successful.map((row) => row.application.id));
  const mine = summary.rows.find((row) => row.application.id === applicationId)!;
  const decision = await awardRepository.latestAwardDecision(db, detail.application.vehicleId, round);
  const lotTitle = new Map(detail.lots.map((lot) => [lot.id, lot.title]));
  const membershipRows = (await awardRepository.membershipsOf(db, detail.application.vehicleId)).filter(
    (m) => m.applicationId === applicationId,
  );
  const scores = successful.map((row) => row.overallScore!).filter((score) => score !== null);
  // Excluded at a stage before award; the award's own outcome is told with its reason.
  const excluded = status === 'excluded' && detail.progress.state === 'excluded' ? detail.progress : null;
  return {
    providerName: detail.provider.name,
    vehicleName: detail.vehicle.name,
    outcome: status,
    outcomeText: OUTCOME_TEXT[status],
    reason: excluded
      ? `Excluded at ${excluded.stage}: ${excluded.reason}`
      : (detail.decisions.find((d) => d.stage === 'award')?.reason ?? ''),
    questions: detail.questions
      .filter((question) => question.kind === 'quality')
      .map((question) => {
        const best = agreed
          .filter((a) => a.questionId === question.id && successfulIds.has(a.applicationId))
          .map((a) => a.score);
        return {
          text: question.text,
          weightPercent: question.weightPercent ?? 0,
          score: own.get(question.id) ?? null,
          bestSuccessful: best.length > 0 ? Math.max(...best) : null,
          scaleMax: detail.vehicle.scoreScaleMax,
        };
      }),
    overallScore: mine.overallScore,
    successfulRange: scores.length > 0 ? { lowest: Math.min(...scores), highest: Math.max(...scores) } : null,
    memberships: membershipRows.map((membership) => ({
      lotTitle: lotTitle.get(membership.lotId) ?? '',
      tier: membership.tier,
    })),
    standstill: decision ? { ends: decision.standstillEnds, explanation: decision.explanation } : null,
  };
}
