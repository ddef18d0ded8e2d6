// Pages for referrals and the cascade (making one, the list, and each referral with the forms that
// move it on), and a care provider's pages for the offers made to it.
// Each a declaration of its path, roles, template and what it shows, and for a form what it saves.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import { dateToForm, many, one, type FormBody } from '../platform/http/forms.ts';
import {
  formPage,
  listPage,
  page,
  type FormDeclaration,
  type PageCall,
  type PageRoute,
} from '../platform/http/page.ts';
import { zonesOf } from '../organisations/service.ts';
import { placingVehicles } from '../procurement/market-service.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { DECLINE_REASON_LABELS, DECLINE_REASONS, type OfferStatus } from './domain/cascade.ts';
import { RED_REASON_LABEL } from './domain/red-rated.ts';
import { lateStartWarning, REFERRAL_STATUS_LABELS, REFERRAL_STATUSES } from './domain/referrals.ts';
import {
  OFFER_STATUSES,
  offerFilterInput,
  referralFilterInput,
  URGENCIES,
  URGENCY_LABELS,
  type OfferFilter,
  type ReferralFilter,
} from './input.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import {
  fromField,
  isFirstShowing,
  labelled,
  labels,
  OFFER_STATUS_LABELS,
  options,
  providerChoices,
  selectItems,
} from './page-helpers.ts';
import { paths } from './paths.ts';
import { redAccepted, redToOffer, referralColours } from './provider-colours.ts';
import * as cascade from './cascade-service.ts';
import * as checks from './commitment-checks.ts';
import * as offFramework from './off-framework-service.ts';
import * as offers from './offer-service.ts';
import * as people from './people-service.ts';
import * as referrals from './referral-service.ts';

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

const REFERRAL_VIEW = 'brokerage/views/referral.njk';

