// Pages for schemes and their vacancies and voids, rate cards, how offers are made on a vehicle,
// and embargoes: each a declaration of its path, roles, template and what it shows and saves.
import type { Db } from '../platform/db/client.ts';
import { hasRole, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { field, formSchema, withFormFields, type FieldReader } from '../platform/http/form-fields.ts';
import { dateToForm, many, one, type FormBody } from '../platform/http/forms.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { zonesOf } from '../organisations/service.ts';
import { getVehicle } from '../procurement/service.ts';
import { activeMemberships, brokerageSettings, setBrokerageSettings } from '../procurement/market-service.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { listProviders, parseProviderFilter } from '../providers/service.ts';
import { TIER2_MODE_LABELS, TIER2_MODES } from './domain/cascade.ts';
import { FEATURE_LABELS, FEATURES, NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS } from './domain/people.ts';
import {
  HOURLY_RATE_LABELS,
  HOURLY_RATES,
  SCHEME_SIZE_LABELS,
  SCHEME_SIZES,
  type HourlyRate,
  type Rates,
} from './domain/prices.ts';
import { RANKING_RULES } from './domain/ranking.ts';
import {
  fromField,
  isFirstShowing,
  labels,
  options,
  providerChoices,
  selectItems,
  VACANCY_READERS,
} from './page-helpers.ts';
import { paths } from './paths.ts';
import { EMBARGO_SETTERS, liftEmbargo, listEmbargoes, placeEmbargo } from './embargo-service.ts';
import * as prices from './price-service.ts';
import * as schemes from './scheme-service.ts';
import { transferScheme } from './transfer-service.ts';

const SCHEME_VIEW = 'brokerage/views/scheme.njk';
const RATE_CARDS_VIEW = 'brokerage/views/rate-cards.njk';
const SETTINGS_VIEW = 'brokerage/views/brokerage-settings.njk';
const EMBARGOES_VIEW = 'brokerage/views/embargoes.njk';

const schemeForm = formSchema({
  name: field.text(),
  housingProviderName: field.text(),
  housingProviderRegistration: field.text(),
  addressLine1: field.text(),
  townCity: field.text(),
  postcode: field.text(),
  zoneId: field.text(),
  accommodationBand: field.choice(NEED_BANDS),
  clusterGroup: field.text(),
  membershipId: field.text(),
  coreMinutesPerWeek: fromField('coreHours', field.hours()),
  nightCover: field.choice(NIGHT_SUPPORT),
  wakingNightMinutes: fromField('wakingNightHours', field.hours()),
  expectedReadyOn: field.optionalDate(),
});

/** The weekly rate boxes, one per band and scheme size (weekly-<band>-<size>); a blank one is left out of the card. */
const weeklyRates: FieldReader<Rates['weekly']> = (body) =>
  Object.fromEntries(
    NEED_BANDS.map((band) => {
      const typed = SCHEME_SIZES.map((size) => [size, field.pounds(null)(body, `weekly-${band}-${size}`)] as const);
      return [band, Object.fromEntries(typed.filter(([, pence]) => pence !== null))];
    }),
  );

/** One box per hourly rate (hourly-<rate>); a blank one is not money, for the service to refuse. */
const hourlyRates: FieldReader<Record<HourlyRate, number>> = (body) =>
  Object.fromEntries(HOURLY_RATES.map((rate) => [rate, field.pounds(Number.NaN)(body, `hourly-${rate}`)])) as Record<
    HourlyRate,
    number
  >;

const rateCardForm = formSchema({
  lotId: field.optionalText(),
  effectiveFrom: field.date(),
  weekly: weeklyRates,
  hourly: hourlyRates,
});

const settingsForm = formSchema({
  offerResponseWorkingDays: field.number(Number.NaN),
  tier2Mode: field.choice(TIER2_MODES),
  rankingRule: field.choice(RANKING_RULES),
  rankingQualityPercent: field.number(Number.NaN),
});

/** Schemes: brokerage sees them all; a care provider its own, and reports vacancies and voids. */
export function schemePages(db: Db): PageRoute[] {
  const memberships = async (viewer: CurrentUser) =>
    activeMemberships(db, staffOrganisation(viewer, schemes.SCHEME_MANAGERS));
  /** The care providers to choose among, by their membership of a vehicle; `except` the one there now. */
  const membershipItems = async (viewer: CurrentUser, chosen: string | undefined, except?: string | null) => {
    const choices = (await memberships(viewer)).filter((choice) => choice.providerId !== except);
    return selectItems(
      'Choose the care provider',
      choices.map((choice) => ({ value: choice.membershipId, text: choice.label })),
      chosen,
    );
  };
  const chosenMembership = async (viewer: CurrentUser, membershipId: string) =>
    (await memberships(viewer)).find((choice) => choice.membershipId === membershipId);
  const schemeFormPage = async ({ user }: PageCall, values: FormBody) => {
    const zones = await zonesOf(db, staffOrganisation(user, schemes.SCHEME_MANAGERS));
    return {
      title: 'Add a scheme',
      values,
      membershipItems: await membershipItems(user, one(values.membershipId)),
      zoneItems: selectItems(
        'Choose the zone',
        zones.map((zone) => ({ value: zone.id, text: zone.name })),
        values.zoneId,
      ),
      bandItems: options(NEED_BANDS, NEED_BAND_LABELS, one(values.accommodationBand)),
      nightItems: options(NIGHT_SUPPORT, NIGHT_SUPPORT_LABELS, one(values.nightCover)),
      backLink: { href: paths.schemes() },
    };
  };
  const schemePage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const view = await schemes.getScheme(db, user, params.id!);
    const manages = hasRole(user, ...schemes.SCHEME_MANAGERS);
    return {
      title: view.scheme.name,
      labels,
      view,
      values,
      canReport: user.providerId !== null || manages,
      featureItems: options(FEATURES, FEATURE_LABELS, many(values.features)),
      occupiedItems: selectItems(
        null,
        view.units.filter((unit) => unit.tenancy).map((unit) => ({ value: unit.unit.id, text: unit.unit.name })),
        values.unitId,
      ),
      canTransfer: manages && user.organisationId === view.scheme.organisationId,
      transferItems: manages ? await membershipItems(user, one(values.membershipId), view.scheme.careProviderId) : [],
      backLink: { href: paths.schemes() },
    };
  };
  const backToScheme =
    (flash: string) =>
    ({ params }: PageCall) => ({ to: paths.scheme(params.id!), flash });
  return [
    formPage({
      path: '/schemes/new',
      access: schemes.SCHEME_MANAGERS,
      view: 'brokerage/views/scheme-form.njk',
      form: schemeForm,
      initial: () => ({ wakingNightHours: '10' }),
      load: schemeFormPage,
      // The care provider is the one holding the chosen membership.
      save: async ({ user }, { membershipId, ...input }) => {
        const choice = await chosenMembership(user, membershipId);
        return schemes.createScheme(db, user, {
          ...input,
          careProviderId: choice?.providerId ?? null,
          membershipId: choice?.membershipId ?? null,
        });
      },
      next: (_call, view) => ({ to: paths.scheme(view.scheme.id), flash: 'Scheme added: now add its units' }),
    }),
    page({ path: '/schemes/:id', access: VACANCY_READERS, view: SCHEME_VIEW, load: (call) => schemePage(call) }),
    formPage({
      path: '/schemes/:id/units',
      access: [...schemes.SCHEME_MANAGERS, 'provider_user'],
      view: SCHEME_VIEW,
      showsOn: false,
      form: formSchema({ name: field.text(), features: field.choices(FEATURES), availableFrom: field.date() }),
      load: schemePage,
      save: ({ user, params }, input) => schemes.addUnit(db, user, params.id!, input),
      next: backToScheme('Vacancy added to the list'),
    }),
    formPage({
      path: '/schemes/:id/transfer',
      access: schemes.SCHEME_MANAGERS,
      view: SCHEME_VIEW,
      showsOn: false,
      form: formSchema({
        membershipId: field.text(),
        transferOn: field.date(),
        reason: fromField('transferReason', field.text()),
      }),
      load: schemePage,
      // The form chooses a membership, and the void form on the page has a "reason" of its own.
      errorFields: { careProviderId: 'membershipId', reason: 'transferReason' },
      save: async ({ user, params }, input) => {
        const choice = await chosenMembership(user, input.membershipId);
        return transferScheme(db, user, params.id!, { ...input, careProviderId: choice?.providerId ?? '' });
      },
      next: ({ params }, { ended }) => ({
        to: paths.scheme(params.id!),
        flash: `Care moved to the new provider: ${ended} placement${ended === 1 ? '' : 's'} moved with their tenancies`,
      }),
    }),
    formPage({
      path: '/schemes/:id/void',
      access: [...schemes.SCHEME_MANAGERS, 'provider_user'],
      view: SCHEME_VIEW,
      showsOn: false,
      form: formSchema({ unitId: field.text(), endsOn: field.date(), reason: field.text() }),
      load: schemePage,
      save: ({ user }, { unitId, ...input }) => schemes.reportVoid(db, user, unitId, input),
      next: backToScheme('Void reported: the unit is on the vacancy list'),
    }),
  ];
}

