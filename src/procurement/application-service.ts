// Questions a vehicle asks, and providers' applications to it. An application is commercially
// sensitive: its own provider's users see it; the vehicle's staff see it once it is submitted;
// nobody else learns it exists.
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import type { RecordHistory } from '../platform/audit/history.ts';
import { isoDateInLondon, WorkingDays, type Nation } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ForbiddenError, NotFoundError, nullIfNotFound, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { providerNames, providerSummary } from '../providers/service.ts';
import {
  applicationTasks,
  decisionDue,
  documentProblem,
  DOCUMENT_TYPES,
  editProblem,
  isPastDeadline,
  wordCount,
  type ApplicationStatus,
  type QuestionKind,
  type Task,
} from './domain/applications.ts';
import { progressOf, type Progress, type StageDecision, type StageOutcome } from './domain/evaluation.ts';
import { procurementSight, type ProcurementSight } from './domain/procurement-sight.ts';
import { shownTenderEvent, type TenderViewer } from './domain/tender-history.ts';
import { isAlwaysOpen, questionApplies, type Stage, type VehicleKind } from './domain/vehicles.ts';
import {
  answerInput,
  applicationFilterInput,
  applicationLotsInput,
  pricesInput,
  questionInput,
  type AnswerInput,
  type ApplicationFilter,
  type QuestionInput,
} from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { getVehicle, vehicleForApplicant, vehicleSight, type VehicleDetail } from './service.ts';
import { auditFor, providerActor } from './audit.ts';
import { paths } from './paths.ts';

export type Question = applicationRepository.QuestionRow;
export type Application = applicationRepository.ApplicationRow;

// ---- Questions: set by the lead's commissioners while the vehicle is a draft -------------------

/** The vehicle's questions, for anyone who may see the vehicle (providers need them to apply). */
export async function listQuestions(db: Db, viewer: CurrentUser, vehicleId: string): Promise<Question[]> {
  const { vehicle } = await getVehicle(db, viewer, vehicleId);
  return applicationRepository.questionsOf(db, vehicle.id);
}

async function draftToManage(db: Db, viewer: CurrentUser, vehicleId: string): Promise<VehicleDetail> {
  const detail = await getVehicle(db, viewer, vehicleId);
  if (!detail.canManage) throw new NotFoundError();
  if (detail.vehicle.status !== 'draft')
    throw new ValidationError([
      {
        field: 'text',
        message: 'Questions are set before the vehicle is advertised, so every applicant answers the same ones',
      },
    ]);
  return detail;
}

export async function addQuestion(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: QuestionInput,
): Promise<Question> {
  const data = parseOrThrow(questionInput, input);
  const { vehicle, lots } = await draftToManage(db, viewer, vehicleId);
  if (data.lotId !== null && !lots.some((lot) => lot.id === data.lotId))
    throw new ValidationError([{ field: 'lotId', message: "Choose one of the vehicle's lots" }]);
  const existing = await applicationRepository.questionsOf(db, vehicle.id);
  const row = {
    organisationId: vehicle.organisationId,
    vehicleId: vehicle.id,
    id: randomUUID(),
    ...data,
    position:
      1 +
      Math.max(0, ...existing.filter((question) => question.kind === data.kind).map((question) => question.position)),
  };
  await db.transaction(async (tx) => {
    await applicationRepository.insertQuestion(tx, row);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'question.create', recordType: 'vehicle', recordId: vehicle.id, after: row },
    ]);
  });
  return row;
}

export async function removeQuestion(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  questionId: string,
): Promise<void> {
  const { vehicle } = await draftToManage(db, viewer, vehicleId);
  const question = (await applicationRepository.questionsOf(db, vehicle.id)).find((q) => q.id === questionId);
  if (!question) throw new NotFoundError();
  await db.transaction(async (tx) => {
    await applicationRepository.deleteQuestion(tx, vehicle.organisationId, questionId);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'question.delete', recordType: 'vehicle', recordId: vehicle.id, before: question },
    ]);
  });
}

// ---- Applications -------------------------------------------------------------------------------

