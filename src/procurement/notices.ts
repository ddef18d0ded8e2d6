// What procurement tells providers, queued in the same transaction as the decision: that the
// decision on their application is made, and that their award letter is issued. The message says
// what happened and links to the page, where the provider reads the decision itself.
import type { Tx } from '../platform/db/client.ts';
import { applicationDecisionIssued, awardLetterIssued } from '../notifications/domain/messages.ts';
import { queueNotification } from '../notifications/service.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { paths } from './paths.ts';

interface Vehicle {
  id: string;
  organisationId: string;
  name: string;
}

const councilOf = async (tx: Tx, vehicle: Vehicle) =>
  (await organisationsByIds(tx, [vehicle.organisationId])).get(vehicle.organisationId)?.name ?? 'The council';

/** The applicant's people are told a stage's decision has ended their application. */
export async function tellApplicantDecided(
  tx: Tx,
  vehicle: Vehicle,
  application: { id: string; providerId: string },
  stage: string,
): Promise<void> {
  await queueNotification(tx, {
    event: `application-decision:${application.id}:${stage}`,
    organisationId: vehicle.organisationId,
    recipients: { providerUsersOf: application.providerId },
    message: applicationDecisionIssued({
      organisationName: await councilOf(tx, vehicle),
      vehicleName: vehicle.name,
      page: paths.application(application.id),
    }),
  });
}

/** Every tenderer's people are told their award letter is issued, successful or not. */
export async function tellTenderersAwarded(
  tx: Tx,
  vehicle: Vehicle,
  outcomes: readonly { applicationId: string; providerId: string }[],
): Promise<void> {
  const council = await councilOf(tx, vehicle);
  for (const outcome of outcomes)
    await queueNotification(tx, {
      event: `award-letter:${outcome.applicationId}`,
      organisationId: vehicle.organisationId,
      recipients: { providerUsersOf: outcome.providerId },
      message: awardLetterIssued({
        organisationName: council,
        vehicleName: vehicle.name,
        page: `${paths.application(outcome.applicationId)}/letter`,
      }),
    });
}
