// How repositories order a list in SQL: by a column either way with the unknown (not
// assessed, no zone) last, and by a value's place in its life (a band, a referral's status).
import { sql, type AnyColumn, type Column, type SQL, type Table } from 'drizzle-orm';

export type Direction = 'asc' | 'desc';
export interface Sort<K extends string> {
  key: K;
  direction: Direction;
}

/** The column in the direction asked, nulls last either way. */
export const ordered = (column: SQL | AnyColumn, direction: Direction): SQL =>
  direction === 'desc' ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;

/** Each value's place in `values` (0, 1, …), null for any other. */
export const rankOf = (column: SQL | AnyColumn, values: readonly string[]): SQL<number | null> =>
  sql`(case ${column} ${sql.join(
    values.map((value, i) => sql`when ${value} then ${sql.raw(String(i))}`),
    sql` `,
  )} end)`;

/**
 * A column named with its table, for a subquery that refers to the outer query's row: Drizzle
 * writes a column of a one-table query without its table, where it would mean the subquery's own.
 */
export const outer = (table: Table, column: Column): SQL => sql`${table}.${sql.identifier(column.name)}`;
