// Payment schedules: a period's schedule generated from brokerage's placements (through its payment
// feed), checked, exported for the finance system and locked; later changes to a period already
// exported paid as adjustments in the next schedule. Settings and supplier references are in
// payment-settings-service.ts; the files, the NHS recharge and providers' statements in
// payment-file-service.ts. Every page, API operation and file goes through these.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { PAYMENT_ROUTES, type PaymentRoute } from '../brokerage/domain/people.ts';
import { paymentFeed, type FeedPlacement } from '../brokerage/payment-feed-service.ts';
import {
  adjustment,
  adjustmentReason,
  financialYearOf,
  linesFor,
  nhsPercentOf,
  NO_AMOUNTS,
  periodLabel,
  periodProblems,
  periodsOf,
  sumAmounts,
  type Amounts,
  type Period,
} from './domain/payment.ts';
import { generateInput, lineQuery, type LineFilter } from './payment-input.ts';
import * as repository from './payment-repository.ts';
import { PAYMENT_READERS, PAYMENT_RUNNERS, settingsFor } from './payment-settings-service.ts';

const today = () => isoDateInLondon(new Date());

export type Schedule = repository.ScheduleRow & { label: string };
export const described = (row: repository.ScheduleRow): Schedule => ({
  ...row,
  label: periodLabel({ year: row.year, number: row.period }),
});

/** The periods of the financial year so far (begun by today), newest first, each with its schedule if made. */
export async function periodsSoFar(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, PAYMENT_READERS);
  const [settings, schedules] = await Promise.all([
    settingsFor(db, organisationId),
    repository.schedulesOf(db, organisationId),
  ]);
  const byStart = new Map(schedules.map((row) => [row.startsOn, described(row)]));
  const now = today();
  const year = financialYearOf(now);
  return {
    settings,
    periods: periodsOf(year, settings.periodKind)
      .filter((period) => period.startsOn <= now)
      .reverse()
      .map((period) => ({ ...period, label: periodLabel(period), schedule: byStart.get(period.startsOn) ?? null })),
    /** Schedules of earlier years, or of another kind of period. */
    earlier: schedules.filter((row) => row.year < year).map(described),
  };
}

export async function listSchedules(db: Db, viewer: CurrentUser): Promise<Schedule[]> {
  const organisationId = staffOrganisation(viewer, PAYMENT_READERS);
  return (await repository.schedulesOf(db, organisationId)).map(described);
}

export async function scheduleOf(db: Db, viewer: CurrentUser, id: string, roles = PAYMENT_READERS): Promise<Schedule> {
  const organisationId = staffOrganisation(viewer, roles);
  const row = isUuid(id) ? await repository.scheduleById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  return described(row);
}

interface PeriodRef {
  startsOn: string;
  label: string;
  period: Pick<Period, 'startsOn' | 'endsOn'>;
}

const lineOf = (
  schedule: repository.ScheduleRow,
  placement: Pick<FeedPlacement, 'placementId' | 'providerId' | 'providerName' | 'caseReference' | 'paymentRoute'>,
  nhsPartnerId: string | null,
  nhsPercent: number,
  rest: Amounts & { forStartsOn: string; forPeriod: string; fromOn: string; toOn: string; basis: string | null },
  extra: { kind: 'payment'; weeklyPricePence: number } | { kind: 'adjustment'; reason: string },
): repository.NewLine => ({
  organisationId: schedule.organisationId,
  scheduleId: schedule.id,
  lineNumber: 0,
  placementId: placement.placementId,
  providerId: placement.providerId,
  providerName: placement.providerName,
  caseReference: placement.caseReference,
  paymentRoute: placement.paymentRoute,
  nhsPercent,
  nhsPartnerId: rest.nhsSharePence !== 0 ? nhsPartnerId : null,
  weeklyPricePence: null,
  reason: null,
  ...rest,
  ...extra,
});

/**
 * Adjustments for periods already exported: for each placement and period, what should have been
 * paid (worked out again now) less what was paid, by its lines and any adjustments since.
 */
