// Assessments and their action plans in the JSON API: the same services as the pages, so the same
// rules decide who sees and does what.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import * as plans from './action-plan-service.ts';
import {
  ACTION_SORTS,
  actionFilterInput,
  actionInput,
  commentDecisionInput,
  commentInput,
  evidenceInput,
  planAssessmentInput,
  progressInput,
  ratingInput,
  signOffInput,
} from './assessment-input.ts';
import * as assessments from './assessment-service.ts';
import { pastAssessmentInput, recordPastAssessment } from './past-assessment-service.ts';

const TAG = 'Quality assessments';
const KEEPERS = assessments.QUALITY_KEEPERS;
const READERS_AND_PROVIDERS: readonly Role[] = [...assessments.QUALITY_READERS, 'provider_user'];
const CONFLICT = { 404: 'Not found, or not yours to see', 409: 'Not possible at this stage: the message says why' };
export const ACTION_ORDER = { key: 'due', direction: 'asc' } as const;

export function assessmentApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'POST',
      path: '/api/v1/quality/services/{id}/assessments',
      tag: TAG,
      access: KEEPERS,
      body: planAssessmentInput,
      summary: 'Plan an assessment of a service, with the framework in use now',
      success: { status: 201, description: 'the new assessment’s id' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => assessments.planAssessment(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/services/{id}/past-assessments',
      tag: TAG,
      access: KEEPERS,
      body: pastAssessmentInput,
      summary: 'Bring in a published assessment done before Hearth, with its ratings and any open action plan',
      success: { status: 201, description: 'the assessment’s id and overall rating' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => recordPastAssessment(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/services/{id}/assessments',
      tag: TAG,
      access: [...ANY_STAFF, 'provider_user'],
      summary:
        'A service’s assessments, newest first: quality staff see all, the provider those sent to it, others those published',
      success: { status: 200, description: 'the assessments' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => assessments.assessmentsOfService(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/services/{id}/summary',
      tag: TAG,
      access: [...ANY_STAFF, 'provider_user'],
      summary: 'The plain-English summary of a service’s latest published assessment: its ratings and date',
      success: { status: 200, description: 'the summary' },
      errors: { 404: 'No such service, or none published yet' },
      handle: async ({ user, params }) => {
        const summary = await assessments.publishedSummary(db, user, params.id!);
        if (!summary) throw new NotFoundError('This service has no published assessment yet');
        return summary;
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/assessments/{id}',
      tag: TAG,
      access: READERS_AND_PROVIDERS,
      summary: 'An assessment with each question’s rating, reason, evidence and comments, and the ratings worked out',
      success: { status: 200, description: 'the assessment' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => assessments.assessment(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/evidence',
      tag: TAG,
      access: KEEPERS,
      body: evidenceInput,
      summary: 'Record evidence for a question of a draft',
      success: { status: 201, description: 'the evidence' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => assessments.recordEvidence(db, user, params.id!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/quality/assessments/{id}/ratings',
      tag: TAG,
      access: KEEPERS,
      body: ratingInput,
      summary: 'Rate a question of a draft, with the reason',
      success: { status: 200, description: 'the assessment, its ratings worked out again' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => assessments.rateQuestion(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/send',
      tag: TAG,
      access: KEEPERS,
      summary: 'Send a draft with every question rated to the provider to check its facts',
      success: { status: 200, description: 'the day sent and the last day for comments' },
      errors: CONFLICT,
      handle: async ({ user, params }) => assessments.sendToProvider(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/comments',
      tag: TAG,
      access: ['provider_user'],
      body: commentInput,
      summary: 'The provider comments on a question while the window is open',
      success: { status: 201, description: 'the comment' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => assessments.commentOnQuestion(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/comments/{commentId}/decision',
      tag: TAG,
      access: KEEPERS,
      body: commentDecisionInput,
      summary: 'Accept or reject a provider’s comment with the reason (accepting may change the rating)',
      success: { status: 204, description: 'decided' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) =>
        assessments.decideComment(db, user, params.id!, params.commentId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/publish',
      tag: TAG,
      access: KEEPERS,
      summary: 'Publish an assessment once the provider’s window has ended and its comments are decided',
      success: { status: 204, description: 'published' },
      errors: CONFLICT,
      handle: async ({ user, params }) => assessments.publish(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/actions',
      tag: TAG,
      access: KEEPERS,
      body: actionInput,
      summary: 'Add an action to the assessment’s action plan',
      success: { status: 201, description: 'the action' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => plans.addAction(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/assessments/{id}/action-plan/close',
      tag: TAG,
      access: KEEPERS,
      summary: 'Close the action plan, every action signed off',
      success: { status: 204, description: 'closed' },
      errors: CONFLICT,
      handle: async ({ user, params }) => plans.closePlan(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/actions',
      tag: TAG,
      access: READERS_AND_PROVIDERS,
      query: apiListQuery(actionFilterInput, ACTION_SORTS),
      summary: 'Actions of sent assessments: the organisation’s, or (providers) your own; overdue=yes those overdue',
      success: { status: 200, description: 'a page of actions' },
      handle: async ({ user, query }) => plans.actionList(db, user, apiListRequest(query, ACTION_ORDER)),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/actions/{id}',
      tag: TAG,
      access: READERS_AND_PROVIDERS,
      summary: 'An action with its history',
      success: { status: 200, description: 'the action' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => plans.action(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/actions/{id}/progress',
      tag: TAG,
      access: ['provider_user'],
      body: progressInput,
      summary:
        'The provider reports progress on an action, or that it is done (evidence files are uploaded on the action’s page)',
      success: { status: 204, description: 'recorded' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => plans.reportProgress(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/actions/{id}/sign-off',
      tag: TAG,
      access: KEEPERS,
      body: signOffInput,
      summary: 'Sign an action off, with a note for the provider',
      success: { status: 204, description: 'signed off' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => plans.decideAction(db, user, params.id!, 'signed-off', body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/actions/{id}/reopen',
      tag: TAG,
      access: KEEPERS,
      body: signOffInput,
      summary: 'Reopen a signed-off action, with a note for the provider',
      success: { status: 204, description: 'reopened' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => plans.decideAction(db, user, params.id!, 'reopened', body),
    }),
  ];
}
