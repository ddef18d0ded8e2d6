// The records part's own tables: retention rules, the due list the nightly review writes, and erasures.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { personErasures, retentionDue, retentionRules } from './schema.ts';

export type RetentionDueRow = typeof retentionDue.$inferSelect;

export async function ruleOf(db: Db, organisationId: string) {
  const [row] = await db.select().from(retentionRules).where(eq(retentionRules.organisationId, organisationId));
  return row;
}

export async function saveRule(db: Db, row: typeof retentionRules.$inferInsert): Promise<void> {
  await db
    .insert(retentionRules)
    .values(row)
    .onConflictDoUpdate({
      target: retentionRules.organisationId,
      set: { years: row.years, basis: row.basis, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

export async function erasedIn(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: personErasures.personId })
    .from(personErasures)
    .where(eq(personErasures.organisationId, organisationId));
  return rows.map((row) => row.personId);
}

export async function erasureOf(db: Db, organisationId: string, personId: string) {
  const [row] = await db
    .select()
    .from(personErasures)
    .where(and(eq(personErasures.organisationId, organisationId), eq(personErasures.personId, personId)));
  return row;
}

export async function insertErasure(db: Db, row: typeof personErasures.$inferInsert): Promise<void> {
  await db.insert(personErasures).values(row);
}

/** Replaces the organisation's due list with what the review found today. */
export async function replaceDue(db: Db, organisationId: string, rows: readonly RetentionDueRow[]): Promise<void> {
  await db.delete(retentionDue).where(eq(retentionDue.organisationId, organisationId));
  if (rows.length > 0) await db.insert(retentionDue).values([...rows]);
}

export async function dueOf(db: Db, organisationId: string): Promise<RetentionDueRow[]> {
  return db
    .select()
    .from(retentionDue)
    .where(eq(retentionDue.organisationId, organisationId))
    .orderBy(asc(retentionDue.dueOn), asc(retentionDue.personId));
}

export async function removeDue(db: Db, organisationId: string, personId: string): Promise<void> {
  await db
    .delete(retentionDue)
    .where(and(eq(retentionDue.organisationId, organisationId), eq(retentionDue.personId, personId)));
}
