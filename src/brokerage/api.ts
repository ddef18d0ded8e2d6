// JSON API for brokerage: people and needs, schemes and vacancies, rate cards, embargoes,
// placements and their reports, and waiting-list matching. The same services as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { freeText } from '../platform/http/input.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { brokerageSettingsInput } from '../procurement/input.ts';
import { setBrokerageSettings } from '../procurement/market-service.ts';
import { matchingPlan, matchInputProblems, type MatchInput } from './domain/matching.ts';
import {
  assessmentInput,
  choiceInput,
  embargoInput,
  endPlacementInput,
  liftEmbargoInput,
  offerResponseInput,
  offFrameworkDecisionInput,
  offFrameworkPlacementInput,
  offFrameworkRequestInput,
  peopleSearchInput,
  personInput,
  placementInput,
  rateCardInput,
  referralInput,
  schemeInput,
  schemeTransferInput,
  unitInput,
  voidReportInput,
  withdrawReferralInput,
} from './input.ts';
import * as people from './people-service.ts';
import * as schemes from './scheme-service.ts';
import * as embargoes from './embargo-service.ts';
import { createPlacement } from './new-placement-service.ts';
import * as placements from './placement-service.ts';
import * as prices from './price-service.ts';
import * as cascade from './cascade-service.ts';
import * as offFramework from './off-framework-service.ts';
import * as offers from './offer-service.ts';
import * as referrals from './referral-service.ts';
import { transferScheme } from './transfer-service.ts';

const PROVIDERS_AND_STAFF: readonly Role[] = [...ANY_STAFF, 'provider_user'];
const REPORT_READERS: readonly Role[] = ['brokerage_officer', 'commissioner', 'finance_officer', 'auditor'];
const pageQuery = peopleSearchInput.extend({ page: z.coerce.number().int().min(1).optional() });
const vacancyQuery = z.object({ zoneId: z.uuid().optional(), band: freeText().optional() });
const listQuery = z.object({
  status: freeText().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).optional(),
});
const summaryQuery = z.object({ date: freeText({ error: 'Give the date as YYYY-MM-DD' }) });
const NOT_FOUND = { 404: 'No such record, or not yours to see' };