/** A vehicle's rate cards (read by brokerage and social workers, set by commissioners and finance) and how offers are made on it. */
export function vehiclePages(db: Db): PageRoute[] {
  const rateCardPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const [cards, vehicle] = await Promise.all([
      prices.rateCards(db, user, params.id!),
      getVehicle(db, user, params.id!),
    ]);
    return {
      title: `Rate cards: ${vehicle.vehicle.name}`,
      labels,
      cards,
      values,
      bands: NEED_BANDS,
      sizes: SCHEME_SIZES,
      hourlyRates: HOURLY_RATES,
      sizeLabels: SCHEME_SIZE_LABELS,
      hourlyLabels: HOURLY_RATE_LABELS,
      lotTitles: Object.fromEntries(vehicle.lots.map((lot) => [lot.id, lot.title])),
      lotItems: selectItems(
        'Every lot without a card of its own',
        vehicle.lots.map((lot) => ({ value: lot.id, text: lot.title })),
        values.lotId,
      ),
      canSet: hasRole(user, ...prices.RATE_SETTERS),
      backLink: { href: paths.vehicle(params.id!) },
    };
  };
  /** The settings as they are, or as typed when shown again. */
  const settingsPage = async ({ user, params }: PageCall, typed: FormBody = {}) => {
    const current = await brokerageSettings(db, user, params.id!);
    const { settings } = current;
    const values: FormBody = isFirstShowing(typed)
      ? {
          offerResponseWorkingDays: String(settings.offerResponseWorkingDays),
          tier2Mode: settings.tier2Mode,
          rankingRule: settings.ranking.rule,
          rankingQualityPercent:
            settings.ranking.rule === 'quality-price' ? String(settings.ranking.qualityPercent) : '60',
        }
      : typed;
    return {
      title: `How offers are made: ${current.vehicleName}`,
      current,
      values,
      tier2Items: options(TIER2_MODES, TIER2_MODE_LABELS, one(values.tier2Mode)),
      rankingItems: [
        {
          value: 'tier-rank',
          text: 'By tier, then quality score, then price',
          checked: values.rankingRule === 'tier-rank',
        },
        {
          value: 'quality-price',
          text: 'By a quality and price weighting',
          checked: values.rankingRule === 'quality-price',
        },
      ],
      backLink: { href: paths.vehicle(params.id!) },
    };
  };
  // Each page is read by more roles than may change it: the form posts to the page it is on.
  return [
    page({
      path: '/vehicles/:id/rate-cards',
      access: prices.RATE_CARD_READERS,
      view: RATE_CARDS_VIEW,
      load: (call) => rateCardPage(call),
    }),
    formPage({
      path: '/vehicles/:id/rate-cards',
      access: prices.RATE_SETTERS,
      view: RATE_CARDS_VIEW,
      showsOn: false,
      form: rateCardForm,
      load: rateCardPage,
      save: ({ user, params }, input) => prices.createRateCard(db, user, params.id!, input),
      next: ({ params }) => ({ to: paths.rateCards(params.id!), flash: 'Rate card added' }),
    }),
    page({
      path: '/vehicles/:id/brokerage-settings',
      access: ANY_STAFF,
      view: SETTINGS_VIEW,
      load: (call) => settingsPage(call),
    }),
    formPage({
      path: '/vehicles/:id/brokerage-settings',
      access: ['commissioner', 'administrator'],
      view: SETTINGS_VIEW,
      showsOn: false,
      form: settingsForm,
      load: settingsPage,
      // The quality weighting counts only under the quality and price rule.
      save: ({ user, params }, input) =>
        setBrokerageSettings(db, user, params.id!, {
          ...input,
          rankingQualityPercent: input.rankingRule === 'quality-price' ? input.rankingQualityPercent : null,
        }),
      next: ({ params }) => ({
        to: paths.brokerageSettings(params.id!),
        flash: 'Settings saved: they apply to offers sent from now on',
      }),
    }),
  ];
}

