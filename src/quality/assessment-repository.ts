// Assessments' queries: the assessment, its ratings, evidence and comments, its action plan and
// each action's history; and the work the clock does on assessments nobody answered.
import { and, asc, count, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgSelect } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { ordered, outer, type Sort } from '../platform/db/ordering.ts';
import { providers } from '../providers/schema.ts';
import {
  actionUpdates,
  assessmentActions,
  assessmentComments,
  assessmentEvidence,
  assessmentRatings,
  qualityAssessments,
} from './assessment-schema.ts';
import { contractedServices } from './schema.ts';

export type AssessmentRow = typeof qualityAssessments.$inferSelect;
export type RatingRow = typeof assessmentRatings.$inferSelect;
export type EvidenceRow = typeof assessmentEvidence.$inferSelect;
export type CommentRow = typeof assessmentComments.$inferSelect;
export type ActionRow = typeof assessmentActions.$inferSelect;
export type ActionUpdateRow = typeof actionUpdates.$inferSelect;

const ofOrganisation = (table: { organisationId: AnyPgColumn }, organisationId: string) =>
  eq(table.organisationId, organisationId);

export async function insertAssessment(db: Db, row: typeof qualityAssessments.$inferInsert): Promise<void> {
  await db.insert(qualityAssessments).values(row);
}

export async function assessmentById(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(qualityAssessments).where(eq(qualityAssessments.id, id));
  return row;
}

export async function assessmentsOfService(
  db: Db,
  organisationId: string,
  serviceId: string,
): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(qualityAssessments)
    .where(and(ofOrganisation(qualityAssessments, organisationId), eq(qualityAssessments.serviceId, serviceId)))
    .orderBy(desc(qualityAssessments.visitOn), desc(qualityAssessments.createdAt));
}

export async function updateAssessment(
  db: Db,
  row: Pick<AssessmentRow, 'organisationId' | 'id'>,
  set: Partial<typeof qualityAssessments.$inferInsert>,
  /** Only while it is still in this status: a change that lost a race changes nothing. */
  whileStatus?: string,
): Promise<boolean> {
  const changed = await db
    .update(qualityAssessments)
    .set({ ...set, updatedAt: new Date() })
    .where(
      and(
        eq(qualityAssessments.organisationId, row.organisationId),
        eq(qualityAssessments.id, row.id),
        whileStatus ? eq(qualityAssessments.status, whileStatus) : undefined,
      ),
    )
    .returning({ id: qualityAssessments.id });
  return changed.length > 0;
}

export async function ratingsOf(db: Db, organisationId: string, assessmentId: string): Promise<RatingRow[]> {
  return db
    .select()
    .from(assessmentRatings)
    .where(and(ofOrganisation(assessmentRatings, organisationId), eq(assessmentRatings.assessmentId, assessmentId)));
}

export async function saveRating(db: Db, row: RatingRow): Promise<void> {
  await db
    .insert(assessmentRatings)
    .values(row)
    .onConflictDoUpdate({
      target: [assessmentRatings.organisationId, assessmentRatings.assessmentId, assessmentRatings.questionKey],
      set: { rating: row.rating, reason: row.reason, ratedBy: row.ratedBy, ratedAt: row.ratedAt },
    });
}

/** Ratings of an assessment brought in whole, in one statement. */
export async function insertRatings(db: Db, rows: RatingRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(assessmentRatings).values(rows);
}

export async function evidenceOf(db: Db, organisationId: string, assessmentId: string): Promise<EvidenceRow[]> {
  return db
    .select()
    .from(assessmentEvidence)
    .where(and(ofOrganisation(assessmentEvidence, organisationId), eq(assessmentEvidence.assessmentId, assessmentId)))
    .orderBy(asc(assessmentEvidence.seenOn), asc(assessmentEvidence.createdAt));
}

export async function insertEvidence(db: Db, row: EvidenceRow): Promise<void> {
  await db.insert(assessmentEvidence).values(row);
}

