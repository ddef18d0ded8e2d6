// Placements, embargoes on new ones, and the requests already answered (idempotency): the queries.
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { embargoes, idempotentRequests, placements } from './schema.ts';

export type EmbargoRow = typeof embargoes.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;

export async function insertEmbargo(db: Db, row: typeof embargoes.$inferInsert): Promise<void> {
  await db.insert(embargoes).values(row);
}

export async function liftEmbargo(
  db: Db,
  organisationId: string,
  id: string,
  liftedOn: string,
  liftedReason: string,
): Promise<void> {
  await db
    .update(embargoes)
    .set({ liftedOn, liftedReason })
    .where(and(eq(embargoes.organisationId, organisationId), eq(embargoes.id, id)));
}

/** Embargoes in force on a date. */
export async function embargoesInForce(db: Db, organisationId: string, on: string): Promise<EmbargoRow[]> {
  return db
    .select()
    .from(embargoes)
    .where(
      and(
        eq(embargoes.organisationId, organisationId),
        lte(embargoes.startsOn, on),
        or(isNull(embargoes.liftedOn), sql`${embargoes.liftedOn} > ${on}`),
      ),
    );
}

export async function embargoesOf(db: Db, organisationId: string): Promise<EmbargoRow[]> {
  return db
    .select()
    .from(embargoes)
    .where(eq(embargoes.organisationId, organisationId))
    .orderBy(desc(embargoes.startsOn));
}

export async function insertPlacements(db: Db, rows: (typeof placements.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(placements).values(rows);
}

export async function endPlacement(
  db: Db,
  organisationId: string,
  id: string,
  endsOn: string,
  endReason: string,
): Promise<void> {
  await db
    .update(placements)
    .set({ endsOn, endReason })
    .where(and(eq(placements.organisationId, organisationId), eq(placements.id, id)));
}

export async function placementById(db: Db, id: string): Promise<PlacementRow | undefined> {
  const [row] = await db.select().from(placements).where(eq(placements.id, id));
  return row;
}

export interface PlacementQuery {
  organisationId: string;
  /** Active on this date. */
  activeOn?: string;
  providerId?: string;
  paymentRoute?: string;
  offFramework?: boolean;
  personIds?: readonly string[];
  tenancyIds?: readonly string[];
  current?: boolean;
}

function placementWhere(query: PlacementQuery): SQL | undefined {
  return and(
    eq(placements.organisationId, query.organisationId),
    query.activeOn
      ? and(
          lte(placements.startsOn, query.activeOn),
          or(isNull(placements.endsOn), gte(placements.endsOn, query.activeOn)),
        )
      : undefined,
    query.providerId ? eq(placements.providerId, query.providerId) : undefined,
    query.paymentRoute ? eq(placements.paymentRoute, query.paymentRoute) : undefined,
    query.offFramework !== undefined ? eq(placements.offFramework, query.offFramework) : undefined,
    query.personIds
      ? inArray(placements.personId, [...query.personIds, '00000000-0000-0000-0000-000000000000'])
      : undefined,
    query.tenancyIds
      ? inArray(placements.tenancyId, [...query.tenancyIds, '00000000-0000-0000-0000-000000000000'])
      : undefined,
    query.current ? isNull(placements.endsOn) : undefined,
  );
}

export async function findPlacements(
  db: Db,
  query: PlacementQuery,
  offset = 0,
  limit = 100_000,
): Promise<{ rows: PlacementRow[]; total: number }> {
  const where = placementWhere(query);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(placements)
      .where(where)
      .orderBy(desc(placements.startsOn), asc(placements.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(placements).where(where),
  ]);
  return { rows, total: total!.n };
}

/** People placed with a provider now, for its own view of who it supports. */
export async function currentPlacementsWithProvider(db: Db, providerId: string): Promise<PlacementRow[]> {
  return db
    .select()
    .from(placements)
    .where(and(eq(placements.providerId, providerId), isNull(placements.endsOn)))
    .orderBy(asc(placements.startsOn));
}

export async function idempotentRequest(db: Db, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotentRequests)
    .where(and(eq(idempotentRequests.userId, userId), eq(idempotentRequests.key, key)));
  return row;
}

export async function saveIdempotentRequest(db: Db, row: typeof idempotentRequests.$inferInsert): Promise<void> {
  await db.insert(idempotentRequests).values(row);
}
