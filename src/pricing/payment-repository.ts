// Payment schedules' queries: settings and supplier references, schedules and their lines (written
// in batches, read a page at a time or whole for a file), what was paid for each placement in each
// period already exported, and the sums by payment route, NHS partner and provider.
import { and, asc, desc, eq, gt, inArray, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import { organisations } from '../organisations/schema.ts';
import { paymentLines, paymentSchedules, paymentSettings, supplierReferences } from './payment-schema.ts';

export type SettingsRow = typeof paymentSettings.$inferSelect;
export type ScheduleRow = typeof paymentSchedules.$inferSelect;
export type LineRow = typeof paymentLines.$inferSelect;
export type NewLine = typeof paymentLines.$inferInsert;

export async function settingsOf(db: Db, organisationId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.organisationId, organisationId));
  return row;
}

export async function saveSettings(db: Db, row: SettingsRow): Promise<void> {
  const { organisationId: _key, ...change } = row;
  await db
    .insert(paymentSettings)
    .values(row)
    .onConflictDoUpdate({ target: paymentSettings.organisationId, set: change });
}

export async function nhsOrganisations(db: Db): Promise<{ id: string; name: string; code: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name, code: organisations.code })
    .from(organisations)
    .where(eq(organisations.type, 'nhs'))
    .orderBy(asc(organisations.name));
}

export async function supplierReferencesOf(db: Db, organisationId: string) {
  return db.select().from(supplierReferences).where(eq(supplierReferences.organisationId, organisationId));
}

