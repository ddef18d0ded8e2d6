// A Provider Selection Regime vehicle's decision record, and the award decision its standstill sets.
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { applications } from './application-schema.ts';
import { awardDecisions } from './evaluation-schema.ts';
import { psrDecisions } from './psr-schema.ts';

export type PsrDecisionRow = typeof psrDecisions.$inferSelect;

export async function psrDecisionOf(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<PsrDecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(psrDecisions)
    .where(and(eq(psrDecisions.organisationId, organisationId), eq(psrDecisions.vehicleId, vehicleId)));
  return row;
}

/** Records the decision, replacing the one recorded before (only possible before the award). */
export async function savePsrDecision(db: Db, row: typeof psrDecisions.$inferInsert): Promise<void> {
  const { organisationId: _organisationId, vehicleId: _vehicleId, ...set } = row;
  await db
    .insert(psrDecisions)
    .values(row)
    .onConflictDoUpdate({ target: [psrDecisions.organisationId, psrDecisions.vehicleId], set });
}

export async function saveRepresentations(
  db: Db,
  organisationId: string,
  vehicleId: string,
  set: { representationsAnsweredOn: string; representations: string },
): Promise<void> {
  await db
    .update(psrDecisions)
    .set(set)
    .where(and(eq(psrDecisions.organisationId, organisationId), eq(psrDecisions.vehicleId, vehicleId)));
}

/** The award decision's standstill, worked out again after representations. */
export async function extendStandstill(
  db: Db,
  organisationId: string,
  awardDecisionId: string,
  set: { standstillEnds: string; earliestContractDate: string; explanation: string },
): Promise<void> {
  await db
    .update(awardDecisions)
    .set(set)
    .where(and(eq(awardDecisions.organisationId, organisationId), eq(awardDecisions.id, awardDecisionId)));
}

/** The providers that submitted an application to the vehicle: those a decision may name. */
export async function applicantsOf(db: Db, organisationId: string, vehicleId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ providerId: applications.providerId })
    .from(applications)
    .where(
      and(
        eq(applications.organisationId, organisationId),
        eq(applications.vehicleId, vehicleId),
        ne(applications.status, 'draft'),
      ),
    );
  return rows.map((row) => row.providerId);
}
