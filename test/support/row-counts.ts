// How many rows every table holds, in one query: a refused request must leave each count as it was.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';

export type RowCounts = Record<string, number>;

/** Counts the rows of every table in the public schema (the migrations' own bookkeeping is elsewhere). */
export async function rowCounter(db: Db): Promise<() => Promise<RowCounts>> {
  const { rows } = (await db.execute(
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )) as unknown as { rows: { name: string }[] };
  const count = sql.raw(
    `select ${rows.map(({ name }) => `(select count(*)::int from "${name}") as "${name}"`).join(', ')}`,
  );
  return async () => ((await db.execute(count)) as unknown as { rows: RowCounts[] }).rows[0]!;
}

/** The tables whose counts differ, with before → after, for a failure's message. */
export function changedCounts(before: RowCounts, after: RowCounts): string[] {
  return Object.keys(after)
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`);
}
