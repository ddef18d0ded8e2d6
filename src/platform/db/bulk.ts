// Bulk writes and reads for imports. Building a many-row VALUES list through the query builder
// costs far more time than the database spends writing it (and meets PostgreSQL's limit of
// 65,535 bind parameters), so rows travel as one array parameter per column, expanded by unnest.
// Arrays parse several times faster than the same rows as JSON, which matters most on PGlite.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

// Rows per statement: keeps each parameter to a few megabytes.
const ROWS_PER_STATEMENT = 5000;

export interface BulkWriteOptions {
  /** Upsert on this column (its table property name): a row whose key exists replaces the
   *  stored one, except for the columns named in `keep`. */
  conflictKey?: string;
  keep?: readonly string[];
}

/** One value as PostgreSQL's text input for the column's type reads it, or null. */
function textValue(value: unknown, column: PgColumn): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (column.columnType === 'PgJsonb' || column.columnType === 'PgJson') return JSON.stringify(value);
  if (Array.isArray(value)) return textArray(value.map((item) => (item === null ? null : String(item))));
  return String(value);
}

/** A PostgreSQL array literal: every element quoted, so commas, braces and quotes are safe. */
export function textArray(items: readonly (string | null)[]): string {
  const quoted = (item: string) => `"${/[\\"]/.test(item) ? item.replace(/[\\"]/g, '\\$&') : item}"`;
  return `{${items.map((item) => (item === null ? 'NULL' : quoted(item))).join(',')}}`;
}

/**
 * Inserts rows (objects keyed by the table's property names, as Drizzle infers them) in the
 * order given, so serial columns follow it. Columns absent from the first row are left to
 * their database defaults.
 */
export async function bulkWrite<Table extends PgTable>(
  db: Db,
  table: Table,
  rows: readonly Table['$inferInsert'][],
  options: BulkWriteOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const first = rows[0] as Record<string, unknown>;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const columnList = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  // Each column arrives as text[] and is cast to its own type, arrays and jsonb included.
  const typed = sql.join(
    columns.map(([, column], i) => sql`${sql.identifier(`c${i}`)}::${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  const aliases = sql.join(
    columns.map((_, i) => sql.identifier(`c${i}`)),
    sql`, `,
  );
  let conflict: SQL = sql``;
  if (options.conflictKey) {
    const key = getTableColumns(table)[options.conflictKey];
    if (!key) throw new Error(`${options.conflictKey} is not a column of this table`);
    const updated = columns.filter(([name]) => name !== options.conflictKey && !options.keep?.includes(name));
    conflict = sql` on conflict (${sql.identifier(key.name)}) do update set ${sql.join(
      updated.map(([, column]) => sql`${sql.identifier(column.name)} = excluded.${sql.identifier(column.name)}`),
      sql`, `,
    )}`;
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const slice = rows.slice(start, start + ROWS_PER_STATEMENT) as Record<string, unknown>[];
    const arrays = sql.join(
      columns.map(([key, column]) => sql`${textArray(slice.map((row) => textValue(row[key], column)))}::text[]`),
      sql`, `,
    );
    await db.execute(sql`insert into ${table} (${columnList}) select ${typed}
      from unnest(${arrays}) with ordinality as row_set(${aliases}, position) order by position${conflict}`);
  }
}

/** A stored value as Drizzle would give it: timestamps as Dates, everything else as JSON has it. */
function fromJson(value: unknown, dataType: string, columnType: string): unknown {
  if (value !== null && dataType === 'date' && columnType === 'PgTimestamp') return new Date(value as string);
  return value;
}

/**
 * Every row whose `column` is one of `values`. The rows come back aggregated as one JSON value:
 * reading tens of thousands of rows this way takes a fraction of the time of decoding them
 * row by row, and the values travel as one parameter.
 */
export async function bulkReadWhereIn<Table extends PgTable>(
  db: Db,
  table: Table,
  column: string,
  values: readonly string[],
): Promise<Table['$inferSelect'][]> {
  if (values.length === 0) return [];
  const columns = Object.entries(getTableColumns(table));
  const key = getTableColumns(table)[column];
  if (!key) throw new Error(`${column} is not a column of this table`);
  const result = await db.execute<{
    rows: Record<string, unknown>[] | null;
  }>(sql`select json_agg(${table}) as rows from ${table}
    where ${sql.identifier(key.name)} = any(array(select json_array_elements_text(${JSON.stringify(values)}::json)))`);
  const rows = (result as unknown as { rows: { rows: Record<string, unknown>[] | null }[] }).rows[0]?.rows ?? [];
  return rows.map((row) =>
    Object.fromEntries(columns.map(([name, col]) => [name, fromJson(row[col.name], col.dataType, col.columnType)])),
  ) as Table['$inferSelect'][];
}