export function brokerageApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/assessment-matrix',
      tag: 'Brokerage',
      access: ANY_STAFF,
      summary: 'The care needs matrix: domains scored, thresholds and overrides that place people in need bands',
      success: { status: 200, description: 'the matrix' },
      handle: async ({ user }) => people.assessmentMatrix(db, people.staffOrganisation(user, ANY_STAFF)),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/assessment-matrix',
      tag: 'Brokerage',
      access: ['commissioner', 'administrator'],
      summary: 'Set the care needs matrix for later assessments',
      description:
        'Body: {"domains":[{"key","label","maxScore"}],"thresholds":[{"band":"highly-complex"|"complex","minimumTotal"}],"overrides":[{"domain","minimumScore","band"}]}',
      success: { status: 200, description: 'the matrix' },
      handle: async ({ user, request }) => people.saveAssessmentMatrix(db, user, request.body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/people',
      tag: 'Brokerage',
      access: people.PERSON_READERS,
      query: pageQuery,
      summary: 'People known to commissioning, by name or case reference',
      success: { status: 200, description: 'a page of people: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => people.listPeople(db, user, query),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/people',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: personInput,
      summary: 'Add a person',
      description:
        'funding lists {stream: care-act | nhs-chc | section-117, percent}, adding up to 100. nhsNumber is optional and checked by its check digit.',
      success: { status: 201, description: 'the person' },
      errors: { 409: 'Someone already has this case reference' },
      handle: async ({ user, body }) => people.createPerson(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/people/{id}',
      tag: 'Brokerage',
      access: people.PERSON_READERS,
      summary: "A person's record and assessments (each view is audited)",
      success: { status: 200, description: 'the record' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => people.getPerson(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/people/{id}',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: personInput,
      summary: "Change a person's record",
      success: { status: 200, description: 'the person' },
      errors: { ...NOT_FOUND, 409: 'Someone else has this case reference' },
      handle: async ({ user, params, body }) => people.updatePerson(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/people/{id}/assessments',
      tag: 'Brokerage',
      access: people.PERSON_WRITERS,
      body: assessmentInput,
      summary: 'Record an assessment of needs; the matrix gives the band',
      description: 'scores has a whole-number score for every domain of the matrix. Hours are minutes a week.',
      success: { status: 201, description: 'the current needs, with band and reason' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => people.recordAssessment(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/schemes',
      tag: 'Brokerage',
      access: PROVIDERS_AND_STAFF,
      summary:
        "Schemes with their units, tenants and voids: your organisation's, or (providers) those you provide care in",
      success: { status: 200, description: 'the schemes' },
      handle: async ({ user }) => schemes.listSchemes(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/schemes',
      tag: 'Brokerage',
      access: schemes.SCHEME_MANAGERS,
      body: schemeInput,
      summary: 'Add a scheme',
      success: { status: 201, description: 'the scheme' },
      handle: async ({ user, body }) => schemes.createScheme(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/schemes/{id}',
      tag: 'Brokerage',
      access: PROVIDERS_AND_STAFF,
      summary: 'A scheme with its units, tenancies and voids',
      success: { status: 200, description: 'the scheme' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => schemes.getScheme(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/schemes/{id}/units',
      tag: 'Brokerage',
      access: [...schemes.SCHEME_MANAGERS, 'provider_user'],
      body: unitInput,
      summary: 'Add a unit (a provider reports a new vacancy in its own scheme)',
      success: { status: 201, description: 'the scheme' },
      errors: { ...NOT_FOUND, 409: 'The scheme already has a unit of this name' },
      handle: async ({ user, params, body }) => schemes.addUnit(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/schemes/{id}/transfer',
      tag: 'Brokerage',
      access: schemes.SCHEME_MANAGERS,
      body: schemeTransferInput,
      summary:
        "Move a scheme's care to another provider: people keep their homes (TUPE); each current placement ends the day before and a new one starts on the same tenancy",
      success: { status: 200, description: '{scheme, ended, started}' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => transferScheme(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/units/{id}/void',
      tag: 'Brokerage',
      access: [...schemes.SCHEME_MANAGERS, 'provider_user'],
      body: voidReportInput,
      summary: 'Report a void: the tenant has left; the tenancy and placement end',
      success: { status: 200, description: 'the scheme' },
      errors: { ...NOT_FOUND, 409: 'The unit is already void' },
      handle: async ({ user, params, body }) => schemes.reportVoid(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vacancies',
      tag: 'Brokerage',
      access: PROVIDERS_AND_STAFF,
      query: vacancyQuery,
      summary: 'The vacancy list, longest void first, by zone and band',
      success: { status: 200, description: 'the vacancies' },
      handle: async ({ user, query }) => schemes.vacancyList(db, user, query),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/brokerage-settings',
      tag: 'Brokerage',
      access: ['commissioner', 'administrator'],
      body: brokerageSettingsInput,
      summary: 'How offers are made on a vehicle: days to answer, Tier 2 rule, ranking rule',
      success: { status: 200, description: 'the settings' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => setBrokerageSettings(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/rate-cards',
      tag: 'Brokerage',
      access: [...REPORT_READERS, 'social_worker'],
      summary: "A vehicle's rate cards, latest first",
      success: { status: 200, description: 'the rate cards' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => prices.rateCards(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/rate-cards',
      tag: 'Brokerage',
      access: ['commissioner', 'finance_officer'],
      body: rateCardInput,
      summary: 'Add a rate card: weekly rates by need band × scheme size (1, 2-3, 4-6, 7+) and hourly rates, in pence',
      success: { status: 201, description: 'the rate card' },
      errors: { ...NOT_FOUND, 409: 'A card already takes effect on this date' },
      handle: async ({ user, params, body }) => prices.createRateCard(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/embargoes',
      tag: 'Brokerage',
      access: ['brokerage_officer', 'commissioner', 'quality_officer', 'social_worker', 'auditor'],
      summary: 'Embargoes on new placements, current and past',
      success: { status: 200, description: 'the embargoes' },
      handle: async ({ user }) => embargoes.listEmbargoes(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/embargoes',
      tag: 'Brokerage',
      access: ['commissioner', 'quality_officer'],
      body: embargoInput,
      summary: 'Place an embargo on new placements with a provider',
      success: { status: 201, description: 'the embargo' },
      handle: async ({ user, body }) => embargoes.placeEmbargo(db, user, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/embargoes/{id}/lift',
      tag: 'Brokerage',
      access: ['commissioner', 'quality_officer'],
      body: liftEmbargoInput,
      summary: 'Lift an embargo',
      success: { status: 204, description: 'lifted' },
      errors: { ...NOT_FOUND, 409: 'Already lifted' },
      handle: async ({ user, params, body }) => embargoes.liftEmbargo(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/placements',
      tag: 'Brokerage',
      access: ['brokerage_officer'],
      body: placementInput,
      summary: 'Place a person: a tenancy of the unit (or own home) and the priced placement',
      description:
        'Send an Idempotency-Key header to make a retry safe: the same key and body return the first result and create nothing. Without a membershipId the placement is off framework and needs offFrameworkReason and agreedWeeklyPricePence.',
      success: { status: 201, description: 'the placement with its price lines and annual cost' },
      errors: { 409: 'The vacancy has just been taken, or the person already has a current placement' },
      handle: async ({ user, body, request }) => {
        const key = request.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || key.length < 8 || key.length > 200)) {
          throw new ValidationError([
            { field: 'Idempotency-Key', message: 'An Idempotency-Key is 8 to 200 characters' },
          ]);
        }
        return (await createPlacement(db, user, body, key)).placement;
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/placements',
      tag: 'Brokerage',
      access: REPORT_READERS,
      summary: 'The placements register: activeOn, providerId, paymentRoute, offFramework (yes/no), page',
      success: { status: 200, description: 'a page of placements' },
      handle: async ({ user, request }) =>
        placements.placementRegister(
          db,
          user,
          placements.parsePlacementFilter(request.query as Record<string, unknown>),
        ),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/placements.csv',
      tag: 'Brokerage',
      access: REPORT_READERS,
      summary: 'The placements register under the same filters, as CSV',
      success: { status: 200, description: 'CSV' },
      handle: async ({ user, request, reply }) => {
        reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="placements.csv"');
        return placements.placementRegisterCsv(
          db,
          user,
          placements.parsePlacementFilter(request.query as Record<string, unknown>),
        );
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/placements/{id}',
      tag: 'Brokerage',
      access: REPORT_READERS,
      summary: 'A placement with its price breakdown',
      success: { status: 200, description: 'the placement' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => placements.getPlacement(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/placements/{id}/end',
      tag: 'Brokerage',
      access: ['brokerage_officer'],
      body: endPlacementInput,
      summary: 'End a placement (moved, died, hospital, provider change); the unit becomes void',
      success: { status: 200, description: 'the placement' },
      errors: { ...NOT_FOUND, 409: 'Already ended' },
      handle: async ({ user, params, body }) => placements.endPlacement(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/reports/placements-summary',
      tag: 'Brokerage',
      access: REPORT_READERS,
      query: summaryQuery,
      summary:
        'Placements active on a date: in and out of county, by payment route, off framework, with annual gross cost',
      success: {
        status: 200,
        description:
          '{date, placements, providers, inCounty, outOfCounty, annualGrossCostPence, byPaymentRoute, offFramework}',
      },
      handle: async ({ user, query }) => placements.placementsSummary(db, user, query.date),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/matching',
      tag: 'Brokerage',
      access: ['brokerage_officer', 'commissioner'],
      summary:
        'Waiting-list matching: the most placed, then the most with Tier 1, then the lowest weekly price; beside first come, first served',
      description:
        'Body: {"referrals":[{"id","zone","band","needs","anyZone","incompatibleSchemes"}],"vacancies":[{"id","scheme","zone","band","features","providerTier","weeklyPricePence"}]}',
      success: {
        status: 200,
        description: '{assignments, unplaced, placed, placedWithTier1, totalWeeklyPricePence, firstComeFirstServed}',
      },
      handle: async ({ request }) => {
        const problems = matchInputProblems(request.body);
        if (problems.length > 0) throw new ValidationError(problems);
        return matchingPlan(request.body as MatchInput);
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/referrals',
      tag: 'Referrals',
      access: people.PERSON_READERS,
      query: listQuery,
      summary: 'Referrals: open ones by default (status=open), or status=all, or one status',
      success: { status: 200, description: 'a page of referrals with their cascade step and answers so far' },
      handle: async ({ user, query }) => referrals.listReferrals(db, user, query),
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
      access: people.PERSON_READERS,
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
      summary:
        'Send the referral to the Tier 1 providers of its zones and band (and on down the cascade past any step with nobody to offer)',
      success: { status: 200, description: 'the referral' },
      errors: { ...NOT_FOUND, 409: 'Offers were already sent' },
      handle: async ({ user, params }) => cascade.sendOffers(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/referrals/{id}/choice',
      tag: 'Referrals',
      access: ['brokerage_officer'],
      body: choiceInput,
      summary: "Record the person's choice among the providers who accepted; it becomes the placement",
      description: 'choiceReason is required when the chosen provider is not ranked first (Care Act choice).',
      success: { status: 201, description: 'the placement' },
      errors: { ...NOT_FOUND, 409: 'Not every provider has answered, or the vacancy has just been taken' },
      handle: async ({ user, params, body }) => cascade.chooseProvider(db, user, params.id!, body),
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
      summary: 'The people placed with your organisation now: where, from when, the care and the weekly price',
      success: { status: 200, description: 'the placements' },
      handle: async ({ user }) => placements.placementsWithProvider(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/offers',
      tag: 'Referrals',
      access: ['provider_user'],
      query: listQuery,
      summary: 'Your offers of work: those awaiting your answer, or status=all',
      success: { status: 200, description: 'a page of offers, each with what you need to know of the person' },
      handle: async ({ user, query }) => offers.offersForProvider(db, user, query),
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
