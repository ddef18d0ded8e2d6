// Contract actions' pages: the list (with CSV and XLSX), issuing one (kind and provider first, then
// what the kind needs, then a check-your-answers page: it may stop placements or end a contract),
// one action with its end form and, for its provider, the Acknowledge button; and transition plans.
import type { Db } from '../platform/db/client.ts';
import { hasRole, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import { dateToForm, one, type FormBody } from '../platform/http/forms.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { paths as brokeragePaths } from '../brokerage/paths.ts';
import { placingVehicles } from '../procurement/market-service.ts';
import {
  CONTRACT_ACTION_KIND_LABELS,
  CONTRACT_ACTION_KINDS,
  KIND_RULES,
  TIER_LABELS,
  TIER_VALUES,
  TRANSITION_CAUSE_LABELS,
  type ContractActionKind,
} from './domain/contract-actions.ts';
import { contractActionFilterInput } from './contract-action-input.ts';
import * as actions from './contract-action-service.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { paths } from './paths.ts';
import * as transitions from './transition-service.ts';

const READERS = [...QUALITY_READERS, 'provider_user'] as const;
const column = columnsOf<actions.ContractActionView, actions.ActionSort>();
const FORM_VIEW = 'quality/views/contract-action-form.njk';
const ACTION_VIEW = 'quality/views/contract-action.njk';
const PLAN_VIEW = 'quality/views/transition-plan.njk';

const isKind = (value: string): value is ContractActionKind => (CONTRACT_ACTION_KINDS as string[]).includes(value);

/** What issuing each kind does at once, said on the check page. */
const EFFECTS: Record<ContractActionKind, (dueOn: string | null, startsOn: string) => string> = {
  'improvement-plan': () => 'The provider sees the plan and is asked to acknowledge it.',
  'default-notice': (dueOn) =>
    `The provider sees the notice and is asked to acknowledge it; the default must be remedied by ${longDate(dueOn)}.`,
  'special-measures': () => 'The provider sees the plan and is asked to acknowledge it.',
  embargo: (_dueOn, startsOn) =>
    `From ${longDate(startsOn)} the provider is offered no new work and no new placement is made with it, until the action is ended.`,
  suspension: () =>
    'The membership is suspended at once: the cascade offers the provider nothing until it is reinstated.',
  'tier-change': () =>
    'The membership changes tier at once: the cascade offers by the new tier from the next referral.',
  'package-termination': (dueOn) =>
    `The placement ends on ${longDate(dueOn)}, and its tenancy with it: arrange the person’s new care first.`,
  'contract-termination': (dueOn) =>
    `The membership ends at once: no new referrals. A transition plan opens to move each scheme’s care to a Tier 1 provider by ${longDate(dueOn)}.`,
};

const selectOf = (prompt: string, options: { value: string; text: string }[], chosen: string | undefined) => [
  { value: '', text: prompt },
  ...options.map((option) => ({ ...option, selected: option.value === chosen })),
];

export function contractActionPages(db: Db): PageRoute[] {
  const providerOptions = async ({ user }: PageCall) =>
    (await listProviders(db, user, parseProviderFilter({ pageSize: 100 }))).items.map((provider) => ({
      value: provider.id,
      text: provider.name,
    }));

  const actionForm = async (call: PageCall, values: FormBody) => {
    const kind = one(values.kind);
    const providerId = one(values.providerId);
    const providers = await providerOptions(call);
    const chosen = isKind(kind) && providers.some((provider) => provider.value === providerId);
    const choices = chosen ? await actions.subjectChoices(db, call.user, providerId) : undefined;
    const rule = chosen ? KIND_RULES[kind] : undefined;
    const wants = new Set(rule ? [...rule.needs, ...rule.may] : []);
    return {
      title: chosen
        ? `${CONTRACT_ACTION_KIND_LABELS[kind]}: ${providers.find((p) => p.value === providerId)!.text}`
        : 'Issue a contract action',
      backLink: { href: paths.contractActions(), text: 'Contract actions' },
      step: chosen ? 'details' : 'choose',
      kind,
      providerId,
      kindItems: CONTRACT_ACTION_KINDS.map((value) => ({
        value,
        text: CONTRACT_ACTION_KIND_LABELS[value],
        checked: value === kind,
      })),
      providerItems: selectOf('Choose a provider', providers, providerId),
      wants: Object.fromEntries([...wants].map((name) => [name, true])),
      serviceRequired: rule?.needs.includes('serviceId') ?? false,
      dueLabel: rule?.due?.label,
      membershipItems: selectOf('Choose a membership', choices?.memberships ?? [], one(values.membershipId)),
      serviceItems: selectOf('The provider as a whole', choices?.services ?? [], one(values.serviceId)),
      packageItems: selectOf('Choose a package', choices?.packages ?? [], one(values.placementId)),
      tierItems: TIER_VALUES.map((value) => ({
        value,
        text: TIER_LABELS[value],
        checked: value === one(values.toTier),
      })),
    };
  };

  const actionPage = async (call: PageCall) => {
    const action = await actions.contractActionFor(db, call.user, call.params.id!);
    const keeps = actions.keepsContractActions(call.user);
    const row = (key: string, text: string | null) => (text ? [{ key: { text: key }, value: { text } }] : []);
    return {
      title: `${action.kindLabel}: ${action.providerName}`,
      backLink: { href: paths.contractActions(), text: 'Contract actions' },
      action,
      summaryRows: [
        ...row('Action', action.kindLabel),
        ...row('Provider', action.providerName),
        ...row('About', action.subject ?? 'The provider as a whole'),
        ...row('Reason', action.reason),
        ...row('Starts', longDate(action.startsOn)),
        ...row(
          action.dueLabel ? action.dueLabel[0]!.toUpperCase() + action.dueLabel.slice(1) : '',
          action.dueOn && longDate(action.dueOn),
        ),
        ...row('The default', action.default),
        ...row('What must be done', action.remedy),
        ...row('Tier', action.toTier && `${action.fromTier ?? 'No tier'} to ${action.toTier}`),
        ...row('Decided by', `${action.decidedByName ?? ''}, ${longDate(action.createdAt)}`),
        ...row(
          'Acknowledged',
          action.acknowledgedAt ? `${action.acknowledgedByName ?? ''}, ${longDate(action.acknowledgedAt)}` : 'Not yet',
        ),
        ...row('Ended', action.endedOn && `${longDate(action.endedOn)}: ${action.endedReason ?? ''}`),
      ],
      canEnd: keeps && action.endable,
      canAcknowledge: call.user.providerId === action.providerId && action.acknowledgedAt === null,
      planHref: action.transitionPlanId ? paths.transitionPlan(action.transitionPlanId) : null,
    };
  };

  return [
    listPage<actions.ContractActionView, actions.ActionFilter, actions.ActionSort>({
      path: paths.contractActions(),
      access: READERS,
      title: ({ user }) => (user.providerId ? 'Contract actions on your services' : 'Contract actions'),
      noun: { one: 'contract action', many: 'contract actions' },
      filter: contractActionFilterInput,
      filters: [
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          any: 'Any kind',
          options: () => CONTRACT_ACTION_KINDS.map((value) => ({ value, text: CONTRACT_ACTION_KIND_LABELS[value] })),
        },
        {
          name: 'providerId',
          label: 'Provider',
          kind: 'select',
          any: 'Any provider',
          offeredTo: ({ user }) => user.providerId === null,
          options: providerOptions,
        },
        {
          name: 'inForce',
          label: 'In force today',
          kind: 'select',
          any: 'In force or not',
          options: () => [
            { value: 'yes', text: 'In force' },
            { value: 'no', text: 'Not in force' },
          ],
        },
      ],
      columns: [
        column.text('Action', (row) => row.kindLabel, { sort: 'kind', href: (row) => paths.contractAction(row.id) }),
        column.text('Provider', (row) => row.providerName, { sort: 'provider' }),
        column.text('Organisation', (row) => row.organisationName),
        column.text('About', (row) => row.subject ?? 'The provider as a whole'),
        column.date('Starts', (row) => row.startsOn, { sort: 'startsOn' }),
        column.date('Due', (row) => row.dueOn, { none: '' }),
        {
          ...column.text('In force', (row) => (row.inForce ? 'In force' : row.endedOn ? 'Ended' : 'Not yet')),
          tag: (row) => (row.inForce ? 'red' : 'grey'),
        },
        column.text('Acknowledged', (row) => (row.acknowledgedAt ? 'Yes' : 'Not yet')),
      ],
      defaultSort: actions.ACTION_ORDER,
      actions: ({ user }) =>
        actions.keepsContractActions(user)
          ? [{ text: 'Issue a contract action', href: paths.newContractAction() }]
          : [],
      empty: 'No contract actions match.',
      fetch: (call, request) => actions.contractActionList(db, call.user, request),
    }),
    formPage({
      path: paths.newContractAction(),
      access: QUALITY_KEEPERS,
      view: FORM_VIEW,
      form: formSchema({
        kind: field.text(),
        providerId: field.text(),
        reason: field.text(),
        startsOn: field.date(),
        dueOn: field.optionalDate(),
        serviceId: field.optionalText(),
        membershipId: field.optionalText(),
        placementId: field.optionalText(),
        default: field.optionalText(),
        remedy: field.optionalText(),
        toTier: field.optionalText(),
      }),
      // The first step is a GET form: the kind and provider come back in the query string.
      initial: ({ query }) => {
        const values: FormBody = { kind: query.kind ?? '', providerId: query.providerId ?? '' };
        dateToForm(values, 'startsOn', isoDateInLondon(new Date()));
        return values;
      },
      load: actionForm,
      confirm: async ({ user }, input) => {
        const { draft, subject, providerName } = await actions.checkContractAction(db, user, input);
        const label = CONTRACT_ACTION_KIND_LABELS[draft.kind];
        const rule = KIND_RULES[draft.kind];
        return {
          title: `Check the ${label.toLowerCase()} before you issue it`,
          rows: [
            { key: 'Action', value: label },
            { key: 'Provider', value: providerName },
            ...(subject ? [{ key: 'About', value: subject }] : []),
            { key: 'Reason', value: draft.reason },
            { key: 'Starts', value: longDate(draft.startsOn) },
            ...(draft.dueOn && rule.due
              ? [{ key: rule.due.label[0]!.toUpperCase() + rule.due.label.slice(1), value: longDate(draft.dueOn) }]
              : []),
            ...(draft.default ? [{ key: 'The default', value: draft.default }] : []),
            ...(draft.remedy ? [{ key: 'What must be done', value: draft.remedy }] : []),
            ...(draft.toTier ? [{ key: 'New tier', value: TIER_LABELS[draft.toTier] }] : []),
          ],
          warning: EFFECTS[draft.kind](draft.dueOn, draft.startsOn),
          button: `Issue the ${label.toLowerCase()}`,
          changeHref: paths.contractActions(),
        };
      },
      save: ({ user }, input) => actions.issueContractAction(db, user, input),
      next: (_call, action) => ({
        to: paths.contractAction(action.id),
        flash: `${action.kindLabel} issued: ${action.providerName} can see it`,
      }),
    }),
    page({ path: '/quality/contract-actions/:id', access: READERS, view: ACTION_VIEW, load: actionPage }),
    formPage({
      path: '/quality/contract-actions/:id/end',
      access: QUALITY_KEEPERS,
      view: ACTION_VIEW,
      showsOn: false,
      form: formSchema({ reason: field.text() }),
      load: actionPage,
      save: ({ user, params }, input) => actions.endContractAction(db, user, params.id!, input),
      next: (_call, action) => ({ to: paths.contractAction(action.id), flash: 'The action has ended' }),
    }),
    formPage({
      path: '/quality/contract-actions/:id/acknowledgement',
      access: ['provider_user'],
      view: ACTION_VIEW,
      showsOn: false,
      form: noFields,
      load: actionPage,
      save: ({ user, params }) => actions.acknowledgeContractAction(db, user, params.id!),
      next: (_call, action) => ({ to: paths.contractAction(action.id), flash: 'Acknowledged: the council can see it' }),
    }),
    ...transitionPages(db, providerOptions),
  ];
}

