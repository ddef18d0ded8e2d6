// Placements as payment schedules see them, written straight into brokerage's tables (a person, a
// placement and its price periods), so a test can set the dates and prices a hand-worked case needs.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FundingShare, PaymentRoute } from '../../src/brokerage/domain/people.ts';
import { people, placementPrices, placements } from '../../src/brokerage/schema.ts';
import type { Db } from '../../src/platform/db/client.ts';

export interface PlacedForPayment {
  organisationId: string;
  providerId: string;
  caseReference: string;
  startsOn: string;
  endsOn?: string | null;
  /** Weekly prices in pence, each from its date. */
  prices: { from: string; pence: number }[];
  contributionPence?: number;
  funding?: FundingShare[];
  paymentRoute?: PaymentRoute;
  /** The vehicle it was made through; none (off framework) unless given. */
  vehicleId?: string;
}

/** Writes people and their placements, many at a time; returns the placements' ids in order. */
export async function placeForPayment(db: Db, rows: readonly PlacedForPayment[]): Promise<string[]> {
  const now = new Date();
  const ids = rows.map(() => randomUUID());
  for (let i = 0; i < rows.length; i += 1_000) {
    const batch = rows.slice(i, i + 1_000);
    const personIds = batch.map(() => randomUUID());
    await db.insert(people).values(
      batch.map((row, j) => ({
        organisationId: row.organisationId,
        id: personIds[j]!,
        name: `Person ${row.caseReference}`,
        dateOfBirth: '1990-01-01',
        caseReference: row.caseReference,
        clientGroups: ['learning-disability'],
        inCounty: true,
        paymentRoute: row.paymentRoute ?? 'commissioned',
        funding: row.funding ?? [{ stream: 'care-act', percent: 100 }],
        status: 'active',
        contributionPence: row.contributionPence ?? 0,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await db.insert(placements).values(
      batch.map((row, j) => ({
        organisationId: row.organisationId,
        id: ids[i + j]!,
        personId: personIds[j]!,
        providerId: row.providerId,
        vehicleId: row.vehicleId ?? null,
        offFramework: !row.vehicleId,
        offFrameworkReason: row.vehicleId ? null : 'Test placement',
        startsOn: row.startsOn,
        endsOn: row.endsOn ?? null,
        endReason: row.endsOn ? 'moved' : null,
        oneToOneMinutesPerWeek: 600,
        coreShareMinutesPerWeek: 0,
        tenantsAtStart: 1,
        nightSupport: 'none',
        funding: row.funding ?? [{ stream: 'care-act', percent: 100 }],
        paymentRoute: row.paymentRoute ?? 'commissioned',
        priceBasis: 'hourly',
        weeklyPricePence: row.prices.at(-1)!.pence,
        priceLines: [],
        contributionPence: row.contributionPence ?? 0,
        createdAt: now,
      })),
    );
    await db.insert(placementPrices).values(
      batch.flatMap((row, j) =>
        row.prices.map((price, k) => ({
          organisationId: row.organisationId,
          placementId: ids[i + j]!,
          effectiveFrom: price.from,
          weeklyPricePence: price.pence,
          priceLines: [],
          reason: k === 0 ? 'Price when placed' : 'Price changed',
          recordedAt: now,
        })),
      ),
    );
  }
  return ids;
}

/** A backdated price: from `from`, the placement costs `pence` a week. */
export async function repriceForPayment(
  db: Db,
  organisationId: string,
  placementId: string,
  from: string,
  pence: number,
) {
  await db.insert(placementPrices).values({
    organisationId,
    placementId,
    effectiveFrom: from,
    weeklyPricePence: pence,
    priceLines: [],
    reason: 'Price agreed again',
    recordedAt: new Date(),
  });
  await db.execute(sql`update placements set weekly_price_pence = ${pence} where id = ${placementId}::uuid`);
}
