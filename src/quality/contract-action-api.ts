// Contract actions and transition plans in the JSON API: the same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import {
  CONTRACT_ACTION_SORTS,
  contractActionFilterInput,
  contractActionInput,
  endContractActionInput,
  transitionMoveInput,
  transitionPlanInput,
} from './contract-action-input.ts';
import * as actions from './contract-action-service.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import * as transitions from './transition-service.ts';

const TAG = 'Quality';
const READERS = [...QUALITY_READERS, 'provider_user'] as const;
const CONFLICT = { ...NOT_FOUND, 409: 'Already done' };

export function contractActionApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/quality/contract-actions',
      tag: TAG,
      access: READERS,
      query: apiListQuery(contractActionFilterInput, CONTRACT_ACTION_SORTS),
      summary: 'Contract actions: the organisation’s, or to a provider’s users their own in every organisation',
      description:
        'kind, providerId (staff only) and inForce (yes or no, today) filter; sort is startsOn, kind or provider; page and pageSize (at most 100).',
      success: { status: 200, description: 'a page of contract actions' },
      handle: async ({ user, query }) =>
        actions.contractActionList(db, user, apiListRequest(query, actions.ACTION_ORDER)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/contract-actions',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: contractActionInput,
      summary:
        'Issue a contract action: a plan, a default notice, an embargo, a suspension, a tier change or a termination',
      description:
        'What each kind needs: a default notice its default, remedy and cure date (dueOn); a plan its review date (dueOn); a suspension, tier change (toTier) or contract termination a membershipId (and for a termination the date the contract ends, dueOn); a package termination a placementId and its last day (dueOn). An embargo, a suspension or a tier change takes effect in brokerage at once; a contract termination opens a transition plan.',
      success: { status: 201, description: 'the action' },
      handle: async ({ user, body }) => actions.issueContractAction(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/contract-actions/{id}',
      tag: TAG,
      access: READERS,
      summary: 'One contract action',
      success: { status: 200, description: 'the action' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => actions.contractActionFor(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/contract-actions/{id}/end',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: endContractActionInput,
      summary: 'End a plan, notice, embargo (lifting it) or suspension (reinstating the membership), with the reason',
      success: { status: 200, description: 'the action' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => actions.endContractAction(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/contract-actions/{id}/acknowledgement',
      tag: TAG,
      access: ['provider_user'],
      summary: 'The provider acknowledges receiving the action (once)',
      success: { status: 200, description: 'the action' },
      errors: CONFLICT,
      handle: async ({ user, params }) => actions.acknowledgeContractAction(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/transition-plans',
      tag: TAG,
      access: READERS,
      summary: 'Transition plans: the organisation’s, or to a provider’s users those moving their services',
      success: { status: 200, description: 'the plans, soonest target first' },
      handle: async ({ user }) => transitions.transitionPlans(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/transition-plans',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: transitionPlanInput,
      summary:
        'Open a transition plan for a provider left out of a new framework (18 months) or a Tier 2 review (24 months)',
      description: 'A contract termination opens its own plan. The target date counts from the framework’s start.',
      success: { status: 201, description: 'the plan' },
      handle: async ({ user, body }) => transitions.openPlanByHand(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/transition-plans/{id}',
      tag: TAG,
      access: READERS,
      summary:
        'A transition plan: each scheme, the people there, the receiving provider and whether its care has moved',
      description: 'Providers are told how many people live in each scheme; staff who read people also get their ids.',
      success: { status: 200, description: 'the plan' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => transitions.transitionPlanFor(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/transition-plans/{id}/moves/{moveId}',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: transitionMoveInput,
      summary:
        'Move one scheme’s care to the receiving provider (TUPE: the tenants keep their homes) and mark it moved',
      success: { status: 200, description: 'the plan' },
      errors: CONFLICT,
      handle: async ({ user, params, body }) => transitions.recordMove(db, user, params.id!, params.moveId!, body),
    }),
  ];
}
