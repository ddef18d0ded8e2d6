// The providers' side of KPI returns, and the list everyone works from: returns owed and made
// (a provider's own; the organisation's for its quality readers, missing ones chased with their
// days overdue), the return's form with its check page, the CSV template and its upload, and a
// membership's history as a chart per KPI.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { field, formSchema, withFormFields } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import type { TagColour } from '../platform/http/list-page.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { uploadField } from '../platform/http/upload-fields.ts';
import { RAG_LABELS, type Rag } from './domain/kpi.ts';
import { QUALITY_READERS } from './framework-service.ts';
import { KPI_RETURN_ORDER } from './kpi-api.ts';
import { EXPECTED_STATUSES, type ExpectedSort, type ExpectedStatus } from './kpi-expected-repository.ts';
import { kpiReturnFilterInput, type KpiReturnFilter } from './kpi-input.ts';
import { kpiHistory } from './kpi-report-service.ts';
import * as returns from './kpi-return-service.ts';
import { vehicles } from './kpi-service.ts';
import { paths } from './paths.ts';

const READERS = [...QUALITY_READERS, 'provider_user'] as const;
const RETURN_VIEW = 'quality/views/kpi-return.njk';
const column = columnsOf<returns.ExpectedReturn, ExpectedSort>();
const isStaff = ({ user }: PageCall) => user.providerId === null;

export const STATUS_LABELS: Record<ExpectedStatus, string> = {
  due: 'Due',
  submitted: 'Submitted',
  late: 'Submitted late',
  missing: 'Missing',
};
const STATUS_TAGS: Record<ExpectedStatus, TagColour> = {
  due: 'blue',
  submitted: 'green',
  late: 'orange',
  missing: 'red',
};
export const RAG_TAGS: Record<Rag, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
};

const returnForm = formSchema({
  numerators: field.each('numerator-', field.number(null)),
  denominators: field.each('denominator-', field.number(null)),
});
type ReturnForm = { numerators: Record<string, number | null>; denominators: Record<string, number | null> };

/** The form's boxes as the service's figures, one a KPI. */
const figuresOf = (quarter: string, form: ReturnForm) => ({
  quarter,
  values: Object.keys(form.numerators).map((kpiId) => ({
    kpiId,
    numerator: form.numerators[kpiId] ?? null,
    denominator: form.denominators[kpiId] ?? null,
  })),
});

/** The service's `values.<kpi>.numerator` is the form's `numerator-<kpi>` box. */
const onForm = (problem: { field: string; message: string }) => {
  const match = /^values\.([^.]+)\.(numerator|denominator|kpiId)$/.exec(problem.field);
  return match
    ? { ...problem, field: `${match[2] === 'denominator' ? 'denominator' : 'numerator'}-${match[1]}` }
    : problem;
};

