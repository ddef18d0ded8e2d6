// JSON API for procurement, under /api/v1: vehicles, applications, evaluation and the award, each
// declared beside its own topic.
import type { Db } from '../platform/db/client.ts';
import type { ApiOperation } from '../platform/http/api.ts';
import { applicationApi } from './application-api.ts';
import { awardApi } from './award-api.ts';
import { evaluationApi } from './evaluation-api.ts';
import { noticeApi } from './notice-api.ts';
import { psrApi } from './psr-api.ts';
import type { NoticeSettings } from './notice-service.ts';
import { vehicleApi } from './vehicle-api.ts';

export function procurementApi(db: Db, settings: NoticeSettings): ApiOperation[] {
  return [
    ...vehicleApi(db, settings),
    ...noticeApi(db, settings),
    ...psrApi(db),
    ...applicationApi(db),
    ...evaluationApi(db),
    ...awardApi(db),
  ];
}
