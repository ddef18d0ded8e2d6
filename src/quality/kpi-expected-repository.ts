// The returns providers owe: each membership's quarters (while it ran, for quarters its vehicle asks
// a KPI for) beside the return made, if any. The quarters and their due days come in as a list per
// organisation (each keeps its own working days and bank holidays), so every question here is
// one statement however many organisations, providers and memberships it covers.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';

export interface QuarterDue {
  organisationId: string;
  quarter: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
}

export const EXPECTED_STATUSES = ['due', 'submitted', 'late', 'missing'] as const;
export type ExpectedStatus = (typeof EXPECTED_STATUSES)[number];

export interface ExpectedFilter {
  organisationId?: string;
  providerId?: string;
  vehicleId?: string;
  membershipId?: string;
  quarter?: string;
  status?: ExpectedStatus;
}

export const EXPECTED_SORTS = ['quarter', 'provider', 'vehicle', 'due'] as const;
export type ExpectedSort = (typeof EXPECTED_SORTS)[number];

export interface ExpectedReturn {
  organisationId: string;
  organisationName: string;
  membershipId: string;
  vehicleId: string;
  vehicleName: string;
  providerId: string;
  providerName: string;
  lotTitle: string;
  quarter: string;
  dueOn: string;
  status: ExpectedStatus;
  returnId: string | null;
  submittedOn: string | null;
  version: number | null;
  /** Days past the due day with no return, where missing. */
  daysOverdue: number | null;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The membership–quarter pairs a return is owed for, with the return where made, as a subquery. */
function expected(quarters: readonly QuarterDue[], today: string): SQL {
  const values = sql.join(
    quarters.map(
      (q) =>
        sql`(${q.organisationId}::uuid, ${q.quarter}::text, ${q.startsOn}::date, ${q.endsOn}::date, ${q.dueOn}::date)`,
    ),
    sql`, `,
  );
  return sql`
    with q (organisation_id, quarter, starts_on, ends_on, due_on) as (values ${values})
    select m.organisation_id, m.id as membership_id, m.vehicle_id, m.provider_id, m.lot_id, q.quarter, q.due_on,
      r.id as return_id, r.submitted_on, r.version,
      case when r.id is not null then (case when r.late then 'late' else 'submitted' end)
        when q.due_on < ${today}::date then 'missing' else 'due' end as status
    from q
    join memberships m on m.organisation_id = q.organisation_id and m.status <> 'awarded'
      and m.start_on <= q.ends_on and (m.end_on is null or m.end_on >= q.starts_on)
    left join kpi_returns r on r.organisation_id = m.organisation_id and r.membership_id = m.id and r.quarter = q.quarter
    where exists (
      select 1 from kpi_definitions d
      where d.organisation_id = m.organisation_id and d.vehicle_id = m.vehicle_id and d.source = 'return'
        and d.first_quarter <= q.quarter and (d.retired_after is null or q.quarter <= d.retired_after))`;
}

const SORT_COLUMNS: Record<ExpectedSort, SQL> = {
  quarter: sql`e.quarter`,
  provider: sql`p.name`,
  vehicle: sql`v.name`,
  due: sql`e.due_on`,
};

function conditions(filter: ExpectedFilter): SQL {
  const all = [
    filter.organisationId ? sql`e.organisation_id = ${filter.organisationId}::uuid` : undefined,
    filter.providerId ? sql`e.provider_id = ${filter.providerId}::uuid` : undefined,
    filter.vehicleId ? sql`e.vehicle_id = ${filter.vehicleId}::uuid` : undefined,
    filter.membershipId ? sql`e.membership_id = ${filter.membershipId}::uuid` : undefined,
    filter.quarter ? sql`e.quarter = ${filter.quarter}` : undefined,
    filter.status ? sql`e.status = ${filter.status}` : undefined,
  ].filter((condition) => condition !== undefined);
  return all.length > 0 ? sql`where ${sql.join(all, sql` and `)}` : sql``;
}

/** One page of the returns owed, filtered and sorted in SQL, with the whole count. */
export async function expectedReturns(
  db: Db,
  quarters: readonly QuarterDue[],
  today: string,
  filter: ExpectedFilter,
  sort: { key: ExpectedSort; direction: 'asc' | 'desc' },
  window: { offset: number; limit: number },
): Promise<{ total: number; rows: ExpectedReturn[] }> {
  if (quarters.length === 0) return { total: 0, rows: [] };
  const direction = sort.direction === 'desc' ? sql`desc` : sql`asc`;
  const rows = rowsOf<ExpectedReturn & { total: number }>(
    await db.execute(sql`
      select e.organisation_id as "organisationId", o.name as "organisationName", e.membership_id as "membershipId",
        e.vehicle_id as "vehicleId", v.name as "vehicleName", e.provider_id as "providerId", p.name as "providerName",
        l.title as "lotTitle", e.quarter, e.due_on::text as "dueOn", e.status, e.return_id as "returnId",
        e.submitted_on::text as "submittedOn", e.version,
        case when e.status = 'missing' then (${today}::date - e.due_on) end as "daysOverdue",
        count(*) over ()::int as total
      from (${expected(quarters, today)}) e
      join organisations o on o.id = e.organisation_id
      join vehicles v on v.organisation_id = e.organisation_id and v.id = e.vehicle_id
      join lots l on l.organisation_id = e.organisation_id and l.id = e.lot_id
      join providers p on p.id = e.provider_id
      ${conditions(filter)}
      order by ${SORT_COLUMNS[sort.key]} ${direction}, e.quarter desc, p.name, l.title, e.membership_id
      offset ${window.offset} limit ${window.limit}`),
  );
  return { total: rows[0]?.total ?? (window.offset > 0 ? await countOf(db, quarters, today, filter) : 0), rows };
}

async function countOf(db: Db, quarters: readonly QuarterDue[], today: string, filter: ExpectedFilter) {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from (${expected(quarters, today)}) e ${conditions(filter)}`),
  );
  return row?.n ?? 0;
}

/** For each provider, how many returns owed with a due day in [since, today) were never made. */
export async function missingCounts(
  db: Db,
  quarters: readonly QuarterDue[],
  today: string,
  since: string,
): Promise<{ organisationId: string; providerId: string; missing: number }[]> {
  const inWindow = quarters.filter((q) => q.dueOn >= since && q.dueOn < today);
  if (inWindow.length === 0) return [];
  return rowsOf(
    await db.execute(sql`
      select e.organisation_id as "organisationId", e.provider_id as "providerId", count(*)::int as missing
      from (${expected(inWindow, today)}) e
      where e.status = 'missing'
      group by e.organisation_id, e.provider_id
      order by e.organisation_id, e.provider_id`),
  );
}

/** Organisations with KPIs (all, or those named): their code (whose bank holidays), return working days and first quarter asked. */
export async function organisationsWithKpis(
  db: Db,
  organisationIds?: readonly string[],
): Promise<{ id: string; code: string; workingDays: number | null; firstQuarter: string }[]> {
  if (organisationIds?.length === 0) return [];
  const only = organisationIds
    ? sql`where d.organisation_id in (${sql.join(
        organisationIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  return rowsOf(
    await db.execute(sql`
      select o.id, o.code, s.kpi_return_working_days as "workingDays", min(d.first_quarter) as "firstQuarter"
      from kpi_definitions d
      join organisations o on o.id = d.organisation_id
      left join quality_settings s on s.organisation_id = d.organisation_id
      ${only}
      group by o.id, o.code, s.kpi_return_working_days`),
  );
}
