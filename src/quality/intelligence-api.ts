// The intelligence log in the JSON API: the same services as its pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { INTELLIGENCE_KINDS } from './domain/intelligence.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import {
  companyStatusInput,
  entryInput,
  findingInput,
  INTELLIGENCE_SORTS,
  intelligenceFilterInput,
} from './intelligence-input.ts';
import { recordManagerVacancies } from './intelligence-import-service.ts';
import * as intelligence from './intelligence-service.ts';

const TAG = 'Quality';
const READERS = [...QUALITY_READERS, 'provider_user'] as const;
export const INTELLIGENCE_ORDER = { key: 'occurred', direction: 'desc' } as const;

export function intelligenceApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/quality/intelligence',
      tag: TAG,
      access: READERS,
      query: apiListQuery(intelligenceFilterInput, INTELLIGENCE_SORTS),
      summary: 'The intelligence log: what is known about each contracted service, newest first',
      description: `kind (${INTELLIGENCE_KINDS.join(', ')}), serviceId and providerId filter; from and to bound the date it happened; search matches the summary, service or provider; sort is occurred, service, provider or kind; page and pageSize (at most 100). A provider reads the entries about itself that link no person.`,
      success: { status: 200, description: 'a page of the log' },
      handle: async ({ user, query }) =>
        intelligence.intelligenceList(db, user, apiListRequest(query, INTELLIGENCE_ORDER)),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/intelligence/{entryId}',
      tag: TAG,
      access: READERS,
      summary: 'One entry of the log; staff are told which person’s record it links',
      success: { status: 200, description: 'the entry' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => intelligence.entryFor(db, user, params.entryId!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/services/{id}/intelligence',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: entryInput,
      summary: 'Record what was learnt about a service: a concern, a section 42 enquiry’s outcome, a notification…',
      description:
        'No personal details in the summary: link the person’s record by personId or personCaseReference instead. A concern may carry its finding (outcome substantiated or not-substantiated, with outcomeReason); a safeguarding entry its section 42 outcome; a food-hygiene entry its rating.',
      success: { status: 201, description: 'the entry' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => intelligence.recordEntry(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/intelligence/{entryId}/finding',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: findingInput,
      summary: 'Record a concern’s finding once investigated: substantiated or not, and why',
      success: { status: 200, description: 'the entry' },
      errors: { ...NOT_FOUND, 409: 'The entry is not a concern' },
      handle: async ({ user, params, body }) => intelligence.recordFinding(db, user, params.entryId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/providers/{providerId}/company-status',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: companyStatusInput,
      summary: 'Record that a contracted provider is in administration or dissolved, with the date and source',
      success: { status: 201, description: 'the entry' },
      errors: { 404: 'No such provider on the organisation’s register' },
      handle: async ({ user, params, body }) => intelligence.recordCompanyStatus(db, user, params.providerId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/intelligence/manager-vacancies',
      tag: TAG,
      access: QUALITY_KEEPERS,
      summary: 'Record a registered manager vacancy for each service whose CQC data shows none, or an absence',
      description: 'Each vacancy is recorded once: not again while the service’s latest vacancy entry says the same.',
      success: { status: 200, description: 'how many were added' },
      handle: async ({ user }) => recordManagerVacancies(db, user),
    }),
  ];
}
