// JSON API for the award: the decision with its standstill, starting the contracts, each
// applicant's letter and changes to memberships. The same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import { DECIDERS, TENDER_READERS } from './access.ts';
import { awardInput, contractStartInput, membershipChangeInput } from './input.ts';
import * as award from './award-service.ts';
import * as awardLetters from './award-letter-service.ts';

export function awardApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/award',
      tag: 'Award',
      access: TENDER_ROLES,
      summary:
        'Who is successful on which lots (and tiers), the award decision with its standstill, and the memberships',
      success: { status: 200, description: 'the award view' },
      handle: async ({ user, params }) => award.awardView(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/award',
      tag: 'Award',
      access: DECIDERS,
      body: awardInput,
      summary:
        'Decide the award on the day the notice is sent (PCR 2015) or published (Procurement Act 2023); standstill is worked out from it',
      success: { status: 201, description: 'the award view with the decision' },
      handle: async ({ user, params, body }) => award.decideAward(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/contracts',
      tag: 'Award',
      access: DECIDERS,
      body: contractStartInput,
      summary: 'Start the awarded contracts: refused before the day after standstill ends',
      success: { status: 200, description: 'the award view with active memberships' },
      handle: async ({ user, params, body }) => award.startContracts(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/letter',
      tag: 'Award',
      access: TENDER_READERS,
      summary: "The applicant's award letter: its scores beside the successful scores (unnamed), the outcome and why",
      success: { status: 200, description: 'the letter' },
      handle: async ({ user, params }) => awardLetters.awardLetter(db, user, params.id!),
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/vehicles/{id}/memberships/{membershipId}',
      tag: 'Award',
      access: DECIDERS,
      body: membershipChangeInput,
      summary: "Suspend, reinstate or remove a provider's place on a lot, with the reason",
      success: { status: 200, description: 'the award view' },
      handle: async ({ user, params, body }) =>
        award.changeMembership(db, user, params.id!, params.membershipId!, body),
    }),
  ];
}
