// JSON API of the provider registry: the same service as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { freeText } from '../platform/http/input.ts';
import { providerFilterInput, providerInput } from './input.ts';
import * as service from './service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
/** The registry's reads: any staff, and provider users (who see their own provider only). */
const read = { method: 'GET', tag: 'Providers', access: READERS } as const;
const reasonQuery = z.object({ reason: freeText().trim().max(500).optional() });

export function providerApi(db: Db): ApiOperation[] {
  return [
    operation({
      ...read,
      path: '/api/v1/providers',
      query: providerFilterInput,
      summary: 'Search and filter providers',
      description:
        "search matches the provider's name, postcode or CQC provider ID, or the CQC location ID or postcode of any of its services. serviceType, rating and localAuthority (a GSS code) keep providers with at least one matching service. A provider user sees only their own provider.",
      success: { status: 200, description: 'a page of providers: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => service.listProviders(db, user, query),
    }),
    operation({
      ...read,
      path: '/api/v1/providers/{id}',
      summary: 'A provider with its contacts and services (CQC locations)',
      success: { status: 200, description: 'the provider' },
      errors: { 404: 'No such provider, or not yours to see' },
      handle: async ({ user, params }) => service.getProvider(db, user, params.id!),
    }),
    operation({
      ...read,
      path: '/api/v1/providers/{id}/locations/{locationId}',
      summary: "One of a provider's services, with its CQC ratings",
      success: { status: 200, description: 'the service' },
      errors: { 404: 'No such service, or not yours to see' },
      handle: async ({ user, params }) =>
        (await service.getLocation(db, user, params.id!, params.locationId!)).location,
    }),
    operation({
      method: 'POST',
      path: '/api/v1/providers',
      tag: 'Providers',
      access: ['administrator', 'commissioner'],
      body: providerInput,
      summary: 'Add a provider to the registry',
      success: { status: 201, description: 'the provider added' },
      errors: { 409: 'Another provider has that CQC provider ID' },
      handle: async ({ user, body, reply }) => {
        const created = await service.createProvider(db, user, body);
        reply.header('location', `/api/v1/providers/${created.provider.id}`);
        return created;
      },
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/providers/{id}',
      tag: 'Providers',
      access: READERS,
      body: providerInput.partial(),
      query: reasonQuery,
      summary: "Change some of a provider's details",
      description:
        'Fields left out keep their values. contacts, when given, replaces the whole list. Administrators and commissioners may edit any provider, provider users only their own. ?reason= is kept in the audit trail.',
      success: { status: 200, description: 'the provider as changed' },
      errors: { 404: 'No such provider, or not yours to see', 409: 'Another provider has that CQC provider ID' },
      handle: async ({ user, params, request, query }) =>
        service.updateProvider(db, user, params.id!, request.body as Record<string, unknown>, query.reason),
    }),
  ];
}
