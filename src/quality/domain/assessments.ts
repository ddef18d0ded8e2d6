// An assessment's life: a draft the officers write, sent to the provider to check its facts, the
// provider's comments decided, then published; and the action plan that follows a rating below
// Good. The provider has a set number of working days to comment (bank holidays are not working
// days); an assessment nobody comments on is published when that window ends.
import type { IsoDate, WorkingDays } from '../../platform/domain/calendar.ts';
import { longDate } from '../../platform/domain/calendar.ts';
import { valuesOf } from '../../platform/domain/labels.ts';
import { RATING_SCORES, type QuestionRating } from './ratings.ts';
import type { AssessmentRatings } from './framework.ts';

export const ASSESSMENT_STATUS_LABELS = {
  draft: 'Draft',
  'factual-accuracy': 'With the provider to check its facts',
  'comments-to-decide': 'Provider’s comments to decide',
  published: 'Published',
} as const;
export const ASSESSMENT_STATUSES = valuesOf(ASSESSMENT_STATUS_LABELS);
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Working days the provider has to comment, unless the organisation sets another number. */
export const DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS = 10;

/** The last day the provider may comment on a draft sent on `sentOn`. */
export const factualAccuracyDeadline = (sentOn: IsoDate, workingDays: number, calendar: WorkingDays): IsoDate =>
  calendar.nthWorkingDayAfter(sentOn, workingDays);

/** Why a draft cannot be sent yet: each question still without a rating, or without a reason. */
export function sendProblems(
  questions: readonly { key: string; text: string }[],
  ratings: Readonly<Record<string, { rating: QuestionRating; reason: string } | undefined>>,
): string[] {
  return questions.flatMap((question) => {
    const given = ratings[question.key];
    if (!given) return [`${question.key} ${question.text}: give a rating, or mark it not assessed`];
    if (!given.reason.trim()) return [`${question.key} ${question.text}: say why it is rated so`];
    return [];
  });
}

/** Why the provider may not comment now, or null when it may. */
export function commentRefusal(
  assessment: { status: AssessmentStatus; commentsDueOn: IsoDate | null },
  today: IsoDate,
): string | null {
  if (assessment.status !== 'factual-accuracy' || !assessment.commentsDueOn)
    return 'This assessment is not open for comments';
  if (today > assessment.commentsDueOn) return `Comments closed at the end of ${longDate(assessment.commentsDueOn)}`;
  return null;
}

/**
 * What the window's end does to an assessment with the provider: with no comments it is
 * published as it stands; with comments they are the officer's to decide. Before the end, nothing.
 */
export function afterCommentWindow(
  assessment: { status: AssessmentStatus; commentsDueOn: IsoDate | null },
  comments: number,
  today: IsoDate,
): 'publish-unanswered' | 'decide-comments' | null {
  if (assessment.status !== 'factual-accuracy' || !assessment.commentsDueOn || today <= assessment.commentsDueOn)
    return null;
  return comments === 0 ? 'publish-unanswered' : 'decide-comments';
}

/** Why the officer cannot publish yet: each comment still without a decision. */
export const publishProblems = (comments: readonly { questionKey: string; decision: string | null }[]): string[] =>
  comments
    .filter((comment) => comment.decision === null)
    .map((comment) => `Accept or reject the provider’s comment on ${comment.questionKey} before publishing`);

/** A plan of actions is needed where any domain is rated below Good. */
export const actionPlanRequired = (ratings: AssessmentRatings): boolean =>
  ratings.domains.some(
    (domain) => domain.result.rating !== 'not-assessed' && RATING_SCORES[domain.result.rating] < RATING_SCORES.good,
  );

export const ACTION_STATUS_LABELS = {
  open: 'Not started',
  'in-progress': 'In progress',
  'ready-to-sign-off': 'Done: awaiting sign-off',
  'signed-off': 'Signed off',
} as const;
export const ACTION_STATUSES = valuesOf(ACTION_STATUS_LABELS);
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** An action is overdue once its due date has passed without the officer signing it off. */
export const isOverdue = (action: { status: ActionStatus; dueOn: IsoDate }, today: IsoDate): boolean =>
  action.status !== 'signed-off' && today > action.dueOn;

/** Why the plan cannot be closed: each action not yet signed off. */
export const closePlanProblems = (actions: readonly { title: string; status: ActionStatus }[]): string[] =>
  actions
    .filter((action) => action.status !== 'signed-off')
    .map((action) => `“${action.title}” is ${ACTION_STATUS_LABELS[action.status].toLowerCase()}: sign it off first`);

export const VISIT_KIND_LABELS = { announced: 'Announced', unannounced: 'Unannounced' } as const;
export const VISIT_KINDS = valuesOf(VISIT_KIND_LABELS);
export type VisitKind = (typeof VISIT_KINDS)[number];

/** What a piece of evidence is: seen, heard from people or staff, read, or from a monitoring visit. */
export const EVIDENCE_KIND_LABELS = {
  observed: 'What was seen',
  people: 'People supported and families spoken to',
  staff: 'Staff spoken to',
  records: 'Records sampled',
  'monitoring-visit': 'Self-advocate or family monitoring visit',
} as const;
export const EVIDENCE_KINDS = valuesOf(EVIDENCE_KIND_LABELS);
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const COMMENT_DECISION_LABELS = { accepted: 'Accepted', rejected: 'Rejected' } as const;
export const COMMENT_DECISIONS = valuesOf(COMMENT_DECISION_LABELS);
export type CommentDecision = (typeof COMMENT_DECISIONS)[number];

/** Why an assessment cannot be changed by its officers now, or null while it is a draft. */
export const editRefusal = (status: AssessmentStatus): string | null =>
  status === 'draft'
    ? null
    : status === 'published'
      ? 'This assessment is published: it cannot be changed'
      : 'This assessment is with the provider: its ratings change only by accepting the provider’s comments';

/** What the provider may do with an action: report progress, or say it is done; only the officer signs off. */
export const PROVIDER_ACTION_STATUSES = ['in-progress', 'ready-to-sign-off'] as const satisfies readonly ActionStatus[];
