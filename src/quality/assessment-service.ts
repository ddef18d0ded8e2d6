// Quality assessments: planned and written by quality officers, sent to the provider to check its
// facts, its comments decided, then published. Who may see what is decided here, for every page
// and API route: the organisation's quality staff and auditors read every assessment; the provider
// reads its own once sent, never a draft; every other staff role reads only published summaries.
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit, type Actor, type AuditEvent } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate, nationOfOrganisation, WorkingDays } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { userNames } from '../organisations/user-service.ts';
import {
  actionPlanRequired,
  afterCommentWindow,
  ASSESSMENT_STATUS_LABELS,
  commentRefusal,
  editRefusal,
  factualAccuracyDeadline,
  isOverdue,
  publishProblems,
  sendProblems,
  type ActionStatus,
  type AssessmentStatus,
} from './domain/assessments.ts';
import { questionsOf, rateAssessment, type FrameworkContent } from './domain/framework.ts';
import type { QuestionRating } from './domain/ratings.ts';
import {
  commentDecisionInput,
  commentInput,
  evidenceInput,
  planAssessmentInput,
  ratingInput,
} from './assessment-input.ts';
import * as repository from './assessment-repository.ts';
import { historyIfReadable } from './history-rule.ts';
import { paths } from './paths.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import * as frameworks from './repository.ts';
import * as register from './register-repository.ts';
import { qualityOfficers, serviceFor, settingsOf } from './register-service.ts';
import { rateProviders } from './risk-run-service.ts';

export { QUALITY_KEEPERS, QUALITY_READERS };

/** The assessment, where the viewer may read it in full; anything else is not found. */
async function readable(db: Db, viewer: CurrentUser, id: string): Promise<repository.AssessmentRow> {
  const row = isUuid(id) ? await repository.assessmentById(db, id) : undefined;
  if (!row) throw new NotFoundError();
  if (viewer.providerId !== null) {
    if (row.status === 'draft') throw new NotFoundError();
    await serviceFor(db, viewer, row.serviceId);
    return row;
  }
  if (viewer.organisationId !== row.organisationId || !hasRole(viewer, ...QUALITY_READERS)) throw new NotFoundError();
  return row;
}

/** The officers' working on a draft before it was sent, which its provider is not shown in its history. */
const DRAFT_ACTIONS = new Set(['quality-assessment.plan', 'quality-assessment.evidence', 'quality-assessment.rate']);
const sentPart = (event: AuditEvent) => (DRAFT_ACTIONS.has(event.action) ? null : event);

/**
 * An assessment's history, for those who may read it (readable): the organisation's quality readers
 * whole; its provider, once it is sent and never as a draft, from the sending on.
 */
export const assessmentHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    async () => serviceFor(db, viewer, (await readable(db, viewer, id)).serviceId, QUALITY_READERS),
    (service) => ({
      label: `Assessment of ${service.name}`,
      href: paths.assessment(id),
      show: viewer.providerId === null ? showWhole : sentPart,
    }),
  );

/** The assessment, where the viewer keeps its organisation's assessments. */
async function kept(db: Db, viewer: CurrentUser, id: string): Promise<repository.AssessmentRow> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const row = isUuid(id) ? await repository.assessmentById(db, id) : undefined;
  if (!row || row.organisationId !== organisationId) throw new NotFoundError();
  return row;
}

async function frameworkOf(db: Db, row: Pick<repository.AssessmentRow, 'organisationId' | 'frameworkVersion'>) {
  const framework = await frameworks.frameworkVersion(db, row.organisationId, row.frameworkVersion);
  if (!framework) throw new Error(`Framework version ${row.frameworkVersion} is missing`);
  return framework;
}

const ratingsByQuestion = (rows: readonly repository.RatingRow[]) =>
  Object.fromEntries(rows.map((row) => [row.questionKey, row.rating as QuestionRating]));

function requireQuestion(content: FrameworkContent, questionKey: string) {
  if (!questionsOf(content).some((question) => question.key === questionKey))
    throw new ValidationError([{ field: 'questionKey', message: 'Choose a question of this assessment’s framework' }]);
}