export interface ApplicationDetail {
  application: Application;
  provider: { id: string; name: string };
  vehicle: Pick<
    VehicleDetail['vehicle'],
    | 'id'
    | 'name'
    | 'reference'
    | 'kind'
    | 'status'
    | 'submissionDeadline'
    | 'pricesFixed'
    | 'organisationId'
    | 'stages'
    | 'scoreScaleMax'
  >;
  lots: VehicleDetail['lots'];
  questions: Question[];
  answers: applicationRepository.AnswerRow[];
  prices: { lotId: string; weeklyRatePence: number }[];
  /** The documents the vehicle asks for, and what was uploaded for each (never the content here). */
  requiredDocuments: string[];
  documents: applicationRepository.DocumentMeta[];
  tasks: Task[];
  /** Why it cannot be changed now (submitted, closed, late), or null. */
  editProblem: string | null;
  /** Whether the viewer is the applying provider (else vehicle staff). */
  isApplicant: boolean;
  /** What the viewer may see of the tender: its applicant sees its own bid, never scores before its letter. */
  sight: ProcurementSight;
  /** Dynamic purchasing systems and markets: working days are counted to the decision due date. */
  decisionOverdue: boolean;
  /** Each stage decided so far, and where the application stands (excluded with the reason it is told). */
  decisions: StageDecision[];
  progress: Progress;
}

const today = () => isoDateInLondon(new Date());

const APPLICANT_SIGHT: ProcurementSight = { applicants: false, submissions: true, scores: false, withheld: null };

/**
 * The application as the viewer may see it; anyone else (another provider, another council, staff
 * before it is submitted, staff who do not run the procurement) gets not found. An evaluator who has
 * not declared, or declared a conflict, sees who applied but none of what they submitted.
 */
export async function getApplication(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
  const application = isUuid(id) ? await applicationRepository.applicationById(db, id) : undefined;
  if (!application) throw new NotFoundError();
  const isApplicant = viewer.providerId !== null && viewer.providerId === application.providerId;
  if (!isApplicant && (viewer.providerId !== null || application.status === 'draft')) throw new NotFoundError();
  // Staff must be of the vehicle's lead or a partner: getVehicle says not found otherwise.
  const detail = isApplicant
    ? await vehicleForApplicant(db, application.vehicleId)
    : await getVehicle(db, viewer, application.vehicleId);
  const sight = isApplicant ? APPLICANT_SIGHT : await vehicleSight(db, viewer, application.vehicleId);
  if (!sight.applicants && !isApplicant) throw new NotFoundError();
  const withheld = async <T>(read: Promise<T[]>): Promise<T[]> => (sight.submissions ? read : []);
  const [allQuestions, answers, prices, provider, decisionRows, documents] = await Promise.all([
    applicationRepository.questionsOf(db, application.vehicleId),
    withheld(applicationRepository.answersOf(db, application.id)),
    withheld(applicationRepository.pricesOf(db, application.id)),
    providerSummary(db, application.providerId),
    evaluationRepository.stageDecisionsOf(db, [application.id]),
    withheld(applicationRepository.documentsOf(db, application.id)),
  ]);
  // The tenderer answers the questions for the whole vehicle and those of the lots it applies for.
  const questions = allQuestions.filter((question) => questionApplies(question, application.lotIds));
  const decisions = decisionRows.map((row) => ({
    stage: row.stage as Stage,
    outcome: row.outcome as StageOutcome,
    reason: row.reason,
  }));
  const progress = progressOf(detail.vehicle.stages as Stage[], decisions);
  // A resubmission window applies to the tenderers standing at the resubmission stage.
  const resubmissionUntil =
    progress.state === 'at' && progress.stage === 'resubmission' ? detail.vehicle.resubmissionUntil : null;
  const { vehicle } = detail;
  const tasks = applicationTasks({
    lotIds: application.lotIds,
    questions: questions.map((question) => ({
      id: question.id,
      kind: question.kind as QuestionKind,
      wordLimit: question.wordLimit,
    })),
    answers,
    pricedLotIds: vehicle.pricesFixed ? null : prices.map((price) => price.lotId),
    requiredDocuments: vehicle.requiredDocuments,
    uploadedDocuments: documents.map((document) => document.name),
  });
  return {
    application,
    provider: provider ?? { id: application.providerId, name: '' },
    vehicle: {
      id: vehicle.id,
      name: vehicle.name,
      reference: vehicle.reference,
      kind: vehicle.kind,
      status: vehicle.status,
      submissionDeadline: vehicle.submissionDeadline,
      pricesFixed: vehicle.pricesFixed,
      organisationId: vehicle.organisationId,
      stages: vehicle.stages,
      scoreScaleMax: vehicle.scoreScaleMax,
    },
    lots: detail.lots,
    questions,
    answers,
    prices,
    requiredDocuments: vehicle.requiredDocuments,
    documents,
    tasks,
    editProblem: isApplicant
      ? editProblem(
          application.status as ApplicationStatus,
          detail.acceptingApplications,
          vehicle.submissionDeadline,
          today(),
          resubmissionUntil,
        )
      : 'Only the applying provider changes its application',
    isApplicant,
    sight,
    decisionOverdue:
      application.status === 'submitted' && application.decisionDueOn !== null && today() > application.decisionDueOn,
    decisions,
    progress,
  };
}

