// Pages for applications: a provider applies through the GOV.UK task list; the vehicle's staff read
// submitted applications and record each stage's outcome.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { formatPence } from '../platform/domain/money.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { field, formSchema, noFields, withFormFields } from '../platform/http/form-fields.ts';
import { many, type FormBody } from '../platform/http/forms.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import {
  APPLICATION_STATUS_LABELS,
  APPLICATION_STATUSES,
  TASK_STATUS_LABELS,
  wordCount,
  type ApplicationStatus,
} from './domain/applications.ts';
import { LOT_SERVICE_TYPE_LABELS, NEED_BAND_LABELS, STAGE_LABELS, STAGES, type Stage } from './domain/vehicles.ts';
import { APPLICANTS, TENDER_READERS } from './access.ts';
import { decideStage } from './evaluation-service.ts';
import { stageDecisionCheck } from './commitment-checks.ts';
import { standingText } from './evaluation-routes.ts';
import * as applications from './application-service.ts';
import { downloadDocument } from './application-document-service.ts';
import {
  applicationVehicleOptions,
  getApplication,
  listApplications,
  SubmissionWithheld,
  type ApplicationDetail,
  type ApplicationListItem,
  type ApplicationSort,
} from './application-view-service.ts';
import { applicationFilterInput, type ApplicationFilter } from './input.ts';
import { day, listRows, type ListRow } from './list-rows.ts';
import { paths } from './paths.ts';

export const applicationNavigation: NavigationItem[] = [
  { text: 'Applications', href: paths.applications(), access: TENDER_READERS },
];

const APPLICATION_VIEW = 'procurement/views/application.njk';

/** The stage the viewer may decide for this application now, or null: finance officers the financial check, the lead's commissioners the others. */
function stageFormFor(viewer: CurrentUser, detail: ApplicationDetail): { stage: Stage; label: string } | null {
  if (
    detail.isApplicant ||
    viewer.organisationId !== detail.application.organisationId ||
    detail.progress.state !== 'at'
  )
    return null;
  const { stage } = detail.progress;
  if (stage === 'award') return null;
  const allowed = stage === 'financial' ? hasRole(viewer, 'finance_officer') : hasRole(viewer, 'commissioner');
  return allowed ? { stage, label: STAGE_LABELS[stage] } : null;
}

export const backToApplication = (applicationId: string) => ({
  href: paths.application(applicationId),
  text: 'Back to your application',
});

const TASK_TITLES = {
  lots: 'Choose your lots',
  selection: 'Selection questions',
  quality: 'Quality questions',
  prices: 'Prices',
  documents: 'Documents',
  submit: 'Check and submit',
} as const;

