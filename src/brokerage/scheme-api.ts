// JSON API for schemes, their units and the vacancy list, moving a scheme's care to another
// provider, how offers are made on a vehicle, rate cards and embargoes. The same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { brokerageSettingsInput } from '../procurement/input.ts';
import { setBrokerageSettings } from '../procurement/market-service.ts';
import * as embargoes from './embargo-service.ts';
import {
  embargoInput,
  liftEmbargoInput,
  rateCardInput,
  schemeFilterInput,
  schemeInput,
  schemeTransferInput,
  unitInput,
  vacancyFilterInput,
  voidReportInput,
} from './input.ts';
import * as prices from './price-service.ts';
import * as schemes from './scheme-service.ts';
import { transferScheme } from './transfer-service.ts';

const PROVIDERS_AND_STAFF: readonly Role[] = [...ANY_STAFF, 'provider_user'];

export function schemeApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/schemes',
      tag: 'Brokerage',
      access: PROVIDERS_AND_STAFF,
      query: schemeFilterInput,
      summary:
        "Schemes with their units, tenants and voids: your organisation's, or (providers) those you provide care in",
      description: 'By name; zoneId and providerId (the care provider) filter, as on the Schemes page.',
      success: { status: 200, description: 'the schemes' },
      handle: async ({ user, query }) => schemes.listSchemes(db, user, query),
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
      query: vacancyFilterInput,
      summary: 'The vacancy list, longest void first, by zone, care provider, band and feature',
      description:
        'zoneId, providerId (the care provider), band (the accommodation band) and feature filter, as on the Vacancies page.',
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
      access: prices.RATE_CARD_READERS,
      summary: "A vehicle's rate cards, latest first",
      success: { status: 200, description: 'the rate cards' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => prices.rateCards(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/rate-cards',
      tag: 'Brokerage',
      access: prices.RATE_SETTERS,
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
      access: embargoes.EMBARGO_READERS,
      summary: 'Embargoes on new placements, current and past',
      success: { status: 200, description: 'the embargoes' },
      handle: async ({ user }) => embargoes.listEmbargoes(db, user),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/embargoes',
      tag: 'Brokerage',
      access: embargoes.EMBARGO_SETTERS,
      body: embargoInput,
      summary: 'Place an embargo on new placements with a provider',
      success: { status: 201, description: 'the embargo' },
      handle: async ({ user, body }) => embargoes.placeEmbargo(db, user, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/embargoes/{id}/lift',
      tag: 'Brokerage',
      access: embargoes.EMBARGO_SETTERS,
      body: liftEmbargoInput,
      summary: 'Lift an embargo',
      success: { status: 204, description: 'lifted' },
      errors: { ...NOT_FOUND, 409: 'Already lifted' },
      handle: async ({ user, params, body }) => embargoes.liftEmbargo(db, user, params.id!, body),
    }),
  ];
}
