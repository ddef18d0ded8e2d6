// People, their needs and the assessment matrix: the queries.
import { and, asc, count, desc, eq, exists, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { zones } from '../organisations/schema.ts';
import { NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { ordered, outer, rankOf, type Sort } from '../platform/db/ordering.ts';

export type { Sort };
import { assessmentMatrices, needAssessments, people, referrals } from './schema.ts';

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

export interface PeopleQuery {
  organisationId: string;
  /** Part of the name or case reference. */
  search?: string;
  /** People with a referral this person made. */
  referredBy?: string;
  status?: string;
  /** The band of their latest assessment; null for people never assessed. */
  band?: string | null;
  zoneId?: string;
}
export type PeopleSortKey = 'name' | 'band' | 'zone';

/** A person's current band: their latest assessment's. */
const currentBand = sql<string | null>`(select ${needAssessments.band} from ${needAssessments}
  where ${needAssessments.organisationId} = ${outer(people, people.organisationId)}
  and ${needAssessments.personId} = ${outer(people, people.id)}
  order by ${needAssessments.assessedOn} desc, ${needAssessments.createdAt} desc limit 1)`;

export async function findPeople(
  db: Db,
  query: PeopleQuery,
  offset: number,
  limit: number,
  sort: Sort<PeopleSortKey> = { key: 'name', direction: 'asc' },
): Promise<{ rows: (PersonRow & { band: string | null; zoneName: string | null })[]; total: number }> {
  const pattern = query.search ? `%${escapeLike(query.search)}%` : undefined;
  const where = and(
    eq(people.organisationId, query.organisationId),
    pattern ? or(ilike(people.name, pattern), ilike(people.caseReference, pattern)) : undefined,
    query.referredBy
      ? exists(
          db
            .select({ one: sql`1` })
            .from(referrals)
            .where(
              and(
                eq(referrals.organisationId, outer(people, people.organisationId)),
                eq(referrals.personId, outer(people, people.id)),
                eq(referrals.referredBy, query.referredBy),
              ),
            ),
        )
      : undefined,
    query.status ? eq(people.status, query.status) : undefined,
    query.band === null ? sql`${currentBand} is null` : query.band ? sql`${currentBand} = ${query.band}` : undefined,
    query.zoneId ? eq(people.homeZoneId, query.zoneId) : undefined,
  );
  const order = {
    name: [ordered(people.name, sort.direction)],
    // Least complex first, ascending; not assessed last either way.
    band: [ordered(rankOf(currentBand, [...NEED_BANDS].reverse()), sort.direction), asc(people.name)],
    zone: [ordered(zones.name, sort.direction), asc(people.name)],
  }[sort.key];
  const homeZone = and(eq(zones.organisationId, people.organisationId), eq(zones.id, people.homeZoneId));
  const { rows, total } = await pageWithTotal(
    db
      .select({ person: people, band: currentBand, zoneName: zones.name })
      .from(people)
      .leftJoin(zones, homeZone)
      .where(where)
      .orderBy(...order, asc(people.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(people).leftJoin(zones, homeZone).where(where),
    { offset, limit },
  );
  return { rows: rows.map((row) => ({ ...row.person, band: row.band, zoneName: row.zoneName })), total };
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
