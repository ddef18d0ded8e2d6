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
import {
  applicationTasks,
  editProblem,
  type ApplicationStatus,
  type QuestionKind,
  type Task,
} from './domain/applications.ts';
import { progressOf, type Progress, type StageDecision, type StageOutcome } from './domain/evaluation.ts';
import { procurementSight, UNDECLARED, type ProcurementSight } from './domain/procurement-sight.ts';
import { shownTenderEvent, type TenderViewer } from './domain/tender-history.ts';
import { questionApplies, type Stage } from './domain/vehicles.ts';
import type { ApplicationFilter } from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import { getVehicle, vehicleForApplicant, vehicleSight, vehicleSights, type VehicleDetail } from './service.ts';
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

/** Which application, by whom, to what: all that is said of one its viewer may know of but not open. */
export interface ApplicationSubject {
  applicationId: string;
  providerName: string;
  vehicle: { id: string; name: string };
}

/**
 * Refuses an application to a member of staff who may know who applied but not open what they
 * submitted: an evaluator who has not declared on conflicts for its vehicle, or declared one.
 */
export class SubmissionWithheld extends ForbiddenError {
  constructor(
    message: string,
    readonly subject: ApplicationSubject,
    /** Whether declaring (no conflict) would open it. */
    readonly undeclared: boolean,
  ) {
    super(message);
  }
}

/**
 * The application as the viewer may see it; anyone else (another provider, another council, staff
 * before it is submitted, staff who do not run the procurement) gets not found. An evaluator who has
 * not declared no conflict knows who applied (the evaluation lists them) but opens no application by
 * any route: this page, the API, its documents, its scoring, its letter or its history.
 */