export async function commentsOf(db: Db, organisationId: string, assessmentId: string): Promise<CommentRow[]> {
  return db
    .select()
    .from(assessmentComments)
    .where(and(ofOrganisation(assessmentComments, organisationId), eq(assessmentComments.assessmentId, assessmentId)))
    .orderBy(asc(assessmentComments.commentedAt));
}

export async function insertComment(db: Db, row: typeof assessmentComments.$inferInsert): Promise<void> {
  await db.insert(assessmentComments).values(row);
}

export async function decideComment(
  db: Db,
  organisationId: string,
  id: string,
  set: Pick<CommentRow, 'decision' | 'decisionReason' | 'decidedBy' | 'decidedAt'>,
): Promise<boolean> {
  const changed = await db
    .update(assessmentComments)
    .set(set)
    .where(
      and(
        eq(assessmentComments.organisationId, organisationId),
        eq(assessmentComments.id, id),
        sql`${assessmentComments.decision} is null`,
      ),
    )
    .returning({ id: assessmentComments.id });
  return changed.length > 0;
}

export async function actionsOf(db: Db, organisationId: string, assessmentId: string): Promise<ActionRow[]> {
  return db
    .select()
    .from(assessmentActions)
    .where(and(ofOrganisation(assessmentActions, organisationId), eq(assessmentActions.assessmentId, assessmentId)))
    .orderBy(asc(assessmentActions.dueOn), asc(assessmentActions.createdAt));
}

export async function actionById(db: Db, id: string): Promise<ActionRow | undefined> {
  const [row] = await db.select().from(assessmentActions).where(eq(assessmentActions.id, id));
  return row;
}

export async function insertAction(db: Db, row: typeof assessmentActions.$inferInsert): Promise<void> {
  await db.insert(assessmentActions).values(row);
}

export async function insertActions(db: Db, rows: (typeof assessmentActions.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(assessmentActions).values(rows);
}

export async function setActionStatus(
  db: Db,
  row: Pick<ActionRow, 'organisationId' | 'id'>,
  status: string,
): Promise<void> {
  await db
    .update(assessmentActions)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(assessmentActions.organisationId, row.organisationId), eq(assessmentActions.id, row.id)));
}

export async function updatesOf(
  db: Db,
  organisationId: string,
  actionIds: readonly string[],
): Promise<ActionUpdateRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .select()
    .from(actionUpdates)
    .where(and(ofOrganisation(actionUpdates, organisationId), inArray(actionUpdates.actionId, [...actionIds])))
    .orderBy(asc(actionUpdates.madeAt));
}

export async function updateById(db: Db, organisationId: string, id: string): Promise<ActionUpdateRow | undefined> {
  const [row] = await db
    .select()
    .from(actionUpdates)
    .where(and(eq(actionUpdates.organisationId, organisationId), eq(actionUpdates.id, id)));
  return row;
}

export async function insertUpdate(db: Db, row: typeof actionUpdates.$inferInsert): Promise<void> {
  await db.insert(actionUpdates).values(row);
}

/** Assessments with the provider whose window for comments ended before `today`, with how many comments each has. */
export async function windowsEnded(db: Db, today: string): Promise<(AssessmentRow & { comments: number })[]> {
  const comments = sql<number>`(select count(*)::int from ${assessmentComments} c
    where c.organisation_id = ${outer(qualityAssessments, qualityAssessments.organisationId)}
      and c.assessment_id = ${outer(qualityAssessments, qualityAssessments.id)})`;
  const rows = await db
    .select({ assessment: qualityAssessments, comments })
    .from(qualityAssessments)
    .where(and(eq(qualityAssessments.status, 'factual-accuracy'), lt(qualityAssessments.commentsDueOn, today)));
  return rows.map((row) => ({ ...row.assessment, comments: row.comments }));
}

