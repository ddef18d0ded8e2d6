// Loads the demo county's closed 2025/26 supported living cost-of-care exercise through the
// services people use: the finance officer opens it for the providers of the DPS and the
// framework and others the council places with spot, enters the workbooks the providers sent in by the closing date (domain/demo-exercise.ts)
// and closes it. Its id is what the April 2026 uplift is worked out from.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { addDays } from '../platform/domain/calendar.ts';
import { checkOpening, closeExercise, invitedProviders, openExercise } from '../pricing/exercise-service.ts';
import { enterReceivedWorkbooks } from '../pricing/exercise-workbook-service.ts';
import { DEMO_INVITED, DEMO_WORKBOOKS, demoWorkbookAnswers } from './domain/demo-exercise.ts';

const CLOSING_ON = '2026-01-30';

export async function loadDemoExercise(
  db: Db,
  finance: CurrentUser,
  vehicleIds: readonly string[],
  providerIds: readonly string[],
): Promise<string> {
  const opening = { financialYear: 2025, serviceType: 'supported-living', closingOn: CLOSING_ON, vehicleIds };
  // The vehicles' members, and the providers the council places with spot, to make up the invitations.
  const members = (await checkOpening(db, finance, opening)).providers.map((provider) => provider.id);
  const spot = providerIds.filter((id) => !members.includes(id)).slice(0, DEMO_INVITED - members.length);
  const exercise = await openExercise(db, finance, { ...opening, providerIds: [...members, ...spot] });
  const invited = await invitedProviders(db, finance, exercise.id);
  await enterReceivedWorkbooks(
    db,
    finance,
    exercise.id,
    invited.slice(0, DEMO_WORKBOOKS).map((provider, index) => ({
      providerId: provider.providerId,
      answers: demoWorkbookAnswers(index),
      receivedOn: addDays(CLOSING_ON, -(index % 20)),
    })),
  );
  await closeExercise(db, finance, exercise.id);
  return exercise.id;
}
