// Assessment pages: a service and its assessments, planning one, the assessment with its ratings
// worked out, each question (rating, evidence, the provider's comments and their decisions), the
// action plan and each action (the provider's progress and evidence, the officer's sign-off).
import { z } from 'zod';
import { hasRole } from '../platform/auth/current-user.ts';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { uploadField } from '../platform/http/upload-fields.ts';
import * as plans from './action-plan-service.ts';
import { actionFilterInput } from './assessment-input.ts';
import { ACTION_ORDER } from './assessment-api.ts';
import * as assessments from './assessment-service.ts';
import {
  COMMENT_DECISION_LABELS,
  EVIDENCE_KIND_LABELS,
  PROVIDER_ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  VISIT_KIND_LABELS,
} from './domain/assessments.ts';
import { QUESTION_RATING_LABELS } from './domain/ratings.ts';
import { paths } from './paths.ts';
import { assignService, keepsRegister, qualityOfficers, serviceFor } from './register-service.ts';
import { zonesOf } from '../organisations/service.ts';
import { surveyResultsFor } from './survey-service.ts';

const { QUALITY_KEEPERS: KEEPERS, QUALITY_READERS } = assessments;
const READERS_AND_PROVIDERS: readonly Role[] = [...QUALITY_READERS, 'provider_user'];
const EVERYONE: readonly Role[] = [...ANY_STAFF, 'provider_user'];
const VIEWS = 'quality/views';
const labels = { ratings: QUESTION_RATING_LABELS, evidence: EVIDENCE_KIND_LABELS, decisions: COMMENT_DECISION_LABELS };

const options = (entries: Record<string, string>, chosen?: string | string[]) =>
  Object.entries(entries).map(([value, text]) => ({
    value,
    text,
    checked: Array.isArray(chosen) ? chosen.includes(value) : chosen === value,
  }));

