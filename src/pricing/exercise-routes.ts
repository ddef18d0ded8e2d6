// Cost-of-care pages: the exercises, opening one (with a check of who is invited) and closing it,
// a provider's workbook as a task list with a page per section that saves as it goes, the XLSX
// template and its upload, submission after a check, a finance officer's review of a workbook,
// the analysis with its exports, and the template's lines for the next exercise.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { pageOf } from '../platform/domain/pagination.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { field, formSchema, noFields, withFormFields } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { uploadField } from '../platform/http/upload-fields.ts';
import { placingVehicles } from '../procurement/market-service.ts';
import {
  answerAsText,
  answerFromText,
  answerShown,
  EXERCISE_SERVICE_TYPE_LABELS,
  EXERCISE_SERVICE_TYPES,
  financialYearLabel,
  LINE_GROUP_LABELS,
  LINE_GROUPS,
  LINE_UNIT_LABELS,
  LINE_UNITS,
  RESULT_LABELS,
  RESULT_UNITS,
  RESULTS,
  workbookResults,
  type LineGroup,
} from './domain/exercise.ts';
import { addComparator, exerciseAnalysis, reviewWorkbook } from './exercise-analysis-service.ts';
import { analysisCsv, analysisXlsx } from './exercise-export.ts';
import { COMPARED_RESULTS, REVIEW_ACTIONS } from './exercise-input.ts';
import * as exercises from './exercise-service.ts';
import * as workbooks from './exercise-workbook-service.ts';
import { paths } from './paths.ts';

const READERS = [...exercises.EXERCISE_READERS, 'provider_user'] as const;
const RUNNERS = exercises.EXERCISE_RUNNERS;
const EXERCISE_VIEW = 'pricing/views/exercise.njk';
const WORKBOOK_VIEW = 'pricing/views/exercise-workbook.njk';
const ANALYSIS_VIEW = 'pricing/views/exercise-analysis.njk';
const TEMPLATE_VIEW = 'pricing/views/exercise-template.njk';
const column = columnsOf<exercises.ExerciseSummary, 'year'>();

const SECTION_TAGS = {
  'not-started': { text: 'Not yet started', classes: 'govuk-tag--blue' },
  'in-progress': { text: 'In progress', classes: 'govuk-tag--light-blue' },
  completed: { text: 'Completed', classes: '' },
} as const;

/** The service's `answers.<key>` is the form's `line-<key>` box. */
const onSection = (problem: { field: string; message: string }) => ({
  ...problem,
  field: problem.field.replace(/^answers\./, 'line-'),
});

const openForm = formSchema({
  financialYear: field.number(Number.NaN),
  serviceType: field.choice(EXERCISE_SERVICE_TYPES),
  closingOn: field.date(),
  vehicleIds: field.list(),
});
const sectionForm = formSchema({ typed: field.each('line-', field.text()) });
const reviewForm = formSchema({ action: field.choice(REVIEW_ACTIONS), reason: field.optionalText() });
const comparatorForm = formSchema({
  council: field.text(),
  measure: field.choice(COMPARED_RESULTS),
  pence: field.pounds(Number.NaN),
  source: field.text(),
});
const lineForm = formSchema({
  label: field.text(),
  group: field.choice(LINE_GROUPS),
  unit: field.choice(LINE_UNITS),
  optional: field.ticked(),
});
const lineChangeForm = formSchema({ label: field.text(), retired: field.ticked() });

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, text]) => ({ value, text }));

