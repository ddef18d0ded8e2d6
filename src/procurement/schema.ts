import { bigint, boolean, date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, zones } from '../organisations/schema.ts';

// Every commissioning table carries the lead organisation's id first in its key, so the schema
// can later be distributed by organisation without change (DESIGN.md, "Tenancy").

export const vehicles = pgTable('vehicles', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  id: uuid('id').notNull(),
  /** The council's own reference, as on its tender portal ("WVCC-SL-DPS-2019"). */
  reference: text('reference').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  kind: text('kind').notNull(),
  regime: text('regime').notNull(),
  status: text('status').notNull(),
  /** Estimated total value over the whole term, in pence. */
  valuePence: bigint('value_pence', { mode: 'number' }),
  advertOn: date('advert_on'),
  clarificationDeadline: date('clarification_deadline'),
  submissionDeadline: date('submission_deadline'),
  awardOn: date('award_on'),
  contractStartOn: date('contract_start_on'),
  contractEndOn: date('contract_end_on'),
  /** As the contract states them, e.g. "two further periods of 12 months". */
  extensionOptions: text('extension_options'),
  /** Whose bank holidays count for a PCR 2015 standstill. */
  nation: text('nation').notNull(),
  stages: text('stages').array().notNull(),
  pricesFixed: boolean('prices_fixed').notNull(),
  qualityWeightPercent: integer('quality_weight_percent').notNull(),
  /** Scores per quality question run from 0 to this. */
  scoreScaleMax: integer('score_scale_max').notNull(),
  tiered: boolean('tiered').notNull(),
  maxTier1ZonesPerProvider: integer('max_tier1_zones_per_provider'),
  qualityThreshold: numeric('quality_threshold', { precision: 6, scale: 2, mode: 'number' }),
  allocationRule: text('allocation_rule'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (table) => [
  primaryKey({ columns: [table.organisationId, table.id] }),
  uniqueIndex('vehicles_id_idx').on(table.id),
  uniqueIndex('vehicles_reference_idx').on(table.organisationId, table.reference),
  index('vehicles_status_idx').on(table.status),
]);

/** Joint commissioning: partners (an NHS body under a section 75 agreement) and their funding shares. */
export const vehiclePartners = pgTable('vehicle_partners', {
  organisationId: uuid('organisation_id').notNull(),
  vehicleId: uuid('vehicle_id').notNull(),
  partnerOrganisationId: uuid('partner_organisation_id').notNull().references(() => organisations.id),
  /** Hundredths of a percent: 2500 is 25%. */
  fundingShareBasisPoints: integer('funding_share_basis_points').notNull(),
}, (table) => [
  primaryKey({ name: 'vehicle_partners_pk', columns: [table.organisationId, table.vehicleId, table.partnerOrganisationId] }),
  foreignKey({ name: 'vehicle_partners_vehicle_fk', columns: [table.organisationId, table.vehicleId], foreignColumns: [vehicles.organisationId, vehicles.id] }),
  index('vehicle_partners_partner_idx').on(table.partnerOrganisationId),
]);

/** A vehicle's zones, with their Tier 1 places where the vehicle is tiered. */
export const vehicleZones = pgTable('vehicle_zones', {
  organisationId: uuid('organisation_id').notNull(),
  vehicleId: uuid('vehicle_id').notNull(),
  zoneId: uuid('zone_id').notNull(),
  tier1Places: integer('tier1_places'),
}, (table) => [
  primaryKey({ name: 'vehicle_zones_pk', columns: [table.organisationId, table.vehicleId, table.zoneId] }),
  foreignKey({ name: 'vehicle_zones_vehicle_fk', columns: [table.organisationId, table.vehicleId], foreignColumns: [vehicles.organisationId, vehicles.id] }),
  foreignKey({ name: 'vehicle_zones_zone_fk', columns: [table.organisationId, table.zoneId], foreignColumns: [zones.organisationId, zones.id] }),
]);

/** Lots by zone × need band × service type. */
export const lots = pgTable('lots', {
  organisationId: uuid('organisation_id').notNull(),
  vehicleId: uuid('vehicle_id').notNull(),
  id: uuid('id').notNull(),
  zoneId: uuid('zone_id').notNull(),
  needBand: text('need_band').notNull(),
  serviceType: text('service_type').notNull(),
  title: text('title').notNull(),
}, (table) => [
  primaryKey({ columns: [table.organisationId, table.id] }),
  uniqueIndex('lots_id_idx').on(table.id),
  uniqueIndex('lots_combination_idx').on(table.organisationId, table.vehicleId, table.zoneId, table.needBand, table.serviceType),
  foreignKey({ name: 'lots_vehicle_zone_fk', columns: [table.organisationId, table.vehicleId, table.zoneId], foreignColumns: [vehicleZones.organisationId, vehicleZones.vehicleId, vehicleZones.zoneId] }),
]);
