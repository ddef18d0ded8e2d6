// Clarification questions: a provider asks while a vehicle takes applications and before its
// clarification deadline; the commissioner's answer is published to every applicant, and no
// provider is ever told who asked.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { isPastDeadline } from './domain/applications.ts';
import { clarificationAnswerInput, clarificationInput } from './input.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { getVehicle } from './service.ts';
import { providerActor } from './audit.ts';

export interface Clarification {
  id: string;
  question: string;
  askedAt: Date;
  answer: string | null;
  publishedAt: Date | null;
  /** Whether the viewer's own provider asked it: shown only to that provider. */
  askedByYou: boolean;
}

/** Published questions and answers for everyone who may see the vehicle; unanswered ones for its staff and for the provider who asked. */
export async function listClarifications(db: Db, viewer: CurrentUser, vehicleId: string): Promise<Clarification[]> {
  const { vehicle } = await getVehicle(db, viewer, vehicleId);
  const rows = await vehicleRepository.clarificationsOf(db, vehicle.id);
  const isStaff = viewer.organisationId !== null;
  return rows
    .filter((row) => row.publishedAt !== null || isStaff || row.askedByProviderId === viewer.providerId)
    .map((row) => ({
      id: row.id,
      question: row.question,
      askedAt: row.askedAt,
      answer: row.answer,
      publishedAt: row.publishedAt,
      askedByYou: viewer.providerId !== null && row.askedByProviderId === viewer.providerId,
    }));
}

export async function askClarification(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: { question: string },
): Promise<Clarification[]> {
  const { question } = parseOrThrow(clarificationInput, input);
  if (!viewer.providerId) throw new ForbiddenError('Providers ask clarification questions.');
  const detail = await getVehicle(db, viewer, vehicleId);
  const deadline = detail.deadlines.clarificationDeadline;
  if (!detail.acceptingApplications)
    throw new ValidationError([{ field: 'question', message: 'This vehicle is not taking applications' }]);
  if (isPastDeadline(deadline, isoDateInLondon(new Date())))
    throw new ValidationError([
      { field: 'question', message: `Clarification questions closed at the end of ${longDate(deadline)}` },
    ]);
  const row = {
    organisationId: detail.vehicle.organisationId,
    vehicleId: detail.vehicle.id,
    id: randomUUID(),
    askedByProviderId: viewer.providerId,
    question,
    askedAt: new Date(),
    answer: null,
    answeredBy: null,
    publishedAt: null,
  };
  await db.transaction(async (tx) => {
    await vehicleRepository.insertClarification(tx, row);
    await recordAudit(tx, providerActor(viewer), [
      {
        action: 'clarification.ask',
        recordType: 'vehicle',
        recordId: detail.vehicle.id,
        organisationId: detail.vehicle.organisationId,
        after: { question },
      },
    ]);
  });
  return listClarifications(db, viewer, vehicleId);
}

/** The lead's commissioner answers; the answer is published to all at once. */
export async function answerClarification(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  clarificationId: string,
  input: { answer: string },
): Promise<Clarification[]> {
  const { answer } = parseOrThrow(clarificationAnswerInput, input);
  const detail = await getVehicle(db, viewer, vehicleId);
  if (!detail.canManage || !hasRole(viewer, 'commissioner', 'administrator')) throw new NotFoundError();
  const row = (await vehicleRepository.clarificationsOf(db, detail.vehicle.id)).find((c) => c.id === clarificationId);
  if (!row) throw new NotFoundError();
  await db.transaction(async (tx) => {
    await vehicleRepository.answerClarification(tx, detail.vehicle.organisationId, clarificationId, {
      answer,
      answeredBy: viewer.id,
      publishedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'clarification.answer',
        recordType: 'vehicle',
        recordId: detail.vehicle.id,
        before: row.answer === null ? null : { answer: row.answer },
        after: { question: row.question, answer },
      },
    ]);
  });
  return listClarifications(db, viewer, vehicleId);
}
