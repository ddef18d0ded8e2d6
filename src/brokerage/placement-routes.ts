// Pages for the placements register and each placement, the summary report and the planning page,
// and a care provider's list of the people it supports: each a declaration of its path, roles,
// template and what it shows.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import type { Role } from '../platform/domain/roles.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { formPage, listPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { END_REASON_LABELS, endPlacementCheck } from './commitment-checks.ts';
import { PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES, type NightSupport, type PaymentRoute } from './domain/people.ts';
import {
  placementFilterInput,
  providerPlacementFilterInput,
  type PlacementFilter,
  type ProviderPlacementFilter,
} from './input.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { labelled, labels, options, REPORT_READERS } from './page-helpers.ts';
import { paths } from './paths.ts';
import * as placements from './placement-service.ts';
import { priceHistory } from './placement-price-service.ts';
import { planFromLiveData } from './planning-service.ts';
import { paths as qualityPaths } from '../quality/paths.ts';

const PLACEMENT_VIEW = 'brokerage/views/placement.njk';
/** Who plans the market: the gaps between the people waiting and the vacancies there are. */
export const PLANNERS: readonly Role[] = ['brokerage_officer', 'commissioner'];
const register = columnsOf<placements.PlacementView, placements.PlacementSortKey>();
const supported = columnsOf<placements.ProviderPlacement, placements.ProviderPlacementSortKey>();
const END_REASONS = Object.keys(END_REASON_LABELS) as (keyof typeof END_REASON_LABELS)[];

export function placementPages(db: Db): PageRoute[] {
  const placementPage = async ({ user, params, mayOpen }: PageCall, values: FormBody = {}) => {
    const [placement, prices] = await Promise.all([
      placements.getPlacement(db, user, params.id!),
      priceHistory(db, user, params.id!),
    ]);
    return {
      title: `Placement: ${placement.personName}`,
      labels,
      placement,
      prices,
      // Finance sees who a placement is for, not the person's whole record.
      personHref: mayOpen(paths.person(placement.personId)) ? paths.person(placement.personId) : null,
      surveyHref: mayOpen(qualityPaths.placementSurvey(placement.id))
        ? qualityPaths.placementSurvey(placement.id)
        : null,
      values,
      canEnd: hasRole(user, 'brokerage_officer') && !placement.endsOn,
      endReasonItems: options(END_REASONS, END_REASON_LABELS, one(values.reason)),
      backLink: { href: paths.placements() },
    };
  };
  return [
    listPage<placements.PlacementView, PlacementFilter, placements.PlacementSortKey>({
      path: paths.placements(),
      access: REPORT_READERS,
      title: 'Placements register',
      noun: { one: 'placement', many: 'placements' },
      filter: placementFilterInput,
      filters: [
        { name: 'activeOn', label: 'Active on', kind: 'date' },
        {
          name: 'providerId',
          label: 'Care provider',
          kind: 'select',
          any: 'Any care provider',
          options: ({ user }) => placements.registerProviderChoices(db, user),
        },
        {
          name: 'paymentRoute',
          label: 'Paid by',
          kind: 'select',
          any: 'Any payment route',
          options: () => labelled(PAYMENT_ROUTES, PAYMENT_ROUTE_LABELS),
        },
        {
          name: 'offFramework',
          label: 'Framework',
          kind: 'select',
          any: 'On or off framework',
          options: () => [
            { value: 'no', text: 'On framework' },
            { value: 'yes', text: 'Off framework' },
          ],
        },
      ],
      columns: [
        register.text('Person', (item) => `${item.personName}${item.inCounty ? '' : ' (out of county)'}`, {
          sort: 'person',
          href: (item) => paths.placement(item.id),
        }),
        register.text('Care provider', (item) => `${item.providerName}${item.offFramework ? ' (off framework)' : ''}`, {
          sort: 'provider',
        }),
        register.date('From', (item) => item.startsOn, { sort: 'startsOn' }),
        register.date('To', (item) => item.endsOn),
        register.text('Paid by', (item) => labels.paymentRoutes[item.paymentRoute as PaymentRoute]),
        register.money('Weekly price', (item) => item.weeklyPricePence, 'weeklyPrice'),
        register.money('Annual cost', (item) => item.annualPence),
      ],
      defaultSort: placements.PLACEMENT_ORDER,
      pageSize: 50,
      empty: 'No placements match. Clear the filters to see them all.',
      fetch: (call, request) => placements.placementRegister(db, call.user, request),
    }),
    page({
      path: '/placements/:id',
      access: REPORT_READERS,
      view: PLACEMENT_VIEW,
      load: (call) => placementPage(call),
    }),
    formPage({
      path: '/placements/:id/end',
      access: ['brokerage_officer'],
      view: PLACEMENT_VIEW,
      showsOn: false,
      form: formSchema({ endsOn: field.date(), reason: field.text() }),
      load: placementPage,
      confirm: (call, input) => endPlacementCheck(db, call, input),
      save: ({ user, params }, input) => placements.endPlacement(db, user, params.id!, input),
      next: ({ params }) => ({
        to: paths.placement(params.id!),
        flash: 'Placement ended: the unit is on the vacancy list',
      }),
    }),
    page({
      path: '/reports/placements-summary',
      access: REPORT_READERS,
      view: 'brokerage/views/summary.njk',
      load: async ({ user, query }) => {
        const date = query.date?.trim() || isoDateInLondon(new Date());
        return {
          title: 'Placements summary',
          summary: await placements.placementsSummary(db, user, date),
          backLink: { href: paths.placements() },
        };
      },
    }),
    page({
      path: '/planning',
      access: PLANNERS,
      view: 'brokerage/views/planning.njk',
      load: async ({ user }) => ({
        title: 'Planning: filling vacancies from the waiting list',
        plan: await planFromLiveData(db, user),
      }),
    }),
    listPage<placements.ProviderPlacement, ProviderPlacementFilter, placements.ProviderPlacementSortKey>({
      path: paths.providerPlacements(),
      access: ['provider_user'],
      title: 'People you support',
      noun: { one: 'placement', many: 'placements' },
      filter: providerPlacementFilterInput,
      filters: [
        { name: 'search', label: 'Name', kind: 'search' },
        {
          name: 'organisationId',
          label: 'Council',
          kind: 'select',
          any: 'Any council',
          options: ({ user }) => placements.providerPlacementCouncils(db, user),
        },
      ],
      columns: [
        supported.text('Person', (item) => item.personName, { sort: 'person' }),
        supported.text('Council', (item) => item.organisationName, { sort: 'council' }),
        supported.text('Where', (item) => item.where),
        supported.date('From', (item) => item.startsOn, { sort: 'startsOn' }),
        supported.number('1:1 hours a week', (item) => Number((item.oneToOneMinutesPerWeek / 60).toFixed(2))),
        supported.text('Nights', (item) => labels.night[item.nightSupport as NightSupport]),
        supported.money('Weekly price', (item) => item.weeklyPricePence, 'weeklyPrice'),
      ],
      defaultSort: placements.PROVIDER_PLACEMENT_ORDER,
      empty: 'Nobody placed with you matches. Clear the filters to see everyone you support.',
      fetch: (call, request) => placements.providerPlacementList(db, call.user, request),
    }),
  ];
}
