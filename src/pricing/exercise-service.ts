// Cost-of-care exercises: the organisation's workbook template (its lines added, renamed and
// retired for the next exercise), an exercise opened for a year and service type with the
// providers invited (every member of the vehicles chosen, unless fewer are named), and closed.
// Who sees what is said here, once, for pages, API and exports: the organisation's finance
// officers and commissioners run exercises and see each workbook; its other staff read the
// exercise and its aggregates; a provider sees the exercises it is invited to and its own
// workbook only; anyone else is told there is no such exercise.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { formatPence } from '../platform/domain/money.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { vehicleMarket } from '../procurement/market-service.ts';
import { providerNames } from '../providers/service.ts';
import {
  DEFAULT_LINES,
  EXERCISE_SERVICE_TYPE_LABELS,
  financialYearLabel,
  formatPercent,
  lineKeyOf,
  staffShare,
  type ExerciseServiceType,
  type LineGroup,
  type LineUnit,
  type TemplateLine,
} from './domain/exercise.ts';
import {
  exerciseInput,
  templateLineChangeInput,
  templateLineInput,
  type ExerciseInput,
  type TemplateLineChangeInput,
  type TemplateLineInput,
} from './exercise-input.ts';
import * as repository from './exercise-repository.ts';
import { analysedResults } from './exercise-results.ts';

/** Who runs exercises and may open each provider's workbook. */
export const EXERCISE_RUNNERS: readonly Role[] = ['finance_officer', 'commissioner'];
/** Who reads an exercise and its aggregates: any of the organisation's staff. */
export const EXERCISE_READERS: readonly Role[] = ANY_STAFF;

export interface Exercise {
  id: string;
  organisationId: string;
  financialYear: number;
  /** "2025/26". */
  yearLabel: string;
  serviceType: ExerciseServiceType;
  serviceTypeLabel: string;
  /** "Supported living costs 2025/26". */
  title: string;
  closingOn: string;
  vehicleIds: string[];
  status: 'open' | 'closed';
  lines: TemplateLine[];
}

export const lineOf = (row: {
  key: string;
  groupKey: string;
  label: string;
  unit: string;
  optional: boolean;
}): TemplateLine => ({
  key: row.key,
  group: row.groupKey as LineGroup,
  label: row.label,
  unit: row.unit as LineUnit,
  optional: row.optional,
});

function shownExercise(row: repository.ExerciseRow, lines: repository.ExerciseLineRow[]): Exercise {
  const serviceType = row.serviceType as ExerciseServiceType;
  const serviceTypeLabel = EXERCISE_SERVICE_TYPE_LABELS[serviceType];
  const yearLabel = financialYearLabel(row.financialYear);
  return {
    id: row.id,
    organisationId: row.organisationId,
    financialYear: row.financialYear,
    yearLabel,
    serviceType,
    serviceTypeLabel,
    title: `${serviceTypeLabel} costs ${yearLabel}`,
    closingOn: row.closingOn,
    vehicleIds: row.vehicleIds,
    status: row.status as Exercise['status'],
    lines: lines.map(lineOf),
  };
}

const isProvider = (viewer: CurrentUser) => viewer.providerId !== null && hasRole(viewer, 'provider_user');
/** Whether the viewer may open each provider's workbook of the organisation's exercises. */
export const runsExercises = (viewer: CurrentUser, organisationId: string) =>
  viewer.organisationId === organisationId && hasRole(viewer, ...EXERCISE_RUNNERS);

/**
 * The exercise as the viewer may see it: its organisation's staff, or a provider invited to it.
 * Anyone else, or no such exercise, is 404.
 */
export async function exerciseFor(db: Db, viewer: CurrentUser, id: string): Promise<Exercise> {
  const row = isUuid(id) ? await repository.exerciseById(db, id) : undefined;
  if (!row) throw new NotFoundError();
  if (isProvider(viewer)) {
    if (!(await repository.workbookOf(db, row.organisationId, row.id, viewer.providerId!))) throw new NotFoundError();
  } else if (row.organisationId !== viewer.organisationId || !hasRole(viewer, ...EXERCISE_READERS)) {
    throw new NotFoundError();
  }
  return shownExercise(row, await repository.linesOf(db, row.organisationId, row.id));
}

