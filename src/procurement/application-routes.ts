// Pages for questions and applications: a commissioner sets a draft vehicle's questions; a
// provider applies through the GOV.UK task list; the vehicle's staff read submitted applications.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { formatPence, parsePounds } from '../platform/domain/money.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { HttpError, NotFoundError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { formErrors, many, one, saveOrShow, type FormBody } from '../platform/http/forms.ts';
import { APPLICATION_STATUS_LABELS, MAX_DOCUMENT_BYTES, TASK_STATUS_LABELS, wordCount, type ApplicationStatus } from './domain/applications.ts';
import { LOT_SERVICE_TYPE_LABELS, NEED_BAND_LABELS, STAGE_LABELS, type Stage } from './domain/vehicles.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import { decideStage } from './evaluation-service.ts';
import { progressText } from './evaluation-routes.ts';
import * as applications from './application-service.ts';
import { getVehicle } from './service.ts';

const READERS: readonly Role[] = [...TENDER_ROLES, 'provider_user'];
const MANAGERS: readonly Role[] = ['commissioner', 'administrator'];
const APPLICANTS: readonly Role[] = ['provider_user'];

export const applicationNavigation: NavigationItem[] = [
  { text: 'Applications', href: '/applications', access: READERS },
];

const params = (request: FastifyRequest) => request.params as Record<string, string>;
/** The stage the viewer may decide for this application now, or null: finance officers the financial check, the lead's commissioners the others. */
function stageFormFor(viewer: CurrentUser, detail: applications.ApplicationDetail): { stage: Stage; label: string } | null {
  if (detail.isApplicant || viewer.organisationId !== detail.application.organisationId || detail.progress.state !== 'at') return null;
  const { stage } = detail.progress;
  if (stage === 'award') return null;
  const allowed = stage === 'financial' ? hasRole(viewer, 'finance_officer') : hasRole(viewer, 'commissioner');
  return allowed ? { stage, label: STAGE_LABELS[stage] } : null;
}

const TASK_TITLES = { lots: 'Choose your lots', selection: 'Selection questions', quality: 'Quality questions', prices: 'Prices', documents: 'Documents', submit: 'Check and submit' } as const;

