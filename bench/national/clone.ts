// The demo county, loaded through the services, copied to other councils in bulk SQL: every table
// that carries an organisation id, its rows copied with each of the county's own ids (its records,
// its staff, the county and its NHS partner) turned into the copy's by a digest of the council's
// number and the id, so each copy keeps the county's shape, links and constraints. Providers and
// their services are shared, as in life, so every copy places people with the same registry.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../src/platform/db/client.ts';
import { rowsOf } from './sql.ts';

/** Columns that name the shared registry: kept as they are in every copy. */
const SHARED = new Set([
  'provider_id',
  'care_provider_id',
  'location_id',
  'off_framework_provider_id',
  'asked_by_provider_id',
  'receiving_provider_id',
]);

/** Text that must stay unique across every organisation, made the copy's own. */
const UNIQUE_TEXT: Record<string, Record<string, string>> = {
  notifications: { idempotency_key: `idempotency_key || ':' || c` },
  survey_links: { token_hash: `md5(token_hash || ':' || c)` },
};

interface Column {
  table: string;
  column: string;
  type: string;
  serial: boolean;
}

async function columnsOfTenantTables(db: Tx): Promise<Map<string, Column[]>> {
  const rows = await rowsOf<{
    table_name: string;
    column_name: string;
    udt_name: string;
    column_default: string | null;
  }>(
    db,
    sql`select c.table_name, c.column_name, c.udt_name, c.column_default
        from information_schema.columns c
        where c.table_schema = 'public' and c.table_name in (
          select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'organisation_id')
          and c.table_name not in ('audit_events', 'users')
        order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of rows) {
    const list = tables.get(row.table_name) ?? [];
    list.push({
      table: row.table_name,
      column: row.column_name,
      type: row.udt_name,
      serial: row.column_default?.startsWith('nextval') ?? false,
    });
    tables.set(row.table_name, list);
  }
  return tables;
}

/** The tables in an order that writes every row after the rows it refers to. */
async function inDependencyOrder(db: Tx, tables: readonly string[]): Promise<string[]> {
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select conrelid::regclass::text as child, confrelid::regclass::text as parent
        from pg_constraint where contype = 'f' and conrelid <> confrelid`,
  );
  const wanted = new Set(tables);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (table) =>
        !placed.has(table) &&
        edges.every((edge) => edge.child !== table || !wanted.has(edge.parent) || placed.has(edge.parent)),
    );
    if (ready.length === 0) throw new Error('The tables refer to each other in a circle');
    for (const table of ready) {
      placed.add(table);
      ordered.push(table);
    }
  }
  return ordered;
}

/** A column's value in copy c: the county's ids turned into the copy's, the shared registry's kept. */
function copied(column: Column): string {
  const name = `"${column.column}"`;
  const override = UNIQUE_TEXT[column.table]?.[column.column];
  if (override) return override;
  if (SHARED.has(column.column)) return name;
  if (column.type === 'uuid') return `pg_temp.copy_id(c, ${name})`;
  if (column.type === '_uuid')
    return `array(select pg_temp.copy_id(c, e) from unnest(${name}) with ordinality u(e, n) order by n)`;
  return name;
}

/**
 * Copies the organisations given (the demo county and its NHS partner) to councils `first`..`last`,
 * each with its staff (e-mail addresses made its own) and every row of theirs.
 */
export async function copyOrganisations(
  db: Db,
  organisationIds: readonly string[],
  first: number,
  last: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const ids = sql.join(
      organisationIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const tables = await columnsOfTenantTables(tx);
    await tx.execute(sql`create temporary table copy_ids (id uuid primary key) on commit drop`);
    await tx.execute(sql`insert into copy_ids select id from organisations where id in (${ids})`);
    await tx.execute(sql`insert into copy_ids select id from users where organisation_id in (${ids})`);
    for (const [table, columns] of tables) {
      if (!columns.some((column) => column.column === 'id' && column.type === 'uuid')) continue;
      await tx.execute(
        sql.raw(`insert into copy_ids select id from "${table}" where organisation_id in (
          select id from copy_ids) on conflict do nothing`),
      );
    }
    await tx.execute(sql`analyze copy_ids`);
    await tx.execute(sql`
      create function pg_temp.copy_id(c int, x uuid) returns uuid language sql stable as $$
        select case when exists (select 1 from copy_ids where id = x) then md5(c || ':' || x)::uuid else x end
      $$`);
    const councils = sql`generate_series(${first}::int, ${last}::int) c`;
    await tx.execute(sql`
      insert into organisations (id, code, name, type, is_demo, created_at)
      select pg_temp.copy_id(c, id), code || '-' || c,
        case when type = 'council' then 'Council ' || c || ' (bench)' else 'NHS partner of council ' || c || ' (bench)' end,
        type, true, created_at
      from organisations, ${councils} where id in (${ids})`);
    await tx.execute(sql`
      insert into users (id, email, name, password_hash, roles, organisation_id, active, created_at)
      select pg_temp.copy_id(c, id), split_part(email, '@', 1) || '@council-' || c || '.' || split_part(email, '@', 2),
        name, password_hash, roles, pg_temp.copy_id(c, organisation_id), active, created_at
      from users, ${councils} where organisation_id in (${ids})`);
    for (const table of await inDependencyOrder(tx, [...tables.keys()])) {
      const columns = tables.get(table)!.filter((column) => !column.serial);
      const names = columns.map((column) => `"${column.column}"`).join(', ');
      const values: SQL = sql.raw(columns.map(copied).join(', '));
      await tx.execute(sql`
        insert into ${sql.identifier(table)} (${sql.raw(names)})
        select ${values} from ${sql.identifier(table)}, ${councils} where organisation_id in (${ids})`);
    }
  });
}