/** An exercise the viewer runs (finance officer or commissioner of its organisation); else 404 or 403. */
export async function exerciseToRun(db: Db, viewer: CurrentUser, id: string): Promise<Exercise> {
  const exercise = await exerciseFor(db, viewer, id);
  staffOrganisation(viewer, EXERCISE_RUNNERS);
  return exercise;
}

export interface ExerciseSummary {
  id: string;
  title: string;
  yearLabel: string;
  serviceTypeLabel: string;
  closingOn: string;
  status: 'open' | 'closed';
  invited: number;
  submitted: number;
  /** A provider's own workbook's status. */
  ownStatus: string | null;
}

/** The organisation's exercises (staff), or those the provider is invited to, newest year first. */
export async function listExercises(db: Db, viewer: CurrentUser): Promise<ExerciseSummary[]> {
  if (isProvider(viewer)) {
    const own = await repository.workbooksOfProvider(db, viewer.providerId!);
    const rows = await Promise.all(own.map((workbook) => repository.exerciseById(db, workbook.exerciseId)));
    return rows
      .map((row, index) => ({ ...summaryOf(row!, []), ownStatus: own[index]!.status }))
      .sort((a, b) => b.yearLabel.localeCompare(a.yearLabel));
  }
  const organisationId = staffOrganisation(viewer, EXERCISE_READERS);
  const rows = await repository.exercisesOf(db, organisationId);
  return Promise.all(rows.map(async (row) => summaryOf(row, await repository.workbooksOf(db, organisationId, row.id))));
}

function summaryOf(row: repository.ExerciseRow, workbooks: repository.WorkbookRow[]): ExerciseSummary {
  const shown = shownExercise(row, []);
  return {
    id: row.id,
    title: shown.title,
    yearLabel: shown.yearLabel,
    serviceTypeLabel: shown.serviceTypeLabel,
    closingOn: row.closingOn,
    status: shown.status,
    invited: workbooks.length,
    submitted: workbooks.filter((workbook) => workbook.status === 'submitted').length,
    ownStatus: null,
  };
}

// ---- The template ----

export interface TemplateLineView extends TemplateLine {
  id: string;
  retired: boolean;
  position: number;
}

/** The organisation's template lines for the next exercise, retired ones too; the standard lines the first time. */
export async function templateLines(db: Db, viewer: CurrentUser): Promise<TemplateLineView[]> {
  const organisationId = staffOrganisation(viewer, EXERCISE_RUNNERS);
  let rows = await repository.templateLinesOf(db, organisationId);
  if (rows.length === 0) {
    const now = new Date();
    await repository.insertTemplateLines(
      db,
      DEFAULT_LINES.map((line, position) => ({
        organisationId,
        id: randomUUID(),
        key: line.key,
        groupKey: line.group,
        label: line.label,
        unit: line.unit,
        optional: line.optional,
        position: position * 10,
        retired: false,
        updatedAt: now,
      })),
    );
    rows = await repository.templateLinesOf(db, organisationId);
  }
  return rows.map((row) => ({ ...lineOf(row), id: row.id, retired: row.retired, position: row.position }));
}

/** Adds a line to the template, for the next exercise opened. */
export async function addTemplateLine(
  db: Db,
  viewer: CurrentUser,
  input: TemplateLineInput,
): Promise<TemplateLineView> {
  const line = parseOrThrow(templateLineInput, input);
  const existing = await templateLines(db, viewer);
  const organisationId = viewer.organisationId!;
  const base = lineKeyOf(line.label);
  let key = base;
  for (let n = 2; existing.some((other) => other.key === key); n++) key = `${base}-${n}`;
  if (existing.some((other) => !other.retired && other.label.toLowerCase() === line.label.toLowerCase()))
    throw new ValidationError([{ field: 'label', message: 'The template already has a line with this wording' }]);
  // A new line comes last in its group (pages show the lines by group, in position order).
  const row = {
    organisationId,
    id: randomUUID(),
    key,
    groupKey: line.group,
    label: line.label,
    unit: line.unit,
    optional: line.optional,
    position: Math.max(0, ...existing.map((other) => other.position)) + 10,
    retired: false,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await repository.insertTemplateLines(tx, [row]);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'cost-template.add-line', recordType: 'cost-template-line', recordId: row.id, after: line },
    ]);
  });
  return { ...lineOf(row), id: row.id, retired: false, position: row.position };
}