export async function registerApplicationRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // ---- A commissioner's questions --------------------------------------------------------------
  const questionsPage = async (request: FastifyRequest, values: FormBody = {}, errors: FieldError[] = []) => {
    const detail = await getVehicle(db, request.user!, params(request).id!);
    if (!detail.canManage) throw new NotFoundError();
    const questions = await applications.listQuestions(db, request.user!, detail.vehicle.id);
    return {
      title: `Questions for ${detail.vehicle.name}`,
      detail,
      selection: questions.filter((question) => question.kind === 'selection'),
      quality: questions.filter((question) => question.kind === 'quality'),
      weightTotal: questions.filter((question) => question.lotId === null).reduce((total, question) => total + (question.weightPercent ?? 0), 0),
      values,
      errors,
      lotItems: [{ value: '', text: 'Every tenderer' }, ...detail.lots.map((lot) => ({ value: lot.id, text: lot.title, selected: values.lotId === lot.id }))],
      lotTitle: Object.fromEntries(detail.lots.map((lot) => [lot.id, lot.title])),
      kindItems: [
        { value: 'selection', text: 'Selection: pass or fail, with evidence', checked: values.kind === 'selection' },
        { value: 'quality', text: 'Quality: a written answer, scored', checked: values.kind === 'quality' },
      ],
      backLink: { href: `/vehicles/${detail.vehicle.id}` },
    };
  };

  app.get('/vehicles/:id/questions', { config: { access: MANAGERS } }, async (request, reply) =>
    reply.page('procurement/views/questions.njk', await questionsPage(request)));

  app.post('/vehicles/:id/questions', { config: { access: MANAGERS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const number = (text: string) => (text.trim() === '' ? null : Number(text));
    const saved = await saveOrShow(reply,
      () => applications.addQuestion(db, request.user!, params(request).id!, {
        kind: one(body.kind) as 'selection', text: one(body.text), guidance: one(body.guidance),
        wordLimit: number(one(body.wordLimit)), weightPercent: number(one(body.weightPercent)), lotId: one(body.lotId) || null,
      }),
      async (errors) => reply.page('procurement/views/questions.njk', await questionsPage(request, body, errors)));
    if (!saved) return reply;
    request.session.flash = 'Question added';
    return reply.redirect(`/vehicles/${params(request).id}/questions`);
  });

  app.post('/vehicles/:id/questions/:questionId/remove', { config: { access: MANAGERS } }, async (request, reply) => {
    await applications.removeQuestion(db, request.user!, params(request).id!, params(request).questionId!);
    request.session.flash = 'Question removed';
    return reply.redirect(`/vehicles/${params(request).id}/questions`);
  });

  // ---- Applications ----------------------------------------------------------------------------
  app.post('/vehicles/:id/apply', { config: { access: APPLICANTS } }, async (request, reply) => {
    try {
      const started = await applications.startApplication(db, request.user!, params(request).id!);
      return reply.redirect(`/applications/${started.application.id}`);
    } catch (error) {
      throw new HttpError(422, 'Applications have closed', formErrors(error)[0]!.message);
    }
  });

  app.get('/applications', { config: { access: READERS } }, async (request, reply) => {
    const filter = applications.parseApplicationFilter(request.query);
    const page = await applications.listApplications(db, request.user!, filter);
    return reply.page('procurement/views/applications.njk', {
      title: request.user!.providerId ? 'Your applications' : 'Applications',
      page,
      statusLabels: APPLICATION_STATUS_LABELS,
      isApplicant: request.user!.providerId !== null,
      pagination: paginationLinks(page, (n) => `/applications?${new URLSearchParams({ ...(filter.vehicleId ? { vehicleId: filter.vehicleId } : {}), page: String(n) })}`),
    });
  });

  const applicationPage = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const detail = await applications.getApplication(db, request.user!, params(request).id!);
    const answerOf = new Map(detail.answers.map((answer) => [answer.questionId, answer]));
    const lotTitle = new Map(detail.lots.map((lot) => [lot.id, lot.title]));
    const taskHref = (key: string) => {
      const first = detail.questions.find((question) => question.kind === key);
      return { lots: 'lots', prices: 'prices', documents: 'documents', submit: 'submit' }[key as 'lots'] ?? (first ? `questions/${first.id}` : 'submit');
    };
    return {
      title: `${detail.provider.name}: application to ${detail.vehicle.name}`,
      ...detail,
      statusLabel: APPLICATION_STATUS_LABELS[detail.application.status as ApplicationStatus],
      taskItems: detail.tasks.map((task) => ({
        title: { text: TASK_TITLES[task.key] },
        href: task.status === 'cannot-start' || detail.editProblem ? undefined : `/applications/${detail.application.id}/${taskHref(task.key)}`,
        status: task.status === 'completed' ? { text: TASK_STATUS_LABELS[task.status] }
          : { tag: { text: TASK_STATUS_LABELS[task.status], classes: task.status === 'cannot-start' ? 'govuk-tag--grey' : 'govuk-tag--blue' } },
      })),
      questionRows: detail.questions.map((question) => ({ question, answer: answerOf.get(question.id), words: wordCount(answerOf.get(question.id)?.text ?? '') })),
      appliedLots: detail.application.lotIds.map((lotId) => ({ id: lotId, title: lotTitle.get(lotId) ?? lotId, price: detail.prices.find((price) => price.lotId === lotId) })),
      formatPence,
      progressText: progressText(detail.progress),
      stageForm: stageFormFor(request.user!, detail),
      backLink: { href: '/applications', text: 'All applications' },
      ...extra,
    };
  };

  app.get('/applications/:id', { config: { access: READERS } }, async (request, reply) =>
    reply.page('procurement/views/application.njk', await applicationPage(request)));

  app.post('/applications/:id/stages', { config: { access: ['commissioner', 'finance_officer'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const saved = await saveOrShow(reply,
      () => decideStage(db, request.user!, params(request).id!, { stage: one(body.stage) as Stage, outcome: one(body.outcome) as 'pass', reason: one(body.reason) }),
      async (errors) => reply.page('procurement/views/application.njk', await applicationPage(request, { errors, values: body })));
    if (!saved) return reply;
    request.session.flash = 'The stage outcome has been recorded';
    return reply.redirect(`/applications/${params(request).id}`);
  });

  // The applicant's forms: each shows the application's state and saves as the provider goes.
  const lotsForm = async (request: FastifyRequest, chosen: string[], errors: FieldError[] = []) => {
    const page = await applicationPage(request);
    return {
      ...page, errors, title: 'Choose your lots',
      lotItems: page.lots.map((lot) => ({ value: lot.id, text: lot.title, hint: { text: `${LOT_SERVICE_TYPE_LABELS[lot.serviceType as keyof typeof LOT_SERVICE_TYPE_LABELS]}, ${NEED_BAND_LABELS[lot.needBand as keyof typeof NEED_BAND_LABELS].toLowerCase()} needs` }, checked: chosen.includes(lot.id) })),
      backLink: { href: `/applications/${page.application.id}`, text: 'Back to your application' },
    };
  };
  app.get('/applications/:id/lots', { config: { access: APPLICANTS } }, async (request, reply) => {
    const detail = await applications.getApplication(db, request.user!, params(request).id!);
    return reply.page('procurement/views/application-lots.njk', await lotsForm(request, detail.application.lotIds));
  });
  app.post('/applications/:id/lots', { config: { access: APPLICANTS } }, async (request, reply) => {
    const chosen = many(((request.body ?? {}) as FormBody).lotIds);
    const saved = await saveOrShow(reply, () => applications.saveLots(db, request.user!, params(request).id!, { lotIds: chosen }),
      async (errors) => reply.page('procurement/views/application-lots.njk', await lotsForm(request, chosen, errors)));
    return saved ? reply.redirect(`/applications/${params(request).id}`) : reply;
  });

  const questionForm = async (request: FastifyRequest, values: FormBody | undefined, errors: FieldError[] = []) => {
    const page = await applicationPage(request);
    const index = page.questions.findIndex((question) => question.id === params(request).questionId);
    if (index < 0) throw new NotFoundError();
    const question = page.questions[index]!;
    const answer = page.answers.find((a) => a.questionId === question.id);
    const next = page.questions[index + 1];
    return {
      ...page, errors, question,
      title: question.text,
      caption: `${question.kind === 'selection' ? 'Selection' : 'Quality'} question ${page.questions.filter((q) => q.kind === question.kind).indexOf(question) + 1}`,
      values: values ?? { meetsRequirement: answer?.meetsRequirement === null || answer?.meetsRequirement === undefined ? '' : answer.meetsRequirement ? 'yes' : 'no', text: answer?.text ?? '' },
      nextHref: next ? `/applications/${page.application.id}/questions/${next.id}` : `/applications/${page.application.id}`,
      backLink: { href: `/applications/${page.application.id}`, text: 'Back to your application' },
    };
  };
  app.get('/applications/:id/questions/:questionId', { config: { access: APPLICANTS } }, async (request, reply) =>
    reply.page('procurement/views/application-question.njk', await questionForm(request, undefined)));
  app.post('/applications/:id/questions/:questionId', { config: { access: APPLICANTS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const meets = one(body.meetsRequirement);
    const saved = await saveOrShow(reply,
      () => applications.saveAnswer(db, request.user!, params(request).id!, params(request).questionId!, { meetsRequirement: meets === 'yes' ? true : meets === 'no' ? false : null, text: one(body.text) }),
      async (errors) => reply.page('procurement/views/application-question.njk', await questionForm(request, body, errors)));
    if (!saved) return reply;
    return reply.redirect((await questionForm(request, body)).nextHref);
  });

  const pricesForm = async (request: FastifyRequest, values: FormBody | undefined, errors: FieldError[] = []) => {
    const page = await applicationPage(request);
    return {
      ...page, errors, title: 'Prices',
      values: values ?? Object.fromEntries(page.appliedLots.map((lot) => [`price-${lot.id}`, lot.price ? formatPence(lot.price.weeklyRatePence) : ''])),
      backLink: { href: `/applications/${page.application.id}`, text: 'Back to your application' },
    };
  };
  app.get('/applications/:id/prices', { config: { access: APPLICANTS } }, async (request, reply) =>
    reply.page('procurement/views/application-prices.njk', await pricesForm(request, undefined)));
  app.post('/applications/:id/prices', { config: { access: APPLICANTS } }, async (request, reply) => {
    const body = (request.body ?? {}) as FormBody;
    const detail = await applications.getApplication(db, request.user!, params(request).id!);
    const saved = await saveOrShow(reply, async () => {
      const problems: FieldError[] = [];
      const prices = detail.application.lotIds.flatMap((lotId) => {
        const text = one(body[`price-${lotId}`]).trim();
        if (!text) return [];
        const pence = parsePounds(text);
        if (pence === null || pence === 0) problems.push({ field: `price-${lotId}`, message: 'Enter a weekly rate in pounds, like £1,450.00' });
        return pence ? [{ lotId, weeklyRatePence: pence }] : [];
      });
      if (problems.length > 0) throw new ValidationError(problems);
      await applications.savePrices(db, request.user!, detail.application.id, { prices });
    }, async (errors) => reply.page('procurement/views/application-prices.njk', await pricesForm(request, body, errors)));
    return saved ? reply.redirect(`/applications/${detail.application.id}`) : reply;
  });

  // Uploads come as multipart forms, so the document pages have their own parser.
  await app.register(async (scoped) => {
    await scoped.register(fastifyMultipart, { attachFieldsToBody: true, limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1 } });
    const documentsPage = async (request: FastifyRequest, errors: FieldError[] = []) => {
      const page = await applicationPage(request);
      // Ids cannot hold the spaces in document names, so each field is known by its place in the list.
      const fieldOf = (field: string) => {
        const index = page.requiredDocuments.findIndex((name) => field === `document-${name}`);
        return index < 0 ? field : `document-${index + 1}`;
      };
      return {
        ...page, errors: errors.map((error) => ({ ...error, field: fieldOf(error.field) })), title: 'Documents',
        rows: page.requiredDocuments.map((name, i) => ({ name, field: `document-${i + 1}`, document: page.documents.find((document) => document.name === name) })),
        backLink: { href: `/applications/${page.application.id}`, text: 'Back to your application' },
      };
    };
    scoped.get('/applications/:id/documents', { config: { access: APPLICANTS } }, async (request, reply) =>
      reply.page('procurement/views/application-documents.njk', await documentsPage(request)));
    scoped.post('/applications/:id/documents', { config: { access: APPLICANTS } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, MultipartFile | { value?: string } | undefined>;
      const name = (body.name as { value?: string } | undefined)?.value ?? '';
      const file = body.file as MultipartFile | undefined;
      const saved = await saveOrShow(reply, async () => {
        if (!file || file.type !== 'file' || !file.filename) throw new ValidationError([{ field: `document-${name}`, message: 'Choose a file to upload' }]);
        const content = await file.toBuffer();
        if (file.file.truncated) throw new ValidationError([{ field: `document-${name}`, message: 'The selected file must be smaller than 10 MB' }]);
        await applications.uploadDocument(db, request.user!, params(request).id!, { name, filename: file.filename, content });
      }, async (errors) => reply.page('procurement/views/application-documents.njk', await documentsPage(request, errors)));
      if (!saved) return reply;
      request.session.flash = `${name} uploaded`;
      return reply.redirect(`/applications/${params(request).id}/documents`);
    });
  });

  app.get('/applications/:id/documents/:documentId', { config: { access: READERS } }, async (request, reply) => {
    const document = await applications.downloadDocument(db, request.user!, params(request).id!, params(request).documentId!);
    return reply.type(document.contentType).header('content-disposition', `attachment; filename="${document.filename}"`).send(document.content);
  });

  app.get('/applications/:id/submit', { config: { access: APPLICANTS } }, async (request, reply) =>
    reply.page('procurement/views/application-submit.njk', await applicationPage(request, { title: 'Check your application and submit it' })));
  app.post('/applications/:id/submit', { config: { access: APPLICANTS } }, async (request, reply) => {
    const saved = await saveOrShow(reply, () => applications.submitApplication(db, request.user!, params(request).id!),
      async (errors) => reply.page('procurement/views/application-submit.njk', await applicationPage(request, { title: 'Check your application and submit it', errors })));
    if (!saved) return reply;
    request.session.flash = 'Your application has been submitted';
    return reply.redirect(`/applications/${params(request).id}`);
  });
}
