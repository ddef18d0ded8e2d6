// Uplifts in the JSON API: the same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { approvalInput } from './uplift-input.ts';
import * as letters from './uplift-letter-service.ts';
import * as uplifts from './uplift-service.ts';

const TAG = 'Pricing';

export function upliftApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/pricing/uplifts',
      tag: TAG,
      access: uplifts.UPLIFT_READERS,
      summary: 'The organisation’s uplifts, proposed and approved, latest date first',
      success: { status: 200, description: 'the uplifts' },
      handle: async ({ user }) => uplifts.listUplifts(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/uplifts',
      tag: TAG,
      access: uplifts.UPLIFT_RUNNERS,
      summary: 'Propose an uplift of a vehicle’s rate cards from a date',
      description:
        'Body: vehicleId; effectiveFrom (YYYY-MM-DD, usually 1 April); staffShareFrom "entered" (with staffSharePercent, e.g. "72.5") or "exercise" (with exerciseId: the care staff’s share of a care hour from its medians); priceIndex "cpi" or "rpi" with indexPercent (e.g. "3.8"), indexMonth (YYYY-MM) and indexSource, all required; flatPercent (optional, a flat rise to compare); method "nlw", "nlw-index" (the default) or "flat". Percentages are per cent to two places, as text or numbers, kept as basis points. The National Living Wage before and from the date comes from Hearth’s reference data. Every problem is listed by field and nothing is saved.',
      success: { status: 201, description: 'the proposal, with its methods worked out side by side' },
      handle: async ({ user, body }) => uplifts.proposeUplift(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/uplifts/{id}',
      tag: TAG,
      access: uplifts.UPLIFT_READERS,
      summary:
        'An uplift: what it is worked out from, its methods (while proposed) or its approved rates, and its letters',
      success: { status: 200, description: 'the uplift' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => uplifts.getUplift(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/uplifts/{id}/alternatives',
      tag: TAG,
      access: uplifts.UPLIFT_READERS,
      summary:
        'A proposal’s methods side by side: National Living Wage only, with the index, and flat; each card’s rates old and new in pence, the rise in basis points and the annual cost on today’s placements',
      success: { status: 200, description: 'the methods' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => (await uplifts.getUplift(db, user, params.id!)).alternatives,
    }),
    operation({
      method: 'POST',
      path: '/api/v1/pricing/uplifts/{id}/approve',
      tag: TAG,
      access: uplifts.UPLIFT_APPROVERS,
      body: approvalInput,
      summary:
        'Approve a proposal by one of its methods, with the decision’s reference: new rate cards from its date, placements priced from a rate card repriced from that date, a letter to each provider',
      success: { status: 200, description: 'the approved uplift' },
      errors: { ...NOT_FOUND, 409: 'Already approved, or a rate card already takes effect on that date' },
      handle: async ({ user, params, body }) => uplifts.approveUplift(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/uplift-letters',
      tag: TAG,
      access: uplifts.LETTER_READERS,
      summary: 'Uplift letters: a provider’s own, from every organisation; the organisation’s, for its staff',
      success: { status: 200, description: 'the letters' },
      handle: async ({ user }) => letters.listLetters(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/pricing/uplift-letters/{id}',
      tag: TAG,
      access: uplifts.LETTER_READERS,
      summary:
        'One uplift letter: old and new rates, the date, how it was worked out and the provider’s placements repriced',
      success: { status: 200, description: 'the letter' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => letters.getLetter(db, user, params.id!),
    }),
  ];
}
