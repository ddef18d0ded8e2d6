// Providers' quarterly KPI returns: made on the page or from the CSV template, checked whole (every
// error against its field, or its row and column), saved whole or not at all, marked late after
// the due day, and replaced by a correction, the audit trail keeping what it replaced.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import {
  figureProblems,
  isLate,
  isQuarterKey,
  quarterBounds,
  quarterLabel,
  quarterProblem,
  rated,
  type Figures,
} from './domain/kpi.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { readTemplate, templateCsv } from './kpi-csv.ts';
import * as expected from './kpi-expected-repository.ts';
import { kpiReturnInput, type KpiReturnFilter } from './kpi-input.ts';
import * as repository from './kpi-repository.ts';
import { dueOnFor, quartersDue } from './kpi-schedule.ts';
import { askedFor, membershipFor, type KpiDefinition, type MembershipFacts } from './kpi-service.ts';
import { rateProviders } from './risk-run-service.ts';

export type ExpectedReturn = expected.ExpectedReturn & { quarterLabel: string };

const today = () => isoDateInLondon(new Date());

/** A membership's return for a quarter as its page shows it: each KPI asked, with the figures given. */
export async function returnFor(db: Db, viewer: CurrentUser, membershipId: string, quarter: string) {
  const membership = await membershipFor(db, viewer, membershipId);
  if (!isQuarterKey(quarter)) throw new NotFoundError();
  const [kpis, made, dueOn] = await Promise.all([
    askedFor(db, membership, quarter, 'return'),
    repository.returnOf(db, membership.organisationId, membership.id, quarter),
    dueOnFor(db, membership.organisationId, quarter),
  ]);
  const values = made ? await repository.valuesOf(db, membership.organisationId, [made.id]) : [];
  const figures = new Map(values.map((value) => [value.kpiId, value]));
  return {
    membership,
    quarter,
    quarterLabel: quarterLabel(quarter),
    dueOn,
    made: made ?? null,
    problem: quarterProblem(quarter, today(), membership.startOn),
    canSubmit: viewer.providerId === membership.providerId && hasRole(viewer, 'provider_user'),
    kpis: kpis.map((kpi) => {
      const given = figures.get(kpi.id);
      return { ...kpi, figures: given ?? null, rating: given ? rated(kpi, given) : null };
    }),
  };
}
export type ReturnView = Awaited<ReturnType<typeof returnFor>>;

/** Figures as entered on the page, the API or a CSV row, with the fields their errors go against. */
interface Entered {
  kpiId: string;
  numerator: number | null;
  denominator: number | null;
  fields: { numerator: string; denominator: string };
}

/** The membership and quarter the viewer may make a return for, or why not. */
async function submittable(db: Db, viewer: CurrentUser, membershipId: string, quarter: string) {
  const membership = await membershipFor(db, viewer, membershipId);
  if (!hasRole(viewer, 'provider_user')) throw new ForbiddenError('Only the provider makes its returns');
  const problem = quarterProblem(quarter, today(), membership.startOn);
  if (problem) throw new ValidationError([{ field: 'quarter', message: problem }]);
  if (membership.endOn && membership.endOn < quarterBounds(quarter).startsOn)
    throw new ValidationError([{ field: 'quarter', message: `This membership ended before ${quarterLabel(quarter)}` }]);
  const kpis = await askedFor(db, membership, quarter, 'return');
  if (kpis.length === 0)
    throw new ValidationError([{ field: 'quarter', message: `No KPIs are asked for in ${quarterLabel(quarter)}` }]);
  return { membership, kpis };
}

/** Every problem with the figures: each KPI asked answered once, whole, the numerator within the denominator. */
function enteredProblems(
  kpis: readonly KpiDefinition[],
  entered: readonly Entered[],
  missing: (kpi: KpiDefinition) => FieldError,
) {
  const asked = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  for (const row of entered) {
    const kpi = asked.get(row.kpiId);
    if (!kpi || seen.has(row.kpiId)) {
      problems.push({
        field: row.fields.numerator.replace(/numerator$/, 'kpiId'),
        message: kpi ? `${kpi.name} is given twice` : 'This is not one of the KPIs asked for in this quarter',
      });
      continue;
    }
    seen.add(row.kpiId);
    problems.push(...figureProblems(kpi, row, row.fields));
  }
  problems.push(...kpis.filter((kpi) => !seen.has(kpi.id)).map(missing));
  return problems;
}

