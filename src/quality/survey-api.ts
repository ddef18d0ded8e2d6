// The easy-read survey in the JSON API: a paper response typed in, a one-time link made, and the
// results per provider and service.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { paperResponseInput, surveyLinkInput, surveyResultsFilterInput } from './survey-input.ts';
import * as survey from './survey-service.ts';

const TAG = 'Quality';

/** The link as the person will open it: at the address this request came to. */
export const absoluteUrl = (request: FastifyRequest, path: string) => `${request.protocol}://${request.host}${path}`;

export function surveyApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'POST',
      path: '/api/v1/quality/placements/{placementId}/survey-responses',
      tag: TAG,
      access: survey.SURVEY_KEEPERS,
      body: paperResponseInput,
      summary: 'Type in a paper easy-read survey about a placement',
      description:
        'respondent is person, family or advocate; answeredOn YYYY-MM-DD; answers has a key for each statement (choose-my-day, staff-listen, feel-safe, like-my-home, know-my-staff, do-things-i-enjoy, can-complain), each yes, sometimes, no or rather-not-say, or left out; at least one must be answered.',
      success: { status: 201, description: 'the new response’s id' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => survey.recordPaperResponse(db, user, params.placementId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/placements/{placementId}/survey-links',
      tag: TAG,
      access: survey.SURVEY_KEEPERS,
      body: surveyLinkInput,
      summary: 'Make a one-time link to the easy-read survey, for the person, a family member or an advocate',
      description:
        'The url is returned this once and never again: only a hash of its secret is kept. It opens the survey once, with no account, for 28 days.',
      success: { status: 201, description: 'the link, its url and the last day it works' },
      errors: { ...NOT_FOUND, 409: 'The placement has ended' },
      handle: async ({ user, params, body, request }) => {
        const { path, ...link } = await survey.makeSurveyLink(db, user, params.placementId!, body);
        return { ...link, url: absoluteUrl(request, path) };
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/survey-results',
      tag: TAG,
      access: [...survey.SURVEY_READERS, 'provider_user'],
      query: surveyResultsFilterInput,
      summary: 'Easy-read survey results per provider and per service',
      description:
        'Counts of each answer and the share of yes among those who gave one; a group of fewer than 5 responses shows only its total, and a statement fewer than 5 answered is not shown. providerId narrows to one provider. A provider’s user sees its own results only.',
      success: { status: 200, description: 'results by provider and by service' },
      errors: NOT_FOUND,
      handle: async ({ user, query }) => survey.surveyResultsFor(db, user, query),
    }),
  ];
}
