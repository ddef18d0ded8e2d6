// People, their needs and the assessment matrix: the queries.
import { and, asc, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { escapeLike } from '../platform/db/like.ts';
import { assessmentMatrices, needAssessments, people } from './schema.ts';

export type PersonRow = typeof people.$inferSelect;
export type AssessmentRow = typeof needAssessments.$inferSelect;

export async function matrixOf(db: Db, organisationId: string) {
  const [row] = await db.select().from(assessmentMatrices).where(eq(assessmentMatrices.organisationId, organisationId));
  return row;
}

export async function saveMatrix(db: Db, row: typeof assessmentMatrices.$inferInsert): Promise<void> {
  await db
    .insert(assessmentMatrices)
    .values(row)
    .onConflictDoUpdate({
      target: assessmentMatrices.organisationId,
      set: { matrix: row.matrix, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

export async function insertPeople(db: Db, rows: (typeof people.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(people).values(rows);
}

export async function updatePerson(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof people.$inferInsert>,
): Promise<void> {
  await db
    .update(people)
    .set(set)
    .where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
}

export async function personById(db: Db, organisationId: string, id: string): Promise<PersonRow | undefined> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
  return row;
}

export async function peopleByIds(db: Db, organisationId: string, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), inArray(people.id, [...ids])));
}

export async function personByCaseReference(
  db: Db,
  organisationId: string,
  caseReference: string,
): Promise<PersonRow | undefined> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, organisationId), eq(people.caseReference, caseReference)));
  return row;
}

export async function findPeople(
  db: Db,
  organisationId: string,
  search: string | undefined,
  offset: number,
  limit: number,
): Promise<{ rows: PersonRow[]; total: number }> {
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const where = and(
    eq(people.organisationId, organisationId),
    pattern ? or(ilike(people.name, pattern), ilike(people.caseReference, pattern)) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(people).where(where).orderBy(asc(people.name), asc(people.id)).offset(offset).limit(limit),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { rows, total: total!.n };
}

export async function insertAssessments(db: Db, rows: (typeof needAssessments.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(needAssessments).values(rows);
}

/** Each person's latest assessment. */
export async function latestAssessments(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, AssessmentRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([needAssessments.personId])
    .from(needAssessments)
    .where(and(eq(needAssessments.organisationId, organisationId), inArray(needAssessments.personId, [...personIds])))
    .orderBy(needAssessments.personId, desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
  return new Map(rows.map((row) => [row.personId, row]));
}

export async function assessmentsOf(db: Db, organisationId: string, personId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(needAssessments)
    .where(and(eq(needAssessments.organisationId, organisationId), eq(needAssessments.personId, personId)))
    .orderBy(desc(needAssessments.assessedOn), desc(needAssessments.createdAt));
}
