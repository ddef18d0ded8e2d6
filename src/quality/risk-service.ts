// Reading services' risk: the dashboard for the organisation's quality readers, a provider's own
// services (never another provider's), one service's indicators with their source records, and
// each provider's colour where a social worker or broker helps a person choose.
import type { Db } from '../platform/db/client.ts';
import { staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon, longDate, type IsoDate } from '../platform/domain/calendar.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ForbiddenError, NotFoundError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { paths as brokeragePaths } from '../brokerage/paths.ts';
import { RISK_COLOUR_LABELS, RISK_COLOURS, type RiskColour } from './domain/risk-model.ts';
import { headline, trendOf, type FactSource, type IndicatorResult } from './domain/risk-score.ts';
import { QUALITY_READERS } from './framework-service.ts';
import { paths } from './paths.ts';
import { serviceFor } from './register-service.ts';
import { CHANGED_WITHIN, type RiskFilter } from './risk-input.ts';
import * as list from './risk-list-repository.ts';
import { scoredNow } from './risk-run-service.ts';

/** Those who see colours where a person chooses a provider, besides the quality readers. */
export const RISK_CHOOSERS: readonly Role[] = [...QUALITY_READERS, 'social_worker', 'brokerage_officer'];
export const RISK_READERS: readonly Role[] = [...QUALITY_READERS, 'provider_user'];

export type RiskSort = list.RiskSort;
export const RISK_ORDER = { key: 'colour', direction: 'desc' } as const satisfies {
  key: RiskSort;
  direction: 'asc' | 'desc';
};

/** A provider user sees its own services wherever they are contracted; staff their organisation's. */
function scopeOf(viewer: CurrentUser): list.RatingScope {
  if (viewer.providerId !== null) return { providerId: viewer.providerId };
  return { organisationId: staffOrganisation(viewer, QUALITY_READERS) };
}

const today = () => isoDateInLondon(new Date());

export interface RiskListItem extends list.RiskRow {
  /** Since the last run on an earlier day, and over about 90 days: better, same or worse. */
  trendSinceLast: 'better' | 'same' | 'worse' | null;
  trendOver90Days: 'better' | 'same' | 'worse' | null;
  headline: string;
}

function itemOf(row: list.RiskRow): RiskListItem {
  const before = (colour: RiskColour | null, score: number | null) =>
    colour === null || score === null ? null : { colour, score };
  return {
    ...row,
    trendSinceLast: trendOf(row, before(row.previousColour, row.previousScore)),
    trendOver90Days: trendOf(row, before(row.earlierColour, row.earlierScore)),
    headline: headline(row),
  };
}

export async function riskList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<RiskFilter, RiskSort>,
): Promise<Page<RiskListItem>> {
  const { changed, ...filter } = request.filter;
  const found = await list.riskList(
    db,
    scopeOf(viewer),
    { ...filter, changedWithinDays: changed ? CHANGED_WITHIN[changed] : undefined },
    request.sort,
    { offset: (request.page - 1) * request.pageSize, limit: request.pageSize },
    today(),
  );
  return pageOf(found.rows.map(itemOf), found.total, request.page, request.pageSize);
}

export const riskCounts = (db: Db, viewer: CurrentUser) => list.colourCounts(db, scopeOf(viewer), today());

/** Services of each colour on each day with a run, over the last 90 days, for the chart. */
export async function coloursOverTime(db: Db, viewer: CurrentUser) {
  const rows = await list.coloursByDay(db, scopeOf(viewer), addDays(today(), -90));
  const days = [...new Set(rows.map((row) => row.day))];
  return days.map((day) => ({
    day,
    counts: Object.fromEntries(
      RISK_COLOURS.map((colour) => [colour, rows.find((row) => row.day === day && row.colour === colour)?.total ?? 0]),
    ) as Record<RiskColour, number>,
  }));
}

/** The CQC service types of the organisation's services, for the dashboard's filter (not offered to providers). */
export const serviceTypeChoices = (db: Db, viewer: CurrentUser) =>
  list.serviceTypesOf(db, staffOrganisation(viewer, QUALITY_READERS));

