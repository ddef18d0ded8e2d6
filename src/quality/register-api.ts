// The register of contracted services and the assessment schedule, in the JSON API.
import type { Db } from '../platform/db/client.ts';
import { apiListRequest } from '../platform/http/list-columns.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { apiListQuery } from '../platform/http/paging.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { qualitySettingsInput, SCHEDULE_SORTS, scheduleFilterInput, serviceAssignmentInput } from './input.ts';
import * as register from './register-service.ts';

const TAG = 'Quality';
export const SCHEDULE_ORDER = { key: 'due', direction: 'asc' } as const;

export function registerApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/quality/schedule',
      tag: TAG,
      access: QUALITY_READERS,
      query: apiListQuery(scheduleFilterInput, SCHEDULE_SORTS),
      summary: 'The assessment schedule: each contracted service with when it is due and whether it is overdue',
      description:
        'status (overdue, due or done), zoneId and officerId filter, search matches the service or provider; sort is due, service, provider or zone; page and pageSize (at most 100).',
      success: { status: 200, description: 'a page of the schedule' },
      handle: async ({ user, query }) => register.scheduleList(db, user, apiListRequest(query, SCHEDULE_ORDER)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/services/bring-in',
      tag: TAG,
      access: QUALITY_KEEPERS,
      summary: 'Add to the register every CQC location the organisation now contracts (a membership or placement)',
      success: { status: 200, description: 'how many were added' },
      handle: async ({ user }) => register.bringInContractedServices(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/services/{id}',
      tag: TAG,
      access: [...ANY_STAFF, 'provider_user'],
      summary: 'A contracted service: its provider, zone and quality officer',
      success: { status: 200, description: 'the service' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => register.serviceFor(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/quality/services/{id}/assignment',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: serviceAssignmentInput,
      summary: 'Set the zone and the quality officer of a contracted service',
      success: { status: 200, description: 'the service' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => register.assignService(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/settings',
      tag: TAG,
      access: QUALITY_READERS,
      summary:
        'Months between assessments, working days providers have to check a draft, and working days after a quarter by which KPI returns are due',
      success: { status: 200, description: 'the settings' },
      handle: async ({ user }) => register.qualitySettings(db, user),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/quality/settings',
      tag: TAG,
      access: QUALITY_KEEPERS,
      body: qualitySettingsInput,
      summary:
        'Change the months between assessments, the working days providers have to check a draft, or (optional) the working days after a quarter by which KPI returns are due',
      success: { status: 200, description: 'the settings' },
      handle: async ({ user, body }) => register.changeQualitySettings(db, user, body),
    }),
  ];
}