async function adjustmentsFor(
  db: Db,
  schedule: repository.ScheduleRow,
  feed: readonly FeedPlacement[],
  exported: readonly PeriodRef[],
  nhsPartnerId: string | null,
): Promise<repository.NewLine[]> {
  if (exported.length === 0) return [];
  const since = exported.reduce((min, ref) => (ref.startsOn < min ? ref.startsOn : min), exported[0]!.startsOn);
  const until = exported.reduce((max, ref) => (ref.period.endsOn > max ? ref.period.endsOn : max), since);
  // Only placements whose facts changed since they were paid (or that were never paid for days they
  // now had in those periods, or that were paid and are no longer active) need working out again.
  const bases = new Map(
    (await repository.paidBases(db, schedule.organisationId, since)).map((row) => [row.placementId, row]),
  );
  const changed = new Set<string>();
  for (const placement of feed) {
    const paid = bases.get(placement.placementId);
    const basis = basisOf(placement);
    if (paid ? paid.low !== basis || paid.high !== basis : placement.startsOn <= until)
      changed.add(placement.placementId);
    bases.delete(placement.placementId);
  }
  for (const placementId of bases.keys()) changed.add(placementId);
  if (changed.size === 0) return [];

  const paid = new Map<string, Amounts>();
  for (const row of await repository.paidSince(db, schedule.organisationId, since, [...changed]))
    paid.set(`${row.placementId}|${row.forStartsOn}`, row);
  const lines: repository.NewLine[] = [];
  const adjust = (
    placement: Parameters<typeof lineOf>[1],
    ref: PeriodRef,
    due: Amounts,
    nhsPercent: number,
    basis: string | null,
  ) => {
    const key = `${placement.placementId}|${ref.startsOn}`;
    const difference = adjustment(due, paid.get(key) ?? NO_AMOUNTS);
    paid.delete(key);
    if (difference)
      lines.push(
        lineOf(
          schedule,
          placement,
          nhsPartnerId,
          nhsPercent,
          {
            ...difference,
            forStartsOn: ref.startsOn,
            forPeriod: ref.label,
            fromOn: ref.period.startsOn,
            toOn: ref.period.endsOn,
            basis,
          },
          { kind: 'adjustment', reason: adjustmentReason(ref.label, difference) },
        ),
      );
  };
  for (const placement of feed) {
    if (!changed.has(placement.placementId)) continue;
    const nhsPercent = nhsPercentOf(placement.funding);
    const payable = { ...placement, weeklyContributionPence: placement.contributionPence, nhsPercent };
    for (const ref of exported) {
      const outside =
        placement.startsOn > ref.period.endsOn || (placement.endsOn !== null && placement.endsOn < ref.period.startsOn);
      if (outside && !paid.has(`${placement.placementId}|${ref.startsOn}`)) continue;
      adjust(placement, ref, sumAmounts(linesFor(payable, ref.period)), nhsPercent, basisOf(placement));
    }
  }
  // Paid for, but no longer active in the period at all (ended before it, say): all of it comes back.
  if (paid.size > 0) {
    const refs = new Map(exported.map((ref) => [ref.startsOn, ref]));
    const placementIds = [...new Set([...paid.keys()].map((key) => key.split('|')[0]!))];
    const last = new Map(
      (await repository.lastLinesOf(db, schedule.organisationId, placementIds)).map((row) => [row.placementId, row]),
    );
    for (const key of [...paid.keys()]) {
      const [placementId, startsOn] = key.split('|') as [string, string];
      const row = last.get(placementId)!;
      const placement = { ...row, paymentRoute: row.paymentRoute as PaymentRoute };
      adjust(placement, refs.get(startsOn)!, NO_AMOUNTS, row.nhsPercent, null);
    }
  }
  return lines;
}

/**
 * A digest of what a placement is paid from: its dates, weekly prices, contribution, NHS share and
 * payment route. Lines keep it, so a later schedule can tell which placements changed since.
 */
