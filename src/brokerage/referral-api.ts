// JSON API for referrals and the cascade, off-framework purchases, and a care provider's offers and
// the people placed with it. The same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import * as cascade from './cascade-service.ts';
import {
  choiceInput,
  OFFER_SORTS,
  offerFilterInput,
  offerResponseInput,
  offFrameworkDecisionInput,
  offFrameworkPlacementInput,
  offFrameworkRequestInput,
  providerPlacementFilterInput,
  REFERRAL_SORTS,
  referralFilterInput,
  referralInput,
  sendOffersInput,
  withdrawReferralInput,
} from './input.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import * as offFramework from './off-framework-service.ts';
import * as offers from './offer-service.ts';
import { PERSON_READERS } from './people-service.ts';
import { placementsWithProvider } from './placement-service.ts';
import { redAccepted, redToOffer } from './provider-colours.ts';
import * as referrals from './referral-service.ts';

const referralQuery = apiListQuery(referralFilterInput, REFERRAL_SORTS);
const offerQuery = apiListQuery(offerFilterInput, OFFER_SORTS);

export function referralApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/referrals',
      tag: 'Referrals',
      access: PERSON_READERS,
      query: referralQuery,
      summary: 'Referrals: the same list, filters and order as the Referrals page',
      description:
        'Open ones by default (status=open), or status=all, or one status; zoneId keeps those for a zone; referredBy=me those you made; search matches the name or case reference. sort is referred, startBy or status, order asc or desc; page and pageSize (at most 100).',
      success: { status: 200, description: 'a page of referrals with their cascade step and answers so far' },
      handle: async ({ user, query }) =>
        referrals.listReferrals(db, user, apiListRequest(query, referrals.REFERRAL_ORDER)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals',
      tag: 'Referrals',
      access: referrals.REFERRERS,
      body: referralInput,
      summary: 'Refer an assessed person for a placement under a vehicle',
      success: { status: 201, description: 'the referral with its shortlist' },
      errors: { 409: 'The person already has an open referral' },
      handle: async ({ user, body }) => referrals.createReferral(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/referrals/{id}',
      tag: 'Referrals',
      access: PERSON_READERS,
      summary:
        'A referral: the shortlist with every exclusion reason, each cascade step with offerees, exclusions and answers, and ranked acceptances',
      success: { status: 200, description: 'the referral' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => referrals.getReferral(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/send-offers',
      tag: 'Referrals',
      access: ['brokerage_officer'],
      body: sendOffersInput,
      summary:
        'Send the referral to the Tier 1 providers of its zones and band (and on down the cascade past any step with nobody to offer)',
      description:
        'redReason is required when a provider to be offered the work is rated Red on the early-warning risk dashboard.',
      success: { status: 200, description: 'the referral' },
      errors: { ...NOT_FOUND, 409: 'Offers were already sent' },
      handle: async ({ user, params, body }) =>
        cascade.sendOffers(db, user, params.id!, body, await redToOffer(db, user, params.id!)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/choice',
      tag: 'Referrals',
      access: ['brokerage_officer'],
      body: choiceInput,
      summary: "Record the person's choice among the providers who accepted; it becomes the placement",
      description:
        'choiceReason is required when the chosen provider is not ranked first (Care Act choice); redReason when it is rated Red on the early-warning risk dashboard.',
      success: { status: 201, description: 'the placement' },
      errors: { ...NOT_FOUND, 409: 'Not every provider has answered, or the vacancy has just been taken' },
      handle: async ({ user, params, body }) =>
        cascade.chooseProvider(db, user, params.id!, body, await redAccepted(db, user, params.id!)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/off-framework',
      tag: 'Referrals',
      access: ['brokerage_officer'],
      body: offFrameworkRequestInput,
      summary: 'Ask for an off-framework spot purchase, once the cascade is exhausted, with the reason',
      success: { status: 200, description: 'the referral' },
      errors: { ...NOT_FOUND, 409: 'The cascade has not reached off framework' },
      handle: async ({ user, params, body }) => offFramework.requestOffFramework(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/off-framework/decision',
      tag: 'Referrals',
      access: ['commissioner'],
      body: offFrameworkDecisionInput,
      summary: 'A commissioner approves or refuses an off-framework purchase',
      success: { status: 200, description: 'the referral' },
      errors: { ...NOT_FOUND, 409: 'Nothing awaits approval' },
      handle: async ({ user, params, body }) => offFramework.decideOffFramework(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/off-framework/placement',
      tag: 'Referrals',
      access: ['brokerage_officer'],
      body: offFrameworkPlacementInput,
      summary: 'Place the person with the approved off-framework provider at the agreed price',
      success: { status: 201, description: 'the placement' },
      errors: { ...NOT_FOUND, 409: 'Not approved, or the vacancy has just been taken' },
      handle: async ({ user, params, body }) => offFramework.placeOffFramework(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/withdraw',
      tag: 'Referrals',
      access: referrals.REFERRERS,
      body: withdrawReferralInput,
      summary: 'Withdraw a referral; its open offers are withdrawn',
      success: { status: 200, description: 'the referral' },
      errors: { ...NOT_FOUND, 409: 'Already closed' },
      handle: async ({ user, params, body }) => referrals.withdrawReferral(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/provider-placements',
      tag: 'Referrals',
      access: ['provider_user'],
      query: providerPlacementFilterInput,
      summary: 'The people placed with your organisation now: where, from when, the care and the weekly price',
      description: 'By name; search (part of the name) and organisationId (the council) filter, as on the page.',
      success: { status: 200, description: 'the placements' },
      handle: async ({ user, query }) => placementsWithProvider(db, user, query),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/offers',
      tag: 'Referrals',
      access: ['provider_user'],
      query: offerQuery,
      summary: 'Your offers of work: those awaiting your answer, or status=all, or one status',
      description: 'sort is sent or answerBy, order asc or desc; page and pageSize (at most 100).',
      success: { status: 200, description: 'a page of offers, each with what you need to know of the person' },
      handle: async ({ user, query }) => offers.offersForProvider(db, user, apiListRequest(query, offers.OFFER_ORDER)),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/offers/{id}',
      tag: 'Referrals',
      access: ['provider_user'],
      summary: 'One of your offers, with your vacancies that suit the person',
      success: { status: 200, description: 'the offer' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => offers.offerForProvider(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/offers/{id}/response',
      tag: 'Referrals',
      access: ['provider_user'],
      body: offerResponseInput,
      summary:
        'Accept an offer (proposing a vacancy or support at home, start date, 1:1 minutes a week and, where prices are not fixed, a weekly price) or decline it with a reason',
      description:
        'Accept: {"response":"accept","unitId"|null,"startsOn","oneToOneMinutesPerWeek","weeklyPricePence"?}. Decline: {"response":"decline","declineReason":"capacity"|"skills"|"compatibility"|"location"|"other","declineNote"?}.',
      success: { status: 200, description: 'the offer' },
      errors: { ...NOT_FOUND, 409: 'Already answered, or the deadline has passed' },
      handle: async ({ user, params, body }) => offers.respondToOffer(db, user, params.id!, body),
    }),
  ];
}