export async function listApplications(
  db: Db,
  viewer: CurrentUser,
  filter: ApplicationFilter,
): Promise<Page<Application & { providerName: string; vehicleName: string }>> {
  const sight = procurementSight(viewer.roles, null);
  if (!viewer.providerId && !sight.applicants) throw new ForbiddenError(sight.withheld!);
  const scope = viewer.providerId
    ? { providerId: viewer.providerId }
    : { organisationId: viewer.organisationId ?? '00000000-0000-0000-0000-000000000000' };
  const { rows, total } = await applicationRepository.findApplications(
    db,
    { ...scope, vehicleId: filter.vehicleId, status: filter.status },
    (filter.page - 1) * filter.pageSize,
    filter.pageSize,
  );
  const [names, vehicleNames] = await Promise.all([
    providerNames(
      db,
      rows.map((row) => row.providerId),
    ),
    vehicleRepository.vehicleNames(db, [...new Set(rows.map((row) => row.vehicleId))]),
  ]);
  return pageOf(
    rows.map((row) => ({
      ...row,
      providerName: names.get(row.providerId) ?? '',
      vehicleName: vehicleNames.get(row.vehicleId) ?? '',
    })),
    total,
    filter.page,
    filter.pageSize,
  );
}

export function parseApplicationFilter(query: unknown): ApplicationFilter {
  return parseOrThrow(applicationFilterInput, query ?? {});
}

/** A provider starts (or returns to) its application to a vehicle taking applications. */
export async function startApplication(db: Db, viewer: CurrentUser, vehicleId: string): Promise<ApplicationDetail> {
  if (!viewer.providerId) throw new NotFoundError();
  const detail = await getVehicle(db, viewer, vehicleId);
  const existing = await applicationRepository.applicationOf(db, detail.vehicle.id, viewer.providerId);
  if (existing) return getApplication(db, viewer, existing.id);
  if (isPastDeadline(detail.vehicle.submissionDeadline, today())) {
    throw new ValidationError([
      {
        field: 'vehicle',
        message: `The deadline for applications was the end of ${detail.vehicle.submissionDeadline}; late applications cannot be accepted`,
      },
    ]);
  }
  const now = new Date();
  const row = {
    organisationId: detail.vehicle.organisationId,
    vehicleId: detail.vehicle.id,
    id: randomUUID(),
    providerId: viewer.providerId,
    status: 'draft',
    lotIds: [],
    submittedAt: null,
    decisionDueOn: null,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await applicationRepository.insertApplication(tx, row);
    await recordAudit(tx, providerActor(viewer), [{ action: 'application.start', ...auditFor(row) }]);
  });
  return getApplication(db, viewer, row.id);
}

