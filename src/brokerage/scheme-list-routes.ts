// The lists of schemes and of vacancies: brokerage's of its organisation, a care provider's of the
// schemes it cares in. Each declared once for its page, CSV and XLSX; who sees which schemes is
// scheme-service's rule.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import type { ListFilter } from '../platform/http/list-page.ts';
import { listPage, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { NEED_BAND_LABELS, NEED_BANDS, type NeedBand } from '../procurement/domain/vehicles.ts';
import { FEATURE_LABELS, FEATURES } from './domain/people.ts';
import { schemeFilterInput, vacancyFilterInput, type SchemeFilter, type VacancyFilter } from './input.ts';
import { columnsOf } from '../platform/http/list-columns.ts';
import { labelled, VACANCY_READERS } from './page-helpers.ts';
import { paths } from './paths.ts';
import * as schemes from './scheme-service.ts';

const scheme = columnsOf<schemes.SchemeView, schemes.SchemeSortKey>();
const vacancy = columnsOf<schemes.Vacancy, schemes.VacancySortKey>();

export function schemeListPages(db: Db): PageRoute[] {
  /** Zones and care providers that have schemes the person may see. */
  const choices =
    (which: 'zones' | 'providers') =>
    async ({ user }: PageCall) =>
      (await schemes.schemeChoices(db, user))[which];
  const whereFilters: ListFilter[] = [
    { name: 'zoneId', label: 'Zone', kind: 'select', any: 'Any zone', options: choices('zones') },
    {
      name: 'providerId',
      label: 'Care provider',
      kind: 'select',
      any: 'Any care provider',
      options: choices('providers'),
    },
  ];
  return [
    listPage<schemes.SchemeView, SchemeFilter, schemes.SchemeSortKey>({
      path: paths.schemes(),
      access: VACANCY_READERS,
      title: 'Schemes',
      noun: { one: 'scheme', many: 'schemes' },
      filter: schemeFilterInput,
      filters: whereFilters,
      columns: [
        scheme.text('Scheme', (view) => view.scheme.name, {
          sort: 'name',
          href: (view) => paths.scheme(view.scheme.id),
        }),
        scheme.text('Zone', (view) => view.zoneName, { sort: 'zone' }),
        scheme.text('Band', (view) => NEED_BAND_LABELS[view.scheme.accommodationBand as NeedBand]),
        scheme.text('Care provider', (view) => view.careProviderName ?? 'None'),
        scheme.date('Ready from', (view) => (view.pipeline ? view.scheme.expectedReadyOn : null), {
          sort: 'readyFrom',
          none: 'Ready now',
        }),
        scheme.number('Tenants', (view) => view.tenants),
        scheme.number('Units', (view) => view.units.length),
      ],
      defaultSort: schemes.SCHEME_ORDER,
      actions: ({ user }) =>
        hasRole(user, ...schemes.SCHEME_MANAGERS) ? [{ text: 'Add a scheme', href: '/schemes/new' }] : [],
      empty: 'No schemes match. Clear the filters to see them all.',
      fetch: (call, request) => schemes.schemeList(db, call.user, request),
    }),
    listPage<schemes.Vacancy, VacancyFilter, schemes.VacancySortKey>({
      path: paths.vacancies(),
      access: VACANCY_READERS,
      title: 'Vacancies',
      noun: { one: 'vacancy', many: 'vacancies' },
      filter: vacancyFilterInput,
      filters: [
        ...whereFilters,
        {
          name: 'band',
          label: 'Accommodation band',
          kind: 'select',
          any: 'Any band',
          options: () => labelled(NEED_BANDS, NEED_BAND_LABELS),
        },
        {
          name: 'feature',
          label: 'Feature',
          kind: 'select',
          any: 'Any features',
          options: () => labelled(FEATURES, FEATURE_LABELS),
        },
      ],
      columns: [
        vacancy.text('Scheme and unit', (unit) => `${unit.schemeName}, ${unit.unitName}`, {
          sort: 'name',
          href: (unit) => paths.scheme(unit.schemeId),
        }),
        vacancy.text('Zone', (unit) => unit.zoneName, { sort: 'zone' }),
        vacancy.text('Band', (unit) => NEED_BAND_LABELS[unit.accommodationBand]),
        vacancy.text('Care provider', (unit) => unit.careProviderName ?? 'None'),
        vacancy.text(
          'Features',
          (unit) => unit.features.map((feature) => FEATURE_LABELS[feature]).join(', ') || 'None',
        ),
        vacancy.number('Tenants', (unit) => unit.tenants),
        vacancy.date('Available from', (unit) => unit.voidSince, { sort: 'availableFrom' }),
        vacancy.number('Days void', (unit) => unit.voidDays),
      ],
      defaultSort: schemes.VACANCY_ORDER,
      empty: 'No vacancies match. Clear the filters to see them all.',
      fetch: (call, request) => schemes.vacancyPage(db, call.user, request),
    }),
  ];
}
