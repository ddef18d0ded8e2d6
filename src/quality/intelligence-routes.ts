// The intelligence log's pages: the log itself (a declared list, with its CSV and XLSX), recording
// what was learnt about a service, an entry with a concern's finding, and looking through the CQC
// data for registered manager vacancies.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { field, formSchema, noFields } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import {
  CATEGORY_LABELS,
  CONCERN_FINDINGS,
  INTELLIGENCE_KINDS,
  KIND_LABELS,
  OUTCOME_LABELS,
  SERVICE_KINDS,
  takesFinding,
} from './domain/intelligence.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { INTELLIGENCE_ORDER } from './intelligence-api.ts';
import { recordManagerVacancies } from './intelligence-import-service.ts';
import { intelligenceFilterInput } from './intelligence-input.ts';
import * as intelligence from './intelligence-service.ts';
import { paths } from './paths.ts';
import { serviceFor } from './register-service.ts';

const READERS = [...QUALITY_READERS, 'provider_user'] as const;
const ENTRY_VIEW = 'quality/views/intelligence-entry.njk';
const column = columnsOf<intelligence.IntelligenceEntry, intelligence.IntelligenceSort>();
const isStaff = ({ user }: PageCall) => user.providerId === null;

const entryForm = formSchema({
  kind: field.text(),
  category: field.text(),
  occurredOn: field.date(),
  summary: field.text(),
  source: field.text(),
  outcome: field.optionalText(),
  outcomeReason: field.optionalText(),
  rating: field.optionalText(),
  personCaseReference: field.optionalText(),
});

const findingForm = formSchema({ outcome: field.optionalText(), outcomeReason: field.optionalText() });

/** Every category a service's entry may have, each named with its kind: the domain checks they agree. */
const categoryItems = (chosen: string) => [
  { value: '', text: 'Choose a category' },
  ...SERVICE_KINDS.flatMap((kind) =>
    Object.entries(CATEGORY_LABELS[kind]).map(([value, text]) => ({
      value,
      text: `${KIND_LABELS[kind]}: ${text}`,
      selected: value === chosen,
    })),
  ),
];

const outcomeItems = (chosen: string) => [
  { value: '', text: 'Not yet known' },
  ...(['concern', 'safeguarding'] as const).flatMap((kind) =>
    Object.entries(OUTCOME_LABELS[kind]!).map(([value, text]) => ({
      value,
      text: `${kind === 'concern' ? 'Concern' : 'Section 42 enquiry'}: ${text}`,
      selected: value === chosen,
    })),
  ),
];