export function exercisePages(db: Db): PageRoute[] {
  const exercisePage = async ({ user, params }: PageCall) => {
    const exercise = await exercises.exerciseFor(db, user, params.id!);
    const runner = exercises.runsExercises(user, exercise.organisationId);
    const invited = runner ? await exercises.invitedProviders(db, user, exercise.id) : [];
    return {
      title: exercise.title,
      exercise,
      runner,
      closingWords: longDate(exercise.closingOn),
      groups: LINE_GROUPS.map((group) => ({
        title: LINE_GROUP_LABELS[group],
        lines: exercise.lines.filter((line) => line.group === group),
      })),
      unitLabels: LINE_UNIT_LABELS,
      invited: invited.map((provider) => ({
        ...provider,
        statusLabel: workbooks.WORKBOOK_STATUS_LABELS[provider.status as workbooks.WorkbookStatus],
        href: paths.workbook(exercise.id, provider.providerId),
      })),
      ownWorkbookHref: user.providerId ? paths.workbook(exercise.id, user.providerId) : null,
      historyHref: user.providerId ? null : paths.exerciseHistory(exercise.id),
      analysisHref: paths.exerciseAnalysis(exercise.id),
      closeAction: paths.closeExercise(exercise.id),
      backLink: { href: paths.exercises(), text: 'Cost-of-care exercises' },
    };
  };

  const workbookPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const view = await workbooks.workbookFor(db, user, params.id!, params.providerId!);
    const base = paths.workbook(view.exercise.id, view.providerId);
    return {
      title: `Cost workbook: ${view.exercise.title}`,
      view,
      values,
      runner: exercises.runsExercises(user, view.exercise.organisationId),
      sections: view.sections.map((section) => ({
        ...section,
        href: paths.workbookSection(view.exercise.id, view.providerId, section.group),
        tag: SECTION_TAGS[section.status],
        answered: section.lines.map((line) => ({
          label: line.label,
          shown: answerShown(line.unit, view.answers[line.key]) || 'Not given',
        })),
      })),
      complete: view.sections.every((section) => section.status === 'completed'),
      results: RESULTS.flatMap((key) => {
        const value = workbookResults(view.exercise.lines, view.answers)[key];
        return value === undefined ? [] : [{ label: RESULT_LABELS[key], shown: answerShown(RESULT_UNITS[key], value) }];
      }),
      closingWords: longDate(view.exercise.closingOn),
      submittedWords: view.submittedOn ? longDate(view.submittedOn) : null,
      templateHref: `${base}/template.xlsx`,
      uploadAction: `${base}/upload`,
      submitAction: `${base}/submit`,
      reviewAction: `${base}/review`,
      historyHref: paths.workbookHistory(view.id),
      backLink: { href: paths.exercise(view.exercise.id), text: view.exercise.title },
    };
  };

  const analysisPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const analysis = await exerciseAnalysis(db, user, params.id!);
    return {
      title: `Analysis: ${analysis.exercise.title}`,
      analysis,
      values,
      runner: exercises.runsExercises(user, analysis.exercise.organisationId),
      measures: COMPARED_RESULTS.map((key) => ({ value: key, text: RESULT_LABELS[key] })),
      csvHref: `${paths.exerciseAnalysis(analysis.exercise.id)}.csv`,
      xlsxHref: `${paths.exerciseAnalysis(analysis.exercise.id)}.xlsx`,
      comparatorAction: paths.exerciseComparators(analysis.exercise.id),
      workbookHref: (providerId: string) => paths.workbook(analysis.exercise.id, providerId),
      backLink: { href: paths.exercise(analysis.exercise.id), text: analysis.exercise.title },
    };
  };

  const templatePage = async ({ user }: PageCall, values: FormBody = {}) => {
    const lines = await exercises.templateLines(db, user);
    return {
      title: 'Cost workbook template',
      values,
      groups: LINE_GROUPS.map((group) => ({
        title: LINE_GROUP_LABELS[group],
        lines: lines.filter((line) => line.group === group),
      })),
      unitLabels: LINE_UNIT_LABELS,
      groupOptions: options(LINE_GROUP_LABELS),
      unitOptions: options(LINE_UNIT_LABELS),
      lineHref: (id: string) => paths.templateLine(id),
      addAction: paths.templateLines(),
      backLink: { href: paths.exercises(), text: 'Cost-of-care exercises' },
    };
  };

  const templateLine = async (user: PageCall['user'], lineId: string) => {
    const line = (await exercises.templateLines(db, user)).find((one) => one.id === lineId);
    if (!line) throw new NotFoundError();
    return line;
  };

  /** The section's typed boxes as answers in each line's unit, for the lines of that section. */
  const sectionAnswers = async ({ user, params }: PageCall, typed: Record<string, string>) => {
    const view = await workbooks.workbookFor(db, user, params.id!, params.providerId!);
    const group = params.group as LineGroup;
    const lines = view.exercise.lines.filter((line) => line.group === group);
    if (lines.length === 0) throw new NotFoundError();
    return Object.fromEntries(lines.map((line) => [line.key, answerFromText(line.unit, typed[line.key] ?? '')]));
  };

  return [
    listPage<exercises.ExerciseSummary, Record<string, never>, 'year'>({
      path: paths.exercises(),
      access: READERS,
      title: 'Cost-of-care exercises',
      noun: { one: 'exercise', many: 'exercises' },
      filter: z.object({}),
      filters: [],
      columns: [
        column.text('Exercise', (row) => row.title, { href: (row) => paths.exercise(row.id) }),
        column.date('Closing date', (row) => row.closingOn),
        { heading: 'Status', value: (row) => (row.status === 'open' ? 'Open' : 'Closed') },
        {
          ...column.number('Workbooks submitted', (row) => row.submitted),
          shownTo: ({ user }) => user.providerId === null,
        },
        {
          ...column.number('Providers invited', (row) => row.invited),
          shownTo: ({ user }) => user.providerId === null,
        },
        {
          heading: 'Your workbook',
          value: (row) =>
            row.ownStatus ? workbooks.WORKBOOK_STATUS_LABELS[row.ownStatus as workbooks.WorkbookStatus] : '',
          shownTo: ({ user }) => user.providerId !== null,
        },
      ],
      defaultSort: { key: 'year', direction: 'desc' },
      actions: ({ user }) =>
        hasRole(user, ...RUNNERS)
          ? [
              { text: 'Open an exercise', href: paths.newExercise() },
              { text: 'Workbook template', href: paths.costTemplate() },
            ]
          : [],
      empty: 'There are no cost-of-care exercises yet.',
      fetch: async ({ user }, request) => {
        const all = await exercises.listExercises(db, user);
        const start = (request.page - 1) * request.pageSize;
        return pageOf(all.slice(start, start + request.pageSize), all.length, request.page, request.pageSize);
      },
    }),
    formPage({
      path: paths.newExercise(),
      access: RUNNERS,
      view: 'pricing/views/exercise-open.njk',
      form: openForm,
      errorFields: { 'vehicleIds.0': 'vehicleIds' },
      initial: () => ({ serviceType: 'supported-living' }),
      load: async ({ user }, values) => ({
        title: 'Open a cost-of-care exercise',
        values,
        vehicles: (await placingVehicles(db, user.organisationId!)).map((vehicle) => ({
          value: vehicle.id,
          text: `${vehicle.name} (${vehicle.reference})`,
          checked: [values.vehicleIds ?? []].flat().includes(vehicle.id),
        })),
        serviceTypes: options(EXERCISE_SERVICE_TYPE_LABELS),
        backLink: { href: paths.exercises(), text: 'Cost-of-care exercises' },
      }),
      confirm: async ({ user }, input) => {
        const check = await exercises.checkOpening(db, user, input);
        return {
          title: 'Check the exercise before you open it',
          rows: [
            { key: 'Costs for', value: financialYearLabel(check.input.financialYear) },
            { key: 'Service type', value: EXERCISE_SERVICE_TYPE_LABELS[check.input.serviceType] },
            { key: 'Closing date', value: longDate(check.input.closingOn) },
            { key: 'Vehicles', value: check.vehicleNames.join(', ') },
            { key: 'Workbook lines', value: `${check.lines.length} lines from the template` },
          ],
          table: {
            caption: `${check.providers.length} providers invited`,
            head: ['Provider'],
            rows: check.providers.map((provider) => [provider.name]),
            empty: 'None',
          },
          warning: 'Each provider invited is asked for its costs. The workbook’s lines cannot change once it opens.',
          button: 'Open the exercise',
          changeHref: paths.exercises(),
        };
      },
      save: ({ user }, input) => exercises.openExercise(db, user, input),
      next: (_call, saved) => ({ to: paths.exercise(saved.id), flash: `${saved.title} is open` }),
    }),
    page({ path: '/pricing/exercises/:id', access: READERS, view: EXERCISE_VIEW, load: exercisePage }),
    formPage({
      path: '/pricing/exercises/:id/close',
      access: RUNNERS,
      view: EXERCISE_VIEW,
      showsOn: false,
      form: noFields,
      load: exercisePage,
      confirm: async ({ user, params }) => {
        const exercise = await exercises.exerciseToRun(db, user, params.id!);
        const invited = await exercises.invitedProviders(db, user, exercise.id);
        const submitted = invited.filter((provider) => provider.status === 'submitted').length;
        return {
          title: `Close ${exercise.title}`,
          rows: [
            { key: 'Closing date', value: longDate(exercise.closingOn) },
            { key: 'Workbooks submitted', value: `${submitted} of ${invited.length}` },
          ],
          warning: `Providers who have not submitted can submit no more. The analysis is of the ${submitted} submitted.`,
          button: 'Close the exercise',
          changeHref: paths.exercise(exercise.id),
        };
      },
      save: ({ user, params }) => exercises.closeExercise(db, user, params.id!),
      next: (_call, saved) => ({ to: paths.exercise(saved.id), flash: `${saved.title} is closed` }),
    }),
    page({
      path: '/pricing/exercises/:id/workbooks/:providerId',
      access: READERS,
      view: WORKBOOK_VIEW,
      load: workbookPage,
    }),
    formPage({
      path: '/pricing/exercises/:id/workbooks/:providerId/sections/:group',
      access: ['provider_user'],
      view: 'pricing/views/exercise-section.njk',
      form: sectionForm,
      initial: async ({ user, params }) => {
        const view = await workbooks.workbookFor(db, user, params.id!, params.providerId!);
        return Object.fromEntries(
          view.exercise.lines.map((line) => [`line-${line.key}`, answerAsText(line.unit, view.answers[line.key])]),
        );
      },
      load: async (call, values) => {
        const view = await workbooks.workbookFor(db, call.user, call.params.id!, call.params.providerId!);
        const section = view.sections.find((one) => one.group === call.params.group);
        if (!section) throw new NotFoundError();
        return {
          title: section.title,
          view,
          section,
          values,
          unitLabels: LINE_UNIT_LABELS,
          backLink: { href: paths.workbook(view.exercise.id, view.providerId), text: 'Your workbook' },
        };
      },
      save: async (call, { typed }) =>
        withFormFields(
          workbooks.saveAnswers(db, call.user, call.params.id!, call.params.providerId!, {
            answers: await sectionAnswers(call, typed),
          }),
          onSection,
        ),
      next: (call) => ({
        to: paths.workbook(call.params.id!, call.params.providerId!),
        flash: `${LINE_GROUP_LABELS[call.params.group as LineGroup]} saved`,
      }),
    }),
    formPage({
      path: '/pricing/exercises/:id/workbooks/:providerId/submit',
      access: ['provider_user'],
      view: WORKBOOK_VIEW,
      showsOn: false,
      form: noFields,
      load: workbookPage,
      confirm: async ({ user, params }) => {
        const checked = await workbooks.checkSubmission(db, user, params.id!, params.providerId!);
        return {
          title: 'Check your workbook before you submit it',
          rows: [
            ...checked.exercise.lines.map((line) => ({
              key: line.label,
              value: answerShown(line.unit, checked.answers[line.key]) || 'Not given',
            })),
            ...RESULTS.filter((key) => checked.results[key] !== undefined).map((key) => ({
              key: `${RESULT_LABELS[key]} (worked out)`,
              value: answerShown(RESULT_UNITS[key], checked.results[key]),
            })),
          ],
          warning:
            'Once submitted, the figures go to the council and cannot be changed. They are confidential: other providers see only figures from five or more providers together.',
          button: 'Submit the workbook',
          changeHref: paths.workbook(checked.exercise.id, checked.providerId),
        };
      },
      save: ({ user, params }) =>
        withFormFields(workbooks.submitWorkbook(db, user, params.id!, params.providerId!), onSection),
      next: (_call, saved) => ({
        to: paths.workbook(saved.exercise.id, saved.providerId),
        flash: 'Your workbook has been submitted',
      }),
    }),
    formPage({
      path: '/pricing/exercises/:id/workbooks/:providerId/upload',
      access: ['provider_user'],
      view: WORKBOOK_VIEW,
      showsOn: false,
      multipart: { fileSize: 2 * 1024 * 1024, files: 1 },
      form: formSchema({ file: uploadField.file() }),
      load: workbookPage,
      save: async ({ user, params }, { file }) =>
        workbooks.uploadWorkbook(db, user, params.id!, params.providerId!, file ? await file.toBuffer() : undefined),
      next: (_call, saved) => ({
        to: paths.workbook(saved.exercise.id, saved.providerId),
        flash: 'Your figures have been saved from the file. Check them, then submit the workbook.',
      }),
    }),
    download({
      path: '/pricing/exercises/:id/workbooks/:providerId/template.xlsx',
      access: READERS,
      load: ({ user, params }) => workbooks.templateFile(db, user, params.id!, params.providerId!),
    }),
    formPage({
      path: '/pricing/exercises/:id/workbooks/:providerId/review',
      access: RUNNERS,
      view: WORKBOOK_VIEW,
      showsOn: false,
      form: reviewForm,
      load: workbookPage,
      save: ({ user, params }, input) => reviewWorkbook(db, user, params.id!, params.providerId!, input),
      next: (_call, saved) => ({
        to: paths.workbook(saved.exerciseId, saved.providerId),
        flash:
          saved.action === 'query'
            ? 'Your query is recorded and shown to the provider'
            : saved.action === 'exclude'
              ? 'The workbook is excluded from the analysis'
              : 'The workbook is included in the analysis again',
      }),
    }),
    page({
      path: '/pricing/exercises/:id/analysis',
      access: exercises.EXERCISE_READERS,
      view: ANALYSIS_VIEW,
      load: analysisPage,
    }),
    download({
      path: '/pricing/exercises/:id/analysis.csv',
      access: exercises.EXERCISE_READERS,
      load: async ({ user, params }) => analysisCsv(await exerciseAnalysis(db, user, params.id!)),
    }),
    download({
      path: '/pricing/exercises/:id/analysis.xlsx',
      access: exercises.EXERCISE_READERS,
      load: async ({ user, params }) => analysisXlsx(await exerciseAnalysis(db, user, params.id!)),
    }),
    formPage({
      path: '/pricing/exercises/:id/comparators',
      access: RUNNERS,
      view: ANALYSIS_VIEW,
      showsOn: false,
      form: comparatorForm,
      load: analysisPage,
      save: ({ user, params }, input) => addComparator(db, user, params.id!, input),
      next: (_call, saved) => ({
        to: paths.exerciseAnalysis(saved.exerciseId),
        flash: `${saved.council}’s rate added`,
      }),
    }),
    page({ path: paths.costTemplate(), access: RUNNERS, view: TEMPLATE_VIEW, load: templatePage }),
    formPage({
      path: paths.templateLines(),
      access: RUNNERS,
      view: TEMPLATE_VIEW,
      showsOn: false,
      form: lineForm,
      load: templatePage,
      save: ({ user }, input) => exercises.addTemplateLine(db, user, input),
      next: (_call, saved) => ({ to: paths.costTemplate(), flash: `“${saved.label}” added for the next exercise` }),
    }),
    formPage({
      path: '/pricing/cost-template/lines/:lineId',
      access: RUNNERS,
      view: 'pricing/views/exercise-template-line.njk',
      form: lineChangeForm,
      initial: async ({ user, params }) => {
        const line = await templateLine(user, params.lineId!);
        return { label: line.label, retired: line.retired ? 'yes' : '' };
      },
      load: async ({ user, params }, values) => {
        const line = await templateLine(user, params.lineId!);
        return {
          title: 'Change a line of the template',
          line,
          values,
          unitLabel: LINE_UNIT_LABELS[line.unit],
          groupLabel: LINE_GROUP_LABELS[line.group],
          backLink: { href: paths.costTemplate(), text: 'Cost workbook template' },
        };
      },
      save: ({ user, params }, input) => exercises.changeTemplateLine(db, user, params.lineId!, input),
      next: (_call, saved) => ({
        to: paths.costTemplate(),
        flash: saved.retired ? `“${saved.label}” retired from the next exercise` : `“${saved.label}” saved`,
      }),
    }),
  ];
}
