// Today's work in procurement, as queries: for each queue a count and its first few rows, soonest
// due first, so a home page reads a handful of rows however many applications there are.
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  exists,
  gte,
  inArray,
  lte,
  min,
  notExists,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { isAlwaysOpen, VEHICLE_KINDS, type Stage } from './domain/vehicles.ts';
import { applications } from './application-schema.ts';
import {
  agreedScores,
  awardDecisions,
  conflictDeclarations,
  memberships,
  scores,
  stageDecisions,
} from './evaluation-schema.ts';
import { clarifications, questions, vehicles } from './vehicle-schema.ts';
import { vehicleRounds } from './round-schema.ts';
import { ledOrPartneredBy } from './vehicle-repository.ts';

export interface Counted<T> {
  count: number;
  rows: T[];
}

/** The first `limit` rows and how many in all: both queries not yet run, read one after the other. */
async function counted<T>(
  rows: PromiseLike<T[]>,
  total: PromiseLike<{ n: number }[]>,
  limit: number,
): Promise<Counted<T>> {
  const page = await pageWithTotal(rows, total, { offset: 0, limit });
  return { count: page.total, rows: page.rows };
}

const applicationVehicle = and(
  eq(vehicles.organisationId, applications.organisationId),
  eq(vehicles.id, applications.vehicleId),
);

/** The stage an application stands at: the first of its vehicle's stages it has not passed (the vehicle joined). */
export const currentStage: SQL<string | null> =
  sql`(select s.stage from unnest(${vehicles.stages}) with ordinality as s(stage, ordinal)
  where not exists (select 1 from ${stageDecisions} where ${stageDecisions.organisationId} = ${applications.organisationId}
    and ${stageDecisions.applicationId} = ${applications.id} and ${stageDecisions.stage} = s.stage and ${stageDecisions.outcome} = 'pass')
  order by s.ordinal limit 1)`;

const atStage = (stage: Stage) => sql`${currentStage} = ${stage}`;
const submitted = eq(applications.status, 'submitted');

/** Vehicles taking applications now: open ones, and live dynamic purchasing systems and markets. */
const acceptingApplications = or(
  eq(vehicles.status, 'open'),
  and(eq(vehicles.status, 'live'), inArray(vehicles.kind, VEHICLE_KINDS.filter(isAlwaysOpen))),
);

export interface ApplicationWorkRow {
  id: string;
  vehicleId: string;
  vehicleName: string;
  providerId: string;
  decisionDueOn: string | null;
  stage: string | null;
}

/** Applications matching `where`: how many, and the first `limit` by decision due (those without one last), then by submission. */
async function applicationQueue(db: Db, where: SQL | undefined, limit: number): Promise<Counted<ApplicationWorkRow>> {
  return counted(
    db
      .select({
        id: applications.id,
        vehicleId: applications.vehicleId,
        vehicleName: vehicles.name,
        providerId: applications.providerId,
        decisionDueOn: applications.decisionDueOn,
        stage: currentStage,
      })
      .from(applications)
      .innerJoin(vehicles, applicationVehicle)
      .where(where)
      .orderBy(sql`${applications.decisionDueOn} asc nulls last`, asc(applications.submittedAt), asc(applications.id))
      .limit(limit),
    db.select({ n: count() }).from(applications).innerJoin(vehicles, applicationVehicle).where(where),
    limit,
  );
}

/** Submitted applications to the vehicles `organisationId` leads: every one is waiting for a decision at its stage. */
export function applicationsToDecide(db: Db, organisationId: string, limit: number) {
  return applicationQueue(db, and(eq(applications.organisationId, organisationId), submitted), limit);
}

/** Applications to the vehicles `organisationId` leads that stand at the financial check. */
export function financialChecksDue(db: Db, organisationId: string, limit: number) {
  return applicationQueue(
    db,
    and(eq(applications.organisationId, organisationId), submitted, atStage('financial')),
    limit,
  );
}

/** Whether the evaluator has submitted their scores for the application. */
const submittedScore = (evaluatorId: SQL | string): SQL =>
  sql`exists (select 1 from ${scores} where ${scores.organisationId} = ${applications.organisationId}
    and ${scores.applicationId} = ${applications.id} and ${scores.evaluatorId} = ${evaluatorId} and ${scores.submittedAt} is not null)`;

/**
 * Applications at the quality stage of the vehicles `organisationId` leads where every evaluator
 * who declared no conflict on the vehicle has submitted their scores (and at least one has), and
 * a quality question put to the tenderer still has no agreed score.
 */
