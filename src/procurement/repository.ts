import { and, asc, count, desc, eq, exists, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { applicationDocuments, answers, applications, lotPrices } from './application-schema.ts';
import {
  agreedScores,
  awardDecisions,
  conflictDeclarations,
  memberships,
  scores,
  stageDecisions,
  tierAllocations,
} from './evaluation-schema.ts';
import { clarifications, lots, questions, vehiclePartners, vehicles, vehicleZones } from './vehicle-schema.ts';

export type VehicleRow = typeof vehicles.$inferSelect;
export type LotRow = typeof lots.$inferSelect;

export interface VehicleQuery {
  /** Staff: vehicles this organisation leads or is a partner in. */
  organisationId?: string;
  /** Provider users: vehicles taking applications now, from any organisation. */
  acceptingApplications?: boolean;
  search?: string;
  status?: string;
}

function vehicleWhere(query: VehicleQuery): SQL | undefined {
  const search = query.search?.replace(/[\\%_]/g, '\\$&');
  return and(
    query.organisationId
      ? or(
          eq(vehicles.organisationId, query.organisationId),
          exists(
            sql`(select 1 from ${vehiclePartners} where ${vehiclePartners.vehicleId} = ${vehicles.id} and ${vehiclePartners.partnerOrganisationId} = ${query.organisationId})`,
          ),
        )
      : undefined,
    query.acceptingApplications
      ? or(
          eq(vehicles.status, 'open'),
          and(eq(vehicles.status, 'live'), inArray(vehicles.kind, ['dps', 'dynamic-market'])),
        )
      : undefined,
    search ? or(ilike(vehicles.name, `%${search}%`), ilike(vehicles.reference, `%${search}%`)) : undefined,
    query.status ? eq(vehicles.status, query.status) : undefined,
  );
}

export interface VehicleListRow extends VehicleRow {
  lotCount: number;
}

export async function findVehicles(
  db: Db,
  query: VehicleQuery,
  offset: number,
  limit: number,
): Promise<{ rows: VehicleListRow[]; total: number }> {
  const where = vehicleWhere(query);
  const lotCount = sql<number>`(select count(*)::int from ${lots} where ${lots.vehicleId} = ${vehicles.id})`;
  const [rows, [total]] = await Promise.all([
    db
      .select({ vehicle: vehicles, lotCount })
      .from(vehicles)
      .where(where)
      .orderBy(asc(vehicles.name), asc(vehicles.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(vehicles).where(where),
  ]);
  return { rows: rows.map((row) => ({ ...row.vehicle, lotCount: Number(row.lotCount) })), total: total?.n ?? 0 };
}

export async function vehicleById(db: Db, id: string): Promise<VehicleRow | undefined> {
  const [row] = await db.select().from(vehicles).where(eq(vehicles.id, id));
  return row;
}

export async function vehicleByReference(
  db: Db,
  organisationId: string,
  reference: string,
): Promise<VehicleRow | undefined> {
  const [row] = await db
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.reference, reference)));
  return row;
}

export async function insertVehicle(db: Db, row: typeof vehicles.$inferInsert): Promise<void> {
  await db.insert(vehicles).values(row);
}

export async function updateVehicle(
  db: Db,
  organisationId: string,
  id: string,
  set: Partial<typeof vehicles.$inferInsert>,
): Promise<void> {
  await db
    .update(vehicles)
    .set(set)
    .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, id)));
}

export interface PartnerRow {
  partnerOrganisationId: string;
  fundingShareBasisPoints: number;
}

export async function partnersOf(db: Db, vehicleId: string): Promise<PartnerRow[]> {
  return db
    .select({
      partnerOrganisationId: vehiclePartners.partnerOrganisationId,
      fundingShareBasisPoints: vehiclePartners.fundingShareBasisPoints,
    })
    .from(vehiclePartners)
    .where(eq(vehiclePartners.vehicleId, vehicleId));
}

export async function replacePartners(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: { partnerOrganisationId: string; fundingShareBasisPoints: number }[],
): Promise<void> {
  await db
    .delete(vehiclePartners)
    .where(and(eq(vehiclePartners.organisationId, organisationId), eq(vehiclePartners.vehicleId, vehicleId)));
  if (rows.length > 0)
    await db.insert(vehiclePartners).values(rows.map((row) => ({ organisationId, vehicleId, ...row })));
}

export interface VehicleZoneRow {
  zoneId: string;
  tier1Places: number | null;
}

export async function zonesOfVehicle(db: Db, vehicleId: string): Promise<VehicleZoneRow[]> {
  return db
    .select({ zoneId: vehicleZones.zoneId, tier1Places: vehicleZones.tier1Places })
    .from(vehicleZones)
    .where(eq(vehicleZones.vehicleId, vehicleId));
}

