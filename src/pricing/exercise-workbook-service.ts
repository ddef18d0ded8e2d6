// A provider's cost-of-care workbook: filled in section by section (each save kept as a draft),
// or from the XLSX template uploaded back (every problem by sheet, row and column, nothing saved),
// then submitted whole after a check. The provider sees only its own; the organisation's finance
// officers and commissioners open any; the rest of its staff see none (only the aggregates).
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { providerNames } from '../providers/service.ts';
import {
  answersProblems,
  LINE_GROUP_LABELS,
  LINE_GROUPS,
  workbookResults,
  type Answers,
  type LineGroup,
  type TemplateLine,
} from './domain/exercise.ts';
import { answersInput } from './exercise-input.ts';
import * as repository from './exercise-repository.ts';
import { exerciseFor, runsExercises, type Exercise } from './exercise-service.ts';
import { readWorkbookFile, workbookTemplate } from './exercise-xlsx.ts';

export const WORKBOOK_STATUS_LABELS = {
  invited: 'Not started',
  draft: 'In progress',
  submitted: 'Submitted',
} as const;
export type WorkbookStatus = keyof typeof WORKBOOK_STATUS_LABELS;

export interface Section {
  group: LineGroup;
  title: string;
  lines: TemplateLine[];
  /** Not started, in progress (some lines answered) or completed (every line that must be). */
  status: 'not-started' | 'in-progress' | 'completed';
}

export interface WorkbookView {
  exercise: Exercise;
  id: string;
  providerId: string;
  providerName: string;
  status: WorkbookStatus;
  answers: Answers;
  submittedOn: string | null;
  excludedReason: string | null;
  query: string | null;
  sections: Section[];
  /** Whether the viewer may change it now: its provider, the exercise open and the workbook not yet submitted. */
  canEdit: boolean;
  /** Why it cannot be changed, for the provider. */
  closedWords: string | null;
}

const today = () => isoDateInLondon(new Date());

function sectionsOf(lines: readonly TemplateLine[], answers: Answers): Section[] {
  return LINE_GROUPS.flatMap((group) => {
    const ofGroup = lines.filter((line) => line.group === group);
    if (ofGroup.length === 0) return [];
    const answered = ofGroup.filter((line) => answers[line.key] !== undefined);
    const complete = ofGroup.every((line) => line.optional || answers[line.key] !== undefined);
    return [
      {
        group,
        title: LINE_GROUP_LABELS[group],
        lines: ofGroup,
        status: complete && answered.length > 0 ? 'completed' : answered.length > 0 ? 'in-progress' : 'not-started',
      } as Section,
    ];
  });
}

/** Why a workbook cannot be changed now, or null. */
function closedWords(exercise: Exercise, status: string): string | null {
  if (status === 'submitted') return 'This workbook has been submitted.';
  if (exercise.status === 'closed') return 'This exercise has closed.';
  if (today() > exercise.closingOn) return `This exercise closed to workbooks on ${longDate(exercise.closingOn)}.`;
  return null;
}

/**
 * A provider's workbook as the viewer may see it: the provider its own; the organisation's finance
 * officers and commissioners any (others of its staff are refused); no one else (404).
 */
export async function workbookFor(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  providerId: string,
): Promise<WorkbookView> {
  const exercise = await exerciseFor(db, viewer, exerciseId);
  const asProvider = viewer.providerId !== null && hasRole(viewer, 'provider_user');
  if (asProvider ? viewer.providerId !== providerId : !isUuid(providerId)) throw new NotFoundError();
  if (!asProvider && !runsExercises(viewer, exercise.organisationId))
    throw new ForbiddenError('Only finance officers and commissioners see a provider’s workbook');
  const row = await repository.workbookOf(db, exercise.organisationId, exercise.id, providerId);
  if (!row) throw new NotFoundError();
  const names = await providerNames(db, [providerId]);
  const closed = closedWords(exercise, row.status);
  return {
    exercise,
    id: row.id,
    providerId,
    providerName: names.get(providerId) ?? '',
    status: row.status as WorkbookStatus,
    answers: row.answers,
    submittedOn: row.submittedOn,
    // What the council asked, and whether it was left out, are for the provider to see too.
    excludedReason: row.excludedReason,
    query: row.query,
    sections: sectionsOf(exercise.lines, row.answers),
    canEdit: asProvider && closed === null,
    closedWords: closed,
  };
}

