// JSON API for procurement vehicles: the same service as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { lotGridInput, statusChangeInput, vehicleFilterInput, vehicleInput } from './input.ts';
import * as service from './service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
const MANAGERS: readonly Role[] = ['commissioner', 'administrator'];
const reasonQuery = z.object({ reason: z.string().trim().max(500).optional() });

export function procurementApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET', path: '/api/v1/vehicles', tag: 'Procurement', access: READERS, query: vehicleFilterInput,
      summary: 'Procurement vehicles',
      description: 'Staff see the vehicles their organisation leads or is a partner in; a provider user sees the vehicles open to applications now, from every organisation. search matches the name or reference.',
      success: { status: 200, description: 'a page of vehicles: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => service.listVehicles(db, user, query),
    }),
    operation({
      method: 'GET', path: '/api/v1/vehicles/{id}', tag: 'Procurement', access: READERS,
      summary: 'A vehicle with its partners, zones (and Tier 1 places) and lots',
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to see' },
      handle: async ({ user, params }) => service.getVehicle(db, user, params.id!),
    }),
    operation({
      method: 'POST', path: '/api/v1/vehicles', tag: 'Procurement', access: MANAGERS, body: vehicleInput,
      summary: 'Set up a vehicle (as a draft) led by your organisation',
      description: 'valuePence is the estimated total value in pence. partners name organisations by code (an NHS body\'s ODS code) with their funding share in percent. A tiered vehicle needs tier1Places for each zone, maxTier1ZonesPerProvider, qualityThreshold and allocationRule.',
      success: { status: 201, description: 'the vehicle' },
      errors: { 409: 'Your organisation already has a vehicle with that reference' },
      handle: async ({ user, body, reply }) => {
        reply.code(201);
        return service.createVehicle(db, user, body);
      },
    }),
    operation({
      method: 'PATCH', path: '/api/v1/vehicles/{id}', tag: 'Procurement', access: MANAGERS, body: vehicleInput.partial(), query: reasonQuery,
      summary: 'Change a vehicle\'s settings: only the fields sent change; zones and partners, when sent, replace the lists',
      success: { status: 200, description: 'the vehicle as changed' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, request, query }) => service.patchVehicle(db, user, params.id!, request.body as Record<string, unknown>, query.reason),
    }),
    operation({
      method: 'PUT', path: '/api/v1/vehicles/{id}/lots', tag: 'Procurement', access: MANAGERS, body: lotGridInput,
      summary: 'Set a draft vehicle\'s lots to every combination of the zones, need bands and service types given',
      success: { status: 200, description: 'the vehicle with its lots' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.setLots(db, user, params.id!, body),
    }),
    operation({
      method: 'POST', path: '/api/v1/vehicles/{id}/status', tag: 'Procurement', access: MANAGERS, body: statusChangeInput,
      summary: 'Move a vehicle on: open it to applications, into evaluation, standstill, live, or close it',
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.changeVehicleStatus(db, user, params.id!, body),
    }),
  ];
}