export function assessmentPages(db: Db): PageRoute[] {
  const servicePage = async ({ user, params, mayOpen }: PageCall) => {
    const service = await serviceFor(db, user, params.id!);
    const [list, summary] = await Promise.all([
      assessments.assessmentsOfService(db, user, service.id),
      assessments.publishedSummary(db, user, service.id),
    ]);
    return {
      title: service.name,
      service,
      assessments: list,
      summary,
      labels,
      assessmentHref: paths.assessment,
      planHref: paths.planAssessment(service.id),
      canPlan: mayOpen(paths.planAssessment(service.id)),
      // The register's own record, whose history its quality readers see (see register-service's serviceHistory).
      historyHref:
        user.providerId === null && hasRole(user, ...QUALITY_READERS)
          ? `/history/contracted-service/${service.id}`
          : null,
      // A form, not a page, so who may use it is the register's rule rather than a link's.
      assignment: keepsRegister(user)
        ? {
            zoneItems: [
              { value: '', text: 'Not set' },
              ...(await zonesOf(db, service.organisationId)).map((zone) => ({
                value: zone.id,
                text: zone.name,
                selected: zone.id === service.zoneId,
              })),
            ],
            officerItems: [
              { value: '', text: 'Not assigned' },
              ...(await qualityOfficers(db, user)).map((officer) => ({
                value: officer.id,
                text: officer.name,
                selected: officer.id === service.officerId,
              })),
            ],
          }
        : null,
      // What else is known and done about the service, where the viewer may open it.
      related: [
        { text: 'Record intelligence about this service', href: paths.recordIntelligence(service.id) },
        { text: 'Intelligence about this provider', href: `${paths.intelligence()}?providerId=${service.providerId}` },
        {
          text: 'Contract actions on this provider',
          href: `${paths.contractActions()}?providerId=${service.providerId}`,
        },
      ].filter((link) => mayOpen(link.href.split('?')[0]!)),
    };
  };

  const assessmentPage = async ({ user, params }: PageCall) => {
    const view = await assessments.assessment(db, user, params.id!);
    // What people and families said of the service (else of its provider), as evidence beside the ratings.
    const said = await surveyResultsFor(db, user, { providerId: view.service.providerId });
    return {
      peopleSay:
        said.services.find((group) => group.serviceId === view.service.id) ??
        said.providers.find((group) => group.providerId === view.service.providerId) ??
        null,
      title: `Assessment of ${view.service.name}`,
      assessment: view,
      labels,
      actionStatusLabels: ACTION_STATUS_LABELS,
      questionHref: (key: string) => paths.question(view.id, key),
      actionHref: paths.action,
      backLink: { href: paths.service(view.service.id), text: view.service.name },
    };
  };

  const questionPage = async (call: PageCall) => {
    const base = await assessmentPage(call);
    const question = base.assessment.domains
      .flatMap((domain) => domain.questions)
      .find((item) => item.key === call.params.key);
    if (!question) throw new NotFoundError();
    return {
      ...base,
      title: `${question.key} ${question.text}`,
      question,
      ratingItems: options(QUESTION_RATING_LABELS, question.rating ?? undefined),
      evidenceItems: options(EVIDENCE_KIND_LABELS),
      decisionItems: options(COMMENT_DECISION_LABELS),
      backLink: { href: paths.assessment(base.assessment.id), text: 'The assessment' },
    };
  };

  const actionPage = async ({ user, params }: PageCall) => {
    const view = await plans.action(db, user, params.id!);
    return {
      title: view.title,
      action: view,
      progressItems: options(
        Object.fromEntries(PROVIDER_ACTION_STATUSES.map((status) => [status, ACTION_STATUS_LABELS[status]])),
      ),
      evidenceHref: (updateId: string) => paths.actionEvidence(view.id, updateId),
      backLink: { href: paths.assessment(view.assessmentId), text: 'The assessment' },
    };
  };

  /** Each form on the question page returns to it (and is shown there again with its errors). */
  const onQuestion = (call: PageCall) => ({
    to: paths.question(call.params.id!, call.params.key!),
  });

  const action = columnsOf<plans.ActionListRow, 'due' | 'provider' | 'status'>();
  const sent = columnsOf<assessments.AssessmentListRow, 'visit'>();

  return [
    page({ path: '/quality/services/:id', access: EVERYONE, view: `${VIEWS}/service.njk`, load: servicePage }),
    formPage({
      path: '/quality/services/:id/assignment',
      access: KEEPERS,
      view: `${VIEWS}/service.njk`,
      showsOn: false,
      form: formSchema({ zoneId: field.optionalText(), officerId: field.optionalText() }),
      load: servicePage,
      save: ({ user, params }, input) => assignService(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.service(params.id!), flash: 'Zone and quality officer saved' }),
    }),
    formPage({
      path: '/quality/services/:id/assessments/new',
      access: KEEPERS,
      view: `${VIEWS}/plan-assessment.njk`,
      form: formSchema({ visitKind: field.text(), visitOn: field.date(), officerIds: field.list() }),
      initial: ({ user }) => ({ officerIds: [user.id] }),
      load: async (call, values: FormBody) => {
        const service = await serviceFor(db, call.user, call.params.id!, KEEPERS);
        const officers = await qualityOfficers(db, call.user);
        return {
          title: 'Plan an assessment',
          service,
          visitKindItems: options(VISIT_KIND_LABELS, values.visitKind as string | undefined),
          officerItems: officers.map((officer) => ({
            value: officer.id,
            text: officer.name,
            checked: ([] as unknown[]).concat(values.officerIds ?? []).includes(officer.id),
          })),
          backLink: { href: paths.service(service.id), text: service.name },
        };
      },
      save: ({ user, params }, input) => assessments.planAssessment(db, user, params.id!, input),
      next: (_call, { id }) => ({
        to: paths.assessment(id),
        flash: 'Assessment planned: rate each question and record the evidence',
      }),
    }),
    listPage<assessments.AssessmentListRow, object, 'visit'>({
      path: paths.assessments(),
      access: READERS_AND_PROVIDERS,
      title: 'Quality assessments',
      noun: { one: 'assessment', many: 'assessments' },
      filter: z.object({}),
      filters: [],
      columns: [
        sent.date('Visit', (row) => row.assessment.visitOn),
        sent.text('Service', (row) => row.serviceName, { href: (row) => paths.assessment(row.assessment.id) }),
        sent.text('Provider', (row) => row.providerName),
        sent.text('Status', (row) => row.statusLabel),
        sent.date('Comments due', (row) => row.assessment.commentsDueOn),
        sent.text('Overall', (row) =>
          row.assessment.publishedRatings ? QUESTION_RATING_LABELS[row.assessment.publishedRatings.overall.rating] : '',
        ),
      ],
      defaultSort: { key: 'visit', direction: 'desc' },
      empty: 'No assessments yet.',
      fetch: (call, request) => assessments.assessmentList(db, call.user, request),
    }),
    page({
      path: '/quality/assessments/:id',
      access: READERS_AND_PROVIDERS,
      view: `${VIEWS}/assessment.njk`,
      load: assessmentPage,
    }),
    page({
      path: '/quality/assessments/:id/questions/:key',
      access: READERS_AND_PROVIDERS,
      view: `${VIEWS}/question.njk`,
      load: questionPage,
    }),
    formPage({
      path: '/quality/assessments/:id/questions/:key/rating',
      access: KEEPERS,
      view: `${VIEWS}/question.njk`,
      showsOn: false,
      form: formSchema({ rating: field.text(), reason: field.text() }),
      load: questionPage,
      save: ({ user, params }, input) =>
        assessments.rateQuestion(db, user, params.id!, { ...input, questionKey: params.key }),
      next: (call) => ({ ...onQuestion(call), flash: 'Rating saved' }),
    }),
    formPage({
      path: '/quality/assessments/:id/questions/:key/evidence',
      access: KEEPERS,
      view: `${VIEWS}/question.njk`,
      showsOn: false,
      form: formSchema({ kind: field.text(), seenOn: field.date(), note: field.text() }),
      load: questionPage,
      save: ({ user, params }, input) =>
        assessments.recordEvidence(db, user, params.id!, { ...input, questionKey: params.key }),
      next: (call) => ({ ...onQuestion(call), flash: 'Evidence recorded' }),
    }),
    formPage({
      path: '/quality/assessments/:id/questions/:key/comments',
      access: ['provider_user'],
      view: `${VIEWS}/question.njk`,
      showsOn: false,
      form: formSchema({ comment: field.text() }),
      load: questionPage,
      save: ({ user, params }, input) =>
        assessments.commentOnQuestion(db, user, params.id!, { ...input, questionKey: params.key }),
      next: (call) => ({ ...onQuestion(call), flash: 'Comment sent to the council' }),
    }),
    formPage({
      path: '/quality/assessments/:id/questions/:key/comments/:commentId/decision',
      access: KEEPERS,
      view: `${VIEWS}/question.njk`,
      showsOn: false,
      form: formSchema({ decision: field.text(), reason: field.text(), rating: field.optionalText() }),
      load: questionPage,
      save: ({ user, params }, input) => assessments.decideComment(db, user, params.id!, params.commentId!, input),
      next: (call) => ({ ...onQuestion(call), flash: 'Decision recorded' }),
    }),
    formPage({
      path: '/quality/assessments/:id/send',
      access: KEEPERS,
      view: `${VIEWS}/assessment.njk`,
      showsOn: false,
      form: noFields,
      load: assessmentPage,
      save: ({ user, params }) => assessments.sendToProvider(db, user, params.id!),
      next: ({ params }, sent) => ({
        to: paths.assessment(params.id!),
        flash: `Sent to the provider: it may comment until the end of ${sent.commentsDueOn}`,
      }),
    }),
    formPage({
      path: '/quality/assessments/:id/publish',
      access: KEEPERS,
      view: `${VIEWS}/assessment.njk`,
      showsOn: false,
      form: noFields,
      load: assessmentPage,
      confirm: async ({ user, params }) => {
        const view = await assessments.assessment(db, user, params.id!);
        return {
          title: 'Publish this assessment',
          rows: [
            { key: 'Service', value: view.service.name },
            { key: 'Overall rating', value: QUESTION_RATING_LABELS[view.overall.rating] },
            ...view.domains.map((domain) => ({
              key: domain.title,
              value: QUESTION_RATING_LABELS[domain.result.rating],
            })),
          ],
          warning:
            'Once published the assessment cannot be changed, and its summary is read by every member of staff and by social workers helping people choose.',
          button: 'Publish assessment',
          changeHref: paths.assessment(view.id),
        };
      },
      save: ({ user, params }) => assessments.publish(db, user, params.id!),
      next: ({ params }) => ({ to: paths.assessment(params.id!), flash: 'Assessment published' }),
    }),
    formPage({
      path: '/quality/assessments/:id/actions/new',
      access: KEEPERS,
      view: `${VIEWS}/add-action.njk`,
      form: formSchema({ questionKey: field.text(), title: field.text(), owner: field.text(), dueOn: field.date() }),
      load: async (call, values) => {
        const base = await assessmentPage(call);
        return {
          ...base,
          title: 'Add an action',
          questionItems: [
            { value: '', text: 'Choose the question it answers' },
            ...base.assessment.domains.flatMap((domain) =>
              domain.questions.map((question) => ({
                value: question.key,
                text: `${question.key} ${question.text}`,
                selected: values.questionKey === question.key,
              })),
            ),
          ],
          backLink: { href: paths.assessment(base.assessment.id), text: 'The assessment' },
        };
      },
      save: ({ user, params }, input) => plans.addAction(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.assessment(params.id!), flash: 'Action added to the plan' }),
    }),
    formPage({
      path: '/quality/assessments/:id/action-plan/close',
      access: KEEPERS,
      view: `${VIEWS}/assessment.njk`,
      showsOn: false,
      form: noFields,
      load: assessmentPage,
      save: ({ user, params }) => plans.closePlan(db, user, params.id!),
      next: ({ params }) => ({ to: paths.assessment(params.id!), flash: 'Action plan closed' }),
    }),
    listPage<plans.ActionListRow, { overdue?: 'yes' }, 'due' | 'provider' | 'status'>({
      path: paths.actions(),
      access: READERS_AND_PROVIDERS,
      title: 'Action plans',
      noun: { one: 'action', many: 'actions' },
      filter: actionFilterInput,
      filters: [
        {
          name: 'overdue',
          label: 'Show',
          kind: 'select',
          any: 'Every action',
          options: () => [{ value: 'yes', text: 'Overdue only' }],
        },
      ],
      columns: [
        action.text('Action', (row) => row.action.title, { href: (row) => paths.action(row.action.id) }),
        action.text('Service', (row) => row.serviceName),
        action.text('Provider', (row) => row.providerName, { sort: 'provider' }),
        action.text('Owner', (row) => row.action.owner),
        {
          ...action.date('Due', (row) => row.action.dueOn, { sort: 'due' }),
          tag: (row) => (row.overdue ? 'red' : undefined),
        },
        action.text('Status', (row) => (row.overdue ? `${row.statusLabel} (overdue)` : row.statusLabel), {
          sort: 'status',
        }),
      ],
      defaultSort: ACTION_ORDER,
      empty: 'No actions match.',
      fetch: (call, request) => plans.actionList(db, call.user, request),
    }),
    page({
      path: '/quality/actions/:id',
      access: READERS_AND_PROVIDERS,
      view: `${VIEWS}/action.njk`,
      load: actionPage,
    }),
    formPage({
      path: '/quality/actions/:id/progress',
      access: ['provider_user'],
      view: `${VIEWS}/action.njk`,
      showsOn: false,
      multipart: { fileSize: plans.EVIDENCE_MAX_BYTES + 1, files: 1 },
      form: formSchema({ status: uploadField.text(), note: uploadField.text(), evidence: uploadField.file() }),
      load: actionPage,
      save: async ({ user, params }, { evidence, ...input }) =>
        plans.reportProgress(
          db,
          user,
          params.id!,
          input,
          evidence?.filename ? { filename: evidence.filename, content: await evidence.toBuffer() } : null,
        ),
      next: ({ params }) => ({ to: paths.action(params.id!), flash: 'Progress sent to the council' }),
    }),
    ...(['signed-off', 'reopened'] as const).map((decision) =>
      formPage({
        path: `/quality/actions/:id/${decision === 'signed-off' ? 'sign-off' : 'reopen'}`,
        access: KEEPERS,
        view: `${VIEWS}/action.njk`,
        showsOn: false,
        form: formSchema({ note: field.text() }),
        load: actionPage,
        save: ({ user, params }, input) => plans.decideAction(db, user, params.id!, decision, input),
        next: ({ params }) => ({
          to: paths.action(params.id!),
          flash: decision === 'signed-off' ? 'Action signed off' : 'Action reopened',
        }),
      }),
    ),
    download({
      path: '/quality/actions/:id/evidence/:updateId',
      access: READERS_AND_PROVIDERS,
      load: ({ user, params }) => plans.evidenceFile(db, user, params.id!, params.updateId!),
    }),
  ];
}
