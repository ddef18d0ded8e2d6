// The audit events organisations, zones, people and their API tokens leave, built one way wherever they happen.
import type { AuditEntry } from '../platform/audit/service.ts';
import type { ApiTokenRow } from './repository.ts';

/** A record just created (`<type>.create`), with what it holds as shown. */
export const creation = (
  recordType: string,
  recordId: string,
  organisationId: string | null,
  after: unknown,
): AuditEntry => ({ action: `${recordType}.create`, recordType, recordId, organisationId, after });

/** A person's API token revoked: kept on the person's record. */
export const tokenRevocation = (token: ApiTokenRow, organisationId: string | null): AuditEntry => ({
  action: 'api-token.revoke',
  recordType: 'user',
  recordId: token.userId,
  organisationId,
  before: { tokenId: token.id, name: token.name },
});
