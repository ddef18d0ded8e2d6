// Evaluating submitted applications: stage decisions, evaluators' conflict declarations and
// independent scores, and moderation to agreed scores. Only the lead organisation decides; its
// partners' evaluators may score.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { userNames } from '../organisations/user-service.ts';
import {
  moderationRows,
  progressOf,
  qualityScore,
  scoreProblems,
  stageDecisionProblem,
  visibleScores,
  type EvaluatorScore,
  type Progress,
  type StageOutcome,
} from './domain/evaluation.ts';
import type { Stage } from './domain/vehicles.ts';
import {
  agreedScoreInput,
  declarationInput,
  scoreInput,
  stageDecisionInput,
  type AgreedScoreInput,
  type DeclarationInput,
  type ScoreInput,
  type StageDecisionInput,
} from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import {
  getApplication,
  SubmissionWithheld,
  type ApplicationDetail,
  type ApplicationSubject,
} from './application-view-service.ts';
import { UNDECLARED } from './domain/procurement-sight.ts';
import { getVehicle } from './service.ts';
import { auditFor } from './audit.ts';
import { tellApplicantDecided } from './notices.ts';

/** A submitted application, for the lead organisation's staff only. */
async function leadsApplication(db: Db, viewer: CurrentUser, applicationId: string): Promise<ApplicationDetail> {
  const detail = await getApplication(db, viewer, applicationId);
  if (detail.isApplicant || viewer.organisationId !== detail.application.organisationId) throw new NotFoundError();
  return detail;
}

/** What recording a stage's outcome would do, once every check has passed: nothing is saved. */
export interface StageDecisionCheck {
  application: ApplicationDetail;
  stage: Stage;
  outcome: StageOutcome;
  reason: string | null;
  /** Where the application would stand after it: excluded, at the next stage, or at award. */
  after: Progress;
}

/**
 * A stage's outcome as it would be recorded, or the refusal: finance officers decide the
 * financial check and commissioners the rest, each stage once, in the vehicle's order, a fail
 * with its reason. Recording it (and its check-your-answers page) reads this.
 */
export async function stageDecision(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  input: StageDecisionInput,
): Promise<StageDecisionCheck> {
  const { stage, outcome, reason } = parseOrThrow(stageDecisionInput, input);
  const detail = await leadsApplication(db, viewer, applicationId);
  const allowed = stage === 'financial' ? hasRole(viewer, 'finance_officer') : hasRole(viewer, 'commissioner');
  if (!allowed)
    throw new ForbiddenError(
      stage === 'financial' ? 'A finance officer records the financial check.' : 'A commissioner records this stage.',
    );
  const stages = detail.vehicle.stages as Stage[];
  const problem = stageDecisionProblem(stages, detail.decisions, stage, outcome, reason);
  if (problem) throw new ValidationError([problem]);
  const after = progressOf(stages, [...detail.decisions, { stage, outcome, reason }]);
  return { application: detail, stage, outcome, reason, after };
}

/** Records a stage's outcome. Finance officers decide the financial check; commissioners the rest. A fail excludes the tenderer, with the reason they are told. */
export async function decideStage(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  input: StageDecisionInput,
): Promise<ApplicationDetail> {
  const { application: detail, stage, outcome, reason } = await stageDecision(db, viewer, applicationId, input);
  const { application } = detail;
  await db.transaction(async (tx) => {
    await evaluationRepository.insertStageDecision(tx, {
      organisationId: application.organisationId,
      applicationId,
      stage,
      outcome,
      reason,
      decidedBy: viewer.id,
      decidedAt: new Date(),
    });
    if (outcome === 'fail') {
      await applicationRepository.updateApplication(tx, application.organisationId, applicationId, {
        status: 'excluded',
        updatedAt: new Date(),
      });
      await tellApplicantDecided(tx, detail.vehicle, application, stage);
    }
    await recordAudit(tx, actorOf(viewer), [
      { action: 'application.stage', ...auditFor(application), reason, after: { stage, outcome } },
    ]);
  });
  return getApplication(db, viewer, applicationId);
}