async function save(db: Db, viewer: CurrentUser, membership: MembershipFacts, quarter: string, entered: Entered[]) {
  const now = new Date();
  const submittedOn = isoDateInLondon(now);
  const dueOn = await dueOnFor(db, membership.organisationId, quarter);
  const replacing = await repository.returnOf(db, membership.organisationId, membership.id, quarter);
  const before = replacing ? await repository.valuesOf(db, membership.organisationId, [replacing.id]) : [];
  const row: repository.ReturnRow = {
    organisationId: membership.organisationId,
    id: replacing?.id ?? randomUUID(),
    membershipId: membership.id,
    vehicleId: membership.vehicleId,
    providerId: membership.providerId,
    quarter,
    dueOn,
    submittedOn,
    late: isLate(submittedOn, dueOn),
    version: (replacing?.version ?? 0) + 1,
    submittedBy: viewer.id,
    submittedAt: now,
  };
  const values = entered.map((figures) => ({
    organisationId: row.organisationId,
    returnId: row.id,
    kpiId: figures.kpiId,
    numerator: figures.numerator!,
    denominator: figures.denominator!,
  }));
  const shownFigures = (all: repository.ValueRow[]) =>
    Object.fromEntries(
      all.map((value) => [value.kpiId, { numerator: value.numerator, denominator: value.denominator }]),
    );
  await db.transaction(async (tx) => {
    await repository.saveReturn(tx, row, values, replacing);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: replacing ? 'kpi-return.correct' : 'kpi-return.submit',
        recordType: 'kpi-return',
        recordId: row.id,
        before: replacing ? { version: replacing.version, figures: shownFigures(before) } : undefined,
        after: {
          membershipId: row.membershipId,
          quarter,
          version: row.version,
          late: row.late,
          figures: shownFigures(values),
        },
      },
    ]);
    // A return made is one fewer missing: the provider's risk ratings change with it.
    await rateProviders(tx, row.organisationId, [row.providerId]);
  });
  return { ...row, quarterLabel: quarterLabel(quarter), figures: values };
}

/** Checks a return from the page or the API ({ quarter, values: [{ kpiId, numerator, denominator }] }) without saving it. */
export async function checkReturn(db: Db, viewer: CurrentUser, membershipId: string, input: unknown) {
  const { quarter, values } = parseOrThrow(kpiReturnInput, input);
  const { membership, kpis } = await submittable(db, viewer, membershipId, quarter);
  const entered = values.map((value) => ({
    ...value,
    fields: { numerator: `values.${value.kpiId}.numerator`, denominator: `values.${value.kpiId}.denominator` },
  }));
  const problems = enteredProblems(kpis, entered, (kpi) => ({
    field: `values.${kpi.id}.numerator`,
    message: `Enter the figures for ${kpi.name}`,
  }));
  if (problems.length > 0) throw new ValidationError(problems);
  const figures = new Map(entered.map((row) => [row.kpiId, row as Figures]));
  return {
    membership,
    quarter,
    entered,
    kpis: kpis.map((kpi) => ({ kpi, figures: figures.get(kpi.id)!, rating: rated(kpi, figures.get(kpi.id)!) })),
  };
}

export async function submitReturn(db: Db, viewer: CurrentUser, membershipId: string, input: unknown) {
  const { membership, quarter, entered } = await checkReturn(db, viewer, membershipId, input);
  return save(db, viewer, membership, quarter, entered);
}

const asNumber = (typed: number | string | null) => (typeof typed === 'string' ? Number.NaN : typed);
const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** A return from the uploaded CSV template: every problem against the file, by its row and column. */
export async function submitReturnFile(
  db: Db,
  viewer: CurrentUser,
  membershipId: string,
  quarter: string,
  content: Buffer | undefined,
) {
  const { membership, kpis } = await submittable(db, viewer, membershipId, quarter);
  if (!content || content.length === 0)
    throw new ValidationError([{ field: 'file', message: 'Choose the filled-in CSV template to upload' }]);
  const read = readTemplate(content, quarter);
  const entered = read.rows.map((row) => ({
    kpiId: row.kpiId,
    numerator: asNumber(row.numerator),
    denominator: asNumber(row.denominator),
    fields: { numerator: `row ${row.line}, column numerator`, denominator: `row ${row.line}, column denominator` },
  }));
  const problems = [
    ...read.problems,
    ...(read.problems.length > 0
      ? []
      : enteredProblems(kpis, entered, (kpi) => ({ field: 'file', message: `The file has no row for ${kpi.name}` }))),
  ].map((problem) =>
    problem.field === 'file'
      ? problem
      : { field: 'file', message: `${capitalised(problem.field)}: ${problem.message}` },
  );
  if (problems.length > 0) throw new ValidationError(problems);
  return save(db, viewer, membership, quarter, entered);
}