/** Renames a template line, or retires it (or brings it back): exercises already open keep their own copy. */
export async function changeTemplateLine(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: TemplateLineChangeInput,
): Promise<TemplateLineView> {
  const change = parseOrThrow(templateLineChangeInput, input);
  const existing = await templateLines(db, viewer);
  const line = existing.find((other) => other.id === id);
  if (!line) throw new NotFoundError();
  const after = { label: change.label ?? line.label, retired: change.retired ?? line.retired };
  await db.transaction(async (tx) => {
    await repository.updateTemplateLine(tx, viewer.organisationId!, id, { ...after, updatedAt: new Date() });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: after.retired && !line.retired ? 'cost-template.retire-line' : 'cost-template.change-line',
        recordType: 'cost-template-line',
        recordId: id,
        before: { label: line.label, retired: line.retired },
        after,
      },
    ]);
  });
  return { ...line, ...after };
}

// ---- Opening and closing ----

export interface OpeningCheck {
  input: ExerciseInput;
  vehicleNames: string[];
  providers: { id: string; name: string }[];
  lines: TemplateLineView[];
}

/** Checks an exercise before it is opened: the vehicles the organisation's, and who would be invited: the vehicles' members unless providers are named. */
export async function checkOpening(db: Db, viewer: CurrentUser, input: unknown): Promise<OpeningCheck> {
  const exercise = parseOrThrow(exerciseInput, input);
  const organisationId = staffOrganisation(viewer, EXERCISE_RUNNERS);
  const markets = await Promise.all(exercise.vehicleIds.map((id) => vehicleMarket(db, organisationId, id)));
  const problems = markets.flatMap((market, index) =>
    market ? [] : [{ field: `vehicleIds.${index}`, message: 'Choose one of your organisation’s vehicles' }],
  );
  if (problems.length > 0) throw new ValidationError(problems);
  const members = new Set(
    markets.flatMap((market) =>
      market!.memberships.filter((row) => row.status !== 'removed').map((row) => row.providerId),
    ),
  );
  // Every member by default; where the providers are named, exactly those, members or not (a
  // provider the council buys from spot, off framework, may be asked for its costs too).
  const chosen = [...new Set(exercise.providerIds ?? members)];
  const names = await providerNames(db, chosen);
  (exercise.providerIds ?? []).forEach((providerId, index) => {
    if (!names.has(providerId))
      problems.push({ field: `providerIds.${index}`, message: 'Choose a registered provider' });
  });
  if (chosen.length === 0)
    problems.push({ field: 'vehicleIds', message: 'The vehicles chosen have no providers to invite' });
  const existing = await repository.exercisesOf(db, organisationId);
  if (existing.some((row) => row.financialYear === exercise.financialYear && row.serviceType === exercise.serviceType))
    problems.push({
      field: 'financialYear',
      message: `There is already a ${EXERCISE_SERVICE_TYPE_LABELS[exercise.serviceType].toLowerCase()} exercise for ${financialYearLabel(exercise.financialYear)}`,
    });
  if (problems.length > 0) throw new ValidationError(problems);
  const lines = (await templateLines(db, viewer)).filter((line) => !line.retired);
  return {
    input: exercise,
    vehicleNames: markets.map((market) => market!.name),
    providers: [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    lines,
  };
}

/** Opens an exercise: the template's lines copied into it, and a workbook waiting for each provider invited. */
export async function openExercise(db: Db, viewer: CurrentUser, input: unknown): Promise<Exercise> {
  const { input: exercise, providers, lines } = await checkOpening(db, viewer, input);
  const organisationId = viewer.organisationId!;
  const now = new Date();
  const row: repository.ExerciseRow = {
    organisationId,
    id: randomUUID(),
    financialYear: exercise.financialYear,
    serviceType: exercise.serviceType,
    closingOn: exercise.closingOn,
    vehicleIds: exercise.vehicleIds,
    status: 'open',
    openedBy: viewer.id,
    openedAt: now,
    closedBy: null,
    closedAt: null,
  };
  const lineRows = lines.map((line, position) => ({
    organisationId,
    exerciseId: row.id,
    key: line.key,
    groupKey: line.group,
    label: line.label,
    unit: line.unit,
    optional: line.optional,
    position,
  }));
  const workbooks = providers.map((provider) => ({
    organisationId,
    id: randomUUID(),
    exerciseId: row.id,
    providerId: provider.id,
    status: 'invited',
    answers: {},
    submittedOn: null,
    submittedBy: null,
    excludedReason: null,
    query: null,
    updatedAt: now,
  }));
  await db.transaction(async (tx) => {
    await repository.insertExercise(tx, row, lineRows, workbooks);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'cost-exercise.open',
        recordType: 'cost-exercise',
        recordId: row.id,
        after: { ...exercise, providerIds: providers.map((provider) => provider.id), lines: lines.length },
      },
    ]);
  });
  return shownExercise(row, lineRows);
}