/** An action with its assessment, service and provider: what the list of actions reads. */
function withActionJoins<Q extends PgSelect>(query: Q) {
  return query
    .innerJoin(
      qualityAssessments,
      and(
        eq(qualityAssessments.organisationId, assessmentActions.organisationId),
        eq(qualityAssessments.id, assessmentActions.assessmentId),
      ),
    )
    .innerJoin(
      contractedServices,
      and(
        eq(contractedServices.organisationId, qualityAssessments.organisationId),
        eq(contractedServices.id, qualityAssessments.serviceId),
      ),
    )
    .innerJoin(providers, eq(providers.id, contractedServices.providerId));
}

export type ActionListSort = 'due' | 'provider' | 'status';
export interface ActionListFilter {
  overdue?: boolean;
  status?: string;
}
export interface ActionListRow {
  action: ActionRow;
  serviceName: string;
  providerName: string;
  assessmentVisitOn: string;
}

/**
 * Actions of published assessments, for an organisation's staff or (providerId) a provider across
 * the organisations it works for; overdue ones are those past their date and not signed off.
 */
export async function actionList(
  db: Db,
  scope: { organisationId: string } | { providerId: string },
  filter: ActionListFilter & { today: string },
  sort: Sort<ActionListSort>,
  page: { offset: number; limit: number },
): Promise<{ rows: ActionListRow[]; total: number }> {
  const where = and(
    'organisationId' in scope
      ? eq(assessmentActions.organisationId, scope.organisationId)
      : eq(contractedServices.providerId, scope.providerId),
    ne(qualityAssessments.status, 'draft'),
    filter.overdue
      ? and(ne(assessmentActions.status, 'signed-off'), lt(assessmentActions.dueOn, filter.today))
      : undefined,
    filter.status ? eq(assessmentActions.status, filter.status) : undefined,
  );
  const order = {
    due: [ordered(assessmentActions.dueOn, sort.direction)],
    provider: [ordered(providers.name, sort.direction), asc(assessmentActions.dueOn)],
    status: [ordered(assessmentActions.status, sort.direction), asc(assessmentActions.dueOn)],
  }[sort.key];
  return pageWithTotal(
    withActionJoins(
      db
        .select({
          action: assessmentActions,
          serviceName: contractedServices.name,
          providerName: providers.name,
          assessmentVisitOn: qualityAssessments.visitOn,
        })
        .from(assessmentActions)
        .$dynamic(),
    )
      .where(where)
      .orderBy(...order, asc(assessmentActions.id))
      .offset(page.offset)
      .limit(page.limit),
    withActionJoins(db.select({ n: count() }).from(assessmentActions).$dynamic()).where(where),
    page,
  );
}

export interface AssessmentListRow {
  assessment: AssessmentRow;
  serviceName: string;
  providerName: string;
}

/** Assessments newest first, a page at a time: an organisation's, or those sent to a provider. */
export async function assessmentList(
  db: Db,
  scope: { organisationId: string } | { providerId: string },
  page: { offset: number; limit: number },
): Promise<{ rows: AssessmentListRow[]; total: number }> {
  const where = and(
    'organisationId' in scope
      ? eq(qualityAssessments.organisationId, scope.organisationId)
      : and(eq(contractedServices.providerId, scope.providerId), ne(qualityAssessments.status, 'draft')),
  );
  const withService = <Q extends PgSelect>(query: Q) =>
    query
      .innerJoin(
        contractedServices,
        and(
          eq(contractedServices.organisationId, qualityAssessments.organisationId),
          eq(contractedServices.id, qualityAssessments.serviceId),
        ),
      )
      .innerJoin(providers, eq(providers.id, contractedServices.providerId));
  return pageWithTotal(
    withService(
      db
        .select({ assessment: qualityAssessments, serviceName: contractedServices.name, providerName: providers.name })
        .from(qualityAssessments)
        .$dynamic(),
    )
      .where(where)
      .orderBy(desc(qualityAssessments.visitOn), asc(qualityAssessments.id))
      .offset(page.offset)
      .limit(page.limit),
    withService(db.select({ n: count() }).from(qualityAssessments).$dynamic()).where(where),
    page,
  );
}
