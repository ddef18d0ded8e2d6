// Pages for procurement vehicles: the list, a vehicle's summary (with its clarification questions
// and the forms on it), setting one up and changing it, its lots, and moving it through its life.
import type { Db } from '../platform/db/client.ts';
import { formatPence } from '../platform/domain/money.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import { field, formSchema, noFields, withFormFields } from '../platform/http/form-fields.ts';
import { many, type FormBody } from '../platform/http/forms.ts';
import { download, formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { zonesOf } from '../organisations/service.ts';
import {
  DEFAULT_PIPELINE,
  LOT_SERVICE_TYPE_LABELS,
  LOT_SERVICE_TYPES,
  NEED_BAND_LABELS,
  NEED_BANDS,
  REGIME_LABELS,
  STAGE_LABELS,
  VEHICLE_KIND_LABELS,
  VEHICLE_STATUS_LABELS,
  VEHICLE_KINDS,
  VEHICLE_STATUSES,
  isAlwaysOpen,
  type VehicleKind,
  type VehicleStatus,
} from './domain/vehicles.ts';
import type { ProcurementSight } from './domain/procurement-sight.ts';
import { dpsTransition, noticeRegimeOf, regimeRules } from './domain/notice-rules.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { MANAGERS, VEHICLE_READERS } from './access.ts';
import * as service from './service.ts';
import { listVehicles, type VehicleSummary } from './vehicle-list-service.ts';
import { vehicleFilterInput, type VehicleFilter } from './input.ts';
import type { VehicleSort } from './vehicle-repository.ts';
import { day, listRows, money, type ListRow } from './list-rows.ts';
import { choices, onVehicleForm, vehicleForm, vehicleFormPage, vehicleFormValues } from './vehicle-form.ts';
import { startApplication } from './application-service.ts';
import { listApplications } from './application-view-service.ts';
import { answerClarification, askClarification, listClarifications } from './clarification-service.ts';
import { vehicleOcds } from './ocds-service.ts';
import { paths } from './paths.ts';

export const procurementNavigation: NavigationItem[] = [
  { text: 'Procurement', href: paths.vehicles(), access: ANY_STAFF },
  // The same list, as a provider sees it: the vehicles it may apply to now.
  { text: 'Opportunities', href: paths.vehicles(), access: ['provider_user'] },
];

const VEHICLE_VIEW = 'procurement/views/vehicle.njk';
const VEHICLE_FORM_VIEW = 'procurement/views/vehicle-form.njk';
const LOTS_VIEW = 'procurement/views/lots.njk';

/**
 * The vehicle's other pages for its staff: its evaluation for those who see who applied, its tier
 * allocation and award for those who see the scores (an evaluator once they have declared no
 * conflict) in the organisation that leads it; a funding partner does not decide its award.
 */
function staffLinks(vehicle: service.Vehicle, sight: ProcurementSight, leads: boolean) {
  const decides = sight.scores && leads;
  return [
    ...(sight.applicants ? [{ href: paths.evaluation(vehicle.id), text: 'Evaluation' }] : []),
    ...(decides && vehicle.tiered ? [{ href: paths.tiers(vehicle.id), text: 'Tier allocation' }] : []),
    ...(decides ? [{ href: paths.award(vehicle.id), text: 'Award' }] : []),
    { href: paths.notices(vehicle.id), text: 'Public notices' },
    ...(vehicle.regime === 'psr' ? [{ href: paths.psr(vehicle.id), text: 'Provider Selection Regime decision' }] : []),
    ...(vehicle.status !== 'draft' ? [{ href: paths.openData(vehicle.id), text: 'Open data (OCDS JSON)' }] : []),
    // Brokerage's pages of the vehicle, and its history.
    { href: `/vehicles/${vehicle.id}/rate-cards`, text: 'Rate cards' },
    { href: `/vehicles/${vehicle.id}/brokerage-settings`, text: 'How offers are made' },
    { href: `/history/vehicle/${vehicle.id}`, text: 'History of changes' },
  ];
}

/** The list of vehicles, a vehicle's page and the forms on it, setting one up and changing it. */
export function vehiclePages(db: Db, settings: { ocidPrefix: string }): PageRoute[] {
  const vehiclePage = async ({ user, params, mayOpen }: PageCall) => {
    const detail = await service.getVehicle(db, user, params.id!, { roundCounts: true });
    // The provider's application in the current round (a framework reopened takes a new one).
    const mine = user.providerId
      ? (
          await listApplications(db, user, {
            vehicleId: detail.vehicle.id,
            provider: undefined,
            page: 1,
            pageSize: 100,
          })
        ).items.find((application) => application.roundNumber === detail.currentRound)
      : undefined;
    return {
      title: detail.vehicle.name,
      ...detail,
      kindLabel: VEHICLE_KIND_LABELS[detail.vehicle.kind as keyof typeof VEHICLE_KIND_LABELS],
      regimeLabel: REGIME_LABELS[detail.vehicle.regime as keyof typeof REGIME_LABELS],
      regimeRules: regimeRules(noticeRegimeOf(detail.vehicle)),
      transition: dpsTransition(noticeRegimeOf(detail.vehicle), isoDateInLondon(new Date())),
      statusLabel: VEHICLE_STATUS_LABELS[detail.vehicle.status as VehicleStatus],
      stageLabels: detail.vehicle.stages.map((stage) => STAGE_LABELS[stage as keyof typeof STAGE_LABELS]),
      // A live framework is opened again in a new round, on its own form.
      statusItems: detail.nextStatuses
        .filter((status) => !(detail.canReopen && status === 'open'))
        .map((status) => ({ value: status, text: VEHICLE_STATUS_LABELS[status] })),
      reopenHref: detail.canReopen ? paths.newRound(detail.vehicle.id) : null,
      value: detail.vehicle.valuePence === null ? null : formatPence(detail.vehicle.valuePence),
      fundingText: [
        `${detail.lead.name} ${detail.leadFundingSharePercent}%`,
        ...detail.partners.map((partner) => `${partner.name} ${partner.fundingSharePercent}%`),
      ].join(', '),
      needBandLabels: NEED_BAND_LABELS,
      serviceTypeLabels: LOT_SERVICE_TYPE_LABELS,
      isStaff: user.organisationId !== null,
      applicationsHref: mayOpen(paths.applications()) ? paths.applications({ vehicleId: detail.vehicle.id }) : null,
      backLink: { href: paths.vehicles(), text: 'All vehicles' },
      myApplication: mine,
      canApply: user.providerId !== null && detail.acceptingApplications,
      clarifications: await listClarifications(db, user, detail.vehicle.id),
      canAsk: user.providerId !== null && detail.acceptingApplications,
      staffLinks:
        user.organisationId !== null
          ? staffLinks(
              detail.vehicle,
              await service.vehicleSight(db, user, detail.vehicle.id),
              user.organisationId === detail.vehicle.organisationId,
            ).filter((link) => mayOpen(link.href))
          : [],
    };
  };
  /** The vehicle, for the lead organisation's commissioners and administrators only. */
  const manageable = async ({ user, params }: PageCall) => {
    const detail = await service.getVehicle(db, user, params.id!);
    if (!detail.canManage)
      throw new ForbiddenError(
        "Only the lead organisation's commissioners and administrators may change this vehicle.",
      );
    return detail;
  };
  const lotsPage = async (call: PageCall, values: FormBody) => {
    const detail = await manageable(call);
    return {
      title: `Lots of ${detail.vehicle.name}`,
      detail,
      values,
      zoneItems: detail.zones.map((zone) => ({
        value: zone.zoneId,
        text: zone.name,
        checked: many(values.zoneIds).includes(zone.zoneId),
      })),
      bandItems: choices(NEED_BANDS, NEED_BAND_LABELS, values.needBands),
      serviceItems: choices(LOT_SERVICE_TYPES, LOT_SERVICE_TYPE_LABELS, values.serviceTypes),
      backLink: { href: paths.vehicle(detail.vehicle.id) },
    };
  };
  const onVehiclePage = { view: VEHICLE_VIEW, showsOn: false, load: vehiclePage } as const;

  return [
    // Staff see their organisation's vehicles and those it partners in; providers those open to them now.
    listPage<ListRow<VehicleSummary>, VehicleFilter, VehicleSort['key']>({
      path: paths.vehicles(),
      access: VEHICLE_READERS,
      title: ({ user }) => (user.providerId ? 'Open opportunities' : 'Procurement vehicles'),
      noun: { one: 'vehicle', many: 'vehicles' },
      filter: vehicleFilterInput,
      filters: [
        { name: 'search', label: 'Search', kind: 'search', hint: 'Name or reference' },
        {
          name: 'status',
          label: 'Status',
          kind: 'select',
          any: 'Any status',
          // A provider sees only vehicles taking applications: open ones, and live dynamic ones.
          options: ({ user }) =>
            (user.providerId ? (['open', 'live'] as const) : VEHICLE_STATUSES).map((status) => ({
              value: status,
              text: VEHICLE_STATUS_LABELS[status],
            })),
        },
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          any: 'Any kind',
          options: () => VEHICLE_KINDS.map((kind) => ({ value: kind, text: VEHICLE_KIND_LABELS[kind] })),
        },
      ],
      columns: [
        {
          heading: 'Vehicle',
          value: ({ item }) => item.name,
          href: ({ item }) => paths.vehicle(item.id),
          sort: 'name',
        },
        { heading: 'Reference', value: ({ item }) => item.reference, sort: 'reference' },
        { heading: 'Kind', value: ({ item }) => VEHICLE_KIND_LABELS[item.kind as VehicleKind], sort: 'kind' },
        { heading: 'Led by', value: ({ item }) => item.organisationName },
        {
          heading: 'Status',
          value: ({ item }) =>
            `${VEHICLE_STATUS_LABELS[item.status as VehicleStatus]}${item.acceptingApplications && item.status !== 'open' ? ', taking applications' : ''}`,
          sort: 'status',
        },
        {
          heading: 'Submission deadline',
          value: (row) =>
            day(row, row.item.submissionDeadline, isAlwaysOpen(row.item.kind as VehicleKind) ? 'None' : 'Not set'),
          sort: 'deadline',
        },
        { heading: 'Lots', value: ({ item }) => item.lotCount, numeric: true, sort: 'lots' },
        { heading: 'Value', value: (row) => money(row, row.item.valuePence, 'Not set'), numeric: true, sort: 'value' },
      ],
      defaultSort: { key: 'name', direction: 'asc' },
      actions: ({ user }) =>
        MANAGERS.some((role) => user.roles.includes(role))
          ? [{ text: 'Set up a vehicle', href: paths.newVehicle() }]
          : [],
      empty: 'No vehicles match. Try fewer words, or clear the filters.',
      fetch: (call, { filter, sort, page, pageSize }) =>
        listRows(call, listVehicles(db, call.user, { ...filter, page, pageSize }, sort)),
    }),
    formPage({
      path: paths.newVehicle(),
      access: MANAGERS,
      view: VEHICLE_FORM_VIEW,
      form: vehicleForm,
      initial: () => ({
        stages: [...DEFAULT_PIPELINE],
        pricesFixed: 'yes',
        lightTouch: 'yes',
        voluntaryStandstill: 'yes',
        qualityWeightPercent: '100',
        scoreScaleMax: '5',
        tiered: 'no',
        nation: 'england-and-wales',
      }),
      load: async ({ user }, values) =>
        vehicleFormPage(
          user.organisationId ? await zonesOf(db, user.organisationId) : [],
          'Set up a procurement vehicle',
          paths.newVehicle(),
          values,
        ),
      save: ({ user }, input) => withFormFields(service.createVehicle(db, user, input), onVehicleForm(input)),
      next: (_call, saved) => ({
        to: paths.vehicle(saved.vehicle.id),
        flash: `${saved.vehicle.name} has been set up as a draft. Next, set its lots.`,
      }),
    }),
    page({ path: '/vehicles/:id', access: VEHICLE_READERS, view: VEHICLE_VIEW, load: vehiclePage }),
    formPage({
      path: '/vehicles/:id/edit',
      access: MANAGERS,
      view: VEHICLE_FORM_VIEW,
      form: vehicleForm,
      initial: async (call) => vehicleFormValues(await manageable(call)),
      load: async (call, values) => {
        const { vehicle } = await manageable(call);
        return {
          ...vehicleFormPage(
            await zonesOf(db, vehicle.organisationId),
            `Change ${vehicle.name}`,
            paths.changeVehicle(vehicle.id),
            values,
          ),
          backLink: { href: paths.vehicle(vehicle.id) },
        };
      },
      save: async (call, input) => {
        const { vehicle } = await manageable(call);
        return withFormFields(service.updateVehicle(db, call.user, vehicle.id, input), onVehicleForm(input));
      },
      next: (_call, saved) => ({ to: paths.vehicle(saved.vehicle.id), flash: 'Your changes have been saved' }),
    }),
    formPage({
      path: '/vehicles/:id/lots',
      access: MANAGERS,
      view: LOTS_VIEW,
      form: formSchema({
        zoneIds: field.list(),
        needBands: field.choices(NEED_BANDS),
        serviceTypes: field.choices(LOT_SERVICE_TYPES),
      }),
      initial: async (call) => {
        const { lots } = await manageable(call);
        const each = (key: 'zoneId' | 'needBand' | 'serviceType') => [...new Set(lots.map((lot) => lot[key]))];
        return { zoneIds: each('zoneId'), needBands: each('needBand'), serviceTypes: each('serviceType') };
      },
      load: lotsPage,
      save: async (call, input) => {
        const { vehicle } = await manageable(call);
        // A refused zone is shown on the zones, not on its place in the list.
        return withFormFields(service.setLots(db, call.user, vehicle.id, input), (problem) => ({
          ...problem,
          field: problem.field.replace(/\.\d+$/, ''),
        }));
      },
      next: (_call, saved) => ({ to: paths.vehicle(saved.vehicle.id), flash: `${saved.lots.length} lots set` }),
    }),
    // The open data as a download from the vehicle's page (the API serves the same to tokens).
    download({
      path: '/vehicles/:id/ocds.json',
      access: VEHICLE_READERS,
      load: async ({ user, params, request }) => {
        const data = await vehicleOcds(db, user, params.id!, {
          ocidPrefix: settings.ocidPrefix,
          uri: `${request.protocol}://${request.host}${request.url}`,
        });
        return {
          filename: `${data.releases[0]!.tender.id}-ocds.json`,
          contentType: 'application/json',
          body: JSON.stringify(data),
        };
      },
    }),
    formPage({
      ...onVehiclePage,
      path: '/vehicles/:id/status',
      access: MANAGERS,
      form: formSchema({ status: field.choice(VEHICLE_STATUSES), reason: field.text() }),
      save: async (call, input) =>
        service.changeVehicleStatus(db, call.user, (await manageable(call)).vehicle.id, input),
      next: (_call, saved) => ({
        to: paths.vehicle(saved.vehicle.id),
        flash: `${saved.vehicle.name} is now ${VEHICLE_STATUS_LABELS[saved.vehicle.status as VehicleStatus].toLowerCase()}`,
      }),
    }),
    formPage({
      ...onVehiclePage,
      path: '/vehicles/:id/clarifications',
      access: VEHICLE_READERS,
      form: formSchema({ question: field.text() }),
      save: ({ user, params }, input) => askClarification(db, user, params.id!, input),
      next: ({ params }) => ({
        to: paths.clarifications(params.id!),
        flash: 'Your question has been sent; its answer will be published to every applicant',
      }),
    }),
    formPage({
      ...onVehiclePage,
      path: '/vehicles/:id/clarifications/:clarificationId',
      access: VEHICLE_READERS,
      // Each unanswered question has its own answer box, named by the question.
      form: formSchema({ answers: field.each('answer-', field.text()) }),
      save: ({ user, params }, { answers }) => {
        const clarificationId = params.clarificationId!;
        return withFormFields(
          answerClarification(db, user, params.id!, clarificationId, { answer: answers[clarificationId] ?? '' }),
          (problem) => ({ ...problem, field: `answer-${clarificationId}` }),
        );
      },
      next: ({ params }) => ({
        to: paths.clarifications(params.id!),
        flash: 'The answer has been published to every applicant',
      }),
    }),
    // The Apply button: a refusal (applications have closed meanwhile) is shown on the vehicle's page.
    formPage({
      ...onVehiclePage,
      path: '/vehicles/:id/apply',
      access: ['provider_user'],
      form: noFields,
      save: ({ user, params }) => startApplication(db, user, params.id!),
      next: (_call, started) => paths.application(started.application.id),
    }),
  ];
}
