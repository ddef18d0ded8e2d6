// Cost-of-care exercises' queries: the organisation's template lines, exercises with their own copy
// of the lines, the providers' workbooks and the comparator councils' rates.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import {
  costComparators,
  costExerciseLines,
  costExercises,
  costTemplateLines,
  costWorkbooks,
} from './exercise-schema.ts';

export type TemplateLineRow = typeof costTemplateLines.$inferSelect;
export type ExerciseRow = typeof costExercises.$inferSelect;
export type ExerciseLineRow = typeof costExerciseLines.$inferSelect;
export type WorkbookRow = typeof costWorkbooks.$inferSelect;
export type ComparatorRow = typeof costComparators.$inferSelect;

export function templateLinesOf(db: Db, organisationId: string): Promise<TemplateLineRow[]> {
  return db
    .select()
    .from(costTemplateLines)
    .where(eq(costTemplateLines.organisationId, organisationId))
    .orderBy(asc(costTemplateLines.position));
}

export async function insertTemplateLines(db: Db, rows: TemplateLineRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(costTemplateLines).values(rows);
}

export async function updateTemplateLine(
  db: Db,
  organisationId: string,
  id: string,
  changes: Partial<TemplateLineRow>,
): Promise<void> {
  await db
    .update(costTemplateLines)
    .set(changes)
    .where(and(eq(costTemplateLines.organisationId, organisationId), eq(costTemplateLines.id, id)));
}

export function exercisesOf(db: Db, organisationId: string): Promise<ExerciseRow[]> {
  return db
    .select()
    .from(costExercises)
    .where(eq(costExercises.organisationId, organisationId))
    .orderBy(desc(costExercises.financialYear), desc(costExercises.openedAt));
}

/** An exercise by id, whichever organisation runs it (a provider's workbook names it). */
export async function exerciseById(db: Db, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await db.select().from(costExercises).where(eq(costExercises.id, id));
  return row;
}

/** Takes the exercise's row lock, so a close and a submission cannot cross. */
export async function lockExercise(db: Db, organisationId: string, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await db
    .select()
    .from(costExercises)
    .where(and(eq(costExercises.organisationId, organisationId), eq(costExercises.id, id)))
    .for('update');
  return row;
}

export async function insertExercise(
  db: Db,
  row: ExerciseRow,
  lines: ExerciseLineRow[],
  workbooks: WorkbookRow[],
): Promise<void> {
  await db.insert(costExercises).values(row);
  if (lines.length > 0) await db.insert(costExerciseLines).values(lines);
  if (workbooks.length > 0) await db.insert(costWorkbooks).values(workbooks);
}

export async function updateExercise(
  db: Db,
  organisationId: string,
  id: string,
  changes: Partial<ExerciseRow>,
): Promise<void> {
  await db
    .update(costExercises)
    .set(changes)
    .where(and(eq(costExercises.organisationId, organisationId), eq(costExercises.id, id)));
}

export function linesOf(db: Db, organisationId: string, exerciseId: string): Promise<ExerciseLineRow[]> {
  return db
    .select()
    .from(costExerciseLines)
    .where(and(eq(costExerciseLines.organisationId, organisationId), eq(costExerciseLines.exerciseId, exerciseId)))
    .orderBy(asc(costExerciseLines.position));
}

export function workbooksOf(db: Db, organisationId: string, exerciseId: string): Promise<WorkbookRow[]> {
  return db
    .select()
    .from(costWorkbooks)
    .where(and(eq(costWorkbooks.organisationId, organisationId), eq(costWorkbooks.exerciseId, exerciseId)));
}

export function workbooksOfProvider(db: Db, providerId: string): Promise<WorkbookRow[]> {
  return db.select().from(costWorkbooks).where(eq(costWorkbooks.providerId, providerId));
}

export async function workbookOf(
  db: Db,
  organisationId: string,
  exerciseId: string,
  providerId: string,
  lock = false,
): Promise<WorkbookRow | undefined> {
  const query = db
    .select()
    .from(costWorkbooks)
    .where(
      and(
        eq(costWorkbooks.organisationId, organisationId),
        eq(costWorkbooks.exerciseId, exerciseId),
        eq(costWorkbooks.providerId, providerId),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateWorkbook(
  db: Db,
  organisationId: string,
  id: string,
  changes: Partial<WorkbookRow>,
): Promise<void> {
  await db
    .update(costWorkbooks)
    .set(changes)
    .where(and(eq(costWorkbooks.organisationId, organisationId), eq(costWorkbooks.id, id)));
}

export function comparatorsOf(db: Db, organisationId: string, exerciseId: string): Promise<ComparatorRow[]> {
  return db
    .select()
    .from(costComparators)
    .where(and(eq(costComparators.organisationId, organisationId), eq(costComparators.exerciseId, exerciseId)))
    .orderBy(asc(costComparators.createdAt));
}

export async function insertComparator(db: Db, row: ComparatorRow): Promise<void> {
  await db.insert(costComparators).values(row);
}

/** A workbook by its id alone, whichever exercise it is of: for its history, whose rule then asks who may see it. */
export async function workbookById(db: Db, id: string): Promise<WorkbookRow | undefined> {
  const [row] = await db.select().from(costWorkbooks).where(eq(costWorkbooks.id, id));
  return row;
}
