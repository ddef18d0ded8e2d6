// Rate cards: the queries.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { rateCards } from './schema.ts';

export type RateCardRow = typeof rateCards.$inferSelect;

export async function insertRateCard(db: Db, row: typeof rateCards.$inferInsert): Promise<void> {
  await db.insert(rateCards).values(row);
}

export async function rateCardsOf(db: Db, organisationId: string, vehicleId: string): Promise<RateCardRow[]> {
  return db
    .select()
    .from(rateCards)
    .where(and(eq(rateCards.organisationId, organisationId), eq(rateCards.vehicleId, vehicleId)))
    .orderBy(desc(rateCards.effectiveFrom));
}
