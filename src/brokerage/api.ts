// JSON API for brokerage: people and needs, schemes and vacancies, rate cards, embargoes,
// placements and their reports, waiting-list matching, referrals and offers; each topic's
// operations are declared beside its services, and listed here in the order the OpenAPI document shows them.
import type { Db } from '../platform/db/client.ts';
import type { ApiOperation } from '../platform/http/api.ts';
import { peopleApi } from './people-api.ts';
import { placementApi } from './placement-api.ts';
import { referralApi } from './referral-api.ts';
import { schemeApi } from './scheme-api.ts';

export function brokerageApi(db: Db): ApiOperation[] {
  return [...peopleApi(db), ...schemeApi(db), ...placementApi(db), ...referralApi(db)];
}
