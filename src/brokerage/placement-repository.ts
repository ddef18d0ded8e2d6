// Placements, embargoes on new ones, and the requests already answered (idempotency): the queries.
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
import { escapeLike } from '../platform/db/like.ts';
import { organisations } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { ordered, type Sort } from '../platform/db/ordering.ts';
import {
  embargoes,
  idempotentRequests,
  offers,
  people,
  placementPrices,
  placements,
  schemes,
  tenancies,
  units,
} from './schema.ts';

export type { Sort };

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

export type NewPlacement = PlacementRow & { rateCardId: string | null };

/** New placements, each with its first price period: the price it is made at, from its start. */
export async function insertPlacements(db: Db, rows: readonly NewPlacement[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(placements).values(rows.map(({ rateCardId: _card, ...row }) => row));
  await db.insert(placementPrices).values(
    rows.map((row) => ({
      organisationId: row.organisationId,
      placementId: row.id,
      effectiveFrom: row.startsOn,
      weeklyPricePence: row.weeklyPricePence,
      priceLines: row.priceLines,
      reason: 'Price when placed',
      rateCardId: row.rateCardId,
      recordedAt: row.createdAt,
      recordedBy: row.createdBy,
    })),
  );
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

export type PlacementSortKey = 'person' | 'provider' | 'startsOn' | 'weeklyPrice';

/** The person placed: of the placement's organisation. */
const placedPerson = and(eq(people.organisationId, placements.organisationId), eq(people.id, placements.personId));

export async function findPlacements(
  db: Db,
  query: PlacementQuery,
  offset = 0,
  limit = 100_000,
  sort: Sort<PlacementSortKey> = { key: 'startsOn', direction: 'desc' },
): Promise<{ rows: PlacementRow[]; total: number }> {
  const where = placementWhere(query);
  const order = {
    person: [ordered(people.name, sort.direction)],
    provider: [ordered(providers.name, sort.direction)],
    startsOn: [ordered(placements.startsOn, sort.direction)],
    weeklyPrice: [ordered(placements.weeklyPricePence, sort.direction)],
  }[sort.key];
  const { rows, total } = await pageWithTotal(
    db
      .select({ placement: placements })
      .from(placements)
      .innerJoin(people, placedPerson)
      .innerJoin(providers, eq(providers.id, placements.providerId))
      .where(where)
      .orderBy(...order, desc(placements.startsOn), asc(people.name), asc(placements.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(placements).where(where),
    { offset, limit },
  );
  return { rows: rows.map((row) => row.placement), total };
}

/** The care providers of an organisation's placements, to filter its register by. */
export async function providersOfPlacements(db: Db, organisationId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: providers.id, name: providers.name })
    .from(placements)
    .innerJoin(providers, eq(providers.id, placements.providerId))
    .where(eq(placements.organisationId, organisationId))
    .orderBy(providers.name, providers.id);
}

/** Placements active on a date added up: all of them (route and offFramework null), by payment route, and on or off framework. */
export interface PlacementFigures {
  paymentRoute: string | null;
  offFramework: boolean | null;
  /** Which of the three groupings the row is: 3 all, 1 by route, 2 by framework. */
  grouping: number;
  placements: number;
  providers: number;
  inCounty: number;
  annualPence: number;
}

/** Annual cost as `annualPence` works it out for each placement (weekly × 365 ÷ 7, to the penny), summed. */
const annualPenceSum = sql`coalesce(sum(round(${placements.weeklyPricePence} * 365 / 7.0)), 0)::bigint`;

export async function placementFigures(db: Db, organisationId: string, activeOn: string): Promise<PlacementFigures[]> {
  return db
    .select({
      paymentRoute: placements.paymentRoute,
      offFramework: placements.offFramework,
      grouping: sql<number>`grouping(${placements.paymentRoute}, ${placements.offFramework})`.mapWith(Number),
      placements: count(),
      providers: countDistinct(placements.providerId),
      // A placement whose person is missing counts as in county, as the register shows it.
      inCounty: sql<number>`count(*) filter (where ${people.inCounty} is not false)`.mapWith(Number),
      annualPence: annualPenceSum.mapWith(Number),
    })
    .from(placements)
    .leftJoin(people, placedPerson)
    .where(placementWhere({ organisationId, activeOn }))
    .groupBy(sql`grouping sets ((), (${placements.paymentRoute}), (${placements.offFramework}))`);
}

export interface ProviderPlacementQuery {
  providerId: string;
  /** Part of the person's name. */
  search?: string;
  organisationId?: string;
}
export type ProviderPlacementSortKey = 'person' | 'council' | 'startsOn' | 'weeklyPrice';

export interface ProviderPlacementRow {
  placement: PlacementRow;
  personName: string;
  organisationName: string;
  /** Where the tenancy is, when the person has one: its scheme's name and care provider, and the unit. */
  scheme: { name: string; careProviderId: string | null } | null;
  unitName: string | null;
}

/** People placed with a provider now, for its own view of who it supports, a page at a time. */
export async function currentPlacementsWithProvider(
  db: Db,
  query: ProviderPlacementQuery,
  offset: number,
  limit: number,
  sort: Sort<ProviderPlacementSortKey> = { key: 'person', direction: 'asc' },
): Promise<{ rows: ProviderPlacementRow[]; total: number }> {
  const pattern = query.search ? `%${escapeLike(query.search)}%` : undefined;
  const where = and(
    eq(placements.providerId, query.providerId),
    isNull(placements.endsOn),
    query.organisationId ? eq(placements.organisationId, query.organisationId) : undefined,
    pattern ? ilike(people.name, pattern) : undefined,
  );
  const order = {
    person: [ordered(people.name, sort.direction)],
    council: [ordered(organisations.name, sort.direction), asc(people.name)],
    startsOn: [ordered(placements.startsOn, sort.direction), asc(people.name)],
    weeklyPrice: [ordered(placements.weeklyPricePence, sort.direction), asc(people.name)],
  }[sort.key];
  return pageWithTotal(
    db
      .select({
        placement: placements,
        personName: people.name,
        organisationName: organisations.name,
        scheme: { name: schemes.name, careProviderId: schemes.careProviderId },
        unitName: units.name,
      })
      .from(placements)
      .innerJoin(people, placedPerson)
      .innerJoin(organisations, eq(organisations.id, placements.organisationId))
      .leftJoin(
        tenancies,
        and(eq(tenancies.organisationId, placements.organisationId), eq(tenancies.id, placements.tenancyId)),
      )
      .leftJoin(units, and(eq(units.organisationId, tenancies.organisationId), eq(units.id, tenancies.unitId)))
      .leftJoin(schemes, and(eq(schemes.organisationId, units.organisationId), eq(schemes.id, units.schemeId)))
      .where(where)
      .orderBy(...order, asc(placements.id))
      .offset(offset)
      .limit(limit),
    db.select({ n: count() }).from(placements).innerJoin(people, placedPerson).where(where),
    { offset, limit },
  );
}

/** The councils that have placed people with a provider now, to filter its list by. */
export async function councilsOfProvider(db: Db, providerId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(placements)
    .innerJoin(organisations, eq(organisations.id, placements.organisationId))
    .where(and(eq(placements.providerId, providerId), isNull(placements.endsOn)))
    .orderBy(organisations.name, organisations.id);
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

/**
 * The vehicle's placements, each with the weekly prices proposed on its referral (by every offer
 * that proposed one) and the price of the offer taken: no person, only prices. A placement made
 * without a referral has no proposals.
 */
export async function placementProposalsOfVehicle(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<{ placementId: string; offerId: string | null; proposals: { offerId: string; price: number | null }[] }[]> {
  const made = await db
    .select({ placementId: placements.id, offerId: placements.offerId, referralId: placements.referralId })
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), eq(placements.vehicleId, vehicleId)));
  const referralIds = [...new Set(made.flatMap((row) => (row.referralId ? [row.referralId] : [])))];
  const proposed =
    referralIds.length === 0
      ? []
      : await db
          .select({
            referralId: offers.referralId,
            offerId: offers.id,
            price: sql<number | null>`(${offers.proposal} ->> 'weeklyPricePence')::bigint`.mapWith(
              (value: string | null) => (value === null ? null : Number(value)),
            ),
          })
          .from(offers)
          .where(
            and(
              eq(offers.organisationId, organisationId),
              inArray(offers.referralId, referralIds),
              sql`${offers.proposal} is not null`,
            ),
          );
  return made.map((row) => ({
    placementId: row.placementId,
    offerId: row.offerId,
    proposals: proposed
      .filter((offer) => offer.referralId === row.referralId)
      .map((offer) => ({ offerId: offer.offerId, price: offer.price })),
  }));
}

/** The ids of the placements made through a vehicle. */
export async function placementIdsOfVehicle(db: Db, organisationId: string, vehicleId: string): Promise<string[]> {
  const rows = await db
    .select({ id: placements.id })
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), eq(placements.vehicleId, vehicleId)));
  return rows.map((row) => row.id);
}
