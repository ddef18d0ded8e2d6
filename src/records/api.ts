// JSON API for a person's data: the subject access export and the retention rule and due list.
// The same services as the pages; erasure is confirmed on its page only.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { RECORDS_OFFICERS, RETENTION_SETTERS } from './access.ts';
import { subjectAccessExport } from './export-service.ts';
import { retentionRuleInput } from './input.ts';
import * as retention from './retention-service.ts';

export function recordsApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/people/{id}/subject-access',
      tag: 'Records',
      access: RECORDS_OFFICERS,
      summary: 'Everything held about a person, for a subject access request (each export is audited)',
      description:
        'person, assessments, referrals, offers (provider, when sent and answered, what it was shown), placements with their price history, survey answers, and the audit of who saw or changed the record.',
      success: { status: 200, description: 'the export' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => subjectAccessExport(db, { user }, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/retention-rule',
      tag: 'Records',
      access: [...RETENTION_SETTERS, ...RECORDS_OFFICERS],
      summary: "How many years a person's record is kept after their last placement ended, and why",
      success: { status: 200, description: 'the rule: years and basis' },
      handle: async ({ user }) => retention.retentionRule(db, user),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/retention-rule',
      tag: 'Records',
      access: RETENTION_SETTERS,
      body: retentionRuleInput,
      summary: 'Set the retention rule; the records due are listed again by it',
      description: 'years is a whole number from 1 to 100; basis says what the period rests on (10 to 500 characters).',
      success: { status: 200, description: 'the rule' },
      handle: async ({ user, body }) => retention.saveRetentionRule(db, user, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/retention/due',
      tag: 'Records',
      access: RECORDS_OFFICERS,
      summary: 'The records the nightly review found due for erasure, for an officer to confirm on their pages',
      success: {
        status: 200,
        description: 'the rule, and each person due: personId, name, caseReference, dueOn, dueFrom',
      },
      handle: async ({ user }) => retention.dueForErasure(db, user),
    }),
  ];
}
