// Public notices a vehicle's events required, once a commissioner has published them: each kept as
// the OCDS release it was published as, so what the public read never changes afterwards.
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../organisations/schema.ts';
import { moment, tenantKey, tenantReference } from '../platform/db/columns.ts';
import { vehicles } from './vehicle-schema.ts';

export const procurementNotices = pgTable(
  'procurement_notices',
  {
    organisationId: uuid('organisation_id').notNull(),
    id: uuid('id').notNull(),
    vehicleId: uuid('vehicle_id').notNull(),
    /** UK4, UK6 … or PCR-CN, PCR-CAN (see domain/notice-rules.ts). */
    kind: text('kind').notNull(),
    /** What it reports: "vehicle", "award:<decision>", "contracts:<decision>", "termination:<action>". */
    subject: text('subject').notNull(),
    /** "WVCC-SL-FW-2025/UK6/1": the vehicle's reference, the kind and its number. */
    identifier: text('identifier').notNull(),
    /** The OCDS release as published. */
    release: jsonb('release').$type<Record<string, unknown>>().notNull(),
    publishedAt: moment('published_at').notNull(),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    tenantKey('procurement_notices_pk', table),
    // A notice is published once.
    uniqueIndex('procurement_notices_subject_idx').on(table.organisationId, table.vehicleId, table.kind, table.subject),
    uniqueIndex('procurement_notices_identifier_idx').on(table.organisationId, table.identifier),
    index('procurement_notices_published_idx').on(table.organisationId, table.publishedAt),
    tenantReference('procurement_notices_vehicle_fk', table.organisationId, table.vehicleId, vehicles),
  ],
);
