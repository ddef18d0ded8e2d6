// Assessments done before the organisation used Hearth (on paper or in another tool), brought in as
// published with their ratings, reasons and any open action plan, so the schedule counts from them
// and the provider works the plan here. The ratings roll up by the framework in use now.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { isoDate, requiredText } from '../platform/http/input.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { actionInput, planAssessmentInput, ratingInput } from './assessment-input.ts';
import * as repository from './assessment-repository.ts';
import { ACTION_STATUSES, sendProblems } from './domain/assessments.ts';
import { questionsOf, rateAssessment } from './domain/framework.ts';
import type { QuestionRating } from './domain/ratings.ts';
import { QUALITY_KEEPERS } from './framework-service.ts';
import { qualityOfficers, serviceFor } from './register-service.ts';
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
  const service = await serviceFor(db, viewer, serviceId, QUALITY_KEEPERS);
  const past = parseOrThrow(pastAssessmentInput, input);
  const [framework] = await frameworks.frameworkVersions(db, service.organisationId);
  if (!framework)
    throw new ValidationError([{ field: 'serviceId', message: 'The organisation has no quality framework yet' }]);
  const given = Object.fromEntries(past.ratings.map((rating) => [rating.questionKey, rating]));
  const problems = [
    ...sendProblems(
      questionsOf(framework.content),
      given as Record<string, { rating: QuestionRating; reason: string }>,
    ).map((message) => ({ field: 'ratings', message })),
    ...(past.publishedOn < past.visitOn || past.publishedOn > isoDateInLondon(new Date())
      ? [{ field: 'publishedOn', message: 'The date it was published must be after the visit and not in the future' }]
      : []),
  ];
  const officers = new Set((await qualityOfficers(db, viewer)).map((officer) => officer.id));
  if (past.officerIds.some((id) => !officers.has(id)))
    problems.push({ field: 'officerIds', message: 'Choose officers who are the organisation’s quality officers' });
  if (problems.length > 0) throw new ValidationError(problems);
  const ratings = rateAssessment(
    framework.content,
    Object.fromEntries(past.ratings.map((rating) => [rating.questionKey, rating.rating as QuestionRating])),
  );
  const now = new Date();
  const id = randomUUID();
  const organisationId = service.organisationId;
  await db.transaction(async (tx) => {
    await repository.insertAssessment(tx, {
      organisationId,
      id,
      serviceId,
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
      past.ratings.map((rating) => ({ organisationId, assessmentId: id, ...rating, ratedBy: viewer.id, ratedAt: now })),
    );
    await repository.insertActions(
      tx,
      past.actions.map((action) => ({
        organisationId,
        id: randomUUID(),
        assessmentId: id,
        ...action,
        createdBy: viewer.id,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'quality-assessment.bring-in',
        recordType: 'quality-assessment',
        recordId: id,
        after: { serviceId, visitOn: past.visitOn, publishedOn: past.publishedOn, overall: ratings.overall.rating },
        reason: past.source,
      },
    ]);
    await rateProviders(tx, organisationId, [service.providerId]);
  });
  return { id, overall: ratings.overall.rating };
}
