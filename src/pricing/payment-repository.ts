// Payment schedules' queries: settings and supplier references, schedules and their lines (written
// in batches, read a page at a time or whole for a file), what was paid for each placement in each
// period already exported, and the sums by payment route, NHS partner and provider.
import { and, asc, desc, eq, gt, inArray, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { pageWithTotal } from '../platform/db/page.ts';
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
  // 10,000 lines a statement, each statement's lines one JSON parameter read by json_to_recordset:
  // far quicker than a parameter a value on PostgreSQL and PGlite alike.
  for (let i = 0; i < lines.length; i += 10_000) {
    const rows = lines
      .slice(i, i + 10_000)
      .map((line) => [
        line.organisationId,
        line.scheduleId,
        line.lineNumber,
        line.kind,
        line.placementId,
        line.providerId,
        line.providerName,
        line.caseReference,
        line.paymentRoute,
        line.forStartsOn,
        line.forPeriod,
        line.fromOn,
        line.toOn,
        line.days,
        line.weeklyPricePence ?? null,
        line.grossPence,
        line.contributionPence,
        line.nhsPercent,
        line.nhsSharePence,
        line.netPence,
        line.nhsPartnerId ?? null,
        line.reason ?? null,
      ]);
    await db.execute(sql`
      insert into ${paymentLines} (organisation_id, schedule_id, line_number, kind, placement_id, provider_id,
        provider_name, case_reference, payment_route, for_starts_on, for_period, from_on, to_on, days,
        weekly_price_pence, gross_pence, contribution_pence, nhs_percent, nhs_share_pence, net_pence,
        nhs_partner_id, reason, basis)
      select (r->>0)::uuid, (r->>1)::uuid, (r->>2)::int, r->>3, (r->>4)::uuid, (r->>5)::uuid,
        r->>6, r->>7, r->>8, (r->>9)::date, r->>10, (r->>11)::date, (r->>12)::date, (r->>13)::int,
        (r->>14)::int, (r->>15)::int, (r->>16)::int, (r->>17)::int, (r->>18)::int, (r->>19)::int,
        (r->>20)::uuid, r->>21, r->>22
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as r`);
  }
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
  return pageWithTotal(
    db.select().from(paymentLines).where(where).orderBy(asc(paymentLines.lineNumber)).offset(offset).limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(paymentLines)
      .where(where),
    { offset, limit },
  );
}

/** Sums of a line column: bigint, as a large schedule passes what an integer holds, read back as a number. */
const total = (column: AnyPgColumn) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);
const sums = {
  lines: sql<number>`count(*)::int`,
  days: total(paymentLines.days),
  grossPence: total(paymentLines.grossPence),
  contributionPence: total(paymentLines.contributionPence),
  nhsSharePence: total(paymentLines.nhsSharePence),
  netPence: total(paymentLines.netPence),
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

const exportedLines = (organisationId: string, since: string) =>
  and(
    eq(paymentLines.organisationId, organisationId),
    eq(paymentSchedules.status, 'exported'),
    sql`${paymentLines.forStartsOn} >= ${since}::date`,
  );
const ofExported = and(
  eq(paymentSchedules.organisationId, paymentLines.organisationId),
  eq(paymentSchedules.id, paymentLines.scheduleId),
);

/** For each placement paid by exported schedules from `since`, the digests its lines were made from (lowest and highest). */
export async function paidBases(db: Db, organisationId: string, since: string) {
  return db
    .select({
      placementId: paymentLines.placementId,
      low: sql<string | null>`min(${paymentLines.basis})`,
      high: sql<string | null>`max(${paymentLines.basis})`,
    })
    .from(paymentLines)
    .innerJoin(paymentSchedules, ofExported)
    .where(exportedLines(organisationId, since))
    .groupBy(paymentLines.placementId);
}

/** What exported schedules paid for these placements in each period from `since`: their lines and adjustments. */
export async function paidSince(
  db: Db,
  organisationId: string,
  since: string,
  placementIds: readonly string[],
): Promise<PaidRow[]> {
  if (placementIds.length === 0) return [];
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
    .innerJoin(paymentSchedules, ofExported)
    .where(
      and(
        exportedLines(organisationId, since),
        sql`${paymentLines.placementId} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(placementIds)}::jsonb))`,
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
    .where(
      and(
        eq(paymentLines.organisationId, organisationId),
        sql`${paymentLines.placementId} in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(placementIds)}::jsonb))`,
      ),
    )
    .orderBy(asc(paymentLines.placementId), desc(paymentLines.forStartsOn));
  const latest = new Map<string, LineRow>();
  for (const row of rows) if (!latest.has(row.placementId)) latest.set(row.placementId, row);
  return [...latest.values()];
}

/** Every payment line of these placements, by the period paid for: for the placed person's subject access export. */
export async function linesOfPlacements(db: Db, organisationId: string, placementIds: readonly string[]) {
  if (placementIds.length === 0) return [];
  return db
    .select()
    .from(paymentLines)
    .where(and(eq(paymentLines.organisationId, organisationId), inArray(paymentLines.placementId, [...placementIds])))
    .orderBy(asc(paymentLines.forStartsOn), asc(paymentLines.scheduleId), asc(paymentLines.lineNumber));
}

/** What each exported schedule paid each provider for `placementIds`: one payment a schedule, by when it was exported. */
export async function exportedPaymentsFor(
  db: Db,
  organisationId: string,
  placementIds: readonly string[],
): Promise<{ scheduleId: string; exportedAt: Date; providerId: string; netPence: number }[]> {
  if (placementIds.length === 0) return [];
  const rows = await db
    .select({
      scheduleId: paymentLines.scheduleId,
      exportedAt: paymentSchedules.exportedAt,
      providerId: paymentLines.providerId,
      netPence: sql<string>`sum(${paymentLines.netPence})`,
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
        inArray(paymentLines.placementId, [...placementIds]),
      ),
    )
    .groupBy(paymentLines.scheduleId, paymentSchedules.exportedAt, paymentLines.providerId);
  return rows.map((row) => ({
    scheduleId: row.scheduleId,
    exportedAt: new Date(row.exportedAt!),
    providerId: row.providerId,
    netPence: Number(row.netPence),
  }));
}