export function moderationWaiting(db: Db, organisationId: string, limit: number) {
  const anyScoreSubmitted = sql`exists (select 1 from ${scores} where ${scores.organisationId} = ${applications.organisationId}
    and ${scores.applicationId} = ${applications.id} and ${scores.submittedAt} is not null)`;
  const evaluatorStillScoring = sql`exists (select 1 from ${conflictDeclarations}
    where ${conflictDeclarations.organisationId} = ${applications.organisationId}
    and ${conflictDeclarations.vehicleId} = ${applications.vehicleId} and not ${conflictDeclarations.hasConflict}
    and not ${submittedScore(sql`${conflictDeclarations.evaluatorId}`)})`;
  const questionNotAgreed = sql`exists (select 1 from ${questions}
    where ${questions.organisationId} = ${applications.organisationId}
    and ${questions.vehicleId} = ${applications.vehicleId} and ${questions.kind} = 'quality'
    and (${questions.lotId} is null or ${questions.lotId} = any(${applications.lotIds}))
    and not exists (select 1 from ${agreedScores} where ${agreedScores.organisationId} = ${applications.organisationId}
      and ${agreedScores.applicationId} = ${applications.id}
      and ${agreedScores.questionId} = ${questions.id}))`;
  return applicationQueue(
    db,
    and(
      eq(applications.organisationId, organisationId),
      submitted,
      atStage('quality'),
      anyScoreSubmitted,
      sql`not ${evaluatorStillScoring}`,
      questionNotAgreed,
    ),
    limit,
  );
}

/** Applications at the quality stage of vehicles `organisationId` leads or partners in, where the evaluator declared no conflict and has not submitted scores. */
export function scoringToDo(db: Db, organisationId: string, evaluatorId: string, limit: number) {
  return applicationQueue(
    db,
    and(
      ledOrPartneredBy(applications, organisationId),
      submitted,
      atStage('quality'),
      exists(
        db
          .select({ one: sql`1` })
          .from(conflictDeclarations)
          .where(
            and(
              eq(conflictDeclarations.organisationId, applications.organisationId),
              eq(conflictDeclarations.vehicleId, applications.vehicleId),
              eq(conflictDeclarations.evaluatorId, evaluatorId),
              eq(conflictDeclarations.hasConflict, false),
            ),
          ),
      ),
      sql`not ${submittedScore(evaluatorId)}`,
    ),
    limit,
  );
}

export interface VehicleWorkRow {
  vehicleId: string;
  vehicleName: string;
  due: string | null;
}

/**
 * Vehicles `organisationId` leads or partners in with submitted applications still to be scored
 * for quality (at the quality stage or before it), where the evaluator has made no declaration;
 * due by the soonest decision due among those applications.
 */
export async function declarationsDue(
  db: Db,
  organisationId: string,
  evaluatorId: string,
  limit: number,
): Promise<Counted<VehicleWorkRow>> {
  const where = and(
    ledOrPartneredBy(applications, organisationId),
    submitted,
    sql`'quality' = any(${vehicles.stages})`,
    notExists(
      db
        .select({ one: sql`1` })
        .from(stageDecisions)
        .where(
          and(
            eq(stageDecisions.organisationId, applications.organisationId),
            eq(stageDecisions.applicationId, applications.id),
            eq(stageDecisions.stage, 'quality'),
            eq(stageDecisions.outcome, 'pass'),
          ),
        ),
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(conflictDeclarations)
        .where(
          and(
            eq(conflictDeclarations.organisationId, vehicles.organisationId),
            eq(conflictDeclarations.vehicleId, vehicles.id),
            eq(conflictDeclarations.evaluatorId, evaluatorId),
          ),
        ),
    ),
  );
  const due = min(applications.decisionDueOn);
  return counted(
    db
      .select({ vehicleId: vehicles.id, vehicleName: vehicles.name, due })
      .from(applications)
      .innerJoin(vehicles, applicationVehicle)
      .where(where)
      .groupBy(vehicles.id, vehicles.name)
      .orderBy(sql`${due} asc nulls last`, asc(vehicles.name), asc(vehicles.id))
      .limit(limit),
    db
      .select({ n: countDistinct(vehicles.id) })
      .from(applications)
      .innerJoin(vehicles, applicationVehicle)
      .where(where),
    limit,
  );
}

/**
 * Vehicles `organisationId` leads whose latest award's standstill ends by `horizon` (or has
 * ended) with awarded contracts not yet started; due the day standstill ends.
 */
