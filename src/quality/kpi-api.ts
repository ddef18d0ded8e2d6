// KPIs in the JSON API: the same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { EXPECTED_STATUSES } from './kpi-expected-repository.ts';
import { kpiChangeInput, kpiDefinitionInput, kpiReturnInput, kpiReturnListQuery, kpiTableQuery } from './kpi-input.ts';
import { kpiTable } from './kpi-report-service.ts';
import { listReturns, submitReturn } from './kpi-return-service.ts';
import * as kpis from './kpi-service.ts';

const TAG = 'Quality';
export const KPI_RETURN_ORDER = { key: 'quarter', direction: 'desc' } as const;

export function kpiApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/quality/vehicles/{vehicleId}/kpis',
      tag: TAG,
      access: QUALITY_READERS,
      summary: 'A vehicle’s KPI definitions, retired ones included, each with its rule in words',
      success: { status: 200, description: 'the definitions' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => kpis.definitions(db, user, params.vehicleId!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/vehicles/{vehicleId}/kpis',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: kpiDefinitionInput,
      summary: 'Add a KPI to a vehicle: what is counted, its target, which way is better and the Amber tolerance',
      description:
        'measure is percentage (target and amberTolerance in whole percentage points) or count; source is return (providers report it) or survey (the share of people saying staff listen to them, from the people’s survey); firstQuarter (e.g. 2026-Q2) is the first quarter asked for, the current one unless given.',
      success: { status: 201, description: 'the definition' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => kpis.addDefinition(db, user, params.vehicleId!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/quality/vehicles/{vehicleId}/kpis/{id}',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: kpiChangeInput,
      summary: 'Change a KPI, or retire it (retired: true): it is asked for no more after the last quarter ended',
      success: { status: 200, description: 'the definition' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => kpis.changeDefinition(db, user, params.vehicleId!, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/kpi-returns',
      tag: TAG,
      access: [...QUALITY_READERS, 'provider_user'],
      query: kpiReturnListQuery,
      summary: 'Returns owed and made, by membership and quarter, newest quarter first',
      description: `vehicleId, providerId, quarter (e.g. 2026-Q2) and status (${EXPECTED_STATUSES.join(', ')}) filter; sort is quarter, provider, vehicle or due; page and pageSize (at most 100). A provider sees its own memberships’ returns in every organisation.`,
      success: { status: 200, description: 'a page of returns' },
      handle: async ({ user, query }) => listReturns(db, user, apiListRequest(query, KPI_RETURN_ORDER)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/memberships/{membershipId}/kpi-returns',
      tag: TAG,
      access: ['provider_user'],
      body: kpiReturnInput,
      summary:
        'Make (or correct) a membership’s return for an ended quarter: every KPI asked, numerator and denominator',
      description:
        'Whole numbers, 0 or more, the numerator no more than the denominator. A return after its due day is marked late; a second return for the same quarter replaces the first, the audit trail keeping it.',
      success: { status: 201, description: 'the return' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => submitReturn(db, user, params.membershipId!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/vehicles/{vehicleId}/kpi-table',
      tag: TAG,
      access: QUALITY_READERS,
      query: kpiTableQuery,
      summary:
        'A vehicle’s providers against its KPIs for a quarter (the last ended unless given), rated Green, Amber or Red',
      success: { status: 200, description: 'the table' },
      errors: NOT_FOUND,
      handle: async ({ user, params, query }) => kpiTable(db, user, params.vehicleId!, query.quarter),
    }),
  ];
}