/** The CSV template for a membership's quarter, with the figures already returned where there are some. */
export async function templateFile(db: Db, viewer: CurrentUser, membershipId: string, quarter: string) {
  const view = await returnFor(db, viewer, membershipId, quarter);
  const figures = new Map<string, Figures>(view.kpis.flatMap((kpi) => (kpi.figures ? [[kpi.id, kpi.figures]] : [])));
  return {
    filename: `kpi-return-${quarter}-${view.membership.providerName.replace(/[^A-Za-z0-9]+/g, '-')}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: templateCsv(quarter, view.kpis, figures),
  };
}

/** Whose returns the viewer sees: a provider its own everywhere; quality readers their organisation's. */
async function scopeOf(db: Db, viewer: CurrentUser) {
  if (viewer.providerId !== null && hasRole(viewer, 'provider_user')) {
    const memberships = await repository.membershipsWhere(db, { providerId: viewer.providerId });
    return { providerId: viewer.providerId, organisationIds: [...new Set(memberships.map((m) => m.organisationId))] };
  }
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  return { organisationId, organisationIds: [organisationId] };
}

/** The returns owed and made that the viewer may see, filtered, sorted and paged in SQL. */
export async function listReturns(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<KpiReturnFilter, expected.ExpectedSort>,
): Promise<Page<ExpectedReturn>> {
  const scope = await scopeOf(db, viewer);
  const now = today();
  const quarters = await quartersDue(db, now, scope.organisationIds);
  const { providerId, ...filter } = request.filter;
  const found = await expected.expectedReturns(
    db,
    quarters,
    now,
    { ...filter, organisationId: scope.organisationId, providerId: scope.providerId ?? providerId },
    request.sort,
    { offset: (request.page - 1) * request.pageSize, limit: request.pageSize },
  );
  return pageOf(
    found.rows.map((row) => ({ ...row, quarterLabel: quarterLabel(row.quarter) })),
    found.total,
    request.page,
    request.pageSize,
  );
}

/** How many returns the viewer sees in each status, for the counts above the list. */
export async function statusCounts(db: Db, viewer: CurrentUser) {
  const counts = await Promise.all(
    expected.EXPECTED_STATUSES.map(async (status) => {
      const found = await listReturns(db, viewer, {
        filter: { status },
        sort: { key: 'due', direction: 'asc' },
        page: 1,
        pageSize: 1,
      });
      return [status, found.total] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<expected.ExpectedStatus, number>;
}

export interface PastReturn {
  membershipId: string;
  quarter: string;
  submittedOn: string;
  values: { kpiId: string; numerator: number; denominator: number }[];
}

/**
 * Returns made before Hearth (on paper or by email), brought in by a quality keeper with the day
 * each came in, so they count as on time or late as they were; in two statements, audited.
 */
export async function bringInReturns(db: Db, viewer: CurrentUser, past: readonly PastReturn[]): Promise<number> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const memberships = new Map(
    (await repository.membershipsWhere(db, { organisationId })).map((membership) => [membership.id, membership]),
  );
  const dueOn = new Map<string, string>();
  for (const quarter of new Set(past.map((row) => row.quarter)))
    dueOn.set(quarter, await dueOnFor(db, organisationId, quarter));
  const at = new Date();
  const rows = past.map((row): repository.ReturnRow => {
    const membership = memberships.get(row.membershipId);
    if (!membership) throw new NotFoundError();
    const problems = row.values.flatMap((value) =>
      figureProblems({ name: value.kpiId }, value, { numerator: 'numerator', denominator: 'denominator' }),
    );
    if (problems.length > 0) throw new ValidationError(problems);
    return {
      organisationId,
      id: randomUUID(),
      membershipId: membership.id,
      vehicleId: membership.vehicleId,
      providerId: membership.providerId,
      quarter: row.quarter,
      dueOn: dueOn.get(row.quarter)!,
      submittedOn: row.submittedOn,
      late: isLate(row.submittedOn, dueOn.get(row.quarter)!),
      version: 1,
      submittedBy: viewer.id,
      submittedAt: at,
    };
  });
  const values = rows.flatMap((row, index) =>
    past[index]!.values.map((value) => ({ organisationId, returnId: row.id, ...value })),
  );
  await db.transaction(async (tx) => {
    await repository.insertReturns(tx, rows, values);
    await recordAudit(
      tx,
      actorOf(viewer),
      rows.map((row, index) => ({
        action: 'kpi-return.bring-in',
        recordType: 'kpi-return',
        recordId: row.id,
        after: { membershipId: row.membershipId, quarter: row.quarter, late: row.late, values: past[index]!.values },
      })),
    );
    await rateProviders(tx, organisationId, [...new Set(rows.map((row) => row.providerId))]);
  });
  return rows.length;
}