/** Embargoes on new placements, placed and lifted with reasons. */
export function embargoPages(db: Db): PageRoute[] {
  const embargoPage = async ({ user }: PageCall, values: FormBody) => {
    const [embargoes, providers] = await Promise.all([
      listEmbargoes(db, user),
      listProviders(db, user, parseProviderFilter({ pageSize: 100 })),
    ]);
    return {
      title: 'Embargoes on new placements',
      embargoes,
      values,
      providerItems: selectItems('Choose a provider', providerChoices(providers.items), values.providerId),
    };
  };
  const backToEmbargoes = (flash: string) => () => ({ to: paths.embargoes(), flash });
  return [
    formPage({
      path: paths.embargoes(),
      access: EMBARGO_SETTERS,
      view: EMBARGOES_VIEW,
      form: formSchema({ providerId: field.text(), reason: field.text(), startsOn: field.date() }),
      initial: () => {
        const values: FormBody = {};
        dateToForm(values, 'startsOn', isoDateInLondon(new Date()));
        return values;
      },
      load: embargoPage,
      save: ({ user }, input) => placeEmbargo(db, user, input),
      next: backToEmbargoes('Embargo placed: the provider will not be offered new work'),
    }),
    formPage({
      path: '/embargoes/:id/lift',
      access: EMBARGO_SETTERS,
      view: EMBARGOES_VIEW,
      showsOn: false,
      form: formSchema({ reason: fromField('liftReason', field.text()) }),
      load: embargoPage,
      // Each embargo in the list has its own lifting form, so the error goes to that one's box.
      save: ({ user, params }, input) =>
        withFormFields(liftEmbargo(db, user, params.id!, input), (problem) => ({
          ...problem,
          field: problem.field === 'reason' ? `liftReason-${params.id}` : problem.field,
        })),
      next: backToEmbargoes('Embargo lifted'),
    }),
  ];
}
