// The action plan that follows an assessment with a domain below Good: actions the officer sets,
// the provider's progress and evidence from its own pages, and the officer's sign-off or reopening.
// The provider sees and works its own plans only, never another provider's, and never before the
// assessment has been sent to it.
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { hasControlCharacters } from '../platform/domain/json-input.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { userNames } from '../organisations/user-service.ts';
import { actionInput, progressInput, signOffInput } from './assessment-input.ts';
import * as repository from './assessment-repository.ts';
import { assessment, QUALITY_KEEPERS, QUALITY_READERS } from './assessment-service.ts';
import { ACTION_STATUS_LABELS, closePlanProblems, isOverdue, type ActionStatus } from './domain/assessments.ts';
import { rateProviders } from './risk-run-service.ts';

/** Evidence a provider uploads with its progress: a document or a photograph, at most 5 MB. */
export const EVIDENCE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'] as const;
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

/** An uploaded file: its type is read from its bytes, never taken from its name or the browser. */
export interface EvidenceFile {
  filename: string;
  content: Buffer;
}

/** An action with its assessment, where the viewer may read that assessment (see assessment-service). */
async function readableAction(db: Db, viewer: CurrentUser, actionId: string) {
  const action = isUuid(actionId) ? await repository.actionById(db, actionId) : undefined;
  if (!action) throw new NotFoundError();
  return { action, view: await assessment(db, viewer, action.assessmentId) };
}

/** An action the viewer keeps: staff who keep the organisation's assessments. */
async function keptAction(db: Db, viewer: CurrentUser, actionId: string) {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const action = isUuid(actionId) ? await repository.actionById(db, actionId) : undefined;
  if (!action || action.organisationId !== organisationId) throw new NotFoundError();
  return action;
}

/** Adds an action to an assessment's plan, answering one of its questions. */
export async function addAction(db: Db, viewer: CurrentUser, assessmentId: string, input: unknown) {
  const view = await assessment(db, viewer, assessmentId);
  if (!view.may.addAction) throw new NotFoundError();
  const given = parseOrThrow(actionInput, input);
  if (!view.domains.some((domain) => domain.questions.some((question) => question.key === given.questionKey)))
    throw new ValidationError([{ field: 'questionKey', message: 'Choose a question of this assessment' }]);
  if (given.dueOn < view.visitOn)
    throw new ValidationError([{ field: 'dueOn', message: 'The date it is due must be after the visit' }]);
  const now = new Date();
  const row = {
    organisationId: view.service.organisationId,
    id: randomUUID(),
    assessmentId,
    ...given,
    status: 'open' as const,
    createdBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await repository.insertAction(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'assessment-action.add', recordType: 'quality-assessment', recordId: assessmentId, after: given },
    ]);
    await rateProviders(tx, row.organisationId, [view.service.providerId]);
  });
  return row;
}

/** One action with its history, as its page and the API show it. */
export async function action(db: Db, viewer: CurrentUser, actionId: string) {
  const { action: row, view } = await readableAction(db, viewer, actionId);
  const updates = await repository.updatesOf(db, row.organisationId, [row.id]);
  const names = await userNames(
    db,
    updates.flatMap((update) => (update.madeBy ? [update.madeBy] : [])),
  );
  const status = row.status as ActionStatus;
  const isProvider = viewer.providerId !== null;
  const keeps = !isProvider && hasRole(viewer, ...QUALITY_KEEPERS);
  return {
    id: row.id,
    assessmentId: row.assessmentId,
    service: view.service,
    questionKey: row.questionKey,
    question: view.domains.flatMap((domain) => domain.questions).find((question) => question.key === row.questionKey)
      ?.text,
    title: row.title,
    owner: row.owner,
    dueOn: row.dueOn,
    status,
    statusLabel: ACTION_STATUS_LABELS[status],
    overdue: isOverdue({ status, dueOn: row.dueOn }, isoDateInLondon(new Date())),
    history: updates.map((update) => ({
      id: update.id,
      kind: update.kind,
      note: update.note,
      filename: update.filename,
      madeBy: update.madeBy ? (names.get(update.madeBy) ?? '') : '',
      madeAt: update.madeAt,
    })),
    may: {
      progress: isProvider && view.status === 'published' && status !== 'signed-off',
      signOff: keeps && status !== 'signed-off',
      reopen: keeps && status === 'signed-off' && view.actionPlanClosedOn === null,
    },
  };
}
export type ActionView = Awaited<ReturnType<typeof action>>;

/** The provider reports progress (or that it is done), with evidence if it has some. */
export async function reportProgress(
  db: Db,
  viewer: CurrentUser,
  actionId: string,
  input: unknown,
  file: EvidenceFile | null = null,
) {
  const current = await action(db, viewer, actionId);
  if (viewer.providerId === null) throw new NotFoundError();
  const given = parseOrThrow(progressInput, input);
  if (!current.may.progress)
    throw new ConflictError(
      current.status === 'signed-off'
        ? 'This action is signed off: the officer must reopen it first'
        : 'Progress is reported once the assessment is published',
    );
  const contentType = file ? await evidenceType(file) : null;
  await db.transaction(async (tx) => {
    await repository.insertUpdate(tx, {
      organisationId: current.service.organisationId,
      id: randomUUID(),
      actionId,
      kind: 'progress',
      note: given.note,
      filename: file?.filename ?? null,
      contentType,
      content: file?.content ?? null,
      size: file?.content.length ?? null,
      madeBy: viewer.id,
      madeAt: new Date(),
    });
    await repository.setActionStatus(
      tx,
      { organisationId: current.service.organisationId, id: actionId },
      given.status,
    );
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'assessment-action.progress',
        recordType: 'quality-assessment',
        recordId: current.assessmentId,
        after: { actionId, status: given.status, evidence: file?.filename ?? null },
        reason: given.note,
      },
    ]);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes read as text: UTF-8 without control characters (no binary file does). */
