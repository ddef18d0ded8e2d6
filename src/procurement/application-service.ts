// Questions a vehicle asks, and providers applying to it: starting an application, choosing its
// lots, answering, pricing and submitting it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, WorkingDays, type Nation, longDate } from '../platform/domain/calendar.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { decisionDue, isPastDeadline, wordCount } from './domain/applications.ts';
import { isAlwaysOpen, type VehicleKind } from './domain/vehicles.ts';
import { heldLotProblems, secondApplicationProblem } from './domain/rounds.ts';
import {
  answerInput,
  applicationLotsInput,
  pricesInput,
  questionInput,
  type AnswerInput,
  type QuestionInput,
} from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import * as awardRepository from './award-repository.ts';
import { getApplication, type ApplicationDetail, type Question } from './application-view-service.ts';
import { getVehicle, type VehicleDetail } from './service.ts';
import { auditFor, providerActor } from './audit.ts';

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

/**
 * A provider starts (or returns to its draft of) its application to a vehicle taking applications,
 * in the vehicle's current round: one application per provider per round. A provider whose
 * application of an earlier round failed, was withdrawn or succeeded may apply again in a new one.
 */
export async function startApplication(db: Db, viewer: CurrentUser, vehicleId: string): Promise<ApplicationDetail> {
  if (!viewer.providerId) throw new NotFoundError();
  const detail = await getVehicle(db, viewer, vehicleId);
  const round = detail.currentRound;
  const existing = await applicationRepository.applicationsOf(db, detail.vehicle.id, viewer.providerId);
  const draft = existing.find((application) => application.roundNumber === round && application.status === 'draft');
  if (draft) return getApplication(db, viewer, draft.id);
  const again = secondApplicationProblem(detail.vehicle.kind as VehicleKind, round, existing);
  if (again) throw new ValidationError([{ field: 'vehicle', message: again }]);
  const deadline = detail.deadlines.submissionDeadline;
  if (isPastDeadline(deadline, isoDateInLondon(new Date()))) {
    throw new ValidationError([
      {
        field: 'vehicle',
        message: `The deadline for applications was the end of ${longDate(deadline)}; late applications cannot be accepted`,
      },
    ]);
  }
  const now = new Date();
  const row = {
    organisationId: detail.vehicle.organisationId,
    vehicleId: detail.vehicle.id,
    id: randomUUID(),
    providerId: viewer.providerId,
    roundNumber: round,
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
export async function editableApplication(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
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
  const detail = await editableApplication(db, viewer, id);
  const known = new Set(detail.lots.map((lot) => lot.id));
  if (lotIds.some((lotId) => !known.has(lotId)))
    throw new ValidationError([{ field: 'lotIds', message: 'Choose lots of this vehicle' }]);
  const { application } = detail;
  // A provider already on the vehicle applies in a later round only for lots it does not hold.
  const lotTitle = new Map(detail.lots.map((lot) => [lot.id, lot.title]));
  const held = (await awardRepository.membershipsOf(db, application.vehicleId))
    .filter((membership) => membership.providerId === application.providerId)
    .map((membership) => ({ ...membership, lotTitle: lotTitle.get(membership.lotId) ?? '' }));
  const heldProblems = heldLotProblems(lotIds, held);
  if (heldProblems.length > 0) throw new ValidationError(heldProblems);
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
  return saveAnswers(db, viewer, id, [{ questionId, input }]);
}

/** Saves answers to several questions of an application in one transaction: all or none. */
export async function saveAnswers(
  db: Db,
  viewer: CurrentUser,
  id: string,
  answers: readonly { questionId: string; input: AnswerInput }[],
): Promise<ApplicationDetail> {
  const parsed = answers.map(({ questionId, input }) => ({ questionId, data: parseOrThrow(answerInput, input) }));
  const detail = await editableApplication(db, viewer, id);
  const checked = parsed.map(({ questionId, data }) => {
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
    return { question, data, words };
  });
  const { application } = detail;
  await db.transaction(async (tx) => {
    for (const { question, data } of checked)
      await applicationRepository.saveAnswer(tx, {
        organisationId: application.organisationId,
        applicationId: application.id,
        questionId: question.id,
        meetsRequirement: question.kind === 'selection' ? data.meetsRequirement : null,
        text: data.text,
        updatedAt: new Date(),
      });
    await recordAudit(
      tx,
      providerActor(viewer),
      checked.map(({ question, words }) => ({
        action: 'application.answer',
        ...auditFor(application),
        after: { questionId: question.id, words },
      })),
    );
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
  const detail = await editableApplication(db, viewer, id);
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

/** Submits a complete application before the deadline. A dynamic purchasing system or market owes a decision within 10 working days. */
export async function submitApplication(db: Db, viewer: CurrentUser, id: string): Promise<ApplicationDetail> {
  const detail = await editableApplication(db, viewer, id);
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
