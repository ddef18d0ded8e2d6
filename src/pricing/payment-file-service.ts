// What leaves Hearth from an exported schedule: the finance system's file, the NHS partner's
// recharge, and each provider's remittance statements of its own lines.
import type { Db } from '../platform/db/client.ts';
import { hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { toCsv } from '../platform/http/csv.ts';
import { type PaymentRoute } from '../brokerage/domain/people.ts';
import { periodLabel, sumAmounts } from './domain/payment.ts';
import * as repository from './payment-repository.ts';
import { described, scheduleOf } from './payment-service.ts';
import { PAYMENT_READERS } from './payment-settings-service.ts';

/** A provider's statement is of what the council pays it: a direct payment is paid to the person. */
const NOT_ON_STATEMENTS: readonly PaymentRoute[] = ['direct-payment'];

/** "1234.56", "-12.30": pounds with their pence, as a finance system reads them. */
export function poundsText(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const absolute = Math.abs(pence);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * The finance system's file: one row a line, in the schedule's order, with these columns (in this
 * order, never renamed; new ones only ever added at the end). Money is pounds with two decimals.
 */
/** The columns every file names a line by, in this order. */
const LINE_COLUMNS = ['line_type', 'placement_reference', 'case_reference', 'period', 'from', 'to', 'days'] as const;
const lineFacts = (line: repository.LineRow) => ({
  line_type: line.kind,
  placement_reference: line.placementId,
  case_reference: line.caseReference,
  period: line.forPeriod,
  from: line.fromOn,
  to: line.toOn,
  days: line.days,
});
const weeklyPrice = (line: repository.LineRow) =>
  line.weeklyPricePence === null ? '' : poundsText(line.weeklyPricePence);

export const SCHEDULE_COLUMNS = [
  'schedule_period',
  'payment_route',
  'provider',
  'supplier_reference',
  ...LINE_COLUMNS,
  'weekly_price',
  'gross',
  'contribution',
  'nhs_share',
  'net',
  'cost_centre',
] as const;

export async function scheduleCsv(db: Db, viewer: CurrentUser, id: string) {
  const schedule = await scheduleOf(db, viewer, id);
  if (schedule.status !== 'exported')
    throw new ConflictError(`${schedule.label} is a draft: check and export it to get the finance system’s file`);
  const { rows } = await repository.linesOf(db, { organisationId: schedule.organisationId, scheduleId: schedule.id });
  return {
    filename: `payment-schedule-${schedule.year}-P${String(schedule.period).padStart(2, '0')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(
      rows.map((line) => ({
        schedule_period: schedule.label,
        payment_route: line.paymentRoute,
        provider: line.providerName,
        supplier_reference: line.supplierReference ?? '',
        ...lineFacts(line),
        weekly_price: weeklyPrice(line),
        gross: poundsText(line.grossPence),
        contribution: poundsText(line.contributionPence),
        nhs_share: poundsText(line.nhsSharePence),
        net: poundsText(line.netPence),
        cost_centre: line.costCentre ?? '',
      })),
      [...SCHEDULE_COLUMNS],
    ),
  };
}

/** The NHS partner's recharge for a schedule: its shares by partner, and the lines behind them. */
export async function recharge(db: Db, viewer: CurrentUser, id: string) {
  const schedule = await scheduleOf(db, viewer, id);
  const query = { organisationId: schedule.organisationId, scheduleId: schedule.id, nhs: true };
  const [totals, partners, { rows }] = await Promise.all([
    repository.totalsByPartner(db, query),
    repository.nhsOrganisations(db),
    repository.linesOf(db, query),
  ]);
  const name = new Map(partners.map((partner) => [partner.id, partner]));
  const withPartner = <T extends { nhsPartnerId: string | null }>(row: T) => {
    const partner = row.nhsPartnerId ? name.get(row.nhsPartnerId) : undefined;
    return { ...row, partnerName: partner?.name ?? 'No NHS partner set', partnerCode: partner?.code ?? '' };
  };
  return {
    schedule,
    partners: totals.map(withPartner),
    lines: rows.map(withPartner),
  };
}

export const RECHARGE_COLUMNS = [
  'partner',
  'partner_code',
  'schedule_period',
  ...LINE_COLUMNS,
  'gross',
  'nhs_percent',
  'nhs_share',
] as const;

export async function rechargeCsv(db: Db, viewer: CurrentUser, id: string) {
  const { schedule, lines } = await recharge(db, viewer, id);
  return {
    filename: `nhs-recharge-${schedule.year}-P${String(schedule.period).padStart(2, '0')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(
      lines.map((line) => ({
        partner: line.partnerName,
        partner_code: line.partnerCode,
        schedule_period: schedule.label,
        ...lineFacts(line),
        gross: poundsText(line.grossPence),
        nhs_percent: line.nhsPercent,
        nhs_share: poundsText(line.nhsSharePence),
      })),
      [...RECHARGE_COLUMNS],
    ),
  };
}

/** The provider whose statements the viewer may read: a provider user's own; staff name one (their organisation's lines). */
function statementProvider(viewer: CurrentUser, providerId: string | undefined): string {
  if (hasRole(viewer, 'provider_user')) {
    if (providerId && providerId !== viewer.providerId) throw new NotFoundError();
    return viewer.providerId!;
  }
  staffOrganisation(viewer, PAYMENT_READERS);
  if (!providerId || !isUuid(providerId))
    throw new ValidationError([{ field: 'providerId', message: 'Choose a provider' }]);
  return providerId;
}

/** A provider's remittance statements: its sums on each exported schedule (staff: their organisation's only). */
export async function statements(db: Db, viewer: CurrentUser, providerId?: string) {
  const provider = statementProvider(viewer, providerId);
  const rows = await repository.statementsOf(db, provider, NOT_ON_STATEMENTS);
  return rows
    .filter((row) => viewer.organisationId === null || row.organisationId === viewer.organisationId)
    .map((row) => ({ ...row, label: periodLabel({ year: row.year, number: row.period }) }));
}

/** One statement: the provider's own lines on an exported schedule. */
export async function statement(db: Db, viewer: CurrentUser, scheduleId: string, providerId?: string) {
  const provider = statementProvider(viewer, providerId);
  const row = isUuid(scheduleId) ? await repository.scheduleById(db, scheduleId) : undefined;
  if (!row || row.status !== 'exported') throw new NotFoundError();
  if (viewer.organisationId !== null && row.organisationId !== viewer.organisationId) throw new NotFoundError();
  const { rows } = await repository.linesOf(db, {
    organisationId: row.organisationId,
    scheduleId: row.id,
    providerId: provider,
    exceptRoutes: NOT_ON_STATEMENTS,
  });
  if (rows.length === 0) throw new NotFoundError();
  const organisation = (await repository.organisationName(db, row.organisationId)) ?? '';
  return {
    schedule: described(row),
    organisationName: organisation,
    providerId: provider,
    providerName: rows[0]!.providerName,
    supplierReference: rows[0]!.supplierReference,
    lines: rows,
    total: sumAmounts(rows),
  };
}

export const STATEMENT_COLUMNS = [
  'council',
  'schedule_period',
  'supplier_reference',
  ...LINE_COLUMNS,
  'weekly_price',
  'gross',
  'reason',
] as const;

export async function statementCsv(db: Db, viewer: CurrentUser, scheduleId: string, providerId?: string) {
  const view = await statement(db, viewer, scheduleId, providerId);
  return {
    filename: `statement-${view.schedule.year}-P${String(view.schedule.period).padStart(2, '0')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(
      view.lines.map((line) => ({
        council: view.organisationName,
        schedule_period: view.schedule.label,
        supplier_reference: line.supplierReference ?? '',
        ...lineFacts(line),
        weekly_price: weeklyPrice(line),
        gross: poundsText(line.grossPence),
        reason: line.reason ?? '',
      })),
      [...STATEMENT_COLUMNS],
    ),
  };
}
