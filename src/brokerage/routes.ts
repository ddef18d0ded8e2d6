// Brokerage's navigation. Each topic's pages are declared beside its services: people in
// people-routes.ts, referrals and a provider's offers in referral-routes.ts, the lists of schemes and
// vacancies in scheme-list-routes.ts, a scheme, vehicles and embargoes in scheme-routes.ts,
// placements in placement-routes.ts.
import type { NavigationItem } from '../platform/http/pages.ts';
import { EMBARGO_SETTERS } from './embargo-service.ts';
import { REPORT_READERS, VACANCY_READERS } from './page-helpers.ts';
import { paths } from './paths.ts';
import { PLANNERS } from './placement-routes.ts';
import { PERSON_READERS } from './people-service.ts';

export const brokerageNavigation: NavigationItem[] = [
  { text: 'People', href: paths.people(), access: PERSON_READERS },
  { text: 'Referrals', href: paths.referrals(), access: PERSON_READERS },
  { text: 'Offers', href: paths.offers(), access: ['provider_user'] },
  { text: 'People you support', href: paths.providerPlacements(), access: ['provider_user'] },
  { text: 'Vacancies', href: paths.vacancies(), access: VACANCY_READERS },
  { text: 'Planning', href: '/planning', access: PLANNERS },
  { text: 'Schemes', href: paths.schemes(), access: VACANCY_READERS },
  { text: 'Placements', href: paths.placements(), access: REPORT_READERS },
  { text: 'Summary', href: '/reports/placements-summary', access: REPORT_READERS },
  { text: 'Embargoes', href: paths.embargoes(), access: EMBARGO_SETTERS },
];