/** The workbook its provider may change now; else why not. */
async function editable(db: Db, viewer: CurrentUser, exerciseId: string, providerId: string) {
  const view = await workbookFor(db, viewer, exerciseId, providerId);
  if (!hasRole(viewer, 'provider_user')) throw new ForbiddenError('Only the provider fills in its workbook');
  if (!view.canEdit) throw new ConflictError(view.closedWords ?? 'This workbook cannot be changed');
  return view;
}

/**
 * Saves some of a workbook's answers as a draft ({ answers: { key: value or null } }, values in
 * each line's unit; null clears a line). Every problem with them is listed; nothing is saved.
 */
export async function saveAnswers(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  providerId: string,
  input: unknown,
): Promise<WorkbookView> {
  const { answers } = parseOrThrow(answersInput, input);
  const view = await editable(db, viewer, exerciseId, providerId);
  const problems = answersProblems(view.exercise.lines, answers, false, (key) => `answers.${key}`);
  if (problems.length > 0) throw new ValidationError(problems);
  const merged: Answers = { ...view.answers };
  for (const [key, value] of Object.entries(answers)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  await db.transaction(async (tx) => {
    const row = await repository.workbookOf(tx, view.exercise.organisationId, view.exercise.id, providerId, true);
    if (row?.status === 'submitted') throw new ConflictError('This workbook has been submitted.');
    await repository.updateWorkbook(tx, view.exercise.organisationId, view.id, {
      answers: merged,
      status: 'draft',
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'cost-workbook.save',
        recordType: 'cost-workbook',
        recordId: view.id,
        organisationId: view.exercise.organisationId,
        before: view.answers,
        after: merged,
      },
    ]);
  });
  return { ...view, status: 'draft', answers: merged, sections: sectionsOf(view.exercise.lines, merged) };
}

/** The workbook checked whole before it is submitted: every line that must be answered is, and its results. */
export async function checkSubmission(db: Db, viewer: CurrentUser, exerciseId: string, providerId: string) {
  const view = await editable(db, viewer, exerciseId, providerId);
  const problems = answersProblems(view.exercise.lines, view.answers, true, (key) => `answers.${key}`);
  if (problems.length > 0) throw new ValidationError(problems, 'The workbook is not complete: see errors.');
  return { ...view, results: workbookResults(view.exercise.lines, view.answers) };
}

/** Submits the workbook: its figures go to the council, and it can be changed no more. */
export async function submitWorkbook(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  providerId: string,
): Promise<WorkbookView> {
  const view = await checkSubmission(db, viewer, exerciseId, providerId);
  const submittedOn = today();
  await db.transaction(async (tx) => {
    const exercise = await repository.lockExercise(tx, view.exercise.organisationId, view.exercise.id);
    if (exercise?.status !== 'open') throw new ConflictError('This exercise has closed.');
    const row = await repository.workbookOf(tx, view.exercise.organisationId, view.exercise.id, providerId, true);
    if (row?.status === 'submitted') throw new ConflictError('This workbook has been submitted.');
    await repository.updateWorkbook(tx, view.exercise.organisationId, view.id, {
      status: 'submitted',
      submittedOn,
      submittedBy: viewer.id,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'cost-workbook.submit',
        recordType: 'cost-workbook',
        recordId: view.id,
        organisationId: view.exercise.organisationId,
        after: { answers: view.answers, submittedOn },
      },
    ]);
  });
  return {
    ...view,
    status: 'submitted',
    submittedOn,
    canEdit: false,
    closedWords: 'This workbook has been submitted.',
  };
}

