// JSON API for a vehicle's public notices: which its events require, publishing one, and a
// published one with its release. The same service as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { noticeInput } from './input.ts';
import * as notices from './notice-service.ts';

export function noticeApi(db: Db, settings: notices.NoticeSettings): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/notices',
      tag: 'Procurement',
      access: ANY_STAFF,
      summary: "The notices a vehicle's events require, each due or published, and the rules of its regime",
      description:
        'notices lists, in the order they fell due, each notice kind (UK4 tender, UK6 contract award, UK7 contract details, UK10 contract change, UK11 contract termination, UK12 procurement termination, UK14 dynamic market establishment, UK16 dynamic market cessation; PCR-CN and PCR-CAN under PCR 2015) with its subject, the day its event happened, the day it is due by, whether it is overdue, and the published notice where there is one. transition gives a PCR 2015 DPS its last day under the old rules.',
      success: { status: 200, description: 'vehicle, rules, transition, notices and canPublish' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => notices.vehicleNotices(db, user, params.id!, settings),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/notices',
      tag: 'Procurement',
      access: ['commissioner'],
      body: noticeInput,
      summary: 'Publish one of the notices the vehicle’s events require',
      description:
        "kind and subject as GET /api/v1/vehicles/{id}/notices lists them. The notice is drafted from the vehicle's events as an OCDS release with the UK extension, checked, and kept as published, with its identifier; it then appears in the open-data feed. A notice whose event has not happened, or one missing a field it needs, is refused with every problem listed; a second publication of the same notice answers 409.",
      success: { status: 201, description: 'the published notice, with its release' },
      errors: { ...NOT_FOUND, 409: 'That notice is already published' },
      handle: async ({ user, params, body }) => notices.publishNotice(db, user, params.id!, body, settings),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/notices/{noticeId}',
      tag: 'Procurement',
      access: ANY_STAFF,
      summary: 'A published notice, with the release it was published as',
      success: { status: 200, description: 'the notice' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => notices.publishedNotice(db, user, params.id!, params.noticeId!),
    }),
  ];
}
