// Pages for a Provider Selection Regime vehicle's decision record: reading it, recording it (a
// check-your-answers page first, since the award follows it), and the representations a provider
// makes in its standstill (which put the contracts back).
import type { Db } from '../platform/db/client.ts';
import { longDate } from '../platform/domain/calendar.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import {
  PSR_CRITERIA,
  PSR_CRITERION_LABELS,
  PSR_PROCESS_CONDITIONS,
  PSR_PROCESS_LABELS,
  PSR_PROCESSES,
} from './domain/psr.ts';
import type { PsrDecisionInput } from './input.ts';
import * as psr from './psr-service.ts';
import { paths } from './paths.ts';

const VIEW = 'procurement/views/psr.njk';
const FORM_VIEW = 'procurement/views/psr-form.njk';
const REPRESENTATIONS_VIEW = 'procurement/views/psr-representations.njk';

/** The decision form's boxes as the service's input: a criterion counts where its weight or reasons were given. */
const decisionForm = formSchema({
  process: field.choice(PSR_PROCESSES),
  conditionsMet: field.ticked(),
  providerId: field.optionalText(),
  existingContract: field.optionalText(),
  weights: field.each('weight-', field.number(null)),
  rationales: field.each('rationale-', field.text()),
  decisionMakers: field.text(),
  conflicts: field.text(),
  rationale: field.text(),
}).transform(({ weights, rationales, ...rest }): PsrDecisionInput => ({
  ...rest,
  process: rest.process as PsrDecisionInput['process'],
  criteria: PSR_CRITERIA.filter(
    (criterion) => (weights[criterion] !== null && weights[criterion] !== undefined) || rationales[criterion],
  ).map((criterion) => ({
    criterion,
    weightPercent: weights[criterion] ?? Number.NaN,
    rationale: rationales[criterion] ?? '',
  })),
}));

/** The form's boxes from a recorded decision, to change it before the award. */
function decisionValues(view: psr.PsrDecisionView): FormBody {
  const decision = view.decision;
  if (!decision) return {};
  const values: FormBody = {
    process: decision.process,
    conditionsMet: decision.conditionsMet ? 'yes' : '',
    providerId: decision.providerId ?? '',
    existingContract: decision.existingContract ?? '',
    decisionMakers: decision.decisionMakers,
    conflicts: decision.conflicts,
    rationale: decision.rationale,
  };
  for (const criterion of decision.criteria) {
    values[`weight-${criterion.criterion}`] = String(criterion.weightPercent);
    values[`rationale-${criterion.criterion}`] = criterion.rationale;
  }
  return values;
}

export function psrPages(db: Db): PageRoute[] {
  const decisionPage = async ({ user, params }: PageCall, values: FormBody) => {
    const view = await psr.psrDecision(db, user, params.id!);
    return {
      title: `Provider Selection Regime decision: ${view.vehicle.name}`,
      view,
      values,
      processItems: PSR_PROCESSES.map((process) => ({
        value: process,
        text: PSR_PROCESS_LABELS[process],
        hint: { text: PSR_PROCESS_CONDITIONS[process] },
        checked: values.process === process,
      })),
      providerItems: [
        { value: '', text: 'None: a competitive process names no provider before its award' },
        ...view.applicants.map((applicant) => ({
          value: applicant.id,
          text: applicant.name,
          selected: values.providerId === applicant.id,
        })),
      ],
      criteria: PSR_CRITERIA.map((criterion) => ({ id: criterion, label: PSR_CRITERION_LABELS[criterion] })),
      backLink: { href: paths.psr(view.vehicle.id), text: 'The decision record' },
    };
  };
  return [
    page({
      path: '/vehicles/:id/psr',
      access: ANY_STAFF,
      view: VIEW,
      load: async ({ user, params }) => {
        const view = await psr.psrDecision(db, user, params.id!);
        return {
          title: `Provider Selection Regime decision: ${view.vehicle.name}`,
          view,
          backLink: { href: paths.vehicle(view.vehicle.id), text: view.vehicle.name },
        };
      },
    }),
    formPage({
      path: '/vehicles/:id/psr/decision',
      access: ['commissioner'],
      view: FORM_VIEW,
      form: decisionForm,
      initial: async ({ user, params }) => decisionValues(await psr.psrDecision(db, user, params.id!)),
      load: decisionPage,
      confirm: async ({ user, params }, input) => {
        const { vehicle, record, providerName } = await psr.checkPsrDecision(db, user, params.id!, input);
        return {
          title: 'Record the decision',
          rows: [
            { key: 'Process', value: PSR_PROCESS_LABELS[record.process] },
            { key: 'Its conditions are met', value: 'Confirmed' },
            ...(providerName ? [{ key: 'Provider', value: providerName }] : []),
            ...(record.existingContract ? [{ key: 'Existing contract', value: record.existingContract }] : []),
            ...record.criteria.map((criterion) => ({
              key: PSR_CRITERION_LABELS[criterion.criterion],
              value: `${criterion.weightPercent}%: ${criterion.rationale}`,
            })),
            { key: 'Decided by', value: record.decisionMakers },
            { key: 'Conflicts of interest', value: record.conflicts },
            { key: 'Reasons', value: record.rationale },
          ],
          warning: `The award of ${vehicle.name} will follow this record${providerName ? `: only ${providerName} may be awarded` : ''}. It can be changed until the award is decided, and is kept as it was after.`,
          button: 'Record the decision',
          changeHref: paths.psr(vehicle.id),
        };
      },
      save: ({ user, params }, input) => psr.recordPsrDecision(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.psr(params.id!), flash: 'The decision has been recorded' }),
    }),
    formPage({
      path: '/vehicles/:id/psr/representations',
      access: ['commissioner'],
      view: REPRESENTATIONS_VIEW,
      form: formSchema({ answeredOn: field.date(), representations: field.text() }),
      load: async ({ user, params }, values) => {
        const view = await psr.psrDecision(db, user, params.id!);
        return {
          title: 'Representations in the standstill',
          view,
          values,
          backLink: { href: paths.psr(view.vehicle.id), text: 'The decision record' },
        };
      },
      confirm: async ({ user, params }, input) => {
        const view = await psr.psrDecision(db, user, params.id!);
        return {
          title: 'Record the representations',
          rows: [
            { key: 'Answered on', value: longDate(input.answeredOn) || 'Not given' },
            { key: 'Representations', value: input.representations },
          ],
          warning: `The standstill of ${view.vehicle.name} will run 5 more working days after the later of its 8th day and the day they were answered: its contracts wait for it.`,
          button: 'Record the representations',
          changeHref: paths.psr(view.vehicle.id),
        };
      },
      save: ({ user, params }, input) => psr.recordRepresentations(db, user, params.id!, input),
      next: ({ params }) => ({
        to: paths.psr(params.id!),
        flash: 'The representations have been recorded and the standstill extended',
      }),
    }),
  ];
}
