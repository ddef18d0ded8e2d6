// The award's queries: award decisions, and the memberships they give providers on a vehicle's lots.
import { and, asc, desc, eq, exists } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { awardDecisions, memberships } from './evaluation-schema.ts';
import { vehicles } from './vehicle-schema.ts';

export type AwardDecisionRow = typeof awardDecisions.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** The vehicle's latest award decision: of `round` where given, else of any round. */
export async function latestAwardDecision(
  db: Db,
  vehicleId: string,
  round?: number,
): Promise<AwardDecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(awardDecisions)
    .where(
      and(
        eq(awardDecisions.vehicleId, vehicleId),
        round === undefined ? undefined : eq(awardDecisions.roundNumber, round),
      ),
    )
    .orderBy(desc(awardDecisions.decidedAt))
    .limit(1);
  return row;
}

export async function insertAwardDecision(db: Db, row: typeof awardDecisions.$inferInsert): Promise<void> {
  await db.insert(awardDecisions).values(row);
}

export async function membershipsOf(db: Db, vehicleId: string): Promise<MembershipRow[]> {
  return db.select().from(memberships).where(eq(memberships.vehicleId, vehicleId));
}

export async function insertMemberships(db: Db, rows: (typeof memberships.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(memberships).values(rows);
}

export async function startMemberships(
  db: Db,
  organisationId: string,
  vehicleId: string,
  startOn: string,
  endOn: string | null,
  at: Date,
): Promise<void> {
  await db
    .update(memberships)
    .set({ status: 'active', startOn, endOn, updatedAt: at })
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.vehicleId, vehicleId),
        eq(memberships.status, 'awarded'),
      ),
    );
}

export async function updateMembership(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof memberships.$inferInsert>,
): Promise<void> {
  await db
    .update(memberships)
    .set(set)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.id, id)));
}

export async function membershipById(db: Db, organisationId: string, id: string): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.id, id)));
  return row;
}

/** The organisation's vehicles that have providers on them, by name. */
export async function vehiclesWithMemberships(
  db: Db,
  organisationId: string,
): Promise<{ id: string; name: string; reference: string }[]> {
  return db
    .select({ id: vehicles.id, name: vehicles.name, reference: vehicles.reference })
    .from(vehicles)
    .where(
      and(
        eq(vehicles.organisationId, organisationId),
        exists(db.select({ id: memberships.id }).from(memberships).where(eq(memberships.vehicleId, vehicles.id))),
      ),
    )
    .orderBy(asc(vehicles.name));
}
