// Pages for the vacancy list, the placements register and each placement, the summary report and
// the planning page: each a declaration of its path, roles, template and what it shows.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { paginationLinks } from '../platform/domain/pagination.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import { one, type FormBody } from '../platform/http/forms.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { zonesOf } from '../organisations/service.ts';
import { NEED_BAND_LABELS, NEED_BANDS } from '../procurement/domain/vehicles.ts';
import { END_REASON_LABELS, endPlacementCheck } from './commitment-checks.ts';
import { PAYMENT_ROUTE_LABELS, PAYMENT_ROUTES } from './domain/people.ts';
import { labels, options, REPORT_READERS, selectItems, VACANCY_READERS } from './page-helpers.ts';
import { paths } from './paths.ts';
import * as placements from './placement-service.ts';
import { planFromLiveData } from './planning-service.ts';
import * as schemes from './scheme-service.ts';

const PLACEMENT_VIEW = 'brokerage/views/placement.njk';
const END_REASONS = Object.keys(END_REASON_LABELS) as (keyof typeof END_REASON_LABELS)[];

export function placementPages(db: Db): PageRoute[] {
  const placementPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const placement = await placements.getPlacement(db, user, params.id!);
    return {
      title: `Placement: ${placement.personName}`,
      labels,
      placement,
      values,
      canEnd: hasRole(user, 'brokerage_officer') && !placement.endsOn,
      endReasonItems: options(END_REASONS, END_REASON_LABELS, one(values.reason)),
      backLink: { href: paths.placements() },
    };
  };
  return [
    page({
      path: paths.vacancies(),
      access: VACANCY_READERS,
      view: 'brokerage/views/vacancies.njk',
      load: async ({ user, query }) => {
        const { zoneId = '', band = '' } = query;
        const [vacancies, zones] = await Promise.all([
          schemes.vacancyList(db, user, { zoneId: zoneId || undefined, band: band || undefined }),
          user.organisationId ? zonesOf(db, user.organisationId) : [],
        ]);
        return {
          title: 'Vacancies',
          labels,
          vacancies,
          zoneItems: selectItems(
            'All zones',
            zones.map((zone) => ({ value: zone.id, text: zone.name })),
            zoneId,
          ),
          bandItems: [{ value: '', text: 'All bands' }, ...options(NEED_BANDS, NEED_BAND_LABELS, band, 'selected')],
        };
      },
    }),
    page({
      path: paths.placements(),
      access: REPORT_READERS,
      view: 'brokerage/views/placements.njk',
      load: async ({ user, query }) => {
        const filter = placements.parsePlacementFilter(query);
        const found = await placements.placementRegister(db, user, filter);
        const offFramework = filter.offFramework === undefined ? undefined : filter.offFramework ? 'yes' : 'no';
        const search = new URLSearchParams(
          Object.entries({ activeOn: filter.activeOn, paymentRoute: filter.paymentRoute, offFramework }).filter(
            (entry): entry is [string, string] => entry[1] !== undefined,
          ),
        ).toString();
        return {
          title: 'Placements register',
          labels,
          page: found,
          filter,
          values: { activeOn: filter.activeOn ?? '' },
          // The same filters, as the API's CSV export.
          csvHref: `/api/v1/placements.csv?${search}`,
          pagination: paginationLinks(found, (n) => `${paths.placements()}?${search}&page=${n}`),
          routeItems: [
            { value: '', text: 'Any' },
            ...options(PAYMENT_ROUTES, PAYMENT_ROUTE_LABELS, filter.paymentRoute, 'selected'),
          ],
          frameworkItems: [
            { value: '', text: 'Either' },
            { value: 'no', text: 'On framework', selected: filter.offFramework === false },
            { value: 'yes', text: 'Off framework', selected: filter.offFramework === true },
          ],
        };
      },
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
      access: ['brokerage_officer', 'commissioner'],
      view: 'brokerage/views/planning.njk',
      load: async ({ user }) => ({
        title: 'Planning: filling vacancies from the waiting list',
        plan: await planFromLiveData(db, user),
      }),
    }),
  ];
}