/** The list of applications, an application's page, and the applicant's forms (each saves as the provider goes). */
export function applicationPages(db: Db): PageRoute[] {
  const applicationPage = applicationPageOf(db);
  const questionPage = async (call: PageCall, values: FormBody) => {
    const base = await applicationPage(call);
    const question = base.questions.find((candidate) => candidate.id === call.params.questionId);
    if (!question) throw new NotFoundError();
    return {
      ...base,
      question,
      values,
      title: question.text,
      caption: `${question.kind === 'selection' ? 'Selection' : 'Quality'} question ${base.questions.filter((q) => q.kind === question.kind).indexOf(question) + 1}`,
      backLink: backToApplication(base.application.id),
    };
  };

  return [
    // A provider's own applications; those submitted to its organisation's vehicles for the staff who run them.
    listPage<ListRow<ApplicationListItem>, ApplicationFilter, ApplicationSort['key']>({
      path: paths.applications(),
      access: TENDER_READERS,
      title: 'Applications',
      noun: { one: 'application', many: 'applications' },
      filter: applicationFilterInput,
      filters: [
        {
          name: 'vehicleId',
          label: 'Vehicle',
          kind: 'select',
          any: 'Any vehicle',
          options: async ({ user }) =>
            (await applicationVehicleOptions(db, user)).map((vehicle) => ({ value: vehicle.id, text: vehicle.name })),
        },
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          // Staff see applications once submitted.
          options: ({ user }) =>
            APPLICATION_STATUSES.filter((status) => user.providerId !== null || status !== 'draft').map((status) => ({
              value: status,
              text: APPLICATION_STATUS_LABELS[status],
            })),
        },
        {
          name: 'stage',
          label: 'Stage reached',
          kind: 'select',
          any: 'Any stage',
          options: () => STAGES.map((stage) => ({ value: stage, text: STAGE_LABELS[stage] })),
        },
        {
          name: 'provider',
          label: 'Provider',
          kind: 'search',
          hint: 'Part of the provider’s name',
          // A provider lists only its own applications.
          offeredTo: ({ user }) => user.providerId === null,
        },
      ],
      columns: [
        {
          heading: 'Provider',
          value: ({ item }) => item.providerName,
          // Staff open it from here, where they may see what was submitted (no link is '').
          href: ({ item }) => (item.canOpen && !item.isApplicant ? paths.application(item.id) : ''),
          sort: 'provider',
        },
        {
          heading: 'Vehicle',
          value: ({ item }) => item.vehicleName,
          // The applicant opens its own application from here; staff go to the vehicle.
          href: ({ item }) => (item.isApplicant ? paths.application(item.id) : paths.vehicle(item.vehicleId)),
          sort: 'vehicle',
        },
        {
          heading: 'Status',
          value: ({ item }) => APPLICATION_STATUS_LABELS[item.status as ApplicationStatus],
          sort: 'status',
        },
        {
          heading: 'Stage',
          value: ({ item }) =>
            item.progress ? standingText(item.status, item.progress) : APPLICATION_STATUS_LABELS.draft,
          sort: 'stage',
        },
        { heading: 'Submitted', value: (row) => day(row, row.item.submittedAt, 'Not yet'), sort: 'submitted' },
        { heading: 'Decision due', value: (row) => day(row, row.item.decisionDueOn), sort: 'due' },
      ],
      defaultSort: { key: 'submitted', direction: 'desc' },
      empty: 'No applications match. To apply, a provider opens an opportunity under Procurement.',
      fetch: (call, { filter, sort, page, pageSize }) =>
        listRows(call, listApplications(db, call.user, { ...filter, page, pageSize }, sort)),
    }),
    page({
      path: '/applications/:id',
      access: TENDER_READERS,
      view: APPLICATION_VIEW,
      load: async (call) => {
        try {
          return await applicationPage(call);
        } catch (error) {
          if (!(error instanceof SubmissionWithheld)) throw error;
          // Refused, saying why and, where declaring would open it, where to declare.
          call.reply.status(403);
          const { subject, message, undeclared } = error;
          return {
            title: `${subject.providerName}: application to ${subject.vehicle.name}`,
            withheldFrom: { subject, message, declareHref: undeclared ? paths.declaration(subject.vehicle.id) : null },
            backLink: { href: paths.evaluation(subject.vehicle.id), text: `Evaluation of ${subject.vehicle.name}` },
          };
        }
      },
    }),
    formPage({
      path: '/applications/:id/stages',
      access: ['commissioner', 'finance_officer'],
      view: APPLICATION_VIEW,
      showsOn: false,
      form: formSchema({
        stage: field.choice(STAGES),
        outcome: field.choice(['pass', 'fail'] as const),
        reason: field.text(),
      }),
      load: (call) => applicationPage(call),
      // Excluding a tenderer, or admitting it to the next stage, is checked first.
      confirm: (call, input) => stageDecisionCheck(db, call, input),
      save: ({ user, params }, input) => decideStage(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.application(params.id!), flash: 'The stage outcome has been recorded' }),
    }),
    formPage({
      path: '/applications/:id/lots',
      access: APPLICANTS,
      view: 'procurement/views/application-lots.njk',
      form: formSchema({ lotIds: field.list() }),
      initial: async ({ user, params }) => ({
        lotIds: (await getApplication(db, user, params.id!)).application.lotIds,
      }),
      load: async (call, values) => {
        const base = await applicationPage(call);
        const lotHint = (lot: (typeof base.lots)[number]) =>
          `${LOT_SERVICE_TYPE_LABELS[lot.serviceType as keyof typeof LOT_SERVICE_TYPE_LABELS]}, ${NEED_BAND_LABELS[lot.needBand as keyof typeof NEED_BAND_LABELS].toLowerCase()} needs`;
        return {
          ...base,
          title: 'Choose your lots',
          lotItems: base.lots.map((lot) => ({
            value: lot.id,
            text: lot.title,
            hint: { text: lotHint(lot) },
            checked: many(values.lotIds).includes(lot.id),
          })),
          backLink: backToApplication(base.application.id),
        };
      },
      save: ({ user, params }, input) => applications.saveLots(db, user, params.id!, input),
      next: ({ params }) => paths.application(params.id!),
    }),
    formPage({
      path: '/applications/:id/questions/:questionId',
      access: APPLICANTS,
      view: 'procurement/views/application-question.njk',
      form: formSchema({ meetsRequirement: field.yesNo(), text: field.text() }),
      initial: async ({ user, params }) => {
        const answer = (await getApplication(db, user, params.id!)).answers.find(
          (candidate) => candidate.questionId === params.questionId,
        );
        return {
          meetsRequirement: answer?.meetsRequirement === true ? 'yes' : answer?.meetsRequirement === false ? 'no' : '',
          text: answer?.text ?? '',
        };
      },
      load: questionPage,
      save: ({ user, params }, input) => applications.saveAnswer(db, user, params.id!, params.questionId!, input),
      // On to the next question, and back to the task list after the last.
      next: ({ params }, saved) => {
        const next = saved.questions[saved.questions.findIndex((question) => question.id === params.questionId) + 1];
        return next
          ? paths.applicationQuestion(saved.application.id, next.id)
          : paths.application(saved.application.id);
      },
    }),
    formPage({
      path: '/applications/:id/prices',
      access: APPLICANTS,
      view: 'procurement/views/application-prices.njk',
      // A weekly rate for each lot applied for, each box named by its lot.
      form: formSchema({ prices: field.each('price-', field.pounds(null)) }),
      initial: async (call) =>
        Object.fromEntries(
          (await applicationPage(call)).appliedLots.map((lot) => [
            `price-${lot.id}`,
            lot.price ? formatPence(lot.price.weeklyRatePence) : '',
          ]),
        ),
      load: async (call) => {
        const base = await applicationPage(call);
        return { ...base, title: 'Prices', backLink: backToApplication(base.application.id) };
      },
      save: ({ user, params }, input) => {
        // A box left blank is not priced yet.
        const prices = Object.entries(input.prices).flatMap(([lotId, pence]) =>
          pence === null ? [] : [{ lotId, weeklyRatePence: pence }],
        );
        return withFormFields(applications.savePrices(db, user, params.id!, { prices }), (problem) => {
          const rate = /^prices\.(\d+)\.weeklyRatePence$/.exec(problem.field);
          // The service refuses a rate only when what was typed is not an amount of money above £0.
          return rate
            ? {
                field: `price-${prices[Number(rate[1])]!.lotId}`,
                message: 'Enter a weekly rate in pounds, like £1,450.00',
              }
            : problem;
        });
      },
      next: ({ params }) => paths.application(params.id!),
    }),
    download({
      path: '/applications/:id/documents/:documentId',
      access: TENDER_READERS,
      load: async ({ user, params }) => {
        const document = await downloadDocument(db, user, params.id!, params.documentId!);
        return { filename: document.filename, contentType: document.contentType, body: document.content };
      },
    }),
    formPage({
      path: '/applications/:id/submit',
      access: APPLICANTS,
      view: 'procurement/views/application-submit.njk',
      form: noFields,
      load: (call) => applicationPage(call, { title: 'Check your application and submit it' }),
      save: ({ user, params }) => applications.submitApplication(db, user, params.id!),
      next: ({ params }) => ({ to: paths.application(params.id!), flash: 'Your application has been submitted' }),
    }),
  ];
}

