// What officers and providers send about an assessment and its action plan: one Zod schema each,
// for the pages and the API.
import { z } from 'zod';
import { isoDate, requiredText } from '../platform/http/input.ts';
import { COMMENT_DECISIONS, EVIDENCE_KINDS, PROVIDER_ACTION_STATUSES, VISIT_KINDS } from './domain/assessments.ts';
import { QUESTION_RATINGS } from './domain/ratings.ts';

const questionKey = requiredText('the question', 20);
const rating = z.enum(QUESTION_RATINGS as [string, ...string[]], {
  error: 'Choose Excellent, Good, Requires Improvement, Poor or Not assessed',
});

export const planAssessmentInput = z.object({
  visitKind: z.enum(VISIT_KINDS, { error: 'Choose announced or unannounced' }),
  visitOn: isoDate('the date of the visit'),
  officerIds: z
    .array(z.uuid({ error: 'Choose the officers from the list' }), { error: 'Choose at least one officer' })
    .min(1, 'Choose at least one officer')
    .max(6, 'Choose at most six officers'),
});

export const evidenceInput = z.object({
  questionKey,
  kind: z.enum(EVIDENCE_KINDS, { error: 'Choose what kind of evidence this is' }),
  seenOn: isoDate('the date it was seen'),
  note: requiredText('what was seen, heard or read', 2000),
});

export const ratingInput = z.object({
  questionKey,
  rating,
  reason: requiredText('why it is rated so', 2000),
});

export const commentInput = z.object({
  questionKey,
  comment: requiredText('your comment', 2000),
});

export const commentDecisionInput = z.object({
  decision: z.enum(COMMENT_DECISIONS, { error: 'Choose accept or reject' }),
  reason: requiredText('the reason for the decision', 2000),
  /** Where the comment is accepted: the question's rating as it should now be, if it changes. */
  rating: rating.nullish(),
});

export const actionInput = z.object({
  questionKey,
  title: requiredText('the action', 300),
  owner: requiredText('who at the provider owns it', 120),
  dueOn: isoDate('the date it is due'),
});

export const progressInput = z.object({
  status: z.enum(PROVIDER_ACTION_STATUSES, { error: 'Choose in progress or done' }),
  note: requiredText('what has been done', 2000),
});

export const signOffInput = z.object({
  note: requiredText('a note for the provider', 2000),
});

export const actionFilterInput = z.object({
  overdue: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['yes'], { error: 'Choose overdue or any' }).optional(),
  ),
});
export const ACTION_SORTS = ['due', 'provider', 'status'] as const;
