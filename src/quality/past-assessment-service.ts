// Assessments done before the organisation used Hearth (on paper or in another tool), brought in as
// published with their ratings, reasons and any open action plan, so the schedule counts from them
// and the provider works the plan here. The ratings roll up by the framework in use now.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { isoDate, requiredText } from '../platform/http/input.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { actionInput, planAssessmentInput, ratingInput } from './assessment-input.ts';
import * as repository from './assessment-repository.ts';
import { ACTION_STATUSES, sendProblems } from './domain/assessments.ts';
import { questionsOf, rateAssessment } from './domain/framework.ts';
import type { QuestionRating } from './domain/ratings.ts';
import { QUALITY_KEEPERS } from './framework-service.ts';
import { qualityOfficers } from './register-service.ts';
import * as register from './register-repository.ts';
import * as frameworks from './repository.ts';
import { rateProviders } from './risk-run-service.ts';

export const pastAssessmentInput = planAssessmentInput.extend({
  publishedOn: isoDate('the date it was published'),
  ratings: z.array(ratingInput).max(200),
  actions: z
    .array(actionInput.extend({ status: z.enum(ACTION_STATUSES, { error: 'Choose the action’s status' }) }))
    .max(100)
    .default([]),
  source: requiredText('where the assessment was done', 200),
});

/** Brings in a published assessment done before Hearth, with its action plan as it stands. */
export async function recordPastAssessment(db: Db, viewer: CurrentUser, serviceId: string, input: unknown) {
  const [recorded] = await recordPastAssessments(db, viewer, [{ serviceId, input }]);
  return recorded!;
}

/** One assessment to bring in: the service, and what the form or API would send for it. */
export interface PastAssessmentEntry {
  serviceId: string;
  input: unknown;
}

/**
 * Brings in many at once (an organisation's history of assessments), each checked as it would be on
 * its own: one transaction, all or none, one audit append, and each provider's services rated once.
 */
export async function recordPastAssessments(
  db: Db,
  viewer: CurrentUser,
  entries: readonly PastAssessmentEntry[],
): Promise<{ id: string; overall: string }[]> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if (entries.length === 0) return [];
  const services = await Promise.all(
    entries.map(async ({ serviceId }) => {
      const service = isUuid(serviceId) ? await register.serviceById(db, organisationId, serviceId) : undefined;
      if (!service) throw new NotFoundError();
      return service;
    }),
  );
  const [framework] = await frameworks.frameworkVersions(db, organisationId);
  if (!framework)
    throw new ValidationError([{ field: 'serviceId', message: 'The organisation has no quality framework yet' }]);
  const officers = new Set((await qualityOfficers(db, viewer)).map((officer) => officer.id));
  const today = isoDateInLondon(new Date());
  const now = new Date();
  const assessments = entries.map(({ input }, i) => {
    const past = parseOrThrow(pastAssessmentInput, input);
    const given = Object.fromEntries(past.ratings.map((rating) => [rating.questionKey, rating]));
    const problems = [
      ...sendProblems(
        questionsOf(framework.content),
        given as Record<string, { rating: QuestionRating; reason: string }>,
      ).map((message) => ({ field: 'ratings', message })),
      ...(past.publishedOn < past.visitOn || past.publishedOn > today
        ? [{ field: 'publishedOn', message: 'The date it was published must be after the visit and not in the future' }]
        : []),
    ];
    if (past.officerIds.some((id) => !officers.has(id)))
      problems.push({ field: 'officerIds', message: 'Choose officers who are the organisation’s quality officers' });
    if (problems.length > 0) throw new ValidationError(problems);
    const ratings = rateAssessment(
      framework.content,
      Object.fromEntries(past.ratings.map((rating) => [rating.questionKey, rating.rating as QuestionRating])),
    );
    return { id: randomUUID(), service: services[i]!, past, ratings };
  });
  await db.transaction(async (tx) => {
    for (const { id, service, past, ratings } of assessments)
      await repository.insertAssessment(tx, {
        organisationId,
        id,
        serviceId: service.id,
        frameworkVersion: framework.version,
        visitKind: past.visitKind,
        visitOn: past.visitOn,
        officerIds: past.officerIds,
        status: 'published',
        publishedOn: past.publishedOn,
        publishedRatings: ratings,
        createdBy: viewer.id,
        createdAt: now,
        updatedAt: now,
      });
    await repository.insertRatings(
      tx,
      assessments.flatMap(({ id, past }) =>
        past.ratings.map((rating) => ({
          organisationId,
          assessmentId: id,
          ...rating,
          ratedBy: viewer.id,
          ratedAt: now,
        })),
      ),
    );
    await repository.insertActions(
      tx,
      assessments.flatMap(({ id, past }) =>
        past.actions.map((action) => ({
          organisationId,
          id: randomUUID(),
          assessmentId: id,
          ...action,
          createdBy: viewer.id,
          createdAt: now,
          updatedAt: now,
        })),
      ),
    );
    await recordAudit(
      tx,
      actorOf(viewer),
      assessments.map(({ id, service, past, ratings }) => ({
        action: 'quality-assessment.bring-in',
        recordType: 'quality-assessment',
        recordId: id,
        after: {
          serviceId: service.id,
          visitOn: past.visitOn,
          publishedOn: past.publishedOn,
          overall: ratings.overall.rating,
        },
        reason: past.source,
      })),
    );
    await rateProviders(tx, organisationId, [...new Set(services.map((service) => service.providerId))]);
  });
  return assessments.map(({ id, ratings }) => ({ id, overall: ratings.overall.rating }));
}