async function audit(db: Tx, actor: Actor, row: { id: string }, action: string, after: object, reason?: string) {
  await recordAudit(db, actor, [
    { action: `quality-assessment.${action}`, recordType: 'quality-assessment', recordId: row.id, after, reason },
  ]);
}

/** Plans an assessment of a service with the framework in use now. */
export async function planAssessment(db: Db, viewer: CurrentUser, serviceId: string, input: unknown) {
  const service = await serviceFor(db, viewer, serviceId, QUALITY_KEEPERS);
  const plan = parseOrThrow(planAssessmentInput, input);
  const officers = new Set((await qualityOfficers(db, viewer)).map((officer) => officer.id));
  if (plan.officerIds.some((id) => !officers.has(id)))
    throw new ValidationError([
      { field: 'officerIds', message: 'Choose officers who are the organisation’s quality officers' },
    ]);
  const [framework] = await frameworks.frameworkVersions(db, service.organisationId);
  if (!framework)
    throw new ValidationError([
      { field: 'serviceId', message: 'The organisation has no quality framework yet: start one first' },
    ]);
  const open = (await repository.assessmentsOfService(db, service.organisationId, serviceId)).find(
    (row) => row.status !== 'published',
  );
  if (open) throw new ConflictError(`This service already has an assessment under way (${longDate(open.visitOn)})`);
  const now = new Date();
  const row = {
    organisationId: service.organisationId,
    id: randomUUID(),
    serviceId,
    frameworkVersion: framework.version,
    visitKind: plan.visitKind,
    visitOn: plan.visitOn,
    officerIds: [...new Set(plan.officerIds)],
    status: 'draft' as const,
    createdBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await repository.insertAssessment(tx, row);
    await audit(tx, actorOf(viewer), row, 'plan', {
      serviceId,
      visitKind: row.visitKind,
      visitOn: row.visitOn,
      frameworkVersion: row.frameworkVersion,
    });
  });
  return { id: row.id };
}

/** The whole assessment as its page and the API show it, with the ratings worked out and their working. */
export async function assessment(db: Db, viewer: CurrentUser, id: string) {
  const row = await readable(db, viewer, id);
  const [service, framework, ratings, evidence, comments, actions, officers] = await Promise.all([
    serviceFor(db, viewer, row.serviceId, QUALITY_READERS),
    frameworkOf(db, row),
    repository.ratingsOf(db, row.organisationId, row.id),
    repository.evidenceOf(db, row.organisationId, row.id),
    repository.commentsOf(db, row.organisationId, row.id),
    repository.actionsOf(db, row.organisationId, row.id),
    userNames(db, row.officerIds),
  ]);
  const given = new Map(ratings.map((rating) => [rating.questionKey, rating]));
  const rated = row.publishedRatings ?? rateAssessment(framework.content, ratingsByQuestion(ratings));
  const today = isoDateInLondon(new Date());
  const isProvider = viewer.providerId !== null;
  const keeps = !isProvider && hasRole(viewer, ...QUALITY_KEEPERS);
  const status = row.status as AssessmentStatus;
  const undecided = publishProblems(comments);
  return {
    id: row.id,
    service,
    status,
    statusLabel: ASSESSMENT_STATUS_LABELS[status],
    visitKind: row.visitKind,
    visitOn: row.visitOn,
    officers: row.officerIds.map((officerId) => officers.get(officerId) ?? ''),
    sentOn: row.sentOn,
    commentsDueOn: row.commentsDueOn,
    publishedOn: row.publishedOn,
    publishedUnanswered: row.publishedUnanswered,
    actionPlanClosedOn: row.actionPlanClosedOn,
    framework: { name: framework.name, version: framework.version },
    domains: framework.content.domains.map((domain, i) => ({
      key: domain.key,
      title: domain.title,
      result: rated.domains[i]!.result,
      questions: domain.questions.map((question) => ({
        ...question,
        rating: (given.get(question.key)?.rating ?? null) as QuestionRating | null,
        reason: given.get(question.key)?.reason ?? null,
        evidence: evidence.filter((item) => item.questionKey === question.key),
        comments: comments.filter((comment) => comment.questionKey === question.key),
      })),
    })),
    overall: rated.overall,
    actionPlanRequired: actionPlanRequired(rated),
    actions: actions.map((item) => ({
      ...item,
      overdue: isOverdue({ status: item.status as ActionStatus, dueOn: item.dueOn }, today),
    })),
    may: {
      edit: keeps && editRefusal(status) === null,
      send: keeps && status === 'draft',
      comment: isProvider && commentRefusal({ status, commentsDueOn: row.commentsDueOn }, today) === null,
      decide: keeps && (status === 'factual-accuracy' || status === 'comments-to-decide'),
      publish: keeps && status === 'comments-to-decide' && undecided.length === 0,
      addAction: keeps && row.actionPlanClosedOn === null,
    },
  };
}
export type AssessmentView = Awaited<ReturnType<typeof assessment>>;

