// Uplifts and their letters: the queries.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { upliftLetters, uplifts } from './uplift-schema.ts';

export type UpliftRow = typeof uplifts.$inferSelect;
export type LetterRow = typeof upliftLetters.$inferSelect;

export async function insertUplift(db: Db, row: UpliftRow): Promise<void> {
  await db.insert(uplifts).values(row);
}

export async function upliftById(db: Db, organisationId: string, id: string): Promise<UpliftRow | undefined> {
  const [row] = await db
    .select()
    .from(uplifts)
    .where(and(eq(uplifts.organisationId, organisationId), eq(uplifts.id, id)));
  return row;
}

export async function upliftsOf(db: Db, organisationId: string): Promise<UpliftRow[]> {
  return db
    .select()
    .from(uplifts)
    .where(eq(uplifts.organisationId, organisationId))
    .orderBy(desc(uplifts.effectiveFrom), desc(uplifts.createdAt));
}

/** Approves a proposal still proposed; false when someone approved it first. */
export async function markApproved(
  db: Db,
  organisationId: string,
  id: string,
  change: Pick<UpliftRow, 'method' | 'decisionReference' | 'cards' | 'approvedAt' | 'approvedBy'>,
): Promise<boolean> {
  const rows = await db
    .update(uplifts)
    .set({ ...change, status: 'approved' })
    .where(and(eq(uplifts.organisationId, organisationId), eq(uplifts.id, id), eq(uplifts.status, 'proposed')))
    .returning({ id: uplifts.id });
  return rows.length === 1;
}

export async function insertLetters(db: Db, rows: readonly LetterRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(upliftLetters).values([...rows]);
}

/** The letters of one uplift, or of one organisation. */
export async function lettersOf(db: Db, organisationId: string, upliftId?: string): Promise<LetterRow[]> {
  return db
    .select()
    .from(upliftLetters)
    .where(
      and(
        eq(upliftLetters.organisationId, organisationId),
        upliftId ? eq(upliftLetters.upliftId, upliftId) : undefined,
      ),
    )
    .orderBy(desc(upliftLetters.createdAt));
}

/** A provider's letters, from every organisation. */
export async function lettersOfProvider(db: Db, providerId: string): Promise<LetterRow[]> {
  return db
    .select()
    .from(upliftLetters)
    .where(eq(upliftLetters.providerId, providerId))
    .orderBy(desc(upliftLetters.createdAt));
}

export async function letterById(db: Db, id: string): Promise<LetterRow | undefined> {
  const [row] = await db.select().from(upliftLetters).where(eq(upliftLetters.id, id));
  return row;
}
