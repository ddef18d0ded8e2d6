// Pages for people and their needs, referrals and the cascade, and a provider's offers: each a
// declaration of its path, roles, template and what it shows, and for a form what it saves.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { pageNumber, paginationLinks } from '../platform/domain/pagination.ts';
import { field, formSchema, noFields, withFormFields, type FieldReader } from '../platform/http/form-fields.ts';
import { dateToForm, many, one, type FormBody } from '../platform/http/forms.ts';
import { formPage, page, type FormDeclaration, type PageCall, type PageRoute } from '../platform/http/page.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { zonesOf } from '../organisations/service.ts';
import { placingVehicles } from '../procurement/market-service.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
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
  TRAIT_LABELS,
  TRAITS,
  fundingDescription,
  type FundingStream,
} from './domain/people.ts';
import { DECLINE_REASON_LABELS, DECLINE_REASONS } from './domain/cascade.ts';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES } from './domain/referrals.ts';
import { peopleSearchInput, URGENCIES, URGENCY_LABELS } from './input.ts';
import {
  fromField,
  isFirstShowing,
  labels,
  options,
  providerChoices,
  REPORT_READERS,
  selectItems,
  VACANCY_READERS,
} from './page-helpers.ts';
import { paths } from './paths.ts';
import * as cascade from './cascade-service.ts';
import * as offFramework from './off-framework-service.ts';
import * as offers from './offer-service.ts';
import * as people from './people-service.ts';
import * as placements from './placement-service.ts';
import * as referrals from './referral-service.ts';

export const brokerageNavigation: NavigationItem[] = [
  { text: 'People', href: paths.people(), access: people.PERSON_READERS },
  { text: 'Referrals', href: paths.referrals(), access: people.PERSON_READERS },
  { text: 'Offers', href: paths.offers(), access: ['provider_user'] },
  { text: 'People you support', href: paths.providerPlacements(), access: ['provider_user'] },
  { text: 'Vacancies', href: paths.vacancies(), access: VACANCY_READERS },
  { text: 'Schemes', href: paths.schemes(), access: VACANCY_READERS },
  { text: 'Placements', href: paths.placements(), access: REPORT_READERS },
  { text: 'Embargoes', href: paths.embargoes(), access: ['commissioner', 'quality_officer'] },
];

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

const referralForm = formSchema({
  vehicleId: field.text(),
  startBy: field.date(),
  zoneIds: field.list(),
  urgency: field.choice(URGENCIES),
  notes: field.text(),
});

const offerResponseForm = formSchema({
  response: field.choice(['accept', 'decline'] as const),
  unitId: field.optionalText(),
  startsOn: field.date(),
  oneToOneMinutesPerWeek: fromField('oneToOneHours', field.hours()),
  weeklyPricePence: fromField('price', field.pounds(null)),
  declineReason: field.choice(DECLINE_REASONS),
  declineNote: field.text(),
});