function basisOf(placement: FeedPlacement): string {
  const facts = [
    placement.startsOn,
    placement.endsOn,
    placement.contributionPence,
    nhsPercentOf(placement.funding),
    placement.paymentRoute,
    placement.prices.map((price) => `${price.effectiveFrom}:${price.weeklyPricePence}`).join(','),
  ];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 24);
}

const ROUTE_ORDER = new Map(PAYMENT_ROUTES.map((route, i) => [route, i]));

/** Lines in the order the schedule lists them: by payment route, provider, person, payments before adjustments, date. */
function ordered(lines: repository.NewLine[]): repository.NewLine[] {
  const sorted = lines.sort(
    (a, b) =>
      ROUTE_ORDER.get(a.paymentRoute as PaymentRoute)! - ROUTE_ORDER.get(b.paymentRoute as PaymentRoute)! ||
      (a.providerName < b.providerName ? -1 : a.providerName > b.providerName ? 1 : 0) ||
      (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0) ||
      (a.caseReference < b.caseReference ? -1 : a.caseReference > b.caseReference ? 1 : 0) ||
      (a.kind === b.kind ? 0 : a.kind === 'payment' ? -1 : 1) ||
      // ISO dates sort as text.
      (a.forStartsOn < b.forStartsOn ? -1 : a.forStartsOn > b.forStartsOn ? 1 : 0) ||
      (a.fromOn < b.fromOn ? -1 : a.fromOn > b.fromOn ? 1 : 0),
  );
  sorted.forEach((line, i) => (line.lineNumber = i + 1));
  return sorted;
}

/**
 * Generates (or generates again, while it is a draft) the schedule for a period of the financial
 * year that has begun: a line per placement for its days at each weekly price, and adjustments for
 * the periods already exported. A period already exported is refused: its changes belong to the next.
 */