export async function standstillEnding(
  db: Db,
  organisationId: string,
  horizon: string,
  limit: number,
): Promise<Counted<VehicleWorkRow>> {
  const later = alias(awardDecisions, 'later_award');
  const where = and(
    eq(awardDecisions.organisationId, organisationId),
    lte(awardDecisions.standstillEnds, horizon),
    notExists(
      db
        .select({ one: sql`1` })
        .from(later)
        .where(
          and(eq(later.vehicleId, awardDecisions.vehicleId), sql`${later.decidedAt} > ${awardDecisions.decidedAt}`),
        ),
    ),
    exists(
      db
        .select({ one: sql`1` })
        .from(memberships)
        .where(and(eq(memberships.vehicleId, awardDecisions.vehicleId), eq(memberships.status, 'awarded'))),
    ),
  );
  const onVehicle = and(
    eq(vehicles.organisationId, awardDecisions.organisationId),
    eq(vehicles.id, awardDecisions.vehicleId),
  );
  return counted(
    db
      .select({ vehicleId: vehicles.id, vehicleName: vehicles.name, due: awardDecisions.standstillEnds })
      .from(awardDecisions)
      .innerJoin(vehicles, onVehicle)
      .where(where)
      .orderBy(asc(awardDecisions.standstillEnds), asc(vehicles.name), asc(vehicles.id))
      .limit(limit),
    db.select({ n: count() }).from(awardDecisions).innerJoin(vehicles, onVehicle).where(where),
    limit,
  );
}

export interface DraftWorkRow {
  id: string;
  vehicleId: string;
  vehicleName: string;
  status: string;
  /** The draft's submission deadline, or the end of the resubmission window. */
  due: string | null;
}

/**
 * The provider's applications it can still change: drafts to vehicles taking applications before
 * their deadline, and submitted ones at the resubmission stage while the window is open on `today`.
 */
export async function applicationsInProgress(
  db: Db,
  providerId: string,
  today: string,
  limit: number,
): Promise<Counted<DraftWorkRow>> {
  // The deadline of the application's round where the vehicle keeps rounds, else the vehicle's own.
  const deadline = sql<string | null>`coalesce((select ${vehicleRounds.submissionDeadline} from ${vehicleRounds}
    where ${vehicleRounds.vehicleId} = ${applications.vehicleId} and ${vehicleRounds.number} = ${applications.roundNumber}),
    ${vehicles.submissionDeadline})`;
  const where = and(
    eq(applications.providerId, providerId),
    or(
      and(
        eq(applications.status, 'draft'),
        acceptingApplications,
        or(sql`${deadline} is null`, sql`${deadline} >= ${today}`),
      ),
      and(submitted, atStage('resubmission'), gte(vehicles.resubmissionUntil, today)),
    ),
  );
  const due = sql<string | null>`case when ${applications.status} = 'draft' then ${deadline}
    else ${vehicles.resubmissionUntil} end`.mapWith(vehicles.submissionDeadline);
  return counted(
    db
      .select({
        id: applications.id,
        vehicleId: applications.vehicleId,
        vehicleName: vehicles.name,
        status: applications.status,
        due,
      })
      .from(applications)
      .innerJoin(vehicles, applicationVehicle)
      .where(where)
      .orderBy(sql`${due} asc nulls last`, asc(applications.createdAt), asc(applications.id))
      .limit(limit),
    db.select({ n: count() }).from(applications).innerJoin(vehicles, applicationVehicle).where(where),
    limit,
  );
}

export interface ClarificationWorkRow {
  id: string;
  vehicleId: string;
  vehicleName: string;
  question: string;
  publishedAt: Date | null;
}

/** Clarification answers published since `since` on vehicles taking applications (which a provider may read), newest first. */
export async function clarificationsPublished(
  db: Db,
  since: Date,
  limit: number,
): Promise<Counted<ClarificationWorkRow>> {
  const onVehicle = and(
    eq(vehicles.organisationId, clarifications.organisationId),
    eq(vehicles.id, clarifications.vehicleId),
  );
  const where = and(gte(clarifications.publishedAt, since), acceptingApplications);
  return counted(
    db
      .select({
        id: clarifications.id,
        vehicleId: clarifications.vehicleId,
        vehicleName: vehicles.name,
        question: clarifications.question,
        publishedAt: clarifications.publishedAt,
      })
      .from(clarifications)
      .innerJoin(vehicles, onVehicle)
      .where(where)
      .orderBy(desc(clarifications.publishedAt), asc(clarifications.id))
      .limit(limit),
    db.select({ n: count() }).from(clarifications).innerJoin(vehicles, onVehicle).where(where),
    limit,
  );
}