/** Each assessment of a service the viewer may read, newest first: staff readers all, the provider those sent. */
export async function assessmentsOfService(db: Db, viewer: CurrentUser, serviceId: string) {
  const service = await serviceFor(db, viewer, serviceId);
  const rows = await repository.assessmentsOfService(db, service.organisationId, serviceId);
  const readsAll = viewer.providerId === null && hasRole(viewer, ...QUALITY_READERS);
  return rows
    .filter((row) => readsAll || (viewer.providerId !== null ? row.status !== 'draft' : row.status === 'published'))
    .map((row) => ({
      id: row.id,
      status: row.status as AssessmentStatus,
      statusLabel: ASSESSMENT_STATUS_LABELS[row.status as AssessmentStatus],
      visitKind: row.visitKind,
      visitOn: row.visitOn,
      publishedOn: row.publishedOn,
      overallRating: row.publishedRatings?.overall.rating ?? null,
      readable: readsAll || viewer.providerId !== null,
    }));
}

/**
 * The plain-English summary of the latest published assessment of a service: its overall and
 * domain ratings and date, nothing about anyone. Every staff role reads it, and the provider.
 */
export async function publishedSummary(db: Db, viewer: CurrentUser, serviceId: string) {
  const service = await serviceFor(db, viewer, serviceId);
  const latest = (await repository.assessmentsOfService(db, service.organisationId, serviceId)).find(
    (row) => row.status === 'published' && row.publishedRatings,
  );
  if (!latest?.publishedRatings) return null;
  const { overall, domains } = latest.publishedRatings;
  return {
    serviceName: service.name,
    providerName: service.providerName,
    visitOn: latest.visitOn,
    publishedOn: latest.publishedOn!,
    overall: overall.rating,
    domains: domains.map((domain) => ({ title: domain.title, rating: domain.result.rating })),
  };
}

/** Evidence for a question of a draft: what was seen, heard or read, and the day. */
export async function recordEvidence(db: Db, viewer: CurrentUser, id: string, input: unknown) {
  const row = await kept(db, viewer, id);
  const evidence = parseOrThrow(evidenceInput, input);
  requireDraft(row);
  requireQuestion((await frameworkOf(db, row)).content, evidence.questionKey);
  const item = {
    organisationId: row.organisationId,
    id: randomUUID(),
    assessmentId: row.id,
    ...evidence,
    recordedBy: viewer.id,
    createdAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await repository.insertEvidence(tx, item);
    await audit(tx, actorOf(viewer), row, 'evidence', {
      questionKey: evidence.questionKey,
      kind: evidence.kind,
      seenOn: evidence.seenOn,
    });
  });
  return item;
}

function requireDraft(row: repository.AssessmentRow) {
  const refusal = editRefusal(row.status as AssessmentStatus);
  if (refusal) throw new ConflictError(refusal);
}

/** A question's rating and why, on a draft. */
export async function rateQuestion(db: Db, viewer: CurrentUser, id: string, input: unknown) {
  const row = await kept(db, viewer, id);
  const given = parseOrThrow(ratingInput, input);
  requireDraft(row);
  requireQuestion((await frameworkOf(db, row)).content, given.questionKey);
  await db.transaction(async (tx) => {
    await repository.saveRating(tx, {
      organisationId: row.organisationId,
      assessmentId: row.id,
      ...given,
      ratedBy: viewer.id,
      ratedAt: new Date(),
    });
    await audit(
      tx,
      actorOf(viewer),
      row,
      'rate',
      { questionKey: given.questionKey, rating: given.rating },
      given.reason,
    );
  });
  return assessment(db, viewer, id);
}

