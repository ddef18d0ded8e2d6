// KPIs' queries: a vehicle's definitions, providers' returns and their figures, and the memberships
// returns are made for (procurement keeps memberships; quality only reads these facts of them).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { kpiDefinitions, kpiReturns, kpiReturnValues } from './kpi-schema.ts';

// The count of returns never made, per provider, for the risk dashboard: said once, in kpi-schedule.ts.
export { missingReturnCounts } from './kpi-schedule.ts';

export type DefinitionRow = typeof kpiDefinitions.$inferSelect;
export type ReturnRow = typeof kpiReturns.$inferSelect;
export type ValueRow = typeof kpiReturnValues.$inferSelect;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The definitions of one vehicle, or of several, in the order they were made. */
export function definitionsOf(db: Db, organisationId: string, vehicleIds: readonly string[]): Promise<DefinitionRow[]> {
  if (vehicleIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(kpiDefinitions)
    .where(and(eq(kpiDefinitions.organisationId, organisationId), inArray(kpiDefinitions.vehicleId, [...vehicleIds])))
    .orderBy(asc(kpiDefinitions.createdAt), asc(kpiDefinitions.name));
}

export async function definitionById(db: Db, organisationId: string, id: string): Promise<DefinitionRow | undefined> {
  const [row] = await db
    .select()
    .from(kpiDefinitions)
    .where(and(eq(kpiDefinitions.organisationId, organisationId), eq(kpiDefinitions.id, id)));
  return row;
}

export async function insertDefinitions(db: Db, rows: (typeof kpiDefinitions.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(kpiDefinitions).values(rows);
}

export async function updateDefinition(
  db: Db,
  organisationId: string,
  id: string,
  changes: Partial<typeof kpiDefinitions.$inferInsert>,
): Promise<void> {
  await db
    .update(kpiDefinitions)
    .set(changes)
    .where(and(eq(kpiDefinitions.organisationId, organisationId), eq(kpiDefinitions.id, id)));
}

/** A membership as KPI returns need it: whose, on which vehicle, and the days it ran. */
export interface MembershipFacts {
  organisationId: string;
  id: string;
  vehicleId: string;
  vehicleName: string;
  providerId: string;
  providerName: string;
  lotTitle: string;
  status: string;
  startOn: string | null;
  endOn: string | null;
}

const MEMBERSHIP_FACTS = sql`
  select m.organisation_id as "organisationId", m.id, m.vehicle_id as "vehicleId", v.name as "vehicleName",
    m.provider_id as "providerId", p.name as "providerName", l.title as "lotTitle", m.status,
    m.start_on::text as "startOn", m.end_on::text as "endOn"
  from memberships m
  join vehicles v on v.organisation_id = m.organisation_id and v.id = m.vehicle_id
  join lots l on l.organisation_id = m.organisation_id and l.id = m.lot_id
  join providers p on p.id = m.provider_id`;

export async function membershipById(db: Db, id: string): Promise<MembershipFacts | undefined> {
  return rowsOf<MembershipFacts>(await db.execute(sql`${MEMBERSHIP_FACTS} where m.id = ${id}::uuid`))[0];
}

/** The memberships a return may be made for: an organisation's (one vehicle's, or all) or a provider's anywhere. */
export async function membershipsWhere(
  db: Db,
  where: { organisationId?: string; vehicleId?: string; providerId?: string },
): Promise<MembershipFacts[]> {
  const conditions = [
    sql`m.status <> 'awarded'`,
    where.organisationId ? sql`m.organisation_id = ${where.organisationId}::uuid` : undefined,
    where.vehicleId ? sql`m.vehicle_id = ${where.vehicleId}::uuid` : undefined,
    where.providerId ? sql`m.provider_id = ${where.providerId}::uuid` : undefined,
  ].filter((condition) => condition !== undefined);
  return rowsOf<MembershipFacts>(
    await db.execute(sql`${MEMBERSHIP_FACTS} where ${sql.join(conditions, sql` and `)} order by p.name, l.title`),
  );
}

export async function returnOf(
  db: Db,
  organisationId: string,
  membershipId: string,
  quarter: string,
): Promise<ReturnRow | undefined> {
  const [row] = await db
    .select()
    .from(kpiReturns)
    .where(
      and(
        eq(kpiReturns.organisationId, organisationId),
        eq(kpiReturns.membershipId, membershipId),
        eq(kpiReturns.quarter, quarter),
      ),
    );
  return row;
}

export function valuesOf(db: Db, organisationId: string, returnIds: readonly string[]): Promise<ValueRow[]> {
  if (returnIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(kpiReturnValues)
    .where(and(eq(kpiReturnValues.organisationId, organisationId), inArray(kpiReturnValues.returnId, [...returnIds])));
}

/** A vehicle's returns, for some quarters (or all), with their figures. */
export async function returnsOfVehicle(
  db: Db,
  organisationId: string,
  vehicleId: string,
  quarters?: readonly string[],
): Promise<{ returns: ReturnRow[]; values: ValueRow[] }> {
  const returns = await db
    .select()
    .from(kpiReturns)
    .where(
      and(
        eq(kpiReturns.organisationId, organisationId),
        eq(kpiReturns.vehicleId, vehicleId),
        quarters ? inArray(kpiReturns.quarter, [...quarters]) : undefined,
      ),
    );
  return {
    returns,
    values: await valuesOf(
      db,
      organisationId,
      returns.map((row) => row.id),
    ),
  };
}

/** Saves a return and its figures, replacing a return for the same quarter where there is one. */
export async function saveReturn(db: Db, row: ReturnRow, values: ValueRow[], replacing?: ReturnRow): Promise<void> {
  if (replacing) {
    await db
      .delete(kpiReturnValues)
      .where(and(eq(kpiReturnValues.organisationId, row.organisationId), eq(kpiReturnValues.returnId, replacing.id)));
    await db
      .update(kpiReturns)
      .set(row)
      .where(and(eq(kpiReturns.organisationId, row.organisationId), eq(kpiReturns.id, replacing.id)));
  } else await db.insert(kpiReturns).values(row);
  if (values.length > 0) await db.insert(kpiReturnValues).values(values);
}

export async function insertReturns(db: Db, returns: ReturnRow[], values: ValueRow[]): Promise<void> {
  if (returns.length > 0) await db.insert(kpiReturns).values(returns);
  if (values.length > 0) await db.insert(kpiReturnValues).values(values);
}

/** Yes answers and answers given (not "rather not say") to one survey statement, per provider and quarter answered in. */
export async function surveyFigures(
  db: Db,
  organisationId: string,
  statement: string,
  where: { providerId?: string; from: string; to: string },
): Promise<
  { providerId: string; quarterStartsOn: string; responses: number; answered: number; yes: number; given: number }[]
> {
  // The financial quarter is the calendar quarter three months on: April–June is Q1.
  return rowsOf(
    await db.execute(sql`
      select provider_id as "providerId",
        (date_trunc('quarter', answered_on - interval '3 months') + interval '3 months')::date::text as "quarterStartsOn",
        count(*)::int as responses,
        count(*) filter (where answers ? ${statement})::int as answered,
        count(*) filter (where answers->>${statement} = 'yes')::int as yes,
        count(*) filter (where answers->>${statement} in ('yes', 'sometimes', 'no'))::int as given
      from survey_responses
      where organisation_id = ${organisationId}::uuid and answered_on between ${where.from}::date and ${where.to}::date
        ${where.providerId ? sql`and provider_id = ${where.providerId}::uuid` : sql``}
      group by 1, 2`),
  );
}

/** The organisation's vehicles (one, or all), as KPI pages name them. */
export async function vehiclesOf(
  db: Db,
  organisationId: string,
  id?: string,
): Promise<{ id: string; name: string; reference: string; kind: string; status: string }[]> {
  return rowsOf(
    await db.execute(sql`
      select id, name, reference, kind, status from vehicles
      where organisation_id = ${organisationId}::uuid ${id ? sql`and id = ${id}::uuid` : sql``}
      order by name`),
  );
}
