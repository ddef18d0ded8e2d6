// JSON API for a Provider Selection Regime vehicle's decision record and the representations made
// in its standstill. The same service as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { PSR_CRITERIA, PSR_PROCESSES } from './domain/psr.ts';
import { psrDecisionInput, representationsInput } from './input.ts';
import * as psr from './psr-service.ts';

const TAG = 'Procurement';

export function psrApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/psr-decision',
      tag: TAG,
      access: ANY_STAFF,
      summary: 'A Provider Selection Regime vehicle’s decision record (null until recorded)',
      success: { status: 200, description: 'decision, awarded, applicants, canRecord, canRecordRepresentations' },
      errors: { 404: 'No such vehicle under the Provider Selection Regime, or not yours to see' },
      handle: async ({ user, params }) => psr.psrDecision(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/psr-decision',
      tag: TAG,
      access: ['commissioner'],
      body: psrDecisionInput,
      summary: 'Record the Provider Selection Regime decision, before the award',
      description: `process is one of ${PSR_PROCESSES.join(', ')}; conditionsMet confirms its conditions are met. A direct award or the most suitable provider process names providerId (a provider that applied); direct award A and C give existingContract. Direct award C, the most suitable provider and the competitive process weigh all five key criteria (${PSR_CRITERIA.join(', ')}), each with weightPercent (adding up to 100) and rationale; direct award A and B give none. decisionMakers, conflicts ("None" where there were none) and rationale are needed. Every gap is refused with its field. The award then follows the record: its provider, and the standstill (8 working days from the day after the award's notice for C, most suitable provider and competitive).`,
      success: { status: 200, description: 'the decision record' },
      errors: { ...NOT_FOUND, 409: 'The award is decided: the record is kept as it was' },
      handle: async ({ user, params, body }) => psr.recordPsrDecision(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/psr-decision/representations',
      tag: TAG,
      access: ['commissioner'],
      body: representationsInput,
      summary: 'Record representations a provider made in the standstill, and the day they were answered',
      description:
        'The standstill then runs 5 more working days after the later of its 8th day and answeredOn; contracts wait for it.',
      success: { status: 200, description: 'the decision record' },
      errors: NOT_FOUND,
      handle: async ({ user, params, body }) => psr.recordRepresentations(db, user, params.id!, body),
    }),
  ];
}
