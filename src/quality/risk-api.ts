// The early-warning risk ratings and the risk model, in the JSON API: the same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { riskFilter, riskModelInput } from './risk-input.ts';
import * as models from './risk-model-service.ts';
import * as risk from './risk-service.ts';

const TAG = 'Risk';
export const RISK_SORTS = ['colour', 'score', 'service', 'provider', 'zone', 'changed'] as const;

export function riskApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/risk/services',
      tag: TAG,
      access: risk.RISK_READERS,
      query: apiListQuery(riskFilter, RISK_SORTS),
      summary: 'Every contracted service’s risk rating: colour, score, reasons and trends',
      description:
        'colour (green, amber or red), zone, provider, serviceType (a CQC service type code) and changed (day, week or month: the colour changed within it) filter; search matches the service or provider; sort is colour, score, service, provider, zone or changed. A provider user gets its own services only, in every organisation that contracts them.',
      success: { status: 200, description: 'a page of ratings' },
      handle: async ({ user, query }) => risk.riskList(db, user, apiListRequest(query, risk.RISK_ORDER)),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/risk/services/{id}',
      tag: TAG,
      access: risk.RISK_READERS,
      summary:
        'One service’s rating: every indicator with its value, points and source, and its ratings over the last year',
      success: { status: 200, description: 'the rating and its history' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => risk.serviceRiskOrMissing(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/risk/model',
      tag: TAG,
      access: QUALITY_READERS,
      summary:
        'The risk model in use: each indicator’s points, look-back and red flags, and the Amber and Red thresholds',
      success: { status: 200, description: 'the model (version 0 is Hearth’s default, before one is saved)' },
      handle: async ({ user }) => models.currentRiskModel(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/risk/model/versions',
      tag: TAG,
      access: QUALITY_READERS,
      summary: 'Every saved version of the risk model, newest first',
      success: { status: 200, description: 'the versions' },
      handle: async ({ user }) => models.riskModelVersions(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/risk/model/versions/{version}',
      tag: TAG,
      access: QUALITY_READERS,
      summary: 'One saved version of the risk model',
      success: { status: 200, description: 'the version' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => models.riskModelVersion(db, user, Number(params.version)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/risk/model/preview',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: riskModelInput,
      summary: 'What a proposed model would do today: services of each colour now and under it, and which would change',
      success: { status: 200, description: 'the comparison; nothing is saved' },
      handle: async ({ user, body }) => models.previewRiskModel(db, user, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/risk/model/versions',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: riskModelInput,
      summary: 'Save a new version of the risk model from the whole of it, and rate every service under it',
      success: { status: 201, description: 'the new version' },
      handle: async ({ user, body }) => models.saveRiskModel(db, user, body),
    }),
  ];
}