/** Closes an exercise to workbooks: drafts stay unsent, and the analysis is of what was submitted. */
export async function closeExercise(db: Db, viewer: CurrentUser, id: string): Promise<Exercise> {
  const exercise = await exerciseToRun(db, viewer, id);
  await db.transaction(async (tx) => {
    const row = await repository.lockExercise(tx, exercise.organisationId, exercise.id);
    if (row?.status !== 'open') throw new ConflictError('This exercise is already closed');
    await repository.updateExercise(tx, exercise.organisationId, exercise.id, {
      status: 'closed',
      closedBy: viewer.id,
      closedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'cost-exercise.close',
        recordType: 'cost-exercise',
        recordId: exercise.id,
        before: { status: 'open' },
        after: { status: 'closed' },
      },
    ]);
  });
  return { ...exercise, status: 'closed' };
}

/**
 * The care staff's share of the cost of a care hour from an exercise, for an uplift's cost model:
 * the median care staff cost per care hour ÷ the median cost per care hour (with return), of the
 * workbooks submitted and not excluded. Undefined under five such workbooks.
 */
export async function staffShareOfCost(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
): Promise<{ staffShareBasisPoints: number; explanation: string } | undefined> {
  const exercise = await exerciseFor(db, viewer, exerciseId);
  staffOrganisation(viewer, EXERCISE_READERS);
  const results = await analysedResults(db, exercise);
  const share = staffShare(results.map((result) => result.results));
  if (!share) return undefined;
  return {
    staffShareBasisPoints: share.basisPoints,
    explanation: `Care staff are ${formatPercent(share.basisPoints)} of the cost of a care hour in the ${exercise.title.toLowerCase()} exercise: the median care staff cost per care hour, ${formatPence(share.staffMedian)}, ÷ the median cost per care hour with return, ${formatPence(share.totalMedian)}, from ${results.filter((r) => r.results['cost-per-hour'] !== undefined).length} workbooks.`,
  };
}

/** The providers invited to an exercise, with where each workbook stands: for those who run it. */
export async function invitedProviders(db: Db, viewer: CurrentUser, exerciseId: string) {
  const exercise = await exerciseToRun(db, viewer, exerciseId);
  const rows = await repository.workbooksOf(db, exercise.organisationId, exercise.id);
  const names = await providerNames(
    db,
    rows.map((row) => row.providerId),
  );
  return rows
    .map((row) => ({
      providerId: row.providerId,
      providerName: names.get(row.providerId) ?? '',
      status: row.status,
      submittedOn: row.submittedOn,
      excluded: row.excludedReason !== null,
      queried: row.query !== null,
    }))
    .sort((a, b) => a.providerName.localeCompare(b.providerName));
}
