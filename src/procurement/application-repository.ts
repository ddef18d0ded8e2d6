// Applications' queries: the questions a vehicle asks, and each application with its answers,
// prices and uploaded documents.
import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { nestedRows, nestedTableRows } from '../platform/db/nested.ts';
import { providers } from '../providers/schema.ts';
import { STAGES } from './domain/vehicles.ts';
import { applicationDocuments, answers, applications, lotPrices } from './application-schema.ts';
import { stageDecisions } from './evaluation-schema.ts';
import { questions, vehicles } from './vehicle-schema.ts';
import { ledOrPartneredBy } from './vehicle-repository.ts';
import { currentStage } from './work-repository.ts';

export type QuestionRow = typeof questions.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

// Selection questions come first, as applicants answer them.
const questionOrder = [sql`case ${questions.kind} when 'selection' then 0 else 1 end`, asc(questions.position)];

export async function questionsOf(db: Db, vehicleId: string): Promise<QuestionRow[]> {
  return db
    .select()
    .from(questions)
    .where(eq(questions.vehicleId, vehicleId))
    .orderBy(...questionOrder);
}

export async function insertQuestion(db: Db, row: typeof questions.$inferInsert): Promise<void> {
  await db.insert(questions).values(row);
}

export async function deleteQuestion(db: Db, organisationId: string, id: string): Promise<void> {
  await db.delete(questions).where(and(eq(questions.organisationId, organisationId), eq(questions.id, id)));
}

const { content: _content, ...documentColumns } = getTableColumns(applicationDocuments);

/**
 * An application with its provider's name, what it submitted (answers, prices, documents but not
 * their content), its stage decisions and every question its vehicle asks: in one read.
 */
export async function applicationWithParts(db: Db, id: string) {
  const [row] = await db
    .select({
      application: applications,
      providerName: providers.name,
      questions: nestedTableRows(
        questions,
        eq(questions.vehicleId, applications.vehicleId),
        sql.join(questionOrder, sql`, `),
      ),
      answers: nestedTableRows(answers, eq(answers.applicationId, applications.id)),
      prices: nestedRows(
        { lotId: lotPrices.lotId, weeklyRatePence: lotPrices.weeklyRatePence },
        sql`from ${lotPrices} where ${eq(lotPrices.applicationId, applications.id)}`,
      ),
      decisions: nestedTableRows(stageDecisions, eq(stageDecisions.applicationId, applications.id)),
      documents: nestedRows(
        documentColumns,
        sql`from ${applicationDocuments} where ${eq(applicationDocuments.applicationId, applications.id)}`,
        asc(applicationDocuments.name),
      ),
    })
    .from(applications)
    .innerJoin(providers, eq(providers.id, applications.providerId))
    .where(eq(applications.id, id));
  return row;
}

/** A provider's applications to a vehicle, one a round, first round first. */
export async function applicationsOf(db: Db, vehicleId: string, providerId: string): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.vehicleId, vehicleId), eq(applications.providerId, providerId)))
    .orderBy(asc(applications.roundNumber));
}

export interface ApplicationQuery {
  /** Staff: applications to vehicles this organisation leads or partners in, once submitted. */
  organisationId?: string;
  /** Provider users: their own provider's, drafts included. */
  providerId?: string;
  vehicleId?: string;
  /** Applications made in this round of a framework. */
  roundNumber?: number;
  status?: string;
  /** Submitted applications standing at this stage. */
  stage?: string;
  /** Part of the applying provider's name. */
  providerName?: string;
}

function applicationWhere(query: ApplicationQuery): SQL | undefined {
  const providerName = query.providerName && escapeLike(query.providerName);
  return and(
    query.organisationId
      ? and(ledOrPartneredBy(applications, query.organisationId), sql`${applications.status} <> 'draft'`)
      : undefined,
    query.providerId ? eq(applications.providerId, query.providerId) : undefined,
    query.vehicleId ? eq(applications.vehicleId, query.vehicleId) : undefined,
    query.roundNumber !== undefined ? eq(applications.roundNumber, query.roundNumber) : undefined,
    query.status ? eq(applications.status, query.status) : undefined,
    query.stage ? and(eq(applications.status, 'submitted'), sql`${currentStage} = ${query.stage}`) : undefined,
    providerName ? ilike(providers.name, `%${providerName}%`) : undefined,
  );
}

/** What a list of applications may be sorted by. */
export const APPLICATION_SORTS = ['provider', 'vehicle', 'status', 'stage', 'submitted', 'due'] as const;
export type ApplicationSort = { key: (typeof APPLICATION_SORTS)[number]; direction: 'asc' | 'desc' };

/** An application with the names it is listed by. */
export type ApplicationListRow = ApplicationRow & {
  providerName: string;
  vehicleName: string;
  vehicleStages: string[];
};

