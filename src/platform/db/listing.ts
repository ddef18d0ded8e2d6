// Pieces of the SQL a declared list is read with.
import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * How many rows of `child` point at each row of the outer query's `parent`. Drizzle writes a column
 * of a one-table query without its table, so inside the subquery a bare "id" would be the child's
 * own (and every count 0): the parent's id is named in full.
 */
export function childCount(child: PgTable, foreignKey: AnyColumn, parent: PgTable, parentId: AnyColumn) {
  return sql<number>`(select count(*)::int from ${child} where ${foreignKey} = ${parent}.${sql.identifier(parentId.name)})`;
}

/** An ORDER BY term in the direction the list was asked for. */
export const inDirection = (direction: 'asc' | 'desc') => (column: SQL | AnyColumn) =>
  direction === 'desc' ? desc(column) : asc(column);
