// JSON API for placements: making one (safely retried with an Idempotency-Key), the register and
// its CSV, ending one, the summary report, and waiting-list matching. The same services as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { freeText } from '../platform/http/input.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { matchingPlan, matchInputProblems, type MatchInput } from './domain/matching.ts';
import { endPlacementInput, PLACEMENT_SORTS, placementFilterInput, placementInput } from './input.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { createPlacement } from './new-placement-service.ts';
import * as placements from './placement-service.ts';
import { REPORT_READERS } from './placement-service.ts';
import { pageSizeQuery } from '../platform/http/paging.ts';

/** The register, 50 a page unless asked otherwise, as it has always been. */
const registerQuery = apiListQuery(placementFilterInput, PLACEMENT_SORTS).extend({ pageSize: pageSizeQuery(50) });
const summaryQuery = z.object({ date: freeText({ error: 'Give the date as YYYY-MM-DD' }) });

export function placementApi(db: Db): ApiOperation[] {
  return [
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
      query: registerQuery,
      summary: 'The placements register: the same list, filters and order as the Placements register page',
      description:
        'activeOn (a date), providerId, paymentRoute and offFramework (yes or no) filter; sort is person, provider, startsOn or weeklyPrice, order asc or desc; page and pageSize (50 unless asked, at most 100).',
      success: { status: 200, description: 'a page of placements' },
      handle: async ({ user, query }) =>
        placements.placementRegister(db, user, apiListRequest(query, placements.PLACEMENT_ORDER)),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/placements.csv',
      tag: 'Brokerage',
      access: REPORT_READERS,
      query: placementFilterInput,
      summary: 'The placements register under the same filters, as CSV',
      success: { status: 200, description: 'CSV' },
      handle: async ({ user, query, reply }) => {
        reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="placements.csv"');
        return placements.placementRegisterCsv(db, user, query);
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
  ];
}