/** The applicant's own application, while it may still be changed. */
async function editable(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
  const detail = await getApplication(db, viewer, id);
  if (!detail.isApplicant) throw new NotFoundError();
  if (detail.editProblem) throw new ValidationError([{ field: 'application', message: detail.editProblem }]);
  return detail;
}

export async function saveLots(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { lotIds: string[] },
): Promise<ApplicationDetail> {
  const { lotIds } = parseOrThrow(applicationLotsInput, input);
  const detail = await editable(db, viewer, id);
  const known = new Set(detail.lots.map((lot) => lot.id));
  if (lotIds.some((lotId) => !known.has(lotId)))
    throw new ValidationError([{ field: 'lotIds', message: 'Choose lots of this vehicle' }]);
  const { application } = detail;
  await db.transaction(async (tx) => {
    await applicationRepository.updateApplication(tx, application.organisationId, application.id, {
      lotIds: [...new Set(lotIds)],
      updatedAt: new Date(),
    });
    await recordAudit(tx, providerActor(viewer), [
      {
        action: 'application.lots',
        ...auditFor(application),
        before: { lotIds: application.lotIds },
        after: { lotIds },
      },
    ]);
  });
  return getApplication(db, viewer, id);
}

/** Saves one answer as the provider goes. Drafts are the provider's own: the audit keeps the size, not the words, until it is submitted. */
export async function saveAnswer(
  db: Db,
  viewer: CurrentUser,
  id: string,
  questionId: string,
  input: AnswerInput,
): Promise<ApplicationDetail> {
  const data = parseOrThrow(answerInput, input);
  const detail = await editable(db, viewer, id);
  const question = detail.questions.find((q) => q.id === questionId);
  if (!question) throw new NotFoundError();
  if (question.kind === 'selection' && data.meetsRequirement === null)
    throw new ValidationError([{ field: 'meetsRequirement', message: 'Say whether you meet this requirement' }]);
  const words = wordCount(data.text);
  if (question.wordLimit !== null && words > question.wordLimit) {
    throw new ValidationError([
      { field: 'text', message: `Your answer has ${words} words; the limit is ${question.wordLimit}` },
    ]);
  }
  const { application } = detail;
  await db.transaction(async (tx) => {
    await applicationRepository.saveAnswer(tx, {
      organisationId: application.organisationId,
      applicationId: application.id,
      questionId,
      meetsRequirement: question.kind === 'selection' ? data.meetsRequirement : null,
      text: data.text,
      updatedAt: new Date(),
    });
    await recordAudit(tx, providerActor(viewer), [
      { action: 'application.answer', ...auditFor(application), after: { questionId, words } },
    ]);
  });
  return getApplication(db, viewer, id);
}

export async function savePrices(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { prices: { lotId: string; weeklyRatePence: number }[] },
): Promise<ApplicationDetail> {
  const { prices } = parseOrThrow(pricesInput, input);
  const detail = await editable(db, viewer, id);
  if (detail.vehicle.pricesFixed)
    throw new ValidationError([
      { field: 'prices', message: 'The council fixes the rates for this vehicle: there is nothing to price' },
    ]);
  const applied = new Set(detail.application.lotIds);
  const problems = prices.flatMap((price, i) =>
    applied.has(price.lotId) ? [] : [{ field: `prices.${i}.lotId`, message: 'Price only the lots you apply for' }],
  );
  if (problems.length > 0) throw new ValidationError(problems);
  const { application } = detail;
  await db.transaction(async (tx) => {
    await applicationRepository.replacePrices(tx, application.organisationId, application.id, prices);
    await recordAudit(tx, providerActor(viewer), [
      { action: 'application.prices', ...auditFor(application), after: { lots: prices.length } },
    ]);
  });
  return getApplication(db, viewer, id);
}

