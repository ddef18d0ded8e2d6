// The easy-read survey's queries: a placement's facts, its provider's running service, responses
// and one-time links.
import { and, asc, count, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { contractedServices } from './schema.ts';
import { surveyLinks, surveyResponses } from './survey-schema.ts';

export type ResponseRow = typeof surveyResponses.$inferSelect;
export type LinkRow = typeof surveyLinks.$inferSelect;

export interface PlacementFacts {
  organisationId: string;
  id: string;
  providerId: string;
  startsOn: string;
  endsOn: string | null;
}

/** A placement's organisation, provider and dates: brokerage keeps placements, quality only reads these. */
export async function placementById(db: Db, id: string): Promise<PlacementFacts | undefined> {
  const result = await db.execute(sql`
    select organisation_id as "organisationId", id, provider_id as "providerId",
      starts_on::text as "startsOn", ends_on::text as "endsOn"
    from placements where id = ${id}::uuid`);
  return (result as unknown as { rows: PlacementFacts[] }).rows[0];
}

/** The ids of the provider's contracted services that run in the organisation. */
export async function runningServiceIds(db: Db, organisationId: string, providerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: contractedServices.id })
    .from(contractedServices)
    .where(
      and(
        eq(contractedServices.organisationId, organisationId),
        eq(contractedServices.providerId, providerId),
        isNull(contractedServices.endedOn),
      ),
    );
  return rows.map((row) => row.id);
}

/** The names of services, each found by its organisation and id (the table's key). */
export async function serviceNames(
  db: Db,
  services: readonly { organisationId: string; id: string }[],
): Promise<Map<string, string>> {
  if (services.length === 0) return new Map();
  const keys = services.map((service) => sql`(${service.organisationId}::uuid, ${service.id}::uuid)`);
  const rows = await db
    .select({ id: contractedServices.id, name: contractedServices.name })
    .from(contractedServices)
    .where(sql`(${contractedServices.organisationId}, ${contractedServices.id}) in (${sql.join(keys, sql`, `)})`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The placement a survey response or link is of, by the record's id. */
export async function placementOfRecord(db: Db, kind: 'response' | 'link', id: string): Promise<string | undefined> {
  const table = kind === 'response' ? surveyResponses : surveyLinks;
  const [row] = await db.select({ placementId: table.placementId }).from(table).where(eq(table.id, id));
  return row?.placementId;
}

export async function insertResponse(db: Db, row: typeof surveyResponses.$inferInsert): Promise<void> {
  await db.insert(surveyResponses).values(row);
}

export async function insertLink(db: Db, row: typeof surveyLinks.$inferInsert): Promise<void> {
  await db.insert(surveyLinks).values(row);
}

export async function linkByHash(db: Db, tokenHash: string): Promise<LinkRow | undefined> {
  const [row] = await db.select().from(surveyLinks).where(eq(surveyLinks.tokenHash, tokenHash));
  return row;
}

/**
 * Marks the link used, where it is still unused and in date: in one statement, so two sends of the
 * same link cannot both save. Undefined where it was not (already used, expired or unknown).
 */
export async function useLink(db: Db, tokenHash: string, today: string, at: Date): Promise<LinkRow | undefined> {
  const [row] = await db
    .update(surveyLinks)
    .set({ usedAt: at })
    .where(and(eq(surveyLinks.tokenHash, tokenHash), isNull(surveyLinks.usedAt), gte(surveyLinks.expiresOn, today)))
    .returning();
  return row;
}

/** Responses to count: the organisation's (all of them, or one provider's), or one provider's anywhere. */
export async function responsesOf(
  db: Db,
  where: { organisationId?: string; providerId?: string },
): Promise<Pick<ResponseRow, 'organisationId' | 'providerId' | 'serviceId' | 'answers'>[]> {
  return db
    .select({
      organisationId: surveyResponses.organisationId,
      providerId: surveyResponses.providerId,
      serviceId: surveyResponses.serviceId,
      answers: surveyResponses.answers,
    })
    .from(surveyResponses)
    .where(
      and(
        where.organisationId ? eq(surveyResponses.organisationId, where.organisationId) : undefined,
        where.providerId ? eq(surveyResponses.providerId, where.providerId) : undefined,
      ),
    );
}

/** How many responses a placement has, by who answered and how they came in. */
export async function placementResponseCounts(db: Db, organisationId: string, placementId: string) {
  return db
    .select({ respondent: surveyResponses.respondent, method: surveyResponses.method, n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.organisationId, organisationId), eq(surveyResponses.placementId, placementId)))
    .groupBy(surveyResponses.respondent, surveyResponses.method)
    .orderBy(asc(surveyResponses.respondent), asc(surveyResponses.method));
}

/** How many of a placement's links are still waiting to be used. */
export async function waitingLinkCount(
  db: Db,
  organisationId: string,
  placementId: string,
  today: string,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyLinks)
    .where(
      and(
        eq(surveyLinks.organisationId, organisationId),
        eq(surveyLinks.placementId, placementId),
        isNull(surveyLinks.usedAt),
        gte(surveyLinks.expiresOn, today),
      ),
    );
  return row?.n ?? 0;
}

/** Every response about these placements, oldest first: for the person's subject access export. */
export async function responsesOfPlacements(
  db: Db,
  organisationId: string,
  placementIds: readonly string[],
): Promise<ResponseRow[]> {
  if (placementIds.length === 0) return [];
  return db
    .select()
    .from(surveyResponses)
    .where(
      and(eq(surveyResponses.organisationId, organisationId), inArray(surveyResponses.placementId, [...placementIds])),
    )
    .orderBy(asc(surveyResponses.answeredOn));
}