function isPlainText(content: Buffer): boolean {
  try {
    return !hasControlCharacters(utf8.decode(content));
  } catch {
    return false;
  }
}

/**
 * The evidence's content type, from its bytes: a PDF, JPG or PNG by its signature, otherwise text
 * if it reads as text. A page of HTML named .pdf, or claimed to be a PDF, is never stored as one.
 */
async function evidenceType(file: EvidenceFile): Promise<string> {
  if (file.content.length === 0)
    throw new ValidationError([{ field: 'evidence', message: 'The evidence file is empty' }]);
  if (file.content.length > EVIDENCE_MAX_BYTES)
    throw new ValidationError([{ field: 'evidence', message: 'The evidence must be smaller than 5 MB' }]);
  const detected = (await fileTypeFromBuffer(file.content))?.mime ?? (isPlainText(file.content) ? 'text/plain' : '');
  if (!(EVIDENCE_FILE_TYPES as readonly string[]).includes(detected))
    throw new ValidationError([{ field: 'evidence', message: 'The evidence must be a PDF, JPG, PNG or text file' }]);
  return detected;
}

/** The officer signs an action off, or reopens it, with a note for the provider. */
export async function decideAction(
  db: Db,
  viewer: CurrentUser,
  actionId: string,
  decision: 'signed-off' | 'reopened',
  input: unknown,
) {
  const row = await keptAction(db, viewer, actionId);
  const { note } = parseOrThrow(signOffInput, input);
  const current = await action(db, viewer, actionId);
  if (decision === 'signed-off' && !current.may.signOff) throw new ConflictError('This action is already signed off');
  if (decision === 'reopened' && !current.may.reopen)
    throw new ConflictError('Only a signed-off action of an open plan is reopened');
  await db.transaction(async (tx) => {
    await repository.insertUpdate(tx, {
      organisationId: row.organisationId,
      id: randomUUID(),
      actionId,
      kind: decision,
      note,
      madeBy: viewer.id,
      madeAt: new Date(),
    });
    await repository.setActionStatus(tx, row, decision === 'signed-off' ? 'signed-off' : 'in-progress');
    await recordAudit(tx, actorOf(viewer), [
      {
        action: `assessment-action.${decision === 'signed-off' ? 'sign-off' : 'reopen'}`,
        recordType: 'quality-assessment',
        recordId: row.assessmentId,
        after: { actionId },
        reason: note,
      },
    ]);
    // Signing off or reopening an action past its due date changes what is overdue.
    await rateProviders(tx, row.organisationId, [current.service.providerId]);
  });
}

/** Closes an assessment's action plan, once every action is signed off. */
export async function closePlan(db: Db, viewer: CurrentUser, assessmentId: string) {
  const view = await assessment(db, viewer, assessmentId);
  if (viewer.providerId !== null || !hasRole(viewer, ...QUALITY_KEEPERS)) throw new NotFoundError();
  if (view.actionPlanClosedOn) throw new ConflictError('This action plan is already closed');
  if (view.actions.length === 0) throw new ConflictError('This assessment has no action plan to close');
  const problems = closePlanProblems(
    view.actions.map((item) => ({ title: item.title, status: item.status as ActionStatus })),
  );
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'actions', message })));
  const today = isoDateInLondon(new Date());
  await db.transaction(async (tx) => {
    await repository.updateAssessment(
      tx,
      { organisationId: view.service.organisationId, id: assessmentId },
      { actionPlanClosedOn: today },
    );
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'quality-assessment.close-plan',
        recordType: 'quality-assessment',
        recordId: assessmentId,
        after: { closedOn: today },
      },
    ]);
  });
}

/** The evidence file of a progress update, for those who may read the action. */
export async function evidenceFile(db: Db, viewer: CurrentUser, actionId: string, updateId: string) {
  const { action: row } = await readableAction(db, viewer, actionId);
  const update = isUuid(updateId) ? await repository.updateById(db, row.organisationId, updateId) : undefined;
  if (!update || update.actionId !== row.id || !update.content) throw new NotFoundError();
  return { filename: update.filename!, contentType: update.contentType!, body: update.content };
}

export type ActionListRow = repository.ActionListRow & { overdue: boolean; statusLabel: string };

/** The actions of every sent assessment the viewer may see: the organisation's, or (providers) their own. */
export async function actionList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<{ overdue?: 'yes' }, repository.ActionListSort>,
): Promise<Page<ActionListRow>> {
  const scope =
    viewer.providerId !== null
      ? { providerId: viewer.providerId }
      : { organisationId: staffOrganisation(viewer, QUALITY_READERS) };
  const today = isoDateInLondon(new Date());
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.actionList(db, scope, { overdue: filter.overdue === 'yes', today }, sort, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return pageOf(
    rows.map((row) => {
      const status = row.action.status as ActionStatus;
      return {
        ...row,
        overdue: isOverdue({ status, dueOn: row.action.dueOn }, today),
        statusLabel: ACTION_STATUS_LABELS[status],
      };
    }),
    total,
    page,
    pageSize,
  );
}