/** Uploads (or replaces) the file for one of the vehicle's required documents. */
export async function uploadDocument(
  db: Db,
  viewer: CurrentUser,
  id: string,
  upload: { name: string; filename: string; content: Buffer },
): Promise<ApplicationDetail> {
  const detail = await editable(db, viewer, id);
  if (!detail.requiredDocuments.includes(upload.name))
    throw new ValidationError([{ field: 'name', message: 'Upload one of the documents this vehicle asks for' }]);
  const problem = documentProblem(
    upload.filename,
    upload.content.length,
    (await fileTypeFromBuffer(upload.content))?.ext,
  );
  if (problem) throw new ValidationError([{ field: `document-${upload.name}`, message: problem }]);
  const { application } = detail;
  const extension = upload.filename.toLowerCase().split('.').pop()!;
  const row = {
    organisationId: application.organisationId,
    applicationId: application.id,
    id: randomUUID(),
    name: upload.name,
    filename: upload.filename.replace(/[^\w.\- ]+/g, '_').slice(0, 200),
    contentType: DOCUMENT_TYPES[extension]!.contentType,
    size: upload.content.length,
    content: upload.content,
    uploadedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await applicationRepository.saveDocument(tx, row);
    await recordAudit(tx, providerActor(viewer), [
      {
        action: 'application.document',
        ...auditFor(application),
        after: { name: row.name, filename: row.filename, size: row.size },
      },
    ]);
  });
  return getApplication(db, viewer, id);
}

/** A document's content, for its applicant and, once submitted, the vehicle's staff who may see submissions. */
export async function downloadDocument(db: Db, viewer: CurrentUser, id: string, documentId: string) {
  const { sight } = await getApplication(db, viewer, id);
  if (!sight.submissions) throw new NotFoundError();
  const document = isUuid(documentId) ? await applicationRepository.documentById(db, id, documentId) : undefined;
  if (!document) throw new NotFoundError();
  return document;
}

/** Submits a complete application before the deadline. A dynamic purchasing system or market owes a decision within 10 working days. */
export async function submitApplication(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
  const detail = await editable(db, viewer, id);
  const outstanding = detail.tasks.at(-1)!.problems;
  if (outstanding.length > 0) throw new ValidationError(outstanding);
  const { application } = detail;
  const now = new Date();
  const resubmitting = application.status === 'submitted';
  const vehicle = await vehicleRepository.vehicleById(db, application.vehicleId);
  const decisionDueOn = resubmitting
    ? application.decisionDueOn
    : isAlwaysOpen(detail.vehicle.kind as VehicleKind)
      ? decisionDue(isoDateInLondon(now), WorkingDays.forNations(bankHolidays(), [vehicle!.nation as Nation]))
      : null;
  await db.transaction(async (tx) => {
    await applicationRepository.updateApplication(tx, application.organisationId, application.id, {
      status: 'submitted',
      submittedAt: now,
      decisionDueOn,
      updatedAt: now,
    });
    await recordAudit(tx, providerActor(viewer), [
      {
        action: resubmitting ? 'application.resubmit' : 'application.submit',
        ...auditFor(application),
        before: { status: application.status },
        after: {
          status: 'submitted',
          decisionDueOn,
          lotIds: application.lotIds,
          answers: detail.answers.map((answer) => ({
            questionId: answer.questionId,
            meetsRequirement: answer.meetsRequirement,
            text: answer.text,
          })),
          prices: detail.prices,
        },
      },
    ]);
  });
  return getApplication(db, viewer, id);
}

/** The application's history: for its applicant and for staff who may see its submissions, each seeing what the tender's rule allows. */
export async function applicationHistory(db: Db, viewer: CurrentUser, id: string): Promise<RecordHistory | null> {
  const detail = await nullIfNotFound(getApplication(db, viewer, id));
  if (!detail || !detail.sight.submissions) return null;
  const tenderViewer: TenderViewer = detail.isApplicant
    ? { kind: 'applicant' }
    : {
        kind: 'staff',
        userId: viewer.id,
        scores: detail.sight.scores,
        everyScore: hasRole(viewer, 'commissioner', 'auditor'),
      };
  return {
    label: `${detail.provider.name}: ${detail.vehicle.name}`,
    href: paths.application(id),
    show: (event) => shownTenderEvent(event, tenderViewer),
  };
}
