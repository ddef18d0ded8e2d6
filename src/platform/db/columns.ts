// Column and key helpers every part's schema uses. Commissioning records are keyed by their
// organisation first (organisation id, then id), so the data can later be distributed by
// organisation without changing a key (DESIGN.md, tenancy).
import { customType, foreignKey, primaryKey, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A moment in time, kept with its time zone. */
export const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The primary key of a commissioning record: its organisation and its id. */
export const tenantKey = (name: string, table: { organisationId: AnyPgColumn; id: AnyPgColumn }) =>
  primaryKey({ name, columns: [table.organisationId, table.id] });

/** A reference to another record of the same organisation. */
export const tenantReference = (
  name: string,
  organisationId: AnyPgColumn,
  id: AnyPgColumn,
  target: { organisationId: AnyPgColumn; id: AnyPgColumn },
) => foreignKey({ name, columns: [organisationId, id], foreignColumns: [target.organisationId, target.id] });

/** Binary content, as Buffers in and out (PGlite gives Uint8Array, node-postgres Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