/** An evaluator declares, once per vehicle, whether they have a conflict of interest. */
export async function declareConflict(db: Db, viewer: CurrentUser, vehicleId: string, input: DeclarationInput) {
  const { hasConflict, details } = parseOrThrow(declarationInput, input);
  const { vehicle } = await getVehicle(db, viewer, vehicleId);
  if (await evaluationRepository.declarationOf(db, vehicle.id, viewer.id))
    throw new ConflictError('You have already made your declaration for this vehicle');
  const row = {
    organisationId: vehicle.organisationId,
    vehicleId: vehicle.id,
    evaluatorId: viewer.id,
    hasConflict,
    details,
    declaredAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await evaluationRepository.insertDeclaration(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'evaluator.declaration',
        recordType: 'vehicle',
        recordId: vehicle.id,
        organisationId: vehicle.organisationId,
        after: { hasConflict, details },
      },
    ]);
  });
  return row;
}

/** Every evaluator's scores for the application, each saying whether it has been submitted. */
async function evaluatorScores(db: Db, applicationId: string): Promise<EvaluatorScore[]> {
  return (await evaluationRepository.scoresOf(db, applicationId)).map((row) => ({
    evaluatorId: row.evaluatorId,
    questionId: row.questionId,
    score: row.score,
    comment: row.comment,
    submitted: row.submittedAt !== null,
  }));
}

export interface ScoringView {
  /** Which application, by whom, to what. */
  subject: ApplicationSubject;
  /** The application, once the evaluator may see its vehicle's submissions; null before they have declared no conflict. */
  application: ApplicationDetail | null;
  progress: Progress | null;
  declaration: { hasConflict: boolean; details: string | null } | null;
  /** Why this evaluator cannot score it now, or null. */
  scoringProblem: string | null;
  scaleMax: number;
  /** The evaluator's own scores, and everyone's submitted ones once theirs are submitted. */
  scores: (EvaluatorScore & { evaluatorName: string })[];
  submitted: boolean;
}

const SCORING_CONFLICTED = 'You declared a conflict of interest, so you do not score this vehicle';

/** What an evaluator sees of an application: nothing of it before declaring no conflict, only how to declare. */
export async function scoringView(db: Db, viewer: CurrentUser, applicationId: string): Promise<ScoringView> {
  if (!hasRole(viewer, 'evaluator')) throw new ForbiddenError('Evaluators score applications.');
  let application: ApplicationDetail;
  try {
    application = await getApplication(db, viewer, applicationId);
  } catch (error) {
    if (!(error instanceof SubmissionWithheld)) throw error;
    const { vehicle } = await getVehicle(db, viewer, error.subject.vehicle.id);
    const declaration = await evaluationRepository.declarationOf(db, vehicle.id, viewer.id);
    return {
      subject: error.subject,
      application: null,
      progress: null,
      declaration: declaration ? { hasConflict: declaration.hasConflict, details: declaration.details } : null,
      scoringProblem: declaration ? SCORING_CONFLICTED : UNDECLARED,
      scaleMax: vehicle.scoreScaleMax,
      scores: [],
      submitted: false,
    };
  }
  if (application.isApplicant) throw new NotFoundError();
  const { vehicle, progress } = application;
  const declaration = await evaluationRepository.declarationOf(db, vehicle.id, viewer.id);
  const scoringProblem = !declaration
    ? UNDECLARED
    : declaration.hasConflict
      ? SCORING_CONFLICTED
      : progress.state !== 'at' || progress.stage !== 'quality'
        ? 'This application is not at the quality stage'
        : null;
  const rows = await evaluatorScores(db, applicationId);
  const visible = declaration && !declaration.hasConflict ? visibleScores(rows, viewer.id) : [];
  const names = await userNames(
    db,
    visible.map((score) => score.evaluatorId),
  );
  return {
    subject: {
      applicationId: application.application.id,
      providerName: application.provider.name,
      vehicle: { id: vehicle.id, name: vehicle.name },
    },
    // One who sees submissions by another role (a finance officer) still scores only after declaring.
    application:
      declaration && !declaration.hasConflict
        ? application
        : { ...application, answers: [], prices: [], documents: [] },
    progress,
    declaration: declaration ? { hasConflict: declaration.hasConflict, details: declaration.details } : null,
    scoringProblem,
    scaleMax: vehicle.scoreScaleMax,
    scores: visible.map((score) => ({ ...score, evaluatorName: names.get(score.evaluatorId) ?? '' })),
    submitted: rows.some((score) => score.evaluatorId === viewer.id && score.submitted),
  };
}