/** The XLSX template, with the workbook's figures so far. */
export async function templateFile(db: Db, viewer: CurrentUser, exerciseId: string, providerId: string) {
  const view = await workbookFor(db, viewer, exerciseId, providerId);
  return {
    filename: `cost-of-care-workbook-${view.exercise.serviceType}-${view.exercise.yearLabel.replace('/', '-')}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await workbookTemplate(view.exercise.title, view.exercise.lines, view.answers),
  };
}

/**
 * The filled-in template uploaded back: its figures replace the draft's. Every problem is listed
 * by sheet, row and column (against the field `file`), and nothing is saved.
 */
export async function uploadWorkbook(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  providerId: string,
  file: Buffer | undefined,
): Promise<WorkbookView> {
  const view = await editable(db, viewer, exerciseId, providerId);
  if (!file || file.length === 0)
    throw new ValidationError([{ field: 'file', message: 'Choose the filled-in workbook (XLSX) to upload' }]);
  const { figures, problems } = await readWorkbookFile(file, view.exercise.lines);
  const where = new Map(figures.map((figure) => [figure.key, figure.where]));
  const answers = Object.fromEntries(figures.map((figure) => [figure.key, figure.value]));
  const figureProblems = answersProblems(view.exercise.lines, answers, false, (key) => key).map(
    (problem) => `${where.get(problem.field) ?? 'The file'}: ${problem.message}`,
  );
  const all = [...problems, ...figureProblems];
  if (all.length > 0) throw new ValidationError(all.map((message) => ({ field: 'file', message })));
  // Lines left blank in the file are cleared, so the draft is what the file says.
  const cleared = Object.fromEntries(view.exercise.lines.map((line) => [line.key, answers[line.key] ?? null]));
  return saveAnswers(db, viewer, exerciseId, providerId, { answers: cleared });
}

/** A workbook the council was sent on paper or by email, entered by a finance officer as its provider sent it. */
export interface ReceivedWorkbook {
  providerId: string;
  answers: Answers;
  receivedOn: string;
}

/**
 * Workbooks providers sent outside Hearth (report 004 gathered its finance workbooks outside the
 * procurement process), entered by a finance officer or commissioner: each checked whole, all
 * saved or none, each audited as received from its provider on the day given.
 */
export async function enterReceivedWorkbooks(
  db: Db,
  viewer: CurrentUser,
  exerciseId: string,
  received: readonly ReceivedWorkbook[],
): Promise<number> {
  const exercise = await exerciseFor(db, viewer, exerciseId);
  if (!runsExercises(viewer, exercise.organisationId)) throw new ForbiddenError();
  if (exercise.status !== 'open') throw new ConflictError('This exercise has closed.');
  const rows = await repository.workbooksOf(db, exercise.organisationId, exercise.id);
  const byProvider = new Map(rows.map((row) => [row.providerId, row]));
  const problems = received.flatMap((workbook, index) => {
    const row = byProvider.get(workbook.providerId);
    if (!row) return [{ field: `${index}.providerId`, message: 'This provider is not invited to the exercise' }];
    if (row.status === 'submitted')
      return [{ field: `${index}.providerId`, message: 'This provider’s workbook is already submitted' }];
    return answersProblems(exercise.lines, workbook.answers, true, (key) => `${index}.answers.${key}`);
  });
  if (problems.length > 0) throw new ValidationError(problems);
  await db.transaction(async (tx) => {
    for (const workbook of received) {
      const row = byProvider.get(workbook.providerId)!;
      await repository.updateWorkbook(tx, exercise.organisationId, row.id, {
        answers: workbook.answers,
        status: 'submitted',
        submittedOn: workbook.receivedOn,
        submittedBy: viewer.id,
        updatedAt: new Date(),
      });
    }
    await recordAudit(
      tx,
      actorOf(viewer),
      received.map((workbook) => ({
        action: 'cost-workbook.enter-received',
        recordType: 'cost-workbook',
        recordId: byProvider.get(workbook.providerId)!.id,
        after: { answers: workbook.answers, submittedOn: workbook.receivedOn },
      })),
    );
  });
  return received.length;
}
