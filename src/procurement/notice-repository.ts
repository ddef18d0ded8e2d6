// Published notices: kept per vehicle, read back for the vehicle's page, its public page and the
// organisation's open-data feed (paged by publication time, newest last, as harvesters read).
import { and, asc, count, eq, gt, gte, lte, max, or, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { awardDecisions } from './evaluation-schema.ts';
import { procurementNotices } from './notice-schema.ts';

export type NoticeRow = typeof procurementNotices.$inferSelect;

export async function insertNotice(db: Db, row: typeof procurementNotices.$inferInsert): Promise<void> {
  await db.insert(procurementNotices).values(row);
}

export async function noticesOfVehicle(db: Db, organisationId: string, vehicleId: string): Promise<NoticeRow[]> {
  return db
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.organisationId, organisationId), eq(procurementNotices.vehicleId, vehicleId)))
    .orderBy(asc(procurementNotices.publishedAt), asc(procurementNotices.identifier));
}

export async function noticeById(db: Db, organisationId: string, id: string): Promise<NoticeRow | undefined> {
  const [row] = await db
    .select()
    .from(procurementNotices)
    .where(and(eq(procurementNotices.organisationId, organisationId), eq(procurementNotices.id, id)));
  return row;
}

export interface FeedQuery {
  organisationId: string;
  /** The ocid's vehicle, where one is asked for. */
  vehicleId?: string;
  from?: Date;
  to?: Date;
  /** Resume after this (publishedAt, id): the previous page's last. */
  after?: { publishedAt: Date; id: string };
  limit: number;
}

function feedWhere(query: Omit<FeedQuery, 'after' | 'limit'>): SQL | undefined {
  return and(
    eq(procurementNotices.organisationId, query.organisationId),
    query.vehicleId ? eq(procurementNotices.vehicleId, query.vehicleId) : undefined,
    query.from ? gte(procurementNotices.publishedAt, query.from) : undefined,
    query.to ? lte(procurementNotices.publishedAt, query.to) : undefined,
  );
}

/** A page of the organisation's published notices, oldest first, from after the cursor. */
export async function feedPage(db: Db, query: FeedQuery): Promise<NoticeRow[]> {
  const { after } = query;
  return db
    .select()
    .from(procurementNotices)
    .where(
      and(
        feedWhere(query),
        after
          ? or(
              gt(procurementNotices.publishedAt, after.publishedAt),
              and(eq(procurementNotices.publishedAt, after.publishedAt), gt(procurementNotices.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(procurementNotices.publishedAt), asc(procurementNotices.id))
    .limit(query.limit);
}

/** When the feed last changed, for Last-Modified and ETag: the newest publication and the count. */
export async function feedVersion(
  db: Db,
  query: Omit<FeedQuery, 'after' | 'limit'>,
): Promise<{ latest: Date | null; total: number }> {
  const [row] = await db
    .select({ latest: max(procurementNotices.publishedAt), total: count() })
    .from(procurementNotices)
    .where(feedWhere(query));
  return { latest: row?.latest ? new Date(row.latest) : null, total: row?.total ?? 0 };
}

/** The vehicles with published notices in the organisation, for the record package's list of ocids. */
export async function vehiclesWithNotices(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ vehicleId: procurementNotices.vehicleId })
    .from(procurementNotices)
    .where(eq(procurementNotices.organisationId, organisationId))
    .orderBy(asc(procurementNotices.vehicleId));
  return rows.map((row) => row.vehicleId);
}

/** Every award decision on the vehicle, first to last. */
export async function awardDecisionsOf(db: Db, organisationId: string, vehicleId: string) {
  return db
    .select()
    .from(awardDecisions)
    .where(and(eq(awardDecisions.organisationId, organisationId), eq(awardDecisions.vehicleId, vehicleId)))
    .orderBy(asc(awardDecisions.decidedAt));
}