export function intelligencePages(db: Db): PageRoute[] {
  const recordPage = async ({ user, params, mayOpen }: PageCall, values: FormBody) => {
    const service = await serviceFor(db, user, params.id!, QUALITY_KEEPERS);
    const serviceHref = paths.service(service.id);
    return {
      title: `Record intelligence: ${service.name}`,
      service,
      values,
      kindItems: SERVICE_KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind], checked: kind === values.kind })),
      categoryItems: categoryItems(one(values.category)),
      outcomeItems: outcomeItems(one(values.outcome)),
      backLink: mayOpen(serviceHref)
        ? { href: serviceHref, text: service.name }
        : { href: paths.intelligence(), text: 'Intelligence log' },
    };
  };

  const entryPage = async (call: PageCall, values: FormBody = {}) => {
    const { user, params, mayOpen } = call;
    const entry = await intelligence.entryFor(db, user, params.entryId!);
    const serviceHref = entry.serviceId ? paths.service(entry.serviceId) : null;
    const personHref = entry.person ? `/people/${entry.person.id}` : null;
    return {
      title: `${entry.kindLabel}: ${entry.categoryLabel}`,
      entry,
      values,
      serviceHref: serviceHref && mayOpen(serviceHref) ? serviceHref : null,
      personHref: personHref && mayOpen(personHref) ? personHref : null,
      canFind: takesFinding(entry.kind) && isStaff(call) && hasRole(user, ...QUALITY_KEEPERS),
      findingItems: CONCERN_FINDINGS.map((value) => ({
        value,
        text: OUTCOME_LABELS.concern![value],
        checked: value === (one(values.outcome) || entry.outcome),
      })),
      findingAction: `${paths.intelligenceEntry(entry.id)}/finding`,
      backLink: { href: paths.intelligence(), text: 'Intelligence log' },
    };
  };

  return [
    listPage<intelligence.IntelligenceEntry, intelligence.IntelligenceFilter, intelligence.IntelligenceSort>({
      path: paths.intelligence(),
      access: READERS,
      title: 'Intelligence log',
      noun: { one: 'entry', many: 'entries' },
      filter: intelligenceFilterInput,
      filters: [
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          any: 'Any kind',
          options: () => INTELLIGENCE_KINDS.map((value) => ({ value, text: KIND_LABELS[value] })),
        },
        {
          name: 'providerId',
          label: 'Provider',
          kind: 'select',
          any: 'Any provider',
          offeredTo: isStaff,
          options: async ({ user }: PageCall) =>
            (await intelligence.registerProviders(db, user)).map((provider) => ({
              value: provider.id,
              text: provider.name,
            })),
        },
        { name: 'from', label: 'From', kind: 'date' },
        { name: 'to', label: 'To', kind: 'date' },
        { name: 'search', label: 'Summary, service or provider', kind: 'search' },
      ],
      columns: [
        column.date('Date', (row) => row.occurredOn, { sort: 'occurred' }),
        column.text('Service', (row) => row.serviceName ?? 'The whole provider', { sort: 'service' }),
        column.text('Provider', (row) => row.providerName, { sort: 'provider' }),
        column.text('Kind', (row) => row.kindLabel, { sort: 'kind' }),
        column.text('Category', (row) => row.categoryLabel, { href: (row) => paths.intelligenceEntry(row.id) }),
        column.text('Summary', (row) => row.summary),
        column.text('Finding or outcome', (row) => row.outcomeLabel ?? ''),
        column.text('Rating', (row) => row.ratingLabel ?? ''),
        column.text('Source', (row) => row.source),
        column.text('Person linked', (row) => (row.personLinked === undefined ? '' : row.personLinked ? 'Yes' : 'No')),
        column.text('Recorded by', (row) => row.recordedByName ?? 'Imported'),
      ],
      defaultSort: INTELLIGENCE_ORDER,
      actions: ({ user }) =>
        hasRole(user, ...QUALITY_KEEPERS) && user.providerId === null
          ? [{ text: 'Check CQC data for manager vacancies', href: paths.managerVacancies() }]
          : [],
      empty: 'No entries match. Clear the filters to see them all.',
      fetch: (call, request) => intelligence.intelligenceList(db, call.user, request),
    }),
    formPage({
      path: paths.managerVacancies(),
      access: QUALITY_KEEPERS,
      view: 'quality/views/manager-vacancies.njk',
      form: noFields,
      load: async () => ({
        title: 'Check CQC data for registered manager vacancies',
        backLink: { href: paths.intelligence(), text: 'Intelligence log' },
      }),
      save: ({ user }) => recordManagerVacancies(db, user),
      next: (_call, { added }) => ({
        to: `${paths.intelligence()}?kind=manager-vacancy`,
        flash:
          added === 0
            ? 'No new registered manager vacancies in the CQC data'
            : `${added} registered manager ${added === 1 ? 'vacancy was' : 'vacancies were'} added to the log`,
      }),
    }),
    formPage({
      path: '/quality/services/:id/intelligence/new',
      access: QUALITY_KEEPERS,
      view: 'quality/views/intelligence-form.njk',
      form: entryForm,
      load: recordPage,
      save: ({ user, params }, input) => intelligence.recordEntry(db, user, params.id!, input),
      next: (_call, entry) => ({ to: paths.intelligenceEntry(entry.id), flash: 'Recorded in the intelligence log' }),
    }),
    page({
      path: '/quality/intelligence/:entryId',
      access: READERS,
      view: ENTRY_VIEW,
      load: (call) => entryPage(call),
    }),
    formPage({
      path: '/quality/intelligence/:entryId/finding',
      access: QUALITY_KEEPERS,
      view: ENTRY_VIEW,
      showsOn: false,
      form: findingForm,
      load: entryPage,
      save: ({ user, params }, input) => intelligence.recordFinding(db, user, params.entryId!, input),
      next: (_call, entry) => ({ to: paths.intelligenceEntry(entry.id), flash: 'The concern’s finding is recorded' }),
    }),
  ];
}