/** Sets the vehicle's zones: updates places, adds new zones, removes zones no lot uses. */
export async function replaceVehicleZones(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: { zoneId: string; tier1Places: number | null }[],
): Promise<void> {
  const keep = rows.map((row) => row.zoneId);
  await db.delete(vehicleZones).where(
    and(
      eq(vehicleZones.organisationId, organisationId),
      eq(vehicleZones.vehicleId, vehicleId),
      keep.length > 0
        ? sql`${vehicleZones.zoneId} not in (${sql.join(
            keep.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : undefined,
    ),
  );
  for (const row of rows) {
    await db
      .insert(vehicleZones)
      .values({ organisationId, vehicleId, ...row })
      .onConflictDoUpdate({
        target: [vehicleZones.organisationId, vehicleZones.vehicleId, vehicleZones.zoneId],
        set: { tier1Places: row.tier1Places },
      });
  }
}

export async function lotsOf(db: Db, vehicleId: string): Promise<LotRow[]> {
  return db.select().from(lots).where(eq(lots.vehicleId, vehicleId));
}

export async function replaceLots(
  db: Db,
  organisationId: string,
  vehicleId: string,
  rows: Omit<typeof lots.$inferInsert, 'organisationId' | 'vehicleId'>[],
): Promise<void> {
  await db.delete(lots).where(and(eq(lots.organisationId, organisationId), eq(lots.vehicleId, vehicleId)));
  if (rows.length > 0) await db.insert(lots).values(rows.map((row) => ({ organisationId, vehicleId, ...row })));
}

export type QuestionRow = typeof questions.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

export async function questionsOf(db: Db, vehicleId: string): Promise<QuestionRow[]> {
  // Selection questions come first, as applicants answer them.
  return db
    .select()
    .from(questions)
    .where(eq(questions.vehicleId, vehicleId))
    .orderBy(sql`case ${questions.kind} when 'selection' then 0 else 1 end`, asc(questions.position));
}

export async function insertQuestion(db: Db, row: typeof questions.$inferInsert): Promise<void> {
  await db.insert(questions).values(row);
}

export async function deleteQuestion(db: Db, organisationId: string, id: string): Promise<void> {
  await db.delete(questions).where(and(eq(questions.organisationId, organisationId), eq(questions.id, id)));
}

export async function applicationById(db: Db, id: string): Promise<ApplicationRow | undefined> {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row;
}

export async function applicationOf(
  db: Db,
  vehicleId: string,
  providerId: string,
): Promise<ApplicationRow | undefined> {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.vehicleId, vehicleId), eq(applications.providerId, providerId)));
  return row;
}

export interface ApplicationQuery {
  /** Staff: applications to vehicles this organisation leads or partners in, once submitted. */
  organisationId?: string;
  /** Provider users: their own provider's, drafts included. */
  providerId?: string;
  vehicleId?: string;
  status?: string;
}

function applicationWhere(query: ApplicationQuery): SQL | undefined {
  return and(
    query.organisationId
      ? and(
          or(
            eq(applications.organisationId, query.organisationId),
            exists(
              sql`(select 1 from ${vehiclePartners} where ${vehiclePartners.vehicleId} = ${applications.vehicleId} and ${vehiclePartners.partnerOrganisationId} = ${query.organisationId})`,
            ),
          ),
          sql`${applications.status} <> 'draft'`,
        )
      : undefined,
    query.providerId ? eq(applications.providerId, query.providerId) : undefined,
    query.vehicleId ? eq(applications.vehicleId, query.vehicleId) : undefined,
    query.status ? eq(applications.status, query.status) : undefined,
  );
}

export async function findApplications(
  db: Db,
  query: ApplicationQuery,
  offset: number,
  limit: number,
): Promise<{ rows: ApplicationRow[]; total: number }> {
  const where = applicationWhere(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(applications)
      .where(where)
      .orderBy(asc(applications.createdAt), asc(applications.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
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

export async function answersOf(db: Db, applicationId: string): Promise<AnswerRow[]> {
  return db.select().from(answers).where(eq(answers.applicationId, applicationId));
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

export async function pricesOf(db: Db, applicationId: string): Promise<{ lotId: string; weeklyRatePence: number }[]> {
  return db
    .select({ lotId: lotPrices.lotId, weeklyRatePence: lotPrices.weeklyRatePence })
    .from(lotPrices)
    .where(eq(lotPrices.applicationId, applicationId));
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

export async function vehicleNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows =
    ids.length === 0
      ? []
      : await db.select({ id: vehicles.id, name: vehicles.name }).from(vehicles).where(inArray(vehicles.id, ids));
  return new Map(rows.map((row) => [row.id, row.name]));
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

export async function latestTierAllocation(db: Db, vehicleId: string): Promise<TierAllocationRow | undefined> {
  const [row] = await db
    .select()
    .from(tierAllocations)
    .where(eq(tierAllocations.vehicleId, vehicleId))
    .orderBy(desc(tierAllocations.confirmedAt))
    .limit(1);
  return row;
}

export type AwardDecisionRow = typeof awardDecisions.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export async function latestAwardDecision(db: Db, vehicleId: string): Promise<AwardDecisionRow | undefined> {
  const [row] = await db
    .select()
    .from(awardDecisions)
    .where(eq(awardDecisions.vehicleId, vehicleId))
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

export type ClarificationRow = typeof clarifications.$inferSelect;

export async function clarificationsOf(db: Db, vehicleId: string): Promise<ClarificationRow[]> {
  return db
    .select()
    .from(clarifications)
    .where(eq(clarifications.vehicleId, vehicleId))
    .orderBy(asc(clarifications.askedAt));
}

export async function insertClarification(db: Db, row: typeof clarifications.$inferInsert): Promise<void> {
  await db.insert(clarifications).values(row);
}

export async function answerClarification(
  db: Db,
  organisationId: string,
  id: string,
  set: { answer: string; answeredBy: string; publishedAt: Date },
): Promise<void> {
  await db
    .update(clarifications)
    .set(set)
    .where(and(eq(clarifications.organisationId, organisationId), eq(clarifications.id, id)));
}

export type DocumentMeta = Omit<typeof applicationDocuments.$inferSelect, 'content'>;

export async function documentsOf(db: Db, applicationId: string): Promise<DocumentMeta[]> {
  const { content: _content, ...columns } = getTableColumns(applicationDocuments);
  return db
    .select(columns)
    .from(applicationDocuments)
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.name));
}

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