/** A view the evaluator may score now: the application in it, never null. */
type Scorable = ScoringView & { application: ApplicationDetail };

async function scorable(db: Db, viewer: CurrentUser, applicationId: string): Promise<Scorable> {
  const view = await scoringView(db, viewer, applicationId);
  if (view.scoringProblem || !view.application)
    throw new ValidationError([{ field: 'score', message: view.scoringProblem ?? UNDECLARED }]);
  if (view.submitted)
    throw new ValidationError([
      { field: 'score', message: 'You have submitted your scores for this application; they can no longer be changed' },
    ]);
  return { ...view, application: view.application };
}

export async function saveScore(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  questionId: string,
  input: ScoreInput,
): Promise<ScoringView> {
  return saveScores(db, viewer, applicationId, [{ questionId, input }]);
}

/** Saves the evaluator's scores for several answers of an application in one transaction: all or none. */
export async function saveScores(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  scores: readonly { questionId: string; input: ScoreInput }[],
): Promise<ScoringView> {
  const parsed = scores.map(({ questionId, input }) => ({ questionId, ...parseOrThrow(scoreInput, input) }));
  const view = await scorable(db, viewer, applicationId);
  for (const { questionId, score, comment } of parsed) {
    if (!view.application.questions.some((q) => q.id === questionId && q.kind === 'quality')) throw new NotFoundError();
    const problems = scoreProblems(score, comment, view.scaleMax);
    if (problems.length > 0) throw new ValidationError(problems);
  }
  const { application } = view.application;
  await db.transaction(async (tx) => {
    for (const { questionId, score, comment } of parsed)
      await evaluationRepository.saveScore(tx, {
        organisationId: application.organisationId,
        applicationId,
        questionId,
        evaluatorId: viewer.id,
        score,
        comment,
        submittedAt: null,
        updatedAt: new Date(),
      });
    await recordAudit(
      tx,
      actorOf(viewer),
      parsed.map((after) => ({ action: 'score.save', ...auditFor(application), after })),
    );
  });
  return scoringView(db, viewer, applicationId);
}

/** Submits the evaluator's scores for an application: every quality answer scored. */
export async function submitScores(db: Db, viewer: CurrentUser, applicationId: string): Promise<ScoringView> {
  const view = await scorable(db, viewer, applicationId);
  const mine = new Set(view.scores.filter((score) => score.evaluatorId === viewer.id).map((score) => score.questionId));
  const missing = view.application.questions.filter(
    (question) => question.kind === 'quality' && !mine.has(question.id),
  );
  if (missing.length > 0)
    throw new ValidationError(
      missing.map((question) => ({ field: `score-${question.id}`, message: `Score "${question.text}"` })),
    );
  const { application } = view.application;
  await db.transaction(async (tx) => {
    await evaluationRepository.submitScores(tx, application.organisationId, applicationId, viewer.id, new Date());
    await recordAudit(tx, actorOf(viewer), [{ action: 'score.submit', ...auditFor(application) }]);
  });
  return scoringView(db, viewer, applicationId);
}