export async function saveSupplierReference(db: Db, row: typeof supplierReferences.$inferInsert): Promise<void> {
  await db
    .insert(supplierReferences)
    .values(row)
    .onConflictDoUpdate({
      target: [supplierReferences.organisationId, supplierReferences.providerId],
      set: { reference: row.reference, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

/** The providers on one schedule, by name. */
export async function providersOnSchedule(db: Db, organisationId: string, scheduleId: string) {
  return db
    .selectDistinct({ id: paymentLines.providerId, name: paymentLines.providerName })
    .from(paymentLines)
    .where(and(eq(paymentLines.organisationId, organisationId), eq(paymentLines.scheduleId, scheduleId)))
    .orderBy(asc(paymentLines.providerName));
}

export async function organisationName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row?.name;
}

/** The providers on an organisation's schedules, by name. */
export async function providersPaid(db: Db, organisationId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: paymentLines.providerId, name: paymentLines.providerName })
    .from(paymentLines)
    .where(eq(paymentLines.organisationId, organisationId))
    .orderBy(asc(paymentLines.providerName));
}

export async function schedulesOf(db: Db, organisationId: string): Promise<ScheduleRow[]> {
  return db
    .select()
    .from(paymentSchedules)
    .where(eq(paymentSchedules.organisationId, organisationId))
    .orderBy(desc(paymentSchedules.startsOn));
}

export async function scheduleById(db: Db, id: string, forUpdate = false): Promise<ScheduleRow | undefined> {
  const query = db.select().from(paymentSchedules).where(eq(paymentSchedules.id, id));
  const [row] = await (forUpdate ? query.for('update') : query);
  return row;
}

export async function scheduleFor(db: Db, organisationId: string, startsOn: string): Promise<ScheduleRow | undefined> {
  const [row] = await db
    .select()
    .from(paymentSchedules)
    .where(and(eq(paymentSchedules.organisationId, organisationId), eq(paymentSchedules.startsOn, startsOn)))
    .for('update');
  return row;
}

/** Schedules exported after `after`, other than `exceptId`: what a draft made before them has not seen. */
export async function exportedSince(db: Db, organisationId: string, after: Date, exceptId: string) {
  return db
    .select()
    .from(paymentSchedules)
    .where(
      and(
        eq(paymentSchedules.organisationId, organisationId),
        eq(paymentSchedules.status, 'exported'),
        gt(paymentSchedules.exportedAt, after),
        ne(paymentSchedules.id, exceptId),
      ),
    );
}

export async function replaceSchedule(db: Db, schedule: ScheduleRow, lines: readonly NewLine[]): Promise<void> {
  await db
    .delete(paymentLines)
    .where(and(eq(paymentLines.organisationId, schedule.organisationId), eq(paymentLines.scheduleId, schedule.id)));
  await db
    .delete(paymentSchedules)
    .where(and(eq(paymentSchedules.organisationId, schedule.organisationId), eq(paymentSchedules.id, schedule.id)));
  await db.insert(paymentSchedules).values(schedule);
  // 24 columns a line: 2,000 lines a statement stays under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < lines.length; i += 2_000) await db.insert(paymentLines).values(lines.slice(i, i + 2_000));
}

/** Locks an exported schedule: copies in each line's supplier reference and cost centre, and marks it exported. */
export async function markExported(
  db: Db,
  schedule: ScheduleRow,
  costCentres: Record<string, string>,
  at: Date,
  by: string,
): Promise<void> {
  await db.execute(sql`
    update ${paymentLines} as l
    set supplier_reference = r.reference, cost_centre = ${JSON.stringify(costCentres)}::jsonb ->> l.payment_route
    from ${supplierReferences} as r
    where l.organisation_id = ${schedule.organisationId} and l.schedule_id = ${schedule.id}
      and r.organisation_id = l.organisation_id and r.provider_id = l.provider_id`);
  await db
    .update(paymentSchedules)
    .set({ status: 'exported', exportedAt: at, exportedBy: by })
    .where(and(eq(paymentSchedules.organisationId, schedule.organisationId), eq(paymentSchedules.id, schedule.id)));
}

export interface LineQuery {
  organisationId: string;
  scheduleId: string;
  paymentRoute?: string;
  providerId?: string;
  /** Lines with an NHS share only. */
  nhs?: boolean;
  /** Leave out these payment routes (a provider's statement leaves out direct payments). */
  exceptRoutes?: readonly string[];
}

function lineWhere(query: LineQuery): SQL | undefined {
  return and(
    eq(paymentLines.organisationId, query.organisationId),
    eq(paymentLines.scheduleId, query.scheduleId),
    query.paymentRoute ? eq(paymentLines.paymentRoute, query.paymentRoute) : undefined,
    query.providerId ? eq(paymentLines.providerId, query.providerId) : undefined,
    query.nhs ? ne(paymentLines.nhsSharePence, 0) : undefined,
    query.exceptRoutes?.length ? notInArray(paymentLines.paymentRoute, [...query.exceptRoutes]) : undefined,
  );
}

export async function linesOf(db: Db, query: LineQuery, offset = 0, limit = 1_000_000) {
  const where = lineWhere(query);
  const [rows, [count]] = await Promise.all([
    db.select().from(paymentLines).where(where).orderBy(asc(paymentLines.lineNumber)).offset(offset).limit(limit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(paymentLines)
      .where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

const sums = {
  lines: sql<number>`count(*)::int`,
  days: sql<number>`coalesce(sum(${paymentLines.days}), 0)::int`,
  grossPence: sql<number>`coalesce(sum(${paymentLines.grossPence}), 0)::int`,
  contributionPence: sql<number>`coalesce(sum(${paymentLines.contributionPence}), 0)::int`,
  nhsSharePence: sql<number>`coalesce(sum(${paymentLines.nhsSharePence}), 0)::int`,
  netPence: sql<number>`coalesce(sum(${paymentLines.netPence}), 0)::int`,
};

/** A schedule's sums by payment route and kind of line. */
export async function totalsByRoute(db: Db, query: LineQuery) {
  return db
    .select({ paymentRoute: paymentLines.paymentRoute, kind: paymentLines.kind, ...sums })
    .from(paymentLines)
    .where(lineWhere(query))
    .groupBy(paymentLines.paymentRoute, paymentLines.kind);
}

/** A schedule's NHS shares by partner. */
export async function totalsByPartner(db: Db, query: LineQuery) {
  return db
    .select({ nhsPartnerId: paymentLines.nhsPartnerId, ...sums })
    .from(paymentLines)
    .where(lineWhere({ ...query, nhs: true }))
    .groupBy(paymentLines.nhsPartnerId);
}

/** A provider's sums on each exported schedule of every organisation that pays it (its statements). */
export async function statementsOf(db: Db, providerId: string, exceptRoutes: readonly string[]) {
  return db
    .select({
      scheduleId: paymentSchedules.id,
      organisationId: paymentSchedules.organisationId,
      organisationName: organisations.name,
      year: paymentSchedules.year,
      period: paymentSchedules.period,
      startsOn: paymentSchedules.startsOn,
      endsOn: paymentSchedules.endsOn,
      exportedAt: paymentSchedules.exportedAt,
      ...sums,
    })
    .from(paymentLines)
    .innerJoin(
      paymentSchedules,
      and(
        eq(paymentSchedules.organisationId, paymentLines.organisationId),
        eq(paymentSchedules.id, paymentLines.scheduleId),
      ),
    )
    .innerJoin(organisations, eq(organisations.id, paymentSchedules.organisationId))
    .where(
      and(
        eq(paymentLines.providerId, providerId),
        eq(paymentSchedules.status, 'exported'),
        notInArray(paymentLines.paymentRoute, [...exceptRoutes]),
      ),
    )
    .groupBy(paymentSchedules.id, paymentSchedules.organisationId, organisations.name)
    .orderBy(desc(paymentSchedules.startsOn), asc(organisations.name));
}

export interface PaidRow {
  placementId: string;
  forStartsOn: string;
  days: number;
  grossPence: number;
  contributionPence: number;
  nhsSharePence: number;
  netPence: number;
}

/** What exported schedules paid for each placement in each period from `since`: their lines and adjustments. */
export async function paidSince(db: Db, organisationId: string, since: string): Promise<PaidRow[]> {
  return db
    .select({
      placementId: paymentLines.placementId,
      forStartsOn: paymentLines.forStartsOn,
      days: sums.days,
      grossPence: sums.grossPence,
      contributionPence: sums.contributionPence,
      nhsSharePence: sums.nhsSharePence,
      netPence: sums.netPence,
    })
    .from(paymentLines)
    .innerJoin(
      paymentSchedules,
      and(
        eq(paymentSchedules.organisationId, paymentLines.organisationId),
        eq(paymentSchedules.id, paymentLines.scheduleId),
      ),
    )
    .where(
      and(
        eq(paymentLines.organisationId, organisationId),
        eq(paymentSchedules.status, 'exported'),
        sql`${paymentLines.forStartsOn} >= ${since}::date`,
      ),
    )
    .groupBy(paymentLines.placementId, paymentLines.forStartsOn);
}

/** The latest line paid for each of these placements: who and what an adjustment to a placement no longer active names. */
export async function lastLinesOf(db: Db, organisationId: string, placementIds: readonly string[]): Promise<LineRow[]> {
  if (placementIds.length === 0) return [];
  const rows = await db
    .select()
    .from(paymentLines)
    .where(and(eq(paymentLines.organisationId, organisationId), inArray(paymentLines.placementId, [...placementIds])))
    .orderBy(asc(paymentLines.placementId), desc(paymentLines.forStartsOn));
  const latest = new Map<string, LineRow>();
  for (const row of rows) if (!latest.has(row.placementId)) latest.set(row.placementId, row);
  return [...latest.values()];
}