export async function generateSchedule(db: Db, viewer: CurrentUser, input: unknown): Promise<Schedule> {
  const organisationId = staffOrganisation(viewer, PAYMENT_RUNNERS);
  const given = parseOrThrow(generateInput, input);
  const settings = await settingsFor(db, organisationId);
  const invalid = periodProblems(given.year, given.period, settings.periodKind);
  if (invalid.length > 0) throw new ValidationError(invalid);
  const period = periodsOf(given.year, settings.periodKind)[given.period - 1]!;
  const label = periodLabel(period);
  if (period.startsOn > today())
    throw new ValidationError([
      {
        field: 'period',
        message: `${label} begins on ${longDate(period.startsOn)}: its schedule can be made once it has begun`,
      },
    ]);
  const schedules = await repository.schedulesOf(db, organisationId);
  const existing = schedules.find((row) => row.startsOn === period.startsOn);
  if (existing?.status === 'exported')
    throw new ValidationError([
      {
        field: 'period',
        message: `${label} was exported on ${longDate(existing.exportedAt!)} and is locked: changes to it are adjustments in the next schedule`,
      },
    ]);
  const later = schedules.find((row) => row.status === 'exported' && row.startsOn > period.startsOn);
  if (later)
    throw new ValidationError([
      {
        field: 'period',
        message: `${periodLabel({ year: later.year, number: later.period })} is already exported: make the schedule of a later period`,
      },
    ]);
  const exported: PeriodRef[] = schedules
    .filter((row) => row.status === 'exported' && row.startsOn < period.startsOn)
    .map((row) => ({
      startsOn: row.startsOn,
      label: periodLabel({ year: row.year, number: row.period }),
      period: { startsOn: row.startsOn, endsOn: row.endsOn },
    }));
  const from = exported.reduce((min, ref) => (ref.startsOn < min ? ref.startsOn : min), period.startsOn);
  const feed = await paymentFeed(db, viewer, from, period.endsOn);

  const schedule: repository.ScheduleRow = {
    organisationId,
    id: existing?.id ?? randomUUID(),
    year: period.year,
    period: period.number,
    periodKind: period.kind,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    status: 'draft',
    lineCount: 0,
    grossPence: 0,
    contributionPence: 0,
    nhsSharePence: 0,
    netPence: 0,
    generatedAt: new Date(),
    generatedBy: viewer.id,
    exportedAt: null,
    exportedBy: null,
  };
  const lines: repository.NewLine[] = [];
  for (const placement of feed) {
    const nhsPercent = nhsPercentOf(placement.funding);
    const payable = { ...placement, weeklyContributionPence: placement.contributionPence, nhsPercent };
    const basis = basisOf(placement);
    for (const line of linesFor(payable, period)) {
      const { placementId: _id, weeklyPricePence, ...amounts } = line;
      lines.push(
        lineOf(
          schedule,
          placement,
          settings.nhsPartnerId,
          nhsPercent,
          { ...amounts, forStartsOn: period.startsOn, forPeriod: label, basis },
          { kind: 'payment', weeklyPricePence },
        ),
      );
    }
  }
  lines.push(...(await adjustmentsFor(db, schedule, feed, exported, settings.nhsPartnerId)));
  const total = sumAmounts(lines as Amounts[]);
  Object.assign(schedule, {
    lineCount: lines.length,
    grossPence: total.grossPence,
    contributionPence: total.contributionPence,
    nhsSharePence: total.nhsSharePence,
    netPence: total.netPence,
  });
  await db.transaction(async (tx) => {
    // The period's row, locked: two people generating at once make one schedule, one after the other.
    const now = await repository.scheduleFor(tx, organisationId, period.startsOn);
    if (now?.status === 'exported') throw new ConflictError(`${label} was exported while this was being made`);
    await repository.replaceSchedule(tx, schedule, ordered(lines));
    await recordAudit(tx, actorOf(viewer), [
      {
        action: existing ? 'payment-schedule.regenerate' : 'payment-schedule.generate',
        recordType: 'payment-schedule',
        recordId: schedule.id,
        before: existing
          ? { lineCount: existing.lineCount, grossPence: existing.grossPence, netPence: existing.netPence }
          : null,
        after: {
          period: label,
          lineCount: schedule.lineCount,
          grossPence: schedule.grossPence,
          netPence: schedule.netPence,
        },
      },
    ]);
  });
  return described(schedule);
}

export interface RouteTotals extends Amounts {
  paymentRoute: PaymentRoute;
  lines: number;
  adjustments: number;
  adjustmentNetPence: number;
}

/** A schedule with its sums by payment route (direct payments and individual service funds apart). */
export async function scheduleSummary(db: Db, viewer: CurrentUser, id: string) {
  const schedule = await scheduleOf(db, viewer, id);
  const rows = await repository.totalsByRoute(db, { organisationId: schedule.organisationId, scheduleId: schedule.id });
  const routes: RouteTotals[] = PAYMENT_ROUTES.map((paymentRoute) => {
    const mine = rows.filter((row) => row.paymentRoute === paymentRoute);
    const adjustments = mine.filter((row) => row.kind === 'adjustment');
    return {
      paymentRoute,
      ...sumAmounts(mine),
      lines: mine.reduce((n, row) => n + row.lines, 0),
      adjustments: adjustments.reduce((n, row) => n + row.lines, 0),
      adjustmentNetPence: adjustments.reduce((n, row) => n + row.netPence, 0),
    };
  });
  return { schedule, routes };
}

export type ScheduleLine = repository.LineRow;

export async function scheduleLines(
  db: Db,
  viewer: CurrentUser,
  id: string,
  query: unknown,
): Promise<Page<ScheduleLine> & { filter: LineFilter }> {
  const schedule = await scheduleOf(db, viewer, id);
  const filter = parseOrThrow(lineQuery, query);
  const { rows, total } = await repository.linesOf(
    db,
    {
      organisationId: schedule.organisationId,
      scheduleId: schedule.id,
      paymentRoute: filter.paymentRoute,
      providerId: filter.providerId,
    },
    (filter.page - 1) * filter.pageSize,
    filter.pageSize,
  );
  return { ...pageOf(rows, total, filter.page, filter.pageSize), filter };
}