/** Where a fact's records are, for a link from the service's page. */
function sourceHref(serviceId: string, indicator: IndicatorResult): string | null {
  const source: FactSource | null = indicator.source;
  const logOf = (kind: string) => `${paths.intelligence()}?serviceId=${serviceId}&kind=${kind}`;
  if (source?.kind === 'assessment') return paths.assessment(source.id);
  if (source?.kind === 'intelligence') return paths.intelligenceEntry(source.id);
  if (source?.kind === 'contract-action') return paths.contractAction(source.id);
  if (source?.kind === 'embargo') return brokeragePaths.embargoes();
  switch (indicator.key) {
    case 'safeguarding':
      return logOf('safeguarding');
    case 'unexpected-deaths':
      return logOf('notification');
    case 'substantiated-concerns':
      return logOf('concern');
    case 'peoples-voice':
      return paths.surveyResults();
    case 'overdue-actions':
      return `${paths.actions()}?overdue=yes`;
    case 'cqc-rating':
      return paths.service(serviceId);
    default:
      return null;
  }
}

export interface ServiceRisk {
  service: { id: string; name: string; providerName: string; organisationId: string };
  rating: {
    colour: RiskColour;
    colourLabel: string;
    score: number;
    rule: string;
    reasons: string[];
    computedOn: IsoDate;
    colourSince: IsoDate;
    modelVersion: number;
    indicators: (IndicatorResult & { href: string | null })[];
  } | null;
  history: { computedOn: IsoDate; colour: RiskColour; score: number; reasons: string[]; modelVersion: number }[];
}

/**
 * One service's rating with every indicator, its value, points and source, and its ratings day by
 * day: for the organisation's quality readers, and for the provider of the service.
 */
export async function serviceRisk(db: Db, viewer: CurrentUser, serviceId: string, days = 90): Promise<ServiceRisk> {
  const service = await serviceFor(db, viewer, serviceId, QUALITY_READERS);
  const [row, history, now] = await Promise.all([
    list.ratingOf(db, service.organisationId, service.id),
    list.snapshotsOf(db, service.organisationId, service.id, days),
    scoredNow(db, service),
  ]);
  return {
    service: {
      id: service.id,
      name: service.name,
      providerName: service.providerName,
      organisationId: service.organisationId,
    },
    rating: row
      ? {
          colour: row.colour as RiskColour,
          colourLabel: RISK_COLOUR_LABELS[row.colour as RiskColour],
          score: row.score,
          rule: now?.rule ?? '',
          reasons: row.reasons,
          computedOn: row.computedOn,
          colourSince: row.colourSince,
          modelVersion: row.modelVersion,
          indicators: (now?.indicators ?? []).map((indicator) => ({
            ...indicator,
            href: sourceHref(service.id, indicator),
          })),
        }
      : null,
    history: history.map((snapshot) => ({
      computedOn: snapshot.computedOn,
      colour: snapshot.colour as RiskColour,
      score: snapshot.score,
      reasons: snapshot.reasons,
      modelVersion: snapshot.modelVersion,
    })),
  };
}

export interface ProviderColour {
  colour: RiskColour;
  colourLabel: string;
  score: number;
  /** The service it comes from, the provider's worst, and why. */
  serviceId: string;
  serviceName: string;
  reasons: string[];
  headline: string;
  ratedOn: string;
}

/**
 * Each provider's colour in the viewer's organisation, from its worst running service, with the
 * reasons: shown where a person chooses a provider. Providers with no rated service are absent.
 */
export async function providerColours(
  db: Db,
  viewer: CurrentUser,
  providerIds: readonly string[],
): Promise<Map<string, ProviderColour>> {
  if (viewer.providerId !== null) throw new ForbiddenError();
  const organisationId = staffOrganisation(viewer, RISK_CHOOSERS);
  const rows = await list.worstServiceOf(db, organisationId, [...new Set(providerIds)], today());
  return new Map(
    rows.map((row) => [
      row.providerId,
      {
        colour: row.colour,
        colourLabel: RISK_COLOUR_LABELS[row.colour],
        score: row.score,
        serviceId: row.serviceId,
        serviceName: row.serviceName,
        reasons: row.reasons,
        headline: headline(row),
        ratedOn: longDate(row.computedOn),
      },
    ]),
  );
}

/** A service's rating as the API gives it, or 404 when the service has none yet. */
export async function serviceRiskOrMissing(db: Db, viewer: CurrentUser, serviceId: string) {
  const found = await serviceRisk(db, viewer, serviceId, 365);
  if (!found.rating) throw new NotFoundError();
  return found;
}