export interface ModerationView {
  application: ApplicationDetail;
  scaleMax: number;
  rows: (ReturnType<typeof moderationRows>[number] & {
    question: applicationRepository.QuestionRow;
    scores: { evaluatorId: string; evaluatorName: string; score: number; comment: string }[];
    agreed: { score: number; rationale: string } | null;
  })[];
  /** Σ weight × agreed ÷ scale maximum, once every quality answer has its agreed score. */
  qualityScore: number | null;
}

/** The moderation page: every evaluator's submitted score side by side, for the lead's commissioners. */
export async function moderationView(db: Db, viewer: CurrentUser, applicationId: string): Promise<ModerationView> {
  if (!hasRole(viewer, 'commissioner')) throw new ForbiddenError('Commissioners moderate scores.');
  const application = await leadsApplication(db, viewer, applicationId);
  const { vehicle } = application;
  const quality = application.questions.filter((question) => question.kind === 'quality');
  const rows = await evaluatorScores(db, applicationId);
  const names = await userNames(
    db,
    rows.map((row) => row.evaluatorId),
  );
  const agreed = new Map(
    (await evaluationRepository.agreedScoresOf(db, [applicationId])).map((row) => [row.questionId, row]),
  );
  return {
    application,
    scaleMax: vehicle.scoreScaleMax,
    rows: moderationRows(
      quality.map((question) => question.id),
      rows,
    ).map((row) => ({
      ...row,
      question: quality.find((question) => question.id === row.questionId)!,
      scores: row.scores.map((score) => ({ ...score, evaluatorName: names.get(score.evaluatorId) ?? '' })),
      agreed: agreed.has(row.questionId)
        ? { score: agreed.get(row.questionId)!.score, rationale: agreed.get(row.questionId)!.rationale }
        : null,
    })),
    qualityScore: qualityScore(
      quality.map((question) => ({ id: question.id, weightPercent: question.weightPercent ?? 0 })),
      new Map([...agreed].map(([id, row]) => [id, row.score])),
      vehicle.scoreScaleMax,
    ),
  };
}

/** The moderator records the agreed score and why, once evaluators have submitted theirs. */
export async function agreeScore(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  questionId: string,
  input: AgreedScoreInput,
): Promise<ModerationView> {
  return agreeScores(db, viewer, applicationId, [{ questionId, input }]);
}

/** The agreed scores of several answers of an application (a moderation meeting's), in one transaction: all or none. */
export async function agreeScores(
  db: Db,
  viewer: CurrentUser,
  applicationId: string,
  agreements: readonly { questionId: string; input: AgreedScoreInput }[],
): Promise<ModerationView> {
  const parsed = agreements.map(({ questionId, input }) => ({ questionId, ...parseOrThrow(agreedScoreInput, input) }));
  const view = await moderationView(db, viewer, applicationId);
  const agreed = parsed.map(({ questionId, score, rationale }) => {
    const row = view.rows.find((r) => r.questionId === questionId);
    if (!row) throw new NotFoundError();
    const problems = [
      ...scoreProblems(score, rationale, view.scaleMax).map((problem) =>
        problem.field === 'comment'
          ? { field: 'rationale', message: 'Record the rationale for the agreed score' }
          : problem,
      ),
      ...(row.scores.length === 0
        ? [{ field: 'score', message: 'No evaluator has submitted a score for this answer yet' }]
        : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    return { questionId, score, rationale, before: row.agreed };
  });
  const { application } = view.application;
  await db.transaction(async (tx) => {
    for (const { questionId, score, rationale } of agreed)
      await evaluationRepository.saveAgreedScore(tx, {
        organisationId: application.organisationId,
        applicationId,
        questionId,
        score,
        rationale,
        moderatorId: viewer.id,
        agreedAt: new Date(),
      });
    await recordAudit(
      tx,
      actorOf(viewer),
      agreed.map(({ questionId, score, rationale, before }) => ({
        action: 'score.agree',
        ...auditFor(application),
        before,
        after: { questionId, score, rationale },
      })),
    );
  });
  return moderationView(db, viewer, applicationId);
}
