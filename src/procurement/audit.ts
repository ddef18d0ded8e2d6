// Whose procurement's audit entries are: an application's belong to the council that runs the
// vehicle, and a provider's users act for no organisation.
import type { Actor } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';

/** The audit entries of an application belong to the council that runs the vehicle. */
export const auditFor = (application: { id: string; organisationId: string }) => ({
  recordType: 'application',
  recordId: application.id,
  organisationId: application.organisationId,
});

/** A provider's user acts for no organisation: its entries belong to the record's. */
export const providerActor = (viewer: CurrentUser): Actor => ({ ...actorOf(viewer), organisationId: null });
