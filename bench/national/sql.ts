// What the national-scale generator and the benchmarks share: rows of a raw query, a table's size,
// and ids made from a digest of a prefix and a number, so every run writes the same rows.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../src/platform/db/client.ts';

export async function rowsOf<Row>(db: Db | Tx, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

export async function count(db: Db, table: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row!.n;
}

/** A uuid from a digest of the prefix and the SQL expression `n`: the same for the same number. */
export const id = (prefix: string, n: string) => sql.raw(`md5('${prefix}' || ${n})::uuid`);
