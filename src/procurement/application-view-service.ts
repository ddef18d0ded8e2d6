// Seeing applications: one as its viewer may see it, the list of them, and its history. An
// application is commercially sensitive: its own provider's users see it; the vehicle's staff see it
// once it is submitted; nobody else learns it exists.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import type { RecordHistory } from '../platform/audit/history.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ForbiddenError, NotFoundError, nullIfNotFound } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { providerNames, providerSummary } from '../providers/service.ts';
import {
  applicationTasks,
  editProblem,
  type ApplicationStatus,
  type QuestionKind,
  type Task,
} from './domain/applications.ts';
import { progressOf, type Progress, type StageDecision, type StageOutcome } from './domain/evaluation.ts';
import { procurementSight, type ProcurementSight } from './domain/procurement-sight.ts';
import { shownTenderEvent, type TenderViewer } from './domain/tender-history.ts';
import { questionApplies, type Stage } from './domain/vehicles.ts';
import { applicationFilterInput, type ApplicationFilter } from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { getVehicle, vehicleForApplicant, vehicleSight, type VehicleDetail } from './service.ts';
import { paths } from './paths.ts';

export type Question = applicationRepository.QuestionRow;
export type Application = applicationRepository.ApplicationRow;

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
