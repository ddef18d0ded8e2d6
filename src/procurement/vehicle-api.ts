// JSON API for procurement vehicles: the vehicle and its lots, its questions, its clarification
// questions and its open data. The same services as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { freeText } from '../platform/http/input.ts';
import { APPLICANTS, MANAGERS, VEHICLE_READERS } from './access.ts';
import {
  clarificationAnswerInput,
  clarificationInput,
  lotGridInput,
  questionInput,
  roundInput,
  statusChangeInput,
  vehicleFilterInput,
  vehicleInput,
} from './input.ts';
import * as applications from './application-service.ts';
import { vehicleOcds } from './ocds-service.ts';
import * as clarifications from './clarification-service.ts';
import * as service from './service.ts';
import * as vehicleList from './vehicle-list-service.ts';

const reasonQuery = z.object({ reason: freeText().trim().max(500).optional() });

export function vehicleApi(db: Db, settings: { ocidPrefix: string }): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/vehicles',
      tag: 'Procurement',
      access: VEHICLE_READERS,
      query: vehicleFilterInput,
      summary: 'Procurement vehicles',
      description:
        'Staff see the vehicles their organisation leads or is a partner in; a provider user sees the vehicles open to applications now, from every organisation. search matches the name or reference.',
      success: { status: 200, description: 'a page of vehicles: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => vehicleList.listVehicles(db, user, query),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}',
      tag: 'Procurement',
      access: VEHICLE_READERS,
      summary: "A vehicle with its partners, zones (and Tier 1 places), lots and a framework's rounds",
      description:
        "rounds lists a framework's rounds, first to latest: number, opensOn, clarificationDeadline, submissionDeadline, and for the vehicle's staff applicationsReceived and providersAdmitted. currentRound is the round applications made now belong to (1 on a vehicle without rounds); deadlines are the ones that apply now.",
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to see' },
      handle: async ({ user, params }) => service.getVehicle(db, user, params.id!, { roundCounts: true }),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles',
      tag: 'Procurement',
      access: MANAGERS,
      body: vehicleInput,
      summary: 'Set up a vehicle (as a draft) led by your organisation',
      description:
        "valuePence is the estimated total value in pence. partners name organisations by code (an NHS body's ODS code) with their funding share in percent. A tiered vehicle needs tier1Places for each zone, maxTier1ZonesPerProvider, qualityThreshold and allocationRule.",
      success: { status: 201, description: 'the vehicle' },
      errors: { 409: 'Your organisation already has a vehicle with that reference' },
      handle: async ({ user, body }) => service.createVehicle(db, user, body),
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/vehicles/{id}',
      tag: 'Procurement',
      access: MANAGERS,
      body: vehicleInput.partial(),
      query: reasonQuery,
      summary:
        "Change a vehicle's settings: only the fields sent change; zones and partners, when sent, replace the lists",
      success: { status: 200, description: 'the vehicle as changed' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, request, query }) =>
        service.patchVehicle(db, user, params.id!, request.body as Record<string, unknown>, query.reason),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/lots',
      tag: 'Procurement',
      access: MANAGERS,
      body: lotGridInput,
      summary: "Set a draft vehicle's lots to every combination of the zones, need bands and service types given",
      success: { status: 200, description: 'the vehicle with its lots' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.setLots(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/status',
      tag: 'Procurement',
      access: MANAGERS,
      body: statusChangeInput,
      summary: 'Move a vehicle on: open it to applications, into evaluation, standstill, live, or close it',
      description:
        'A live framework or open framework is opened to applications again in a new round, with its dates: POST /api/v1/vehicles/{id}/rounds.',
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.changeVehicleStatus(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/rounds',
      tag: 'Procurement',
      access: VEHICLE_READERS,
      summary:
        "A framework's rounds, first to latest, with their dates (and, for its staff, applications received and providers admitted)",
      description: 'A dynamic purchasing system, dynamic market or block contract has no rounds: the list is empty.',
      success: { status: 200, description: 'the rounds' },
      errors: { 404: 'No such vehicle, or not yours to see' },
      handle: async ({ user, params }) =>
        (await service.getVehicle(db, user, params.id!, { roundCounts: true })).rounds,
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/rounds',
      tag: 'Procurement',
      access: MANAGERS,
      body: roundInput,
      summary:
        "Reopen a live framework or open framework to applications in its next round, with that round's deadlines",
      description:
        "submissionDeadline is needed, and clarificationDeadline too where the vehicle takes clarification questions; neither in the past. Every provider may apply in the new round, one application each; a provider already on the framework applies for lots it does not hold. Opening the round is recorded in the vehicle's history with the reason.",
      success: { status: 201, description: 'the vehicle, open, with its rounds' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.openRound(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/questions',
      tag: 'Procurement',
      access: VEHICLE_READERS,
      summary: "The vehicle's selection (pass or fail) and quality (scored) questions",
      success: { status: 200, description: 'the questions, in order' },
      handle: async ({ user, params }) => applications.listQuestions(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/questions',
      tag: 'Procurement',
      access: MANAGERS,
      body: questionInput,
      summary: 'Add a question to a draft vehicle: quality questions need a word limit and a weighting',
      success: { status: 201, description: 'the question' },
      handle: async ({ user, params, body }) => applications.addQuestion(db, user, params.id!, body),
    }),
    operation({
      method: 'DELETE',
      path: '/api/v1/vehicles/{id}/questions/{questionId}',
      tag: 'Procurement',
      access: MANAGERS,
      summary: 'Remove a question from a draft vehicle',
      success: { status: 204, description: 'removed' },
      handle: async ({ user, params }) => applications.removeQuestion(db, user, params.id!, params.questionId!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/ocds',
      tag: 'Open data',
      access: VEHICLE_READERS,
      summary:
        'The vehicle as an OCDS 1.1 release package (lots and techniques extensions): tender, lots, buyers, successful suppliers, awards and contracts',
      description:
        'Nothing commercially sensitive: no scores, prices or answers, and no unsuccessful tenderers. A draft vehicle has no open data yet. The ocid prefix is HEARTH_OCID_PREFIX.',
      success: { status: 200, description: 'the release package' },
      errors: { 404: 'No such advertised vehicle' },
      handle: async ({ user, params, request }) =>
        vehicleOcds(db, user, params.id!, {
          ocidPrefix: settings.ocidPrefix,
          uri: `${request.protocol}://${request.host}${request.url}`,
        }),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/clarifications',
      tag: 'Procurement',
      access: VEHICLE_READERS,
      summary:
        'Clarification questions and their published answers; never who asked (a provider sees which were its own)',
      success: { status: 200, description: 'the clarifications' },
      handle: async ({ user, params }) => clarifications.listClarifications(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/clarifications',
      tag: 'Procurement',
      access: APPLICANTS,
      body: clarificationInput,
      summary: 'Ask a clarification question before the clarification deadline',
      success: { status: 201, description: 'the clarifications' },
      handle: async ({ user, params, body }) => clarifications.askClarification(db, user, params.id!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/clarifications/{clarificationId}',
      tag: 'Procurement',
      access: MANAGERS,
      body: clarificationAnswerInput,
      summary: 'Answer a clarification question: the answer is published to every applicant at once',
      success: { status: 200, description: 'the clarifications' },
      handle: async ({ user, params, body }) =>
        clarifications.answerClarification(db, user, params.id!, params.clarificationId!, body),
    }),
  ];
}
