import { and, asc, count, eq, exists, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { childCount, inDirection } from '../platform/db/listing.ts';
import { bulkReadWhereIn, bulkWrite } from '../platform/db/bulk.ts';
import { providerContacts, providerLocations, providers } from './schema.ts';

export type ProviderRow = typeof providers.$inferSelect;
export type LocationRow = typeof providerLocations.$inferSelect;
export type ContactRow = typeof providerContacts.$inferSelect;

export interface ProviderFilter {
  search?: string;
  serviceType?: string;
  rating?: string;
  localAuthorityCode?: string;
  /** Provider users see only their own provider. */
  onlyProviderId?: string;
}

const compact = (column: typeof providers.postcode | typeof providerLocations.postcode) =>
  sql`upper(replace(coalesce(${column}, ''), ' ', ''))`;

function providerWhere(filter: ProviderFilter): SQL | undefined {
  const locationMatches = (condition: SQL | undefined) =>
    exists(
      sql`(select 1 from ${providerLocations} where ${providerLocations.providerId} = ${providers.id} and ${condition ?? sql`true`})`,
    );
  const search = filter.search?.trim();
  const searchCompact = search?.replace(/\s/g, '').toUpperCase();
  return and(
    filter.onlyProviderId ? eq(providers.id, filter.onlyProviderId) : undefined,
    search
      ? or(
          ilike(providers.name, `%${escapeLike(search)}%`),
          eq(providers.cqcProviderId, search),
          sql`${compact(providers.postcode)} like ${`${searchCompact}%`}`,
          locationMatches(
            or(
              eq(providerLocations.cqcLocationId, search),
              sql`${compact(providerLocations.postcode)} like ${`${searchCompact}%`}`,
            ),
          ),
        )
      : undefined,
    filter.serviceType
      ? locationMatches(sql`${filter.serviceType} = any(${providerLocations.serviceTypes})`)
      : undefined,
    filter.rating ? locationMatches(eq(providerLocations.overallRating, filter.rating)) : undefined,
    filter.localAuthorityCode
      ? locationMatches(eq(providerLocations.localAuthorityCode, filter.localAuthorityCode))
      : undefined,
  );
}

export interface ProviderListRow extends ProviderRow {
  locationCount: number;
}

/** What the registry may be sorted by. */
export const PROVIDER_SORTS = ['name', 'town', 'services'] as const;
export type ProviderSort = { key: (typeof PROVIDER_SORTS)[number]; direction: 'asc' | 'desc' };

export async function findProviders(
  db: Db,
  filter: ProviderFilter,
  offset: number,
  limit: number,
  sort: ProviderSort = { key: 'name', direction: 'asc' },
): Promise<{ rows: ProviderListRow[]; total: number }> {
  const where = providerWhere(filter);
  const locationCount = childCount(providerLocations, providerLocations.providerId, providers, providers.id);
  const by = inDirection(sort.direction);
  const ordered = {
    name: [by(providers.name)],
    town: [by(providers.townCity), asc(providers.name)],
    services: [by(locationCount), asc(providers.name)],
  }[sort.key];
  const { rows, total } = await pageWithTotal(
    db
      .select({ provider: providers, locationCount })
      .from(providers)
      .where(where)
      .orderBy(...ordered, asc(providers.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(providers).where(where),
    { offset, limit },
  );
  return {
    rows: rows.map((row) => ({ ...row.provider, locationCount: Number(row.locationCount) })),
    total,
  };
}

export async function providerById(db: Db, id: string): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providers).where(eq(providers.id, id));
  return row;
}

export async function providersByIds(db: Db, ids: string[]): Promise<ProviderRow[]> {
  return ids.length === 0 ? [] : db.select().from(providers).where(inArray(providers.id, ids));
}

export async function providerByCqcId(db: Db, cqcProviderId: string): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providers).where(eq(providers.cqcProviderId, cqcProviderId));
  return row;
}

export async function locationsOf(db: Db, providerId: string): Promise<LocationRow[]> {
  return db
    .select()
    .from(providerLocations)
    .where(eq(providerLocations.providerId, providerId))
    .orderBy(asc(providerLocations.name));
}

/** Specialism codes across each provider's registered locations (deregistered ones left out). */
export async function specialismsOfProviders(
  db: Db,
  ids: string[],
): Promise<{ providerId: string | null; specialisms: string[] }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ providerId: providerLocations.providerId, specialisms: providerLocations.specialisms })
    .from(providerLocations)
    .where(and(inArray(providerLocations.providerId, ids), isNull(providerLocations.deregistrationDate)));
}

export async function locationById(db: Db, providerId: string, locationId: string): Promise<LocationRow | undefined> {
  const [row] = await db
    .select()
    .from(providerLocations)
    .where(and(eq(providerLocations.providerId, providerId), eq(providerLocations.id, locationId)));
  return row;
}

export async function contactsOf(db: Db, providerId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(providerContacts)
    .where(eq(providerContacts.providerId, providerId))
    .orderBy(asc(providerContacts.name));
}

export async function insertProvider(db: Db, row: typeof providers.$inferInsert): Promise<void> {
  await db.insert(providers).values(row);
}

export async function updateProvider(db: Db, id: string, set: Partial<typeof providers.$inferInsert>): Promise<void> {
  await db.update(providers).set(set).where(eq(providers.id, id));
}

export async function replaceContacts(
  db: Db,
  providerId: string,
  rows: (typeof providerContacts.$inferInsert)[],
): Promise<void> {
  await db.delete(providerContacts).where(eq(providerContacts.providerId, providerId));
  if (rows.length > 0) await db.insert(providerContacts).values(rows);
}

export function providersByCqcIds(db: Db, ids: string[]): Promise<ProviderRow[]> {
  return bulkReadWhereIn(db, providers, 'cqcProviderId', ids);
}

export function locationsByCqcIds(db: Db, ids: string[]): Promise<LocationRow[]> {
  return bulkReadWhereIn(db, providerLocations, 'cqcLocationId', ids);
}

// Replace every column but id and createdAt where the id exists.
const upsertById = { conflictKey: 'id', keep: ['createdAt'] } as const;

export function upsertProviders(db: Db, rows: ProviderRow[]): Promise<void> {
  return bulkWrite(db, providers, rows, upsertById);
}

export function upsertLocations(db: Db, rows: LocationRow[]): Promise<void> {
  return bulkWrite(db, providerLocations, rows, upsertById);
}

/** Links locations imported before their provider was known. */
export async function linkWaitingLocations(db: Db): Promise<void> {
  await db
    .update(providerLocations)
    .set({
      providerId: sql`(select ${providers.id} from ${providers} where ${providers.cqcProviderId} = ${providerLocations.cqcProviderId})`,
    })
    .where(
      and(
        isNull(providerLocations.providerId),
        exists(sql`(select 1 from ${providers} where ${providers.cqcProviderId} = ${providerLocations.cqcProviderId})`),
      ),
    );
}

export async function countWaitingLocations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(providerLocations).where(isNull(providerLocations.providerId));
  return row?.n ?? 0;
}

export async function localAuthorityCodesInUse(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: providerLocations.localAuthorityCode })
    .from(providerLocations)
    .where(sql`${providerLocations.localAuthorityCode} is not null`);
  return rows.map((row) => row.code!).sort();
}

export async function locationByIdAnyProvider(db: Db, id: string): Promise<LocationRow | undefined> {
  const [row] = await db.select().from(providerLocations).where(eq(providerLocations.id, id));
  return row;
}
