// A record with the rows that belong to it, read in one statement: the related rows come back as one
// JSON column of the record's row. Every statement costs a round trip (on the embedded engine, a
// millisecond or so of the service's one thread), so a page that shows a vehicle with its lots,
// zones and rounds reads them together rather than one table at a time.
import { getTableColumns, sql, type Column, type GetColumnData, type SQL, type Table } from 'drizzle-orm';

/** The columns to carry, by the name each has in the row read. */
export type NestedFields = Record<string, Column>;
export type NestedRow<T extends NestedFields> = { [K in keyof T]: GetColumnData<T[K], 'query'> };

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * The rows `from` selects (a `from … where …` clause, which may refer to the outer row's columns),
 * as a column of the outer select: each row with `fields`, in `orderBy`'s order, decoded as each
 * column decodes a value read directly (dates, timestamps, arrays, JSON), so they are the same rows
 * a separate select would give.
 */
export function nestedRows<T extends NestedFields>(fields: T, from: SQL, orderBy?: SQL): SQL<NestedRow<T>[]> {
  const entries = Object.entries(fields);
  for (const [name] of entries) if (!FIELD_NAME.test(name)) throw new Error(`Not a field name: ${name}`);
  // Each part is a nested SQL, so the outer select never strips a column's table from it.
  const object = sql.join(
    entries.map(([name, column]) => sql`${sql.raw(`'${name}'`)}, ${column}`),
    sql`, `,
  );
  const order = orderBy ? sql` order by ${orderBy}` : sql``;
  return sql`coalesce((select json_agg(json_build_object(${object})${order}) ${from}), '[]'::json)`.mapWith(
    (value: unknown) => {
      const rows = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[];
      return rows.map((row) =>
        Object.fromEntries(
          entries.map(([name, column]) => [name, row[name] == null ? null : column.mapFromDriverValue(row[name])]),
        ),
      ) as NestedRow<T>[];
    },
  );
}

/** Every column of the rows of `table` that `where` picks (it may refer to the outer row), as nestedRows gives them. */
export function nestedTableRows<T extends Table>(table: T, where: SQL | undefined, orderBy?: SQL) {
  return nestedRows(getTableColumns(table), sql`from ${table} where ${where}`, orderBy);
}