export function kpiPages(db: Db): PageRoute[] {
  const returnPage = async ({ user, params }: PageCall, values: FormBody) => {
    const view = await returns.returnFor(db, user, params.membershipId!, params.quarter!);
    const base = paths.kpiReturn(view.membership.id, view.quarter);
    return {
      title: `KPI return: ${view.quarterLabel}`,
      view,
      values,
      dueWords: longDate(view.dueOn),
      submittedWords: view.made ? longDate(view.made.submittedOn) : null,
      ragTags: RAG_TAGS,
      ragLabels: RAG_LABELS,
      templateHref: `${base}/template.csv`,
      uploadAction: `${base}/upload`,
      historyHref: paths.kpiHistory(view.membership.id),
      backLink: { href: paths.kpiReturns(), text: 'KPI returns' },
    };
  };

  return [
    listPage<returns.ExpectedReturn, KpiReturnFilter, ExpectedSort>({
      path: paths.kpiReturns(),
      access: READERS,
      title: 'KPI returns',
      noun: { one: 'return', many: 'returns' },
      filter: kpiReturnFilterInput,
      filters: [
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          options: () => EXPECTED_STATUSES.map((value) => ({ value, text: STATUS_LABELS[value] })),
        },
        {
          name: 'vehicleId',
          label: 'Vehicle',
          kind: 'select',
          any: 'Any vehicle',
          offeredTo: isStaff,
          options: async ({ user }) => (await vehicles(db, user)).map((v) => ({ value: v.id, text: v.name })),
        },
        { name: 'quarter', label: 'Quarter (such as 2026-Q2)', kind: 'search' },
      ],
      columns: [
        column.text('Quarter', (row) => row.quarterLabel, {
          sort: 'quarter',
          href: (row) => paths.kpiReturn(row.membershipId, row.quarter),
        }),
        column.text('Provider', (row) => row.providerName, { sort: 'provider' }),
        column.text('Vehicle', (row) => row.vehicleName, { sort: 'vehicle' }),
        column.text('Lot', (row) => row.lotTitle),
        column.date('Due', (row) => row.dueOn, { sort: 'due' }),
        {
          heading: 'Status',
          value: (row) => STATUS_LABELS[row.status],
          tag: (row) => STATUS_TAGS[row.status],
        },
        column.date('Submitted', (row) => row.submittedOn, { none: '' }),
        column.number('Days overdue', (row) => row.daysOverdue),
      ],
      defaultSort: KPI_RETURN_ORDER,
      actions: (call) => (isStaff(call) ? [{ text: 'KPIs by vehicle', href: paths.kpiVehicles() }] : []),
      summary: async ({ user }) => {
        const counts = await returns.statusCounts(db, user);
        return (['missing', 'due', 'late'] as const).map((status) => ({
          text: STATUS_LABELS[status].toLowerCase(),
          count: counts[status],
          href: `${paths.kpiReturns()}?status=${status}`,
          tag: STATUS_TAGS[status],
        }));
      },
      empty: 'No KPI returns are owed or made yet.',
      fetch: ({ user }, request) => returns.listReturns(db, user, request),
    }),
    formPage<ReturnForm, Awaited<ReturnType<typeof returns.submitReturn>>>({
      path: '/quality/kpi-returns/:membershipId/:quarter',
      access: READERS,
      view: RETURN_VIEW,
      form: returnForm,
      initial: async ({ user, params }) => {
        const view = await returns.returnFor(db, user, params.membershipId!, params.quarter!);
        return Object.fromEntries(
          view.kpis.flatMap((kpi) => [
            [`numerator-${kpi.id}`, String(kpi.figures?.numerator ?? '')],
            [`denominator-${kpi.id}`, String(kpi.figures?.denominator ?? '')],
          ]),
        );
      },
      load: returnPage,
      confirm: async ({ user, params }, form) => {
        const checked = await withFormFields(
          returns.checkReturn(db, user, params.membershipId!, figuresOf(params.quarter!, form)),
          onForm,
        );
        return {
          title: 'Check your KPI return before you send it',
          rows: checked.kpis.map(({ kpi, figures, rating }) => ({
            key: kpi.name,
            value: `${figures.numerator} of ${figures.denominator} ${kpi.denominatorLabel}${
              rating.value === null
                ? ''
                : ` (${kpi.measure === 'percentage' ? `${rating.value}%` : rating.value}: ${RAG_LABELS[rating.rag!]})`
            }`,
          })),
          warning:
            'A return sent after its due day is marked late. You can correct it later: the new figures replace these.',
          button: 'Send the return',
          changeHref: paths.kpiReturn(params.membershipId!, params.quarter!),
        };
      },
      save: ({ user, params }, form) =>
        withFormFields(returns.submitReturn(db, user, params.membershipId!, figuresOf(params.quarter!, form)), onForm),
      next: (_call, saved) => ({
        to: paths.kpiReturn(saved.membershipId, saved.quarter),
        flash: `Your return for ${saved.quarterLabel} has been sent${saved.late ? ' (late)' : ''}`,
      }),
    }),
    formPage({
      path: '/quality/kpi-returns/:membershipId/:quarter/upload',
      access: ['provider_user'],
      view: RETURN_VIEW,
      showsOn: false,
      multipart: { fileSize: 1024 * 1024, files: 1 },
      form: formSchema({ file: uploadField.file() }),
      load: returnPage,
      save: async ({ user, params }, { file }) =>
        returns.submitReturnFile(
          db,
          user,
          params.membershipId!,
          params.quarter!,
          file ? await file.toBuffer() : undefined,
        ),
      next: (_call, saved) => ({
        to: paths.kpiReturn(saved.membershipId, saved.quarter),
        flash: `Your return for ${saved.quarterLabel} has been sent from the file${saved.late ? ' (late)' : ''}`,
      }),
    }),
    download({
      path: '/quality/kpi-returns/:membershipId/:quarter/template.csv',
      access: READERS,
      load: ({ user, params }) => returns.templateFile(db, user, params.membershipId!, params.quarter!),
    }),
    page({
      path: '/quality/memberships/:membershipId/kpi-history',
      access: READERS,
      view: 'quality/views/kpi-history.njk',
      load: async ({ user, params }) => {
        const history = await kpiHistory(db, user, params.membershipId!);
        return {
          title: `KPI history: ${history.membership.providerName}`,
          history,
          isProvider: hasRole(user, 'provider_user'),
          backLink: { href: paths.kpiReturns(), text: 'KPI returns' },
        };
      },
    }),
  ];
}