export async function findApplications(
  db: Db,
  query: ApplicationQuery,
  offset: number,
  limit: number,
  sort?: ApplicationSort,
): Promise<{ rows: ApplicationListRow[]; total: number }> {
  const where = applicationWhere(query);
  const by = (column: SQL | AnyColumn) => (sort?.direction === 'desc' ? desc(column) : asc(column));
  // Stages in pipeline order; only submitted applications stand at one.
  const stagePosition = sql`case when ${applications.status} = 'submitted' then array_position(array[${sql.join(
    STAGES.map((stage) => sql`${stage}`),
    sql`, `,
  )}]::text[], ${currentStage}) end`;
  const ordered = sort
    ? {
        provider: [by(providers.name)],
        vehicle: [by(vehicles.name), asc(providers.name)],
        status: [by(applications.status), asc(providers.name)],
        stage: [
          sort.direction === 'desc' ? sql`${stagePosition} desc nulls last` : sql`${stagePosition} asc nulls last`,
        ],
        submitted: [
          sort.direction === 'desc'
            ? sql`${applications.submittedAt} desc nulls last`
            : sql`${applications.submittedAt} asc nulls last`,
        ],
        due: [
          sort.direction === 'desc'
            ? sql`${applications.decisionDueOn} desc nulls last`
            : sql`${applications.decisionDueOn} asc nulls last`,
        ],
      }[sort.key]
    : [asc(applications.createdAt)];
  const { rows, total } = await pageWithTotal(
    db
      .select({
        application: applications,
        providerName: providers.name,
        vehicleName: vehicles.name,
        vehicleStages: vehicles.stages,
      })
      .from(applications)
      .innerJoin(providers, eq(providers.id, applications.providerId))
      .innerJoin(vehicles, eq(vehicles.id, applications.vehicleId))
      .where(where)
      .orderBy(...ordered, asc(applications.id))
      .offset(offset)
      .limit(limit),
    db
      .select({ n: count() })
      .from(applications)
      .innerJoin(providers, eq(providers.id, applications.providerId))
      .innerJoin(vehicles, eq(vehicles.id, applications.vehicleId))
      .where(where),
    { offset, limit },
  );
  return {
    rows: rows.map((row) => ({
      ...row.application,
      providerName: row.providerName,
      vehicleName: row.vehicleName,
      vehicleStages: row.vehicleStages,
    })),
    total,
  };
}

/** The vehicles of the applications `query` finds, by name: what a list of them may be filtered by. */
export async function vehiclesOfApplications(db: Db, query: ApplicationQuery): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: vehicles.id, name: vehicles.name })
    .from(applications)
    .innerJoin(providers, eq(providers.id, applications.providerId))
    .innerJoin(vehicles, eq(vehicles.id, applications.vehicleId))
    .where(applicationWhere(query))
    .orderBy(asc(vehicles.name), asc(vehicles.id));
}

export async function insertApplication(db: Db, row: typeof applications.$inferInsert): Promise<void> {
  await db.insert(applications).values(row);
}

export async function updateApplication(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof applications.$inferInsert>,
): Promise<void> {
  await db
    .update(applications)
    .set(set)
    .where(and(eq(applications.organisationId, organisationId), eq(applications.id, id)));
}

export async function saveAnswer(db: Db, row: typeof answers.$inferInsert): Promise<void> {
  await db
    .insert(answers)
    .values(row)
    .onConflictDoUpdate({
      target: [answers.organisationId, answers.applicationId, answers.questionId],
      set: { meetsRequirement: row.meetsRequirement, text: row.text, updatedAt: row.updatedAt },
    });
}

export async function pricesOfApplications(
  db: Db,
  applicationIds: string[],
): Promise<{ applicationId: string; weeklyRatePence: number }[]> {
  return applicationIds.length === 0
    ? []
    : db
        .select({ applicationId: lotPrices.applicationId, weeklyRatePence: lotPrices.weeklyRatePence })
        .from(lotPrices)
        .where(inArray(lotPrices.applicationId, applicationIds));
}

export async function replacePrices(
  db: Db,
  organisationId: string,
  applicationId: string,
  rows: { lotId: string; weeklyRatePence: number }[],
): Promise<void> {
  await db
    .delete(lotPrices)
    .where(and(eq(lotPrices.organisationId, organisationId), eq(lotPrices.applicationId, applicationId)));
  if (rows.length > 0)
    await db.insert(lotPrices).values(rows.map((row) => ({ organisationId, applicationId, ...row })));
}

export type DocumentMeta = Omit<typeof applicationDocuments.$inferSelect, 'content'>;

export async function documentById(
  db: Db,
  applicationId: string,
  id: string,
): Promise<typeof applicationDocuments.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, applicationId), eq(applicationDocuments.id, id)));
  return row;
}

/** Saves an uploaded document, replacing an earlier upload for the same required document. */
export async function saveDocument(db: Db, row: typeof applicationDocuments.$inferInsert): Promise<void> {
  await db
    .insert(applicationDocuments)
    .values(row)
    .onConflictDoUpdate({
      target: [applicationDocuments.organisationId, applicationDocuments.applicationId, applicationDocuments.name],
      set: {
        id: row.id,
        filename: row.filename,
        contentType: row.contentType,
        size: row.size,
        content: row.content,
        uploadedAt: row.uploadedAt,
      },
    });
}

/** Every price tendered on the vehicle: by whom, for which lot, in which round (drafts and withdrawals left out). */
export async function tenderPricesOf(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<{ providerId: string; lotId: string; roundNumber: number; weeklyRatePence: number }[]> {
  return db
    .select({
      providerId: applications.providerId,
      lotId: lotPrices.lotId,
      roundNumber: applications.roundNumber,
      weeklyRatePence: lotPrices.weeklyRatePence,
    })
    .from(lotPrices)
    .innerJoin(
      applications,
      and(eq(applications.organisationId, lotPrices.organisationId), eq(applications.id, lotPrices.applicationId)),
    )
    .where(
      and(
        eq(lotPrices.organisationId, organisationId),
        eq(applications.vehicleId, vehicleId),
        sql`${applications.status} not in ('draft', 'withdrawn')`,
      ),
    );
}
