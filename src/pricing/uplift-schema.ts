import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { providers } from '../providers/schema.ts';
import type { Rates } from '../brokerage/domain/prices.ts';
import type { UpliftLine } from './domain/uplift.ts';

/**
 * An uplift proposed for a vehicle's rate cards from a date, with what it is worked out from: the
 * staff share of each rate (entered, or from a cost-of-care exercise's medians), the National
 * Living Wage before and from the date, and a price index's figure with its month and source.
 * Percentages are basis points (450 = 4.5%). Approval records the method chosen and the
 * decision's reference, and creates the new rate cards.
 */
export const uplifts = pgTable(
  'uplifts',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    /** proposed or approved. */
    status: text('status').notNull(),
    staffShareBasisPoints: integer('staff_share_basis_points').notNull(),
    /** The exercise whose medians gave the staff share; null where it was entered. */
    exerciseId: uuid('exercise_id'),
    /** Where the staff share came from, in words. */
    staffShareSource: text('staff_share_source').notNull(),
    nlwBeforePence: integer('nlw_before_pence').notNull(),
    nlwAfterPence: integer('nlw_after_pence').notNull(),
    /** cpi or rpi. */
    priceIndex: text('price_index').notNull(),
    indexBasisPoints: integer('index_basis_points').notNull(),
    /** The month the index figure is for, as 2026-01. */
    indexMonth: text('index_month').notNull(),
    indexSource: text('index_source').notNull(),
    flatBasisPoints: integer('flat_basis_points'),
    /** The method proposed: nlw, nlw-index or flat; on approval, the one approved. */
    method: text('method').notNull(),
    decisionReference: text('decision_reference'),
    /** On approval: each card raised, its rates before and after, and the new card's id. */
    cards: jsonb('cards').$type<UpliftCard[]>(),
    approvedAt: moment('approved_at'),
    approvedBy: uuid('approved_by').references(() => users.id),
    createdAt: moment('created_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (table) => [
    tenantKey('uplifts_pk', table),
    index('uplifts_vehicle_idx').on(table.organisationId, table.vehicleId, table.effectiveFrom),
  ],
);

export interface UpliftCard {
  lotId: string | null;
  fromCardId: string;
  newCardId: string;
  before: Rates;
  after: Rates;
}

/** What a provider's letter says, kept as it was on approval. */
export interface LetterContent {
  lines: { lotTitle: string; lines: UpliftLine[] }[];
  placements: { reference: string; beforePence: number; afterPence: number; from: string }[];
  notRepriced: { reference: string; weeklyPence: number }[];
}

/** A letter to one provider about an approved uplift: its old and new rates and its placements repriced. */
export const upliftLetters = pgTable(
  'uplift_letters',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    upliftId: uuid('uplift_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    content: jsonb('content').$type<LetterContent>().notNull(),
    createdAt: moment('created_at').notNull(),
  },
  (table) => [
    tenantKey('uplift_letters_pk', table),
    uniqueIndex('uplift_letters_provider_idx').on(table.organisationId, table.upliftId, table.providerId),
    index('uplift_letters_provider_only_idx').on(table.providerId),
    tenantReference('uplift_letters_uplift_fk', table.organisationId, table.upliftId, uplifts),
  ],
);
