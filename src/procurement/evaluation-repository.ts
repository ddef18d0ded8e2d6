// Evaluation's queries: stage decisions, evaluators' declarations and scores, agreed scores and
// confirmed tier allocations.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { agreedScores, conflictDeclarations, scores, stageDecisions, tierAllocations } from './evaluation-schema.ts';

export type StageDecisionRow = typeof stageDecisions.$inferSelect;
export type ScoreRow = typeof scores.$inferSelect;
export type AgreedScoreRow = typeof agreedScores.$inferSelect;

export async function stageDecisionsOf(db: Db, applicationIds: string[]): Promise<StageDecisionRow[]> {
  return applicationIds.length === 0
    ? []
    : db.select().from(stageDecisions).where(inArray(stageDecisions.applicationId, applicationIds));
}

export async function insertStageDecision(db: Db, row: typeof stageDecisions.$inferInsert): Promise<void> {
  await db.insert(stageDecisions).values(row);
}

export async function declarationOf(
  db: Db,
  vehicleId: string,
  evaluatorId: string,
): Promise<typeof conflictDeclarations.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.vehicleId, vehicleId), eq(conflictDeclarations.evaluatorId, evaluatorId)));
  return row;
}

/** The evaluator's declarations on any of `vehicleIds`. */
export async function declarationsBy(
  db: Db,
  evaluatorId: string,
  vehicleIds: string[],
): Promise<(typeof conflictDeclarations.$inferSelect)[]> {
  return vehicleIds.length === 0
    ? []
    : db
        .select()
        .from(conflictDeclarations)
        .where(
          and(eq(conflictDeclarations.evaluatorId, evaluatorId), inArray(conflictDeclarations.vehicleId, vehicleIds)),
        );
}

export async function insertDeclaration(db: Db, row: typeof conflictDeclarations.$inferInsert): Promise<void> {
  await db.insert(conflictDeclarations).values(row);
}

export async function scoresOf(db: Db, applicationId: string): Promise<ScoreRow[]> {
  return db.select().from(scores).where(eq(scores.applicationId, applicationId));
}

export async function saveScore(db: Db, row: typeof scores.$inferInsert): Promise<void> {
  await db
    .insert(scores)
    .values(row)
    .onConflictDoUpdate({
      target: [scores.organisationId, scores.applicationId, scores.questionId, scores.evaluatorId],
      set: { score: row.score, comment: row.comment, updatedAt: row.updatedAt },
    });
}

export async function submitScores(
  db: Db,
  organisationId: string,
  applicationId: string,
  evaluatorId: string,
  at: Date,
): Promise<void> {
  await db
    .update(scores)
    .set({ submittedAt: at })
    .where(
      and(
        eq(scores.organisationId, organisationId),
        eq(scores.applicationId, applicationId),
        eq(scores.evaluatorId, evaluatorId),
      ),
    );
}

export async function agreedScoresOf(db: Db, applicationIds: string[]): Promise<AgreedScoreRow[]> {
  return applicationIds.length === 0
    ? []
    : db.select().from(agreedScores).where(inArray(agreedScores.applicationId, applicationIds));
}

export async function saveAgreedScore(db: Db, row: typeof agreedScores.$inferInsert): Promise<void> {
  await db
    .insert(agreedScores)
    .values(row)
    .onConflictDoUpdate({
      target: [agreedScores.organisationId, agreedScores.applicationId, agreedScores.questionId],
      set: { score: row.score, rationale: row.rationale, moderatorId: row.moderatorId, agreedAt: row.agreedAt },
    });
}

export type TierAllocationRow = typeof tierAllocations.$inferSelect;

export async function insertTierAllocation(db: Db, row: typeof tierAllocations.$inferInsert): Promise<void> {
  await db.insert(tierAllocations).values(row);
}

/** The allocation last confirmed for the tenderers of `round` of the vehicle. */
export async function latestTierAllocation(
  db: Db,
  vehicleId: string,
  round: number,
): Promise<TierAllocationRow | undefined> {
  const [row] = await db
    .select()
    .from(tierAllocations)
    .where(and(eq(tierAllocations.vehicleId, vehicleId), eq(tierAllocations.roundNumber, round)))
    .orderBy(desc(tierAllocations.confirmedAt))
    .limit(1);
  return row;
}
