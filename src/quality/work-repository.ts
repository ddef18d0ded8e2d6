// Today's work in quality: the queries behind each queue on the home page. Each answers with the
// whole queue's count and its first few rows only, soonest first, so home stays quick.
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { organisations } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { assessmentActions, assessmentComments, qualityAssessments } from './assessment-schema.ts';
import { contractActions } from './contract-action-schema.ts';
import { contractedServices } from './schema.ts';
import { expectedReturns, type QuarterDue } from './kpi-expected-repository.ts';

export interface Queue<T> {
  total: number;
  rows: T[];
}

/** Whose work: an organisation's staff, all of it, or one quality officer's, the services they look after. */
export interface StaffScope {
  organisationId: string;
  officerId?: string;
}

const ofService = and(
  eq(contractedServices.organisationId, qualityAssessments.organisationId),
  eq(contractedServices.id, qualityAssessments.serviceId),
);
const ofAssessment = and(
  eq(qualityAssessments.organisationId, assessmentActions.organisationId),
  eq(qualityAssessments.id, assessmentActions.assessmentId),
);

const inScope = (scope: StaffScope) =>
  and(
    eq(qualityAssessments.organisationId, scope.organisationId),
    scope.officerId ? eq(contractedServices.officerId, scope.officerId) : undefined,
  );

const undecidedComments = sql<number>`(select count(*)::int from ${assessmentComments}
  where ${assessmentComments.organisationId} = ${qualityAssessments.organisationId}
    and ${assessmentComments.assessmentId} = ${qualityAssessments.id} and ${assessmentComments.decision} is null)`;

const assessmentLine = {
  id: qualityAssessments.id,
  organisationName: organisations.name,
  serviceName: contractedServices.name,
  providerName: providers.name,
  visitOn: qualityAssessments.visitOn,
  commentsDueOn: qualityAssessments.commentsDueOn,
  undecided: undecidedComments,
};
export interface AssessmentLine {
  id: string;
  organisationName: string;
  serviceName: string;
  providerName: string;
  visitOn: string;
  commentsDueOn: string | null;
  /** The provider's comments not yet accepted or rejected. */
  undecided: number;
}

async function assessmentQueue(db: Db, where: SQL | undefined, limit: number): Promise<Queue<AssessmentLine>> {
  return pageWithTotal(
    db
      .select(assessmentLine)
      .from(qualityAssessments)
      .innerJoin(contractedServices, ofService)
      .innerJoin(providers, eq(providers.id, contractedServices.providerId))
      .innerJoin(organisations, eq(organisations.id, qualityAssessments.organisationId))
      .where(where)
      .orderBy(asc(qualityAssessments.commentsDueOn), asc(qualityAssessments.visitOn), asc(qualityAssessments.id))
      .limit(limit),
    db.select({ n: count() }).from(qualityAssessments).innerJoin(contractedServices, ofService).where(where),
    { offset: 0, limit },
  );
}

/** The assessments in the scope in `status`: comments to decide, or drafts not yet sent. */
export const assessmentsInStatus = (db: Db, scope: StaffScope, status: string, limit: number) =>
  assessmentQueue(db, and(inScope(scope), eq(qualityAssessments.status, status)), limit);

/** Assessments sent to the provider whose window for comments is still open today, in every organisation. */
export const assessmentsToCheck = (db: Db, providerId: string, today: string, limit: number) =>
  assessmentQueue(
    db,
    and(
      eq(contractedServices.providerId, providerId),
      eq(qualityAssessments.status, 'factual-accuracy'),
      gte(qualityAssessments.commentsDueOn, today),
    ),
    limit,
  );

const actionLine = {
  id: assessmentActions.id,
  title: assessmentActions.title,
  status: assessmentActions.status,
  dueOn: assessmentActions.dueOn,
  organisationName: organisations.name,
  serviceName: contractedServices.name,
  providerName: providers.name,
};
export interface ActionLine {
  id: string;
  title: string;
  status: string;
  dueOn: string;
  organisationName: string;
  serviceName: string;
  providerName: string;
}

async function actionQueue(db: Db, where: SQL | undefined, limit: number): Promise<Queue<ActionLine>> {
  // Only actions of assessments sent to the provider, as the Action plans list has them.
  const sent = and(where, ne(qualityAssessments.status, 'draft'));
  return pageWithTotal(
    db
      .select(actionLine)
      .from(assessmentActions)
      .innerJoin(qualityAssessments, ofAssessment)
      .innerJoin(contractedServices, ofService)
      .innerJoin(providers, eq(providers.id, contractedServices.providerId))
      .innerJoin(organisations, eq(organisations.id, assessmentActions.organisationId))
      .where(sent)
      .orderBy(asc(assessmentActions.dueOn), asc(assessmentActions.id))
      .limit(limit),
    db
      .select({ n: count() })
      .from(assessmentActions)
      .innerJoin(qualityAssessments, ofAssessment)
      .innerJoin(contractedServices, ofService)
      .where(sent),
    { offset: 0, limit },
  );
}

/** Actions the provider has marked done, waiting for an officer to sign them off. */
export const actionsToSignOff = (db: Db, scope: StaffScope, limit: number) =>
  actionQueue(db, and(inScope(scope), eq(assessmentActions.status, 'ready-to-sign-off')), limit);

/** Actions past their due date and not signed off: the Action plans list's "overdue". */
export const actionsOverdue = (db: Db, scope: StaffScope, today: string, limit: number) =>
  actionQueue(
    db,
    and(inScope(scope), ne(assessmentActions.status, 'signed-off'), lt(assessmentActions.dueOn, today)),
    limit,
  );

/** The provider's actions still its to do (open or in progress) that are overdue or due by `until`. */
export const providerActionsDue = (db: Db, providerId: string, until: string, limit: number) =>
  actionQueue(
    db,
    and(
      eq(contractedServices.providerId, providerId),
      inArray(assessmentActions.status, ['open', 'in-progress']),
      lte(assessmentActions.dueOn, until),
    ),
    limit,
  );

export interface ContractActionLine {
  id: string;
  kind: string;
  startsOn: string;
  dueOn: string | null;
  organisationName: string;
}

/** Contract actions on the provider, in every organisation, not yet acknowledged and not ended: oldest first. */
export async function contractActionsToAcknowledge(
  db: Db,
  providerId: string,
  limit: number,
): Promise<Queue<ContractActionLine>> {
  const where = and(
    eq(contractActions.providerId, providerId),
    isNull(contractActions.acknowledgedAt),
    isNull(contractActions.endedOn),
  );
  return pageWithTotal(
    db
      .select({
        id: contractActions.id,
        kind: contractActions.kind,
        startsOn: contractActions.startsOn,
        dueOn: contractActions.dueOn,
        organisationName: organisations.name,
      })
      .from(contractActions)
      .innerJoin(organisations, eq(organisations.id, contractActions.organisationId))
      .where(where)
      .orderBy(asc(contractActions.createdAt), asc(contractActions.id))
      .limit(limit),
    db.select({ n: count() }).from(contractActions).where(where),
    { offset: 0, limit },
  );
}

/** The organisation's KPI returns past their due day and never made, longest overdue first. */
export const kpiReturnsMissing = (
  db: Db,
  quarters: readonly QuarterDue[],
  organisationId: string,
  today: string,
  limit: number,
) =>
  expectedReturns(
    db,
    quarters,
    today,
    { organisationId, status: 'missing' },
    { key: 'due', direction: 'asc' },
    { offset: 0, limit },
  );