/** What stops a schedule being exported, each against what must be set; none when it can be. */
async function exportProblems(db: Db, schedule: repository.ScheduleRow): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (schedule.status === 'exported')
    problems.push({
      field: 'schedule',
      message: `${periodLabel({ year: schedule.year, number: schedule.period })} is already exported`,
    });
  const since = await repository.exportedSince(db, schedule.organisationId, schedule.generatedAt, schedule.id);
  if (since.length > 0)
    problems.push({
      field: 'schedule',
      message: `${periodLabel({ year: since[0]!.year, number: since[0]!.period })} was exported after this schedule was made: generate it again first`,
    });
  const providers = await repository.providersOnSchedule(db, schedule.organisationId, schedule.id);
  const settings = await settingsFor(db, schedule.organisationId);
  const routes = await repository.totalsByRoute(db, {
    organisationId: schedule.organisationId,
    scheduleId: schedule.id,
  });
  const references = await repository.supplierReferencesOf(db, schedule.organisationId);
  const referenced = new Set(references.map((row) => row.providerId));
  for (const provider of providers)
    if (!referenced.has(provider.id))
      problems.push({
        field: `supplierReference-${provider.id}`,
        message: `Set ${provider.name}’s supplier reference`,
      });
  for (const route of new Set(routes.map((row) => row.paymentRoute as PaymentRoute)))
    if (!settings.costCentres[route])
      problems.push({
        field: `costCentres.${route}`,
        message: `Set the cost centre for ${route.replace(/-/g, ' ')} lines`,
      });
  if (settings.nhsPartnerId === null && routes.some((row) => row.nhsSharePence !== 0))
    problems.push({ field: 'nhsPartnerId', message: 'Choose the NHS partner the NHS shares are recharged to' });
  return problems;
}

/** What the check page shows before a schedule is exported: its sums, and anything that stops it. */
export async function checkExport(db: Db, viewer: CurrentUser, id: string) {
  const schedule = await scheduleOf(db, viewer, id, PAYMENT_RUNNERS);
  const summary = await scheduleSummary(db, viewer, id);
  return { ...summary, problems: await exportProblems(db, schedule) };
}

/** Exports a schedule: copies in supplier references and cost centres, and locks it for good. */
export async function exportSchedule(db: Db, viewer: CurrentUser, id: string): Promise<Schedule> {
  const found = await scheduleOf(db, viewer, id, PAYMENT_RUNNERS);
  return db.transaction(async (tx) => {
    const schedule = (await repository.scheduleById(tx, found.id, true))!;
    const problems = await exportProblems(tx, schedule);
    if (problems.length > 0) throw new ValidationError(problems);
    const settings = await settingsFor(tx, schedule.organisationId);
    const now = new Date();
    await repository.markExported(tx, schedule, settings.costCentres, now, viewer.id);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'payment-schedule.export',
        recordType: 'payment-schedule',
        recordId: schedule.id,
        before: { status: 'draft' },
        after: { status: 'exported', lineCount: schedule.lineCount, netPence: schedule.netPence },
      },
    ]);
    return described({ ...schedule, status: 'exported', exportedAt: now, exportedBy: viewer.id });
  });
}

/**
 * The payments exported schedules made to each provider for these placements (a vehicle's, for its
 * contract payments notices): each schedule's net total to a provider is one payment, made the day
 * the schedule was exported for payment.
 */
export async function paymentsForPlacements(
  db: Db,
  organisationId: string,
  placementIds: readonly string[],
): Promise<{ id: string; providerId: string; paidOn: string; pence: number }[]> {
  const rows = await repository.exportedPaymentsFor(db, organisationId, placementIds);
  return rows.map((row) => ({
    id: `${row.scheduleId}-${row.providerId}`,
    providerId: row.providerId,
    paidOn: isoDateInLondon(row.exportedAt),
    pence: row.netPence,
  }));
}
