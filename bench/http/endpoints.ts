// What the HTTP benchmark asks for, as one council's staff would: each main page (signed in, with
// the session's cookie) and each API list (with a personal API token), the summary and every report.
import { isoDateInLondon } from '../../src/platform/domain/calendar.ts';

export interface Endpoint {
  name: string;
  /** A page, asked for with a signed-in session's cookie, or the API, with a token. */
  kind: 'page' | 'api';
  path: string;
  /** Who asks: one of the demo county's staff, by e-mail address. */
  as: string;
}

/** Enough that fifty connections from one address are never throttled: the benchmark measures speed, not the limit. */
export const BENCH_RATE_LIMIT = 1_000_000_000;

/** An endpoint as the load is sent to it. */
export interface Target extends Endpoint {
  headers: Record<string, string>;
  app: string;
  /** The bare server's URL for the same statements (PostgreSQL only). */
  bare?: string;
  /** How many reads Hearth made to answer it. */
  statements: number;
}

const staff = (who: string) => `${who}@demo-county.example`;

/** `vehicle`: the vehicle whose KPIs the KPI table reports. */
export function endpoints(vehicle: string): Endpoint[] {
  const today = isoDateInLondon(new Date());
  return [
    { name: 'home', kind: 'page', path: '/', as: staff('commissioner') },
    { name: 'providers search', kind: 'page', path: '/providers?search=care', as: staff('commissioner') },
    { name: 'providers search', kind: 'api', path: '/api/v1/providers?search=care', as: staff('commissioner') },
    { name: 'vacancies', kind: 'page', path: '/vacancies', as: staff('brokerage') },
    { name: 'vacancies', kind: 'api', path: '/api/v1/vacancies', as: staff('brokerage') },
    { name: 'people', kind: 'page', path: '/people', as: staff('socialworker') },
    { name: 'people', kind: 'api', path: '/api/v1/people', as: staff('socialworker') },
    { name: 'referrals', kind: 'page', path: '/referrals', as: staff('brokerage') },
    { name: 'referrals', kind: 'api', path: '/api/v1/referrals', as: staff('brokerage') },
    { name: 'placements register', kind: 'page', path: '/placements', as: staff('finance') },
    { name: 'placements register', kind: 'api', path: '/api/v1/placements', as: staff('finance') },
    {
      name: 'placements summary',
      kind: 'api',
      path: `/api/v1/reports/placements-summary?date=${today}`,
      as: staff('commissioner'),
    },
    { name: 'risk dashboard', kind: 'page', path: '/quality/risk', as: staff('quality') },
    { name: 'risk dashboard', kind: 'api', path: '/api/v1/risk/services', as: staff('quality') },
    { name: 'survey results', kind: 'page', path: '/quality/survey-results', as: staff('quality') },
    { name: 'survey results', kind: 'api', path: '/api/v1/quality/survey-results', as: staff('quality') },
    { name: 'KPI table', kind: 'page', path: `/quality/vehicles/${vehicle}/kpi-table`, as: staff('quality') },
    { name: 'KPI table', kind: 'api', path: `/api/v1/quality/vehicles/${vehicle}/kpi-table`, as: staff('quality') },
    { name: 'audit trail', kind: 'page', path: '/audit', as: staff('auditor') },
  ];
}