type Urgency = (typeof URGENCIES)[number];
const column = columnsOf<referrals.ReferralSummary, referrals.ReferralSortKey>();
const offer = columnsOf<offers.ProviderOfferSummary, offers.OfferSortKey>();

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
    const isBroker = hasRole(user, 'brokerage_officer');
    // Who the offers would go to, for brokerage to see with their colours before sending them.
    const sending =
      detail.state === 'send-offers' && isBroker ? await cascade.offersToSend(db, user, params.id!) : undefined;
    // The registry can hold thousands of providers: the list is narrowed by a search, by name or CQC ID.
    const providerSearch = query.providerSearch?.trim() ?? '';
    const offFrameworkProviders =
      detail.state === 'request-off-framework'
        ? await listProviders(db, user, parseProviderFilter({ search: providerSearch, pageSize: 100 }))
        : undefined;
    const lateStarts = new Map(
      detail.steps
        .flatMap((step) => step.offers)
        .flatMap((offer) => {
          const late = offer.proposal && lateStartWarning(offer.proposal.startsOn, detail.referral.startBy);
          return late ? [[offer.id, late] as const] : [];
        }),
    );
    return {
      title: `Referral for ${detail.person.name}`,
      lateStarts: Object.fromEntries(lateStarts),
      labels,
      detail,
      values,
      isBroker,
      sending,
      ...(await referralColours(db, user, detail, sending)),
      redReasonLabel: RED_REASON_LABEL,
      isCommissioner: hasRole(user, 'commissioner'),
      canWithdraw: hasRole(user, ...referrals.REFERRERS),
      providerSearch,
      providersFound: offFrameworkProviders?.total ?? 0,
      providerItems: selectItems(
        'Choose a provider',
        providerChoices(offFrameworkProviders?.items ?? []),
        values.providerId,
      ),
      // Choosing places the person: none is chosen until brokerage chooses (or chose, on a form shown again).
      choiceItems: detail.ranked.map((acceptance) => ({
        value: acceptance.offerId,
        text: `${acceptance.rank}. ${acceptance.providerName}`,
        hint: { text: [acceptance.reason, lateStarts.get(acceptance.offerId)].filter(Boolean).join('. ') },
        checked: values.offerId === acceptance.offerId,
        providerId: acceptance.providerId,
        providerName: acceptance.providerName,
      })),
      vacancyItems: vacancyItems(detail.shortlist.suitable, values.unitId),
      backLink: { href: paths.referrals() },
    };
  };
  /** A form on the referral page (its errors are shown there), posted to /referrals/:id/<action>. */
  const onReferralPage = <I, T>(
    action: string,
    declaration: Pick<FormDeclaration<I, T>, 'access' | 'form' | 'errorFields' | 'confirm' | 'save' | 'next'>,
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
    listPage<referrals.ReferralSummary, ReferralFilter, referrals.ReferralSortKey>({
      path: paths.referrals(),
      access: people.PERSON_READERS,
      title: 'Referrals',
      noun: { one: 'referral', many: 'referrals' },
      filter: referralFilterInput,
      filters: [
        { name: 'search', label: 'Name or case reference', kind: 'search' },
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Open referrals',
          options: () => [
            { value: 'all', text: 'All referrals' },
            ...labelled(REFERRAL_STATUSES, REFERRAL_STATUS_LABELS),
          ],
        },
        {
          name: 'zoneId',
          label: 'Zone',
          kind: 'select',
          any: 'Any zone',
          options: ({ user }) => people.zoneChoices(db, user),
        },
        {
          name: 'referredBy',
          label: 'Referred by',
          kind: 'select',
          any: 'Anyone',
          options: () => [{ value: 'me', text: 'Me' }],
        },
      ],
      columns: [
        column.text('Person', (item) => item.personName, { href: (item) => paths.referral(item.id) }),
        column.text('Case reference', (item) => item.caseReference),
        column.date('Referred', (item) => item.referredOn, { sort: 'referred' }),
        column.date('Start by', (item) => item.startBy, { sort: 'startBy' }),
        column.text('Urgency', (item) => labels.urgencies[item.urgency as Urgency]),
        column.text(
          'Status',
          (item) =>
            `${labels.referralStatuses[item.status]}${item.step && item.status === 'offering' ? `: ${labels.steps[item.step]}` : ''}`,
          { sort: 'status' },
        ),
        column.number('Awaiting answers', (item) => item.awaiting),
        column.number('Accepted', (item) => item.accepted),
      ],
      defaultSort: referrals.REFERRAL_ORDER,
      empty: 'No referrals match. Clear the filters to see the open ones.',
      fetch: (call, request) => referrals.listReferrals(db, call.user, request),
    }),
    page({
      path: '/referrals/:id',
      access: people.PERSON_READERS,
      view: REFERRAL_VIEW,
      load: (call) => referralPage(call),
    }),
    onReferralPage('send-offers', {
      access: ['brokerage_officer'],
      form: formSchema({ redReason: field.text() }),
      confirm: async (call, input) =>
        checks.sendOffersCheck(db, call, input, await redToOffer(db, call.user, call.params.id!)),
      save: async (call, input) =>
        cascade.sendOffers(db, call.user, call.params.id!, input, await redToOffer(db, call.user, call.params.id!)),
      next: backToReferral('Offers sent'),
    }),
    onReferralPage('choice', {
      access: ['brokerage_officer'],
      form: formSchema({ offerId: field.text(), choiceReason: field.text(), redReason: field.text() }),
      confirm: async (call, input) =>
        checks.choiceCheck(db, call, input, await redAccepted(db, call.user, call.params.id!)),
      save: async (call, input) =>
        cascade.chooseProvider(
          db,
          call.user,
          call.params.id!,
          input,
          await redAccepted(db, call.user, call.params.id!),
        ),
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
      // Approving commits money; refusing does not, and is recorded at once.
      confirm: (call, input) => checks.offFrameworkApprovalCheck(db, call, input),
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
      confirm: (call, input) => checks.offFrameworkPlacementCheck(db, call, input),
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

/** A care provider's pages: the offers made to it and answering one. */
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
    listPage<offers.ProviderOfferSummary, OfferFilter, offers.OfferSortKey>({
      path: paths.offers(),
      access: ['provider_user'],
      title: 'Offers of work',
      noun: { one: 'offer', many: 'offers' },
      filter: offerFilterInput,
      filters: [
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Awaiting your answer',
          options: () => [
            { value: 'all', text: 'All offers' },
            ...labelled(
              OFFER_STATUSES.filter((status) => status !== 'awaiting'),
              OFFER_STATUS_LABELS,
            ),
          ],
        },
      ],
      columns: [
        offer.text('Person', (item) => item.person.name, { href: (item) => paths.offer(item.offer.id) }),
        offer.text('Needs', (item) => labels.bands[item.person.band]),
        offer.text('Council', (item) => item.organisationName),
        offer.text('Zones', (item) => item.zoneNames.join(', ')),
        offer.date('Sent', (item) => isoDateInLondon(item.offer.sentAt), { sort: 'sent' }),
        offer.date('Answer by', (item) => item.offer.respondBy, { sort: 'answerBy' }),
        offer.text('Status', (item) => OFFER_STATUS_LABELS[item.offer.status as OfferStatus]),
      ],
      defaultSort: offers.OFFER_ORDER,
      empty: 'No offers match. Choose all offers to see those answered.',
      fetch: (call, request) => offers.offersForProvider(db, call.user, request),
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
  ];
}