async function calendarOf(db: Db, organisationId: string): Promise<WorkingDays> {
  const organisation = (await organisationsByIds(db, [organisationId])).get(organisationId);
  return WorkingDays.forNations(bankHolidays(), [nationOfOrganisation(organisation?.code ?? '')]);
}

/** Sends a draft with every question rated to the provider, who then has its working days to comment. */
export async function sendToProvider(db: Db, viewer: CurrentUser, id: string) {
  const row = await kept(db, viewer, id);
  requireDraft(row);
  const framework = await frameworkOf(db, row);
  const ratings = await repository.ratingsOf(db, row.organisationId, row.id);
  const problems = sendProblems(
    questionsOf(framework.content),
    Object.fromEntries(
      ratings.map((rating) => [rating.questionKey, rating as { rating: QuestionRating; reason: string }]),
    ),
  );
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'ratings', message })));
  const today = isoDateInLondon(new Date());
  const { factualAccuracyWorkingDays } = await settingsOf(db, row.organisationId);
  const commentsDueOn = factualAccuracyDeadline(
    today,
    factualAccuracyWorkingDays,
    await calendarOf(db, row.organisationId),
  );
  await db.transaction(async (tx) => {
    if (
      !(await repository.updateAssessment(
        tx,
        row,
        { status: 'factual-accuracy', sentOn: today, commentsDueOn },
        'draft',
      ))
    )
      throw new ConflictError('This assessment was sent a moment ago');
    await audit(tx, actorOf(viewer), row, 'send', { sentOn: today, commentsDueOn });
  });
  return { sentOn: today, commentsDueOn };
}

/** The provider's comment on a question, while the window is open. */
export async function commentOnQuestion(db: Db, viewer: CurrentUser, id: string, input: unknown) {
  if (viewer.providerId === null) throw new NotFoundError();
  const row = await readable(db, viewer, id);
  const given = parseOrThrow(commentInput, input);
  const refusal = commentRefusal(
    { status: row.status as AssessmentStatus, commentsDueOn: row.commentsDueOn },
    isoDateInLondon(new Date()),
  );
  if (refusal) throw new ConflictError(refusal);
  requireQuestion((await frameworkOf(db, row)).content, given.questionKey);
  const comment = {
    organisationId: row.organisationId,
    id: randomUUID(),
    assessmentId: row.id,
    ...given,
    commentedBy: viewer.id,
    commentedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await repository.insertComment(tx, comment);
    await audit(tx, actorOf(viewer), row, 'comment', { questionKey: given.questionKey }, given.comment);
  });
  return comment;
}

/** The officer accepts or rejects a comment, with the reason; accepting may change the question's rating. */
export async function decideComment(db: Db, viewer: CurrentUser, id: string, commentId: string, input: unknown) {
  const row = await kept(db, viewer, id);
  const decision = parseOrThrow(commentDecisionInput, input);
  if (row.status !== 'factual-accuracy' && row.status !== 'comments-to-decide')
    throw new ConflictError(
      'Comments are decided only while the assessment is with the provider or awaiting decisions',
    );
  const comment = (await repository.commentsOf(db, row.organisationId, row.id)).find((item) => item.id === commentId);
  if (!comment) throw new NotFoundError();
  if (decision.rating && decision.decision !== 'accepted')
    throw new ValidationError([{ field: 'rating', message: 'A rating changes only when the comment is accepted' }]);
  await db.transaction(async (tx) => {
    const decided = await repository.decideComment(tx, row.organisationId, commentId, {
      decision: decision.decision,
      decisionReason: decision.reason,
      decidedBy: viewer.id,
      decidedAt: new Date(),
    });
    if (!decided) throw new ConflictError('This comment has already been decided');
    if (decision.rating)
      await repository.saveRating(tx, {
        organisationId: row.organisationId,
        assessmentId: row.id,
        questionKey: comment.questionKey,
        rating: decision.rating,
        reason: decision.reason,
        ratedBy: viewer.id,
        ratedAt: new Date(),
      });
    await audit(
      tx,
      actorOf(viewer),
      row,
      'decide-comment',
      { commentId, decision: decision.decision, rating: decision.rating ?? null },
      decision.reason,
    );
  });
}

