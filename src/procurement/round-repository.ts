// A framework's rounds' queries: its rounds, and what each round received and admitted.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { applications } from './application-schema.ts';
import { memberships } from './evaluation-schema.ts';
import { vehicleRounds } from './round-schema.ts';

export type RoundRow = typeof vehicleRounds.$inferSelect;

/** The rounds of each of `vehicleIds`. */
export async function roundsOfVehicles(db: Db, vehicleIds: string[]): Promise<RoundRow[]> {
  return vehicleIds.length === 0
    ? []
    : db
        .select()
        .from(vehicleRounds)
        .where(inArray(vehicleRounds.vehicleId, vehicleIds))
        .orderBy(asc(vehicleRounds.number));
}

export async function insertRound(db: Db, row: typeof vehicleRounds.$inferInsert): Promise<void> {
  await db.insert(vehicleRounds).values(row);
}

export async function updateRound(
  db: Db,
  organisationId: string,
  vehicleId: string,
  number: number,
  set: Partial<typeof vehicleRounds.$inferInsert>,
): Promise<void> {
  await db
    .update(vehicleRounds)
    .set(set)
    .where(
      and(
        eq(vehicleRounds.organisationId, organisationId),
        eq(vehicleRounds.vehicleId, vehicleId),
        eq(vehicleRounds.number, number),
      ),
    );
}

/** The round and status of each of the vehicle's applications: what its rounds' counts are made from. */
export async function applicationRoundsOf(
  db: Db,
  vehicleId: string,
): Promise<{ roundNumber: number; status: string }[]> {
  return db
    .select({ roundNumber: applications.roundNumber, status: applications.status })
    .from(applications)
    .where(eq(applications.vehicleId, vehicleId));
}

/** The round and provider of each of the vehicle's memberships. */
export async function membershipRoundsOf(
  db: Db,
  vehicleId: string,
): Promise<{ roundNumber: number; providerId: string }[]> {
  return db
    .select({ roundNumber: memberships.roundNumber, providerId: memberships.providerId })
    .from(memberships)
    .where(eq(memberships.vehicleId, vehicleId));
}
