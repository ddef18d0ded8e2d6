// Evaluation (DOMAIN.md, "Tender / application stages"; Kent, report 001 §6.4-6.9): stages that
// exclude a tenderer who fails one, independent scoring of quality answers, moderation to one
// agreed score, and the weighted total.
import type { FieldError } from '../../platform/domain/field-error.ts';
import type { Stage } from './vehicles.ts';

export type StageOutcome = 'pass' | 'fail';

export interface StageDecision {
  stage: Stage;
  outcome: StageOutcome;
  reason: string | null;
}

/** Where an application stands in its vehicle's pipeline. */
export type Progress =
  { state: 'at'; stage: Stage } | { state: 'excluded'; stage: Stage; reason: string } | { state: 'through' };

/**
 * The first stage without a pass; a fail at any stage excludes the tenderer from every later one.
 * Award is decided for the vehicle as a whole, so an application that has passed everything
 * before it stands at award.
 */
export function progressOf(pipeline: readonly Stage[], decisions: readonly StageDecision[]): Progress {
  const byStage = new Map(decisions.map((decision) => [decision.stage, decision]));
  for (const stage of pipeline) {
    const decision = byStage.get(stage);
    if (decision?.outcome === 'fail') return { state: 'excluded', stage, reason: decision.reason ?? '' };
    if (decision?.outcome !== 'pass') return { state: 'at', stage };
  }
  return { state: 'through' };
}

/** Whether `stage` can be decided now: it must be the stage the application has reached. */
export function stageDecisionProblem(
  pipeline: readonly Stage[],
  decisions: readonly StageDecision[],
  stage: Stage,
  outcome: StageOutcome,
  reason: string | null,
): FieldError | null {
  if (!pipeline.includes(stage)) return { field: 'stage', message: `This vehicle has no ${stage} stage` };
  // Each stage is decided once, a fail as much as a pass (a double click, or a second look).
  if (decisions.some((decision) => decision.stage === stage))
    return { field: 'stage', message: `The ${stage} stage has already been decided` };
  const progress = progressOf(pipeline, decisions);
  if (progress.state === 'excluded')
    return { field: 'stage', message: `This tenderer was excluded at ${progress.stage}` };
  if (progress.state === 'through' || progress.stage !== stage)
    return { field: 'stage', message: `This tenderer has not reached the ${stage} stage` };
  if (outcome === 'fail' && !reason?.trim())
    return { field: 'reason', message: 'Give the reason: the tenderer is told it' };
  return null;
}

export interface EvaluatorScore {
  evaluatorId: string;
  questionId: string;
  score: number;
  comment: string;
  submitted: boolean;
}

/** A score is a whole number on the vehicle's scale, with a comment that justifies it. */
export function scoreProblems(score: number, comment: string, scaleMax: number): FieldError[] {
  const problems: FieldError[] = [];
  if (!Number.isInteger(score) || score < 0 || score > scaleMax)
    problems.push({ field: 'score', message: `Give a whole-number score from 0 to ${scaleMax}` });
  if (!comment.trim()) problems.push({ field: 'comment', message: 'Say why you gave this score' });
  return problems;
}

/**
 * Evaluators score independently: each sees only their own scores until they have submitted
 * theirs for the application, and then everyone's submitted scores.
 */
export function visibleScores(scores: readonly EvaluatorScore[], viewerId: string): EvaluatorScore[] {
  const ownSubmitted = scores.some((score) => score.evaluatorId === viewerId && score.submitted);
  return scores.filter((score) => score.evaluatorId === viewerId || (ownSubmitted && score.submitted));
}

export interface ModerationRow {
  questionId: string;
  scores: { evaluatorId: string; score: number; comment: string }[];
  /** Highest minus lowest: a wide spread is what moderation discusses first. */
  spread: number | null;
  mean: number | null;
}

/** Every evaluator's submitted score for each quality question, side by side. */
export function moderationRows(questionIds: readonly string[], scores: readonly EvaluatorScore[]): ModerationRow[] {
  return questionIds.map((questionId) => {
    const submitted = scores.filter((score) => score.questionId === questionId && score.submitted);
    const values = submitted.map((score) => score.score);
    return {
      questionId,
      scores: submitted.map(({ evaluatorId, score, comment }) => ({ evaluatorId, score, comment })),
      spread: values.length > 0 ? Math.max(...values) - Math.min(...values) : null,
      mean: values.length > 0 ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null,
    };
  });
}

export interface WeightedQuestion {
  id: string;
  weightPercent: number;
}

/**
 * The quality score out of 100: Σ weight × agreed score ÷ scale maximum, rounded to 2 decimals.
 * Where lots have questions of their own, a tenderer for several lots answers more than 100% of
 * weighting, so the sum is taken over the weightings of the questions it answered.
 * Null until every one of those questions has an agreed score.
 */
export function qualityScore(
  questions: readonly WeightedQuestion[],
  agreed: ReadonlyMap<string, number>,
  scaleMax: number,
): number | null {
  if (questions.some((question) => !agreed.has(question.id))) return null;
  const totalWeight = questions.reduce((total, question) => total + question.weightPercent, 0);
  if (totalWeight === 0) return null;
  // In hundredths throughout, so the total is exact to the 2 decimals shown.
  const hundredths = questions.reduce(
    (total, question) => total + (question.weightPercent * agreed.get(question.id)! * 100) / scaleMax,
    0,
  );
  return Math.round((hundredths * 100) / totalWeight) / 100;
}

/**
 * Price score out of 100: the lowest average weekly rate among the tenderers compared, divided by
 * this tenderer's, so the cheapest scores 100.
 */
export function priceScore(averageWeeklyPence: number, lowestAverageWeeklyPence: number): number {
  return Math.round((lowestAverageWeeklyPence / averageWeeklyPence) * 10_000) / 100;
}

/** The overall score: quality and price by the vehicle's weighting (100% quality where rates are fixed). */
export function overallScore(quality: number, price: number | null, qualityWeightPercent: number): number {
  if (price === null || qualityWeightPercent === 100) return quality;
  return Math.round(quality * qualityWeightPercent + price * (100 - qualityWeightPercent)) / 100;
}

/**
 * Whether a submitted application is still being evaluated: not excluded, and not yet standing at
 * award with its overall score. Tiers are confirmed, and the award decided, only once none is.
 */
export function stillInEvaluation(progress: Progress, overallScore: number | null): boolean {
  return progress.state === 'at' && (progress.stage !== 'award' || overallScore === null);
}

const listed = (items: readonly string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Why `decision` (confirming the tier allocation, deciding the award) must wait, naming the
 * tenderers still in evaluation; null when none is.
 */
export function stillInEvaluationProblem(providerNames: readonly string[], decision: string): string | null {
  if (providerNames.length === 0) return null;
  const one = providerNames.length === 1;
  return `${listed(providerNames)} ${one ? 'is' : 'are'} still in evaluation: decide ${one ? 'its' : 'their'} stages before ${decision}`;
}