async function publishNow(db: Db, actor: Actor, row: repository.AssessmentRow, unanswered: boolean) {
  const framework = await frameworkOf(db, row);
  const ratings = rateAssessment(
    framework.content,
    ratingsByQuestion(await repository.ratingsOf(db, row.organisationId, row.id)),
  );
  const today = isoDateInLondon(new Date());
  const service = (await register.serviceById(db, row.organisationId, row.serviceId))!;
  await db.transaction(async (tx) => {
    const published = await repository.updateAssessment(
      tx,
      row,
      { status: 'published', publishedOn: today, publishedUnanswered: unanswered, publishedRatings: ratings },
      row.status,
    );
    if (!published) throw new ConflictError('This assessment changed a moment ago: look at it again');
    await audit(
      tx,
      actor,
      row,
      'publish',
      { publishedOn: today, overall: ratings.overall.rating, unanswered },
      unanswered ? 'Published when the window for comments ended with no reply from the provider' : undefined,
    );
    await rateProviders(tx, row.organisationId, [service.providerId]);
  });
}

/** Publishes an assessment whose comments are all decided, once the provider's window has ended. */
export async function publish(db: Db, viewer: CurrentUser, id: string) {
  const row = await kept(db, viewer, id);
  if (row.status === 'published') throw new ConflictError('This assessment is published: it cannot be changed');
  if (row.status === 'draft') throw new ConflictError('Send the draft to the provider to check its facts first');
  if (row.status === 'factual-accuracy')
    throw new ConflictError(`The provider may comment until the end of ${longDate(row.commentsDueOn!)}`);
  const problems = publishProblems(await repository.commentsOf(db, row.organisationId, row.id));
  if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: 'comments', message })));
  await publishNow(db, actorOf(viewer), row, false);
}

/**
 * The clock's work once a provider's window has ended: an assessment nobody commented on is
 * published as it stands, saying so; one with comments waits for the officer's decisions.
 */
export async function closeEndedWindows(db: Db, actor: Actor, today = isoDateInLondon(new Date())) {
  let published = 0;
  let toDecide = 0;
  for (const row of await repository.windowsEnded(db, today)) {
    const next = afterCommentWindow(
      { status: row.status as AssessmentStatus, commentsDueOn: row.commentsDueOn },
      row.comments,
      today,
    );
    const scoped = { ...actor, organisationId: row.organisationId };
    if (next === 'publish-unanswered') {
      await publishNow(db, scoped, row, true);
      published++;
    } else if (next === 'decide-comments') {
      await db.transaction(async (tx) => {
        if (await repository.updateAssessment(tx, row, { status: 'comments-to-decide' }, 'factual-accuracy'))
          await audit(tx, scoped, row, 'window-ended', { comments: row.comments });
      });
      toDecide++;
    }
  }
  return { published, toDecide };
}

export type AssessmentListRow = repository.AssessmentListRow & { statusLabel: string };

/** The assessments the viewer may read, newest first: the organisation's for quality staff, those sent to it for a provider. */
export async function assessmentList(
  db: Db,
  viewer: CurrentUser,
  request: { page: number; pageSize: number },
): Promise<Page<AssessmentListRow>> {
  const scope =
    viewer.providerId !== null
      ? { providerId: viewer.providerId }
      : { organisationId: staffOrganisation(viewer, QUALITY_READERS) };
  const { page, pageSize } = request;
  const { rows, total } = await repository.assessmentList(db, scope, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  return pageOf(
    rows.map((row) => ({ ...row, statusLabel: ASSESSMENT_STATUS_LABELS[row.assessment.status as AssessmentStatus] })),
    total,
    page,
    pageSize,
  );
}
