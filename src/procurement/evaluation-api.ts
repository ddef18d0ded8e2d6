// JSON API for evaluation: stage decisions, evaluators' declarations and scores, moderation, the
// summary, the tier allocation and the resubmission window. The same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import { DECIDERS, MANAGERS } from './access.ts';
import {
  agreedScoreInput,
  declarationInput,
  resubmissionInput,
  scoreInput,
  stageDecisionInput,
  tierConfirmInput,
} from './input.ts';
import * as evaluation from './evaluation-service.ts';
import * as evaluationSummary from './evaluation-summary-service.ts';
import * as tiers from './tier-service.ts';
import * as service from './service.ts';

export function evaluationApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/stages',
      tag: 'Evaluation',
      access: ['commissioner', 'finance_officer'],
      body: stageDecisionInput,
      summary:
        "Record a stage's outcome for an application: pass, or fail with the reason the tenderer is told (which excludes it from later stages)",
      description:
        "Finance officers record the financial check; commissioners every other stage. Stages are decided in the vehicle's order.",
      success: { status: 200, description: 'the application' },
      errors: { 404: 'No such submitted application of your organisation' },
      handle: async ({ user, params, body }) => evaluation.decideStage(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/declaration',
      tag: 'Evaluation',
      access: ['evaluator'],
      body: declarationInput,
      summary:
        'Declare, once, whether you have a conflict of interest in this vehicle: required before you see any submission',
      success: { status: 201, description: 'the declaration' },
      errors: { 409: 'You have already declared' },
      handle: async ({ user, params, body }) => evaluation.declareConflict(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/scoring',
      tag: 'Evaluation',
      access: ['evaluator'],
      summary:
        "An application as its evaluator sees it: answers after the declaration; others' scores only after submitting your own",
      success: { status: 200, description: 'the scoring view' },
      handle: async ({ user, params }) => evaluation.scoringView(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/scores/{questionId}',
      tag: 'Evaluation',
      access: ['evaluator'],
      body: scoreInput,
      summary: "Score a quality answer from 0 to the vehicle's scale maximum, with a comment",
      success: { status: 200, description: 'the scoring view' },
      handle: async ({ user, params, body }) => evaluation.saveScore(db, user, params.id!, params.questionId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/scores/submit',
      tag: 'Evaluation',
      access: ['evaluator'],
      summary: 'Submit your scores for the application (every quality answer scored); they are then fixed',
      success: { status: 200, description: "the scoring view, now with the other evaluators' submitted scores" },
      handle: async ({ user, params }) => evaluation.submitScores(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/moderation',
      tag: 'Evaluation',
      access: ['commissioner'],
      summary:
        "Every evaluator's submitted score side by side, with the spread, the agreed scores and the weighted quality score",
      success: { status: 200, description: 'the moderation view' },
      handle: async ({ user, params }) => evaluation.moderationView(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/agreed-scores/{questionId}',
      tag: 'Evaluation',
      access: ['commissioner'],
      body: agreedScoreInput,
      summary: 'Record the moderated, agreed score for a quality answer, with its rationale',
      success: { status: 200, description: 'the moderation view' },
      handle: async ({ user, params, body }) => evaluation.agreeScore(db, user, params.id!, params.questionId!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/evaluation',
      tag: 'Evaluation',
      access: TENDER_ROLES,
      summary: 'Every submitted application to the vehicle with its stage and quality and overall scores',
      success: { status: 200, description: 'the evaluation summary' },
      handle: async ({ user, params }) => evaluationSummary.evaluationSummary(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/tiers',
      tag: 'Evaluation',
      access: TENDER_ROLES,
      summary:
        'The tier allocation by both rules side by side, the bids that differ, and the confirmed allocation if any',
      success: { status: 200, description: 'the proposal' },
      errors: { 404: 'No such vehicle led by your organisation' },
      handle: async ({ user, params }) => tiers.tierProposal(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/tiers',
      tag: 'Evaluation',
      access: DECIDERS,
      body: tierConfirmInput,
      summary: 'Confirm the allocation by one rule; it is kept with its inputs and reasons',
      success: { status: 201, description: 'the proposal, with the confirmed allocation' },
      handle: async ({ user, params, body }) => tiers.confirmTiers(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/resubmission',
      tag: 'Evaluation',
      access: MANAGERS,
      body: resubmissionInput,
      summary:
        'Open (or move) the resubmission window: tenderers at the resubmission stage may change and resubmit until the end of `until`',
      success: { status: 200, description: 'the vehicle' },
      handle: async ({ user, params, body }) => service.openResubmission(db, user, params.id!, body),
    }),
  ];
}