/** An application's page: its task list for the applicant, its bid and stage decisions for the vehicle's staff. */
export function applicationPageOf(db: Db) {
  return async ({ user, params }: PageCall, extra: Record<string, unknown> = {}) => {
    const detail = await getApplication(db, user, params.id!);
    const answerOf = new Map(detail.answers.map((answer) => [answer.questionId, answer]));
    const lotTitle = new Map(detail.lots.map((lot) => [lot.id, lot.title]));
    const taskPath = (key: keyof typeof TASK_TITLES) => {
      if (key !== 'selection' && key !== 'quality') return paths.applicationTask(detail.application.id, key);
      const first = detail.questions.find((question) => question.kind === key);
      return first
        ? paths.applicationQuestion(detail.application.id, first.id)
        : paths.applicationTask(detail.application.id, 'submit');
    };
    return {
      title: `${detail.provider.name}: application to ${detail.vehicle.name}`,
      ...detail,
      statusLabel: APPLICATION_STATUS_LABELS[detail.application.status as ApplicationStatus],
      taskItems: detail.tasks.map((task) => ({
        title: { text: TASK_TITLES[task.key] },
        href: task.status === 'cannot-start' || detail.editProblem ? undefined : taskPath(task.key),
        status:
          task.status === 'completed'
            ? { text: TASK_STATUS_LABELS[task.status] }
            : {
                tag: {
                  text: TASK_STATUS_LABELS[task.status],
                  classes: task.status === 'cannot-start' ? 'govuk-tag--grey' : 'govuk-tag--blue',
                },
              },
      })),
      questionRows: detail.questions.map((question) => ({
        question,
        answer: answerOf.get(question.id),
        words: wordCount(answerOf.get(question.id)?.text ?? ''),
      })),
      appliedLots: detail.application.lotIds.map((lotId) => ({
        id: lotId,
        title: lotTitle.get(lotId) ?? lotId,
        price: detail.prices.find((price) => price.lotId === lotId),
      })),
      formatPence,
      progressText: standingText(detail.application.status, detail.progress),
      stageForm: stageFormFor(user, detail),
      backLink: { href: paths.applications(), text: 'All applications' },
      ...extra,
    };
  };
}