export async function getApplication(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
  const read = isUuid(id) ? await applicationRepository.applicationWithParts(db, id) : undefined;
  if (!read) throw new NotFoundError();
  const { application, answers, prices, documents } = read;
  const isApplicant = viewer.providerId !== null && viewer.providerId === application.providerId;
  if (!isApplicant && (viewer.providerId !== null || application.status === 'draft')) throw new NotFoundError();
  // Staff must be of the vehicle's lead or a partner: getVehicle says not found otherwise.
  const detail = isApplicant
    ? await vehicleForApplicant(db, application.vehicleId)
    : await getVehicle(db, viewer, application.vehicleId);
  const sight = isApplicant ? APPLICANT_SIGHT : await vehicleSight(db, viewer, application.vehicleId);
  if (!sight.applicants && !isApplicant) throw new NotFoundError();
  const provider = { id: application.providerId, name: read.providerName };
  if (!sight.submissions)
    throw new SubmissionWithheld(
      sight.withheld ?? UNDECLARED,
      {
        applicationId: application.id,
        providerName: provider.name,
        vehicle: { id: detail.vehicle.id, name: detail.vehicle.name },
      },
      sight.withheld === UNDECLARED,
    );
  // The tenderer answers the questions for the whole vehicle and those of the lots it applies for.
  const questions = read.questions.filter((question) => questionApplies(question, application.lotIds));
  const decisions = read.decisions.map((row) => ({
    stage: row.stage as Stage,
    outcome: row.outcome as StageOutcome,
    reason: row.reason,
  }));
  const progress = progressOf(detail.vehicle.stages as Stage[], decisions);
  // A resubmission window applies to the tenderers standing at the resubmission stage.
  const resubmissionUntil =
    progress.state === 'at' && progress.stage === 'resubmission' ? detail.vehicle.resubmissionUntil : null;
  const { vehicle } = detail;
  // The deadline of the application's own round (a framework's later round has its own).
  const submissionDeadline =
    application.roundNumber === detail.currentRound
      ? detail.deadlines.submissionDeadline
      : (detail.rounds.find((round) => round.number === application.roundNumber)?.submissionDeadline ??
        vehicle.submissionDeadline);
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
    provider,
    vehicle: {
      id: vehicle.id,
      name: vehicle.name,
      reference: vehicle.reference,
      kind: vehicle.kind,
      status: vehicle.status,
      submissionDeadline,
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
          detail.acceptingApplications && application.roundNumber === detail.currentRound,
          submissionDeadline,
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

/** An application in a list: who applied to what, where it stands, and whether the viewer may open it. */
export type ApplicationListItem = Application & {
  providerName: string;
  vehicleName: string;
  /** Where a submitted application stands; null before it is submitted. */
  progress: Progress | null;
  /** Whether the viewer is its applicant (else vehicle staff). */
  isApplicant: boolean;
  canOpen: boolean;
};

export type ApplicationSort = applicationRepository.ApplicationSort;

/** Whose applications the viewer may list: a provider's own (drafts too), or staff's vehicles' submitted ones. */
function listScope(viewer: CurrentUser): applicationRepository.ApplicationQuery {
  const sight = procurementSight(viewer.roles, null);
  if (!viewer.providerId && !sight.applicants) throw new ForbiddenError(sight.withheld!);
  return viewer.providerId
    ? { providerId: viewer.providerId }
    : { organisationId: viewer.organisationId ?? '00000000-0000-0000-0000-000000000000' };
}

/**
 * The applications the viewer may see, a page of them in the order asked for: a provider user its
 * own provider's; the staff who run procurement those submitted to their organisation's vehicles
 * (and its partners'), by provider name too. Each says whether the viewer may open it: an
 * evaluator opens none of a vehicle before declaring no conflict on it.
 */
export async function listApplications(
  db: Db,
  viewer: CurrentUser,
  filter: ApplicationFilter,
  sort?: applicationRepository.ApplicationSort,
): Promise<Page<ApplicationListItem>> {
  const scope = listScope(viewer);
  const { rows, total } = await applicationRepository.findApplications(
    db,
    {
      ...scope,
      vehicleId: filter.vehicleId,
      status: filter.status,
      stage: filter.stage,
      // Who applied is theirs to search who may see who applied; a provider sees only its own.
      providerName: viewer.providerId ? undefined : filter.provider,
    },
    (filter.page - 1) * filter.pageSize,
    filter.pageSize,
    sort,
  );
  const vehicleIds = [...new Set(rows.map((row) => row.vehicleId))];
  const [decisions, sights] = await Promise.all([
    evaluationRepository.stageDecisionsOf(
      db,
      rows.map((row) => row.id),
    ),
    viewer.providerId ? new Map<string, ProcurementSight>() : vehicleSights(db, viewer, vehicleIds),
  ]);
  return pageOf(
    rows.map(({ vehicleStages, ...row }) => ({
      ...row,
      progress:
        row.status === 'draft'
          ? null
          : progressOf(
              vehicleStages as Stage[],
              decisions
                .filter((decision) => decision.applicationId === row.id)
                .map((decision) => ({
                  stage: decision.stage as Stage,
                  outcome: decision.outcome as StageOutcome,
                  reason: decision.reason,
                })),
            ),
      isApplicant: viewer.providerId !== null,
      // Its own provider opens it; staff only with sight of the vehicle's submissions (getApplication's rule).
      canOpen: viewer.providerId !== null || sights.get(row.vehicleId)?.submissions === true,
    })),
    total,
    filter.page,
    filter.pageSize,
  );
}

/** The vehicles the viewer's applications are to, for the list's filter. */
export async function applicationVehicleOptions(db: Db, viewer: CurrentUser): Promise<{ id: string; name: string }[]> {
  return applicationRepository.vehiclesOfApplications(db, listScope(viewer));
}

/** The application's history: for its applicant and for staff who may see its submissions, each seeing what the tender's rule allows. */
export async function applicationHistory(db: Db, viewer: CurrentUser, id: string): Promise<RecordHistory | null> {
  const detail = await nullIfNotFound(getApplication(db, viewer, id)).catch((error: unknown) => {
    // Its history is no more open than the application itself.
    if (error instanceof SubmissionWithheld) return null;
    throw error;
  });
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