/** Pages for people: the list, adding one, their record and their assessment. */
export function peoplePages(db: Db): PageRoute[] {
  const personFormPage = async ({ user }: PageCall, values: FormBody) => {
    const zones = await zonesOf(db, people.staffOrganisation(user, people.PERSON_WRITERS));
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
      nightItems: options(NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, one(values.nightSupport)),
      featureItems: options(FEATURES, FEATURE_LABELS, many(values.requiredFeatures)),
      traitItems: options(TRAITS, TRAIT_LABELS, many(values.traits)),
      avoidItems: options(TRAITS, TRAIT_LABELS, many(values.avoids)),
      backLink: { href: paths.person(record.person.id) },
    };
  };
  return [
    page({
      path: paths.people(),
      access: people.PERSON_READERS,
      view: 'brokerage/views/people.njk',
      load: async ({ user, query }) => {
        const { search = '' } = parseOrThrow(peopleSearchInput, query);
        const found = await people.listPeople(db, user, { search, page: pageNumber(query.page) });
        return {
          title: 'People',
          labels,
          page: found,
          search,
          canAdd: hasRole(user, ...people.PERSON_WRITERS),
          pagination: paginationLinks(found, (n) => `${paths.people()}?search=${encodeURIComponent(search)}&page=${n}`),
        };
      },
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
            .listReferrals(db, user, { status: 'all', personId: record.person.id }, 100)
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

const REFERRAL_VIEW = 'brokerage/views/referral.njk';

/** Where the person would live: one of the vacancies, or their own home. */
const vacancyItems = (
  vacancies: readonly { unitId: string; schemeName: string; unitName: string }[],
  chosen: unknown,
) =>
  selectItems(
    "Support in the person's own home",
    vacancies.map((vacancy) => ({ value: vacancy.unitId, text: `${vacancy.schemeName}, ${vacancy.unitName}` })),
    chosen,
  );

/** Pages for referrals: making one, the list, and each referral with the forms that move it on. */
export function referralPages(db: Db): PageRoute[] {
  /** The referral form; a new one starts with the person's home zone and routine urgency. */
  const referralFormPage = async ({ user, params }: PageCall, typed: FormBody) => {
    const record = await people.getPerson(db, user, params.id!);
    const values = isFirstShowing(typed)
      ? { zoneIds: record.person.homeZoneId ? [record.person.homeZoneId] : [], urgency: 'routine' }
      : typed;
    const [zones, vehicles] = await Promise.all([
      zonesOf(db, record.person.organisationId),
      placingVehicles(db, record.person.organisationId),
    ]);
    return {
      title: `Refer ${record.person.name} for a placement`,
      record,
      values,
      vehicleItems: selectItems(
        null,
        vehicles.map((vehicle) => ({ value: vehicle.id, text: `${vehicle.name} (${vehicle.reference})` })),
        values.vehicleId,
      ),
      zoneItems: zones.map((zone) => ({
        value: zone.id,
        text: zone.name,
        checked: many(values.zoneIds).includes(zone.id),
      })),
      urgencyItems: options(URGENCIES, URGENCY_LABELS, one(values.urgency)),
      backLink: { href: paths.person(record.person.id) },
    };
  };
  const referralPage = async ({ user, params, query }: PageCall, values: FormBody = {}) => {
    const detail = await referrals.getReferral(db, user, params.id!);
    // The registry can hold thousands of providers: the list is narrowed by a search, by name or CQC ID.
    const providerSearch = query.providerSearch?.trim() ?? '';
    const offFrameworkProviders =
      detail.state === 'request-off-framework'
        ? await listProviders(db, user, parseProviderFilter({ search: providerSearch, pageSize: 100 }))
        : undefined;
    return {
      title: `Referral for ${detail.person.name}`,
      labels,
      detail,
      values,
      isBroker: hasRole(user, 'brokerage_officer'),
      isCommissioner: hasRole(user, 'commissioner'),
      canWithdraw: hasRole(user, ...referrals.REFERRERS),
      providerSearch,
      providersFound: offFrameworkProviders?.total ?? 0,
      providerItems: selectItems(
        'Choose a provider',
        providerChoices(offFrameworkProviders?.items ?? []),
        values.providerId,
      ),
      // The first ranked is chosen unless another was.
      choiceItems: detail.ranked.map((ranked) => ({
        value: ranked.offerId,
        text: `${ranked.rank}. ${ranked.providerName}`,
        hint: { text: ranked.reason },
        checked: (values.offerId ?? detail.ranked[0]?.offerId) === ranked.offerId,
      })),
      vacancyItems: vacancyItems(detail.shortlist.suitable, values.unitId),
      backLink: { href: paths.referrals() },
    };
  };
  /** A form on the referral page (its errors are shown there), posted to /referrals/:id/<action>. */
  const onReferralPage = <I, T>(
    action: string,
    declaration: Pick<FormDeclaration<I, T>, 'access' | 'form' | 'errorFields' | 'save' | 'next'>,
  ) =>
    formPage({
      path: `/referrals/:id/${action}`,
      view: REFERRAL_VIEW,
      showsOn: false,
      load: referralPage,
      ...declaration,
    });
  const backToReferral =
    (flash: string) =>
    ({ params }: PageCall) => ({ to: paths.referral(params.id!), flash });
  const toPlacement = (_call: PageCall, placement: { id: string }) => ({
    to: paths.placement(placement.id),
    flash: 'Placement made',
  });
  return [
    formPage({
      path: '/people/:id/referrals/new',
      access: referrals.REFERRERS,
      view: 'brokerage/views/referral-form.njk',
      form: referralForm,
      load: referralFormPage,
      save: ({ user, params }, input) => referrals.createReferral(db, user, { personId: params.id!, ...input }),
      next: (_call, created) => ({ to: paths.referral(created.referral.id), flash: 'Referral sent to brokerage' }),
    }),
    page({
      path: paths.referrals(),
      access: people.PERSON_READERS,
      view: 'brokerage/views/referrals.njk',
      load: async ({ user, query }) => {
        const status = query.status ?? 'open';
        const found = await referrals.listReferrals(db, user, { status, page: pageNumber(query.page) });
        return {
          title: 'Referrals',
          labels,
          page: found,
          status,
          pagination: paginationLinks(found, (n) => `${paths.referrals()}?status=${status}&page=${n}`),
          statusItems: [
            { value: 'open', text: 'Open', selected: status === 'open' },
            { value: 'all', text: 'All', selected: status === 'all' },
            ...REFERRAL_STATUSES.map((key) => ({
              value: key,
              text: REFERRAL_STATUS_LABELS[key],
              selected: status === key,
            })),
          ],
        };
      },
    }),
    page({
      path: '/referrals/:id',
      access: people.PERSON_READERS,
      view: REFERRAL_VIEW,
      load: (call) => referralPage(call),
    }),
    onReferralPage('send-offers', {
      access: ['brokerage_officer'],
      form: noFields,
      save: ({ user, params }) => cascade.sendOffers(db, user, params.id!),
      next: backToReferral('Offers sent'),
    }),
    onReferralPage('choice', {
      access: ['brokerage_officer'],
      form: formSchema({ offerId: field.text(), choiceReason: field.text() }),
      save: ({ user, params }, input) => cascade.chooseProvider(db, user, params.id!, input),
      next: toPlacement,
    }),
    onReferralPage('off-framework', {
      access: ['brokerage_officer'],
      form: formSchema({ providerId: field.text(), reason: field.text() }),
      save: ({ user, params }, input) => offFramework.requestOffFramework(db, user, params.id!, input),
      next: backToReferral('Sent to a commissioner for approval'),
    }),
    onReferralPage('off-framework-decision', {
      access: ['commissioner'],
      form: formSchema({ approve: field.yesNo(), note: field.text() }),
      save: ({ user, params }, input) => offFramework.decideOffFramework(db, user, params.id!, input),
      next: backToReferral('Decision recorded'),
    }),
    onReferralPage('off-framework-placement', {
      access: ['brokerage_officer'],
      form: formSchema({
        unitId: field.optionalText(),
        startsOn: field.date(),
        oneToOneMinutesPerWeek: fromField('oneToOneHours', field.hours()),
        agreedWeeklyPricePence: fromField('price', field.pounds(Number.NaN)),
      }),
      save: ({ user, params }, input) => offFramework.placeOffFramework(db, user, params.id!, input),
      next: toPlacement,
    }),
    onReferralPage('withdraw', {
      access: referrals.REFERRERS,
      form: formSchema({ reason: fromField('withdrawReason', field.text()) }),
      // The off-framework request on the page has a "reason" of its own.
      errorFields: { reason: 'withdrawReason' },
      save: ({ user, params }, input) => referrals.withdrawReferral(db, user, params.id!, input),
      next: backToReferral('Referral withdrawn'),
    }),
  ];
}

/** A care provider's pages: the offers made to it, answering one, and the people it supports. */
export function providerOfferPages(db: Db): PageRoute[] {
  const offerPage = async ({ user, params }: PageCall, typed: FormBody) => {
    const offer = await offers.offerForProvider(db, user, params.id!);
    const values: FormBody = { oneToOneHours: String(offer.person.oneToOneMinutesPerWeek / 60), ...typed };
    if (!values['startsOn-day']) dateToForm(values, 'startsOn', offer.startBy);
    return {
      title: `Offer: ${offer.person.name}`,
      labels,
      offer,
      values,
      unitItems: vacancyItems(offer.vacancies, values.unitId),
      declineItems: options(DECLINE_REASONS, DECLINE_REASON_LABELS, one(values.declineReason)),
      backLink: { href: paths.offers() },
    };
  };
  return [
    page({
      path: paths.offers(),
      access: ['provider_user'],
      view: 'brokerage/views/offers.njk',
      load: async ({ user, query }) => {
        const status = query.status === 'all' ? 'all' : 'awaiting';
        const found = await offers.offersForProvider(db, user, { status, page: pageNumber(query.page) });
        const pagination = paginationLinks(found, (n) => `${paths.offers()}?status=${status}&page=${n}`);
        return { title: 'Offers of work', labels, page: found, status, pagination };
      },
    }),
    formPage({
      path: '/offers/:id',
      access: ['provider_user'],
      view: 'brokerage/views/offer.njk',
      form: offerResponseForm,
      load: offerPage,
      // The service takes the accepting or the declining fields, by the answer, and leaves the others.
      save: async ({ user, params }, input) => {
        await offers.respondToOffer(db, user, params.id!, input);
        return input.response;
      },
      next: (_call, response) => ({
        to: paths.offers('all'),
        flash: response === 'accept' ? 'Offer accepted: brokerage will confirm the placement' : 'Offer declined',
      }),
    }),
    page({
      path: paths.providerPlacements(),
      access: ['provider_user'],
      view: 'brokerage/views/provider-placements.njk',
      load: async ({ user }) => ({
        title: 'People you support',
        labels,
        placements: await placements.placementsWithProvider(db, user),
      }),
    }),
  ];
}
