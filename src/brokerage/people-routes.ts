// Pages for people and their needs: the list, adding or changing one, their record with their
// referrals and placements, and their assessment. Each a declaration of its path, roles, template
// and what it shows, and for a form what it saves.
import type { Db } from '../platform/db/client.ts';
import { hasRole, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { field, formSchema, withFormFields, type FieldReader } from '../platform/http/form-fields.ts';
import { dateToForm, many, one, type FormBody } from '../platform/http/forms.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { zonesOf } from '../organisations/service.ts';
import {
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  FEATURE_LABELS,
  FEATURES,
  FUNDING_STREAMS,
  NIGHT_SUPPORT,
  NIGHT_SUPPORT_LABELS,
  PAYMENT_ROUTE_LABELS,
  PAYMENT_ROUTES,
  PERSON_STATUS_LABELS,
  PERSON_STATUSES,
  TRAIT_LABELS,
  TRAITS,
  fundingDescription,
  type FundingStream,
  type PaymentRoute,
  type PersonStatus,
} from './domain/people.ts';
import { describedScore } from './domain/banding.ts';
import { OPEN_REFERRAL_STATUSES } from './domain/referrals.ts';
import { NOT_ASSESSED, peopleFilterInput, type PeopleFilter } from './input.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { fromField, labelled, labels, options, selectItems } from './page-helpers.ts';
import { paths } from './paths.ts';
import * as people from './people-service.ts';
import * as placements from './placement-service.ts';
import * as referrals from './referral-service.ts';
import { RECORDS_OFFICERS } from '../records/access.ts';

/** One box per funding stream (funding-care-act, …): the streams given a share, with the percentage typed. */
const fundingShares: FieldReader<{ stream: FundingStream; percent: number }[]> = (body) =>
  FUNDING_STREAMS.map((stream) => ({ stream, typed: one(body[`funding-${stream}`]) }))
    .filter(({ typed }) => typed.trim() !== '')
    .map(({ stream, typed }) => ({ stream, percent: Number(typed) }));

/** Case references typed apart by commas or spaces. */
const caseReferences: FieldReader<string[]> = (body, name) =>
  one(body[name])
    .split(/[,\s]+/)
    .filter(Boolean);

const personForm = formSchema({
  name: field.text(),
  dateOfBirth: field.date(),
  caseReference: field.text(),
  nhsNumber: field.optionalText(),
  clientGroups: field.choices(CLIENT_GROUPS),
  homeZoneId: field.optionalText(),
  inCounty: field.yesNo(),
  paymentRoute: field.choice(PAYMENT_ROUTES),
  contributionPence: fromField('contribution', field.pounds(0)),
  funding: fundingShares,
  transitionPathway: field.ticked(),
});

const assessmentForm = formSchema({
  assessedOn: field.date(),
  assessorName: field.text(),
  scores: field.each('score-', field.number(Number.NaN)),
  oneToOneMinutesPerWeek: fromField('oneToOneHours', field.hours()),
  nightSupport: field.choice(NIGHT_SUPPORT),
  requiredFeatures: field.choices(FEATURES),
  traits: field.choices(TRAITS),
  avoids: field.choices(TRAITS),
  mustNotLiveWith: caseReferences,
});

const column = columnsOf<people.PersonSummary, people.PeopleSortKey>();

/** Pages for people: the list, adding one, their record and their assessment. */
export function peoplePages(db: Db): PageRoute[] {
  const personFormPage = async ({ user }: PageCall, values: FormBody) => {
    const zones = await zonesOf(db, staffOrganisation(user, people.PERSON_WRITERS));
    return {
      title: values.id ? "Change the person's record" : 'Add a person',
      labels,
      values,
      clientGroupItems: options(CLIENT_GROUPS, CLIENT_GROUP_LABELS, many(values.clientGroups)),
      routeItems: options(PAYMENT_ROUTES, PAYMENT_ROUTE_LABELS, one(values.paymentRoute)),
      zoneItems: selectItems(
        'Out of county, or not known',
        zones.map((zone) => ({ value: zone.id, text: zone.name })),
        values.homeZoneId,
      ),
      fundingStreams: FUNDING_STREAMS,
      backLink: { href: paths.people() },
    };
  };
  const assessmentFormPage = async ({ user, params }: PageCall, values: FormBody) => {
    const record = await people.getPerson(db, user, params.id!);
    const matrix = await people.assessmentMatrix(db, record.person.organisationId);
    return {
      title: `Assess ${record.person.name}'s needs`,
      record,
      matrix,
      values,
      // Each score with what it means, where the matrix says.
      scoreItems: Object.fromEntries(
        matrix.domains.map((domain) => [
          domain.key,
          Array.from({ length: domain.maxScore + 1 }, (_, score) => ({
            value: String(score),
            text: describedScore(domain, score),
            checked: one(values[`score-${domain.key}`]) === String(score),
          })),
        ]),
      ),
      nightItems: options(NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, one(values.nightSupport)),
      featureItems: options(FEATURES, FEATURE_LABELS, many(values.requiredFeatures)),
      traitItems: options(TRAITS, TRAIT_LABELS, many(values.traits)),
      avoidItems: options(TRAITS, TRAIT_LABELS, many(values.avoids)),
      backLink: { href: paths.person(record.person.id) },
    };
  };
  return [
    listPage<people.PersonSummary, PeopleFilter, people.PeopleSortKey>({
      path: paths.people(),
      access: people.PERSON_READERS,
      title: 'People',
      noun: { one: 'person', many: 'people' },
      filter: peopleFilterInput,
      filters: [
        { name: 'search', label: 'Name or case reference', kind: 'search' },
        {
          name: 'caseload',
          label: 'Whose',
          kind: 'select',
          any: 'Everyone in your organisation',
          options: () => [{ value: 'referred-by-me', text: 'People you referred' }],
        },
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          options: () => labelled(PERSON_STATUSES, PERSON_STATUS_LABELS),
        },
        {
          name: 'band',
          label: 'Need band',
          kind: 'select',
          any: 'Any need band',
          options: () => [...labelled(NEED_BANDS, NEED_BAND_LABELS), { value: NOT_ASSESSED, text: 'Not assessed' }],
        },
        {
          name: 'zoneId',
          label: 'Home zone',
          kind: 'select',
          any: 'Any zone',
          options: ({ user }) => people.zoneChoices(db, user),
        },
      ],
      columns: [
        column.text('Name', (person) => person.name, { sort: 'name', href: (person) => paths.person(person.id) }),
        column.text('Case reference', (person) => person.caseReference),
        column.number('Age', (person) => person.age),
        column.text('Need band', (person) => (person.band ? NEED_BAND_LABELS[person.band] : 'Not assessed'), {
          sort: 'band',
        }),
        column.text('Home zone', (person) => person.zoneName ?? 'Out of county or not known', { sort: 'zone' }),
        column.text(
          'Paid by',
          (person) =>
            `${labels.paymentRoutes[person.paymentRoute as PaymentRoute]}${person.inCounty ? '' : ' (out of county)'}`,
        ),
        column.text('Status', (person) => labels.statuses[person.status as PersonStatus]),
      ],
      defaultSort: people.PEOPLE_ORDER,
      actions: ({ user }) =>
        hasRole(user, ...people.PERSON_WRITERS) ? [{ text: 'Add a person', href: '/people/new' }] : [],
      empty: 'Nobody matches. Try fewer words, or clear the filters.',
      fetch: (call, request) => people.listPeople(db, call.user, request),
    }),
    formPage({
      path: '/people/new',
      access: people.PERSON_WRITERS,
      view: 'brokerage/views/person-form.njk',
      form: personForm,
      initial: () => ({ 'funding-care-act': '100', inCounty: 'yes', paymentRoute: 'commissioned' }),
      load: personFormPage,
      save: ({ user }, input) => people.createPerson(db, user, input),
      next: (_call, person) => ({
        to: paths.person(person.id),
        flash: 'Person added: now record their assessed needs',
      }),
    }),
    page({
      path: '/people/:id',
      access: people.PERSON_READERS,
      view: 'brokerage/views/person.njk',
      load: async ({ user, params }) => {
        const record = await people.getPerson(db, user, params.id!);
        const [zones, history, current] = await Promise.all([
          zonesOf(db, record.person.organisationId),
          referrals
            .listReferrals(db, user, {
              filter: { status: 'all', personId: record.person.id },
              sort: referrals.REFERRAL_ORDER,
              page: 1,
              pageSize: 100,
            })
            .then((found) => found.items),
          placements.placementsOfPerson(db, user, record.person.id),
        ]);
        return {
          title: record.person.name,
          labels,
          record,
          zoneName: zones.find((zone) => zone.id === record.person.homeZoneId)?.name ?? 'Out of county or not known',
          funding: fundingDescription(record.person.funding),
          referrals: history,
          placements: current,
          canWrite: hasRole(user, ...people.PERSON_WRITERS),
          canExport: hasRole(user, ...RECORDS_OFFICERS),
          hasOpenReferral: history.some((item) => OPEN_REFERRAL_STATUSES.includes(item.status)),
          backLink: { href: paths.people() },
        };
      },
    }),
    formPage({
      path: '/people/:id/assessments/new',
      access: people.PERSON_WRITERS,
      view: 'brokerage/views/assessment-form.njk',
      form: assessmentForm,
      initial: ({ user }) => {
        const values: FormBody = { assessorName: user.name, nightSupport: 'none' };
        dateToForm(values, 'assessedOn', isoDateInLondon(new Date()));
        return values;
      },
      load: assessmentFormPage,
      save: ({ user, params }, { mustNotLiveWith, ...input }) => {
        const recording = people
          .peopleByCaseReferences(db, user, mustNotLiveWith)
          .then((apart) => people.recordAssessment(db, user, params.id!, { ...input, mustNotLiveWith: apart }));
        // The service names a domain's score scores.<domain>; the form's box is score-<domain>.
        return withFormFields(recording, (problem) => ({
          ...problem,
          field: problem.field.replace(/^scores\./, 'score-'),
        }));
      },
      next: ({ params }) => ({ to: paths.person(params.id!), flash: 'Assessment recorded' }),
    }),
  ];
}