function transitionPages(
  db: Db,
  providerOptions: (call: PageCall) => Promise<{ value: string; text: string }[]>,
): PageRoute[] {
  const planPage = async (call: PageCall) => {
    const plan = await transitions.transitionPlanFor(db, call.user, call.params.id!);
    const keeps = hasRole(call.user, ...QUALITY_KEEPERS) && call.user.providerId === null;
    const receivers = keeps ? await transitions.receivingChoices(db, call.user, plan) : [];
    return {
      title: `Transition plan: ${plan.providerName}`,
      backLink: { href: call.user.providerId ? paths.contractActions() : paths.transitionPlans(), text: 'Back' },
      plan,
      keeps,
      today: isoDateInLondon(new Date()),
      personHref: brokeragePaths.person,
      moves: plan.moves.map((move) => ({
        ...move,
        receiverItems: selectOf('Choose the receiving provider', receivers, move.receivingMembershipId ?? undefined),
      })),
    };
  };
  const newPlanPage = async (call: PageCall, values: FormBody) => ({
    title: 'Open a transition plan',
    backLink: { href: paths.transitionPlans(), text: 'Transition plans' },
    causeItems: (['left-framework', 'tier2-review'] as const).map((value) => ({
      value,
      text: TRANSITION_CAUSE_LABELS[value],
      checked: value === one(values.cause),
    })),
    providerItems: selectOf('Choose a provider', await providerOptions(call), one(values.providerId)),
    vehicleItems: selectOf(
      'Choose a framework',
      (await placingVehicles(db, staffOrganisation(call.user, QUALITY_KEEPERS))).map((vehicle) => ({
        value: vehicle.id,
        text: `${vehicle.name} (${vehicle.reference})`,
      })),
      one(values.vehicleId),
    ),
  });
  return [
    page({
      path: paths.transitionPlans(),
      access: QUALITY_READERS,
      view: 'quality/views/transition-plans.njk',
      load: async ({ user }) => ({
        title: 'Transition plans',
        plans: await transitions.transitionPlans(db, user),
        planHref: paths.transitionPlan,
        canOpen: hasRole(user, ...QUALITY_KEEPERS),
        newHref: paths.newTransitionPlan(),
      }),
    }),
    formPage({
      path: paths.newTransitionPlan(),
      access: QUALITY_KEEPERS,
      view: 'quality/views/transition-plan-form.njk',
      form: formSchema({ cause: field.text(), providerId: field.text(), vehicleId: field.text() }),
      load: newPlanPage,
      save: ({ user }, input) => transitions.openPlanByHand(db, user, input),
      next: (_call, plan) => ({ to: paths.transitionPlan(plan.id), flash: 'Transition plan opened' }),
    }),
    page({ path: '/quality/transition-plans/:id', access: READERS, view: PLAN_VIEW, load: planPage }),
    formPage({
      path: '/quality/transition-plans/:id/moves/:moveId',
      access: QUALITY_KEEPERS,
      view: PLAN_VIEW,
      showsOn: false,
      form: formSchema({ receivingMembershipId: field.text(), transferOn: field.date(), reason: field.text() }),
      load: planPage,
      confirm: async ({ user, params }, input) => {
        const plan = await transitions.transitionPlanFor(db, user, params.id!);
        const move = plan.moves.find((one) => one.id === params.moveId);
        const receivers = await transitions.receivingChoices(db, user, plan);
        const receiver = receivers.find((one) => one.value === input.receivingMembershipId);
        if (!move || !receiver) return null;
        return {
          title: `Check before ${move.schemeName}’s care moves`,
          rows: [
            { key: 'Scheme', value: move.schemeName },
            { key: 'People living there', value: String(move.people) },
            { key: 'From', value: plan.providerName },
            { key: 'To', value: receiver.text },
            { key: 'The new provider takes over on', value: longDate(input.transferOn) },
            { key: 'Reason', value: input.reason },
          ],
          warning:
            'Every current placement in the scheme ends the day before and a new one starts with the new provider, priced from its rate card. Nobody moves home.',
          button: 'Move the care',
          changeHref: paths.transitionPlan(plan.id),
        };
      },
      save: ({ user, params }, input) => transitions.recordMove(db, user, params.id!, params.moveId!, input),
      next: (_call, plan) => ({ to: paths.transitionPlan(plan.id), flash: 'The scheme’s care has moved' }),
    }),
  ];
}
