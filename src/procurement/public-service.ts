// What anyone may read with no sign-in: an organisation's advertised vehicles, each with its lots,
// dates, rounds, published notices and the providers admitted, and the published notices as open
// data. Nothing unpublished comes out of here: no draft vehicle, no notice not yet published, no
// application, score or person. Every public page and feed reads through these functions.
import type { Db } from '../platform/db/client.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { organisationByCode } from '../organisations/service.ts';
import { providerNames } from '../providers/service.ts';
import { NOTICE_KIND_LABELS, noticeRegimeOf, regimeRules, type NoticeKind } from './domain/notice-rules.ts';
import { lowestPriceShare, type LowestPriceShare } from './domain/lowest-price.ts';
import type { VehicleStatus } from './domain/vehicles.ts';
import * as applicationRepository from './application-repository.ts';
import * as awardRepository from './award-repository.ts';
import * as noticeRepository from './notice-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { publishedVehicleDetail, type Vehicle, type VehicleDetail } from './service.ts';

/** The statuses of a vehicle the public list shows: advertised and not yet closed. */
export const LIVE_STATUSES: readonly VehicleStatus[] = ['open', 'evaluation', 'standstill', 'live'];

export interface PublicOrganisation {
  id: string;
  code: string;
  name: string;
  ocdsPrefix: string | null;
}

/** The organisation a public address names by its code; an unknown code answers 404. */
export async function publicOrganisation(db: Db, code: string): Promise<PublicOrganisation> {
  const organisation = code.length <= 20 ? await organisationByCode(db, code) : undefined;
  if (!organisation) throw new NotFoundError();
  return {
    id: organisation.id,
    code: organisation.code,
    name: organisation.name,
    ocdsPrefix: organisation.ocdsPrefix,
  };
}

/** The organisation's live vehicles, by name. */
export async function publicVehicleList(
  db: Db,
  organisationCode: string,
): Promise<{ organisation: PublicOrganisation; vehicles: Vehicle[] }> {
  const organisation = await publicOrganisation(db, organisationCode);
  return { organisation, vehicles: await vehicleRepository.vehiclesLedBy(db, organisation.id, LIVE_STATUSES) };
}

export interface PublishedNotice {
  id: string;
  identifier: string;
  kind: NoticeKind;
  kindLabel: string;
  publishedAt: Date;
}

export interface AdmittedProvider {
  providerName: string;
  lotTitle: string;
  zoneName: string;
  tier: string | null;
  roundNumber: number;
  /** Awarded and waiting for its contract to start, or on the vehicle now. */
  status: 'awarded' | 'active';
}

export interface PublicVehicle {
  organisation: PublicOrganisation;
  detail: VehicleDetail;
  rules: string[];
  notices: PublishedNotice[];
  admitted: AdmittedProvider[];
  /** The process's ocid, as its published notices give it; null before the first. */
  ocid: string | null;
  /** How often the lowest-priced tender on a lot was admitted; null where the council fixed the prices. */
  awardsToLowestPrice: LowestPriceShare | null;
}

/** A published vehicle with what the public may know of it. A draft, or another organisation's, is not found. */
export async function publicVehicle(db: Db, organisationCode: string, vehicleId: string): Promise<PublicVehicle> {
  const organisation = await publicOrganisation(db, organisationCode);
  const detail = await publishedVehicleDetail(db, organisation.id, vehicleId);
  const { vehicle } = detail;
  const [notices, memberships, prices] = await Promise.all([
    noticeRepository.noticesOfVehicle(db, organisation.id, vehicle.id),
    awardRepository.membershipsOf(db, vehicle.id),
    vehicle.pricesFixed ? [] : applicationRepository.tenderPricesOf(db, organisation.id, vehicle.id),
  ]);
  const onIt = memberships.filter((membership) => ['awarded', 'active', 'suspended'].includes(membership.status));
  const names = await providerNames(
    db,
    onIt.map((membership) => membership.providerId),
  );
  const lots = new Map(detail.lots.map((lot) => [lot.id, lot]));
  const admitted = onIt
    .map((membership) => ({
      providerName: names.get(membership.providerId) ?? '',
      lotTitle: lots.get(membership.lotId)?.title ?? '',
      zoneName: lots.get(membership.lotId)?.zoneName ?? '',
      tier: membership.tier,
      roundNumber: membership.roundNumber,
      status: membership.status === 'awarded' ? ('awarded' as const) : ('active' as const),
    }))
    .sort(
      (a, b) =>
        a.zoneName.localeCompare(b.zoneName) ||
        a.lotTitle.localeCompare(b.lotTitle) ||
        (a.tier ?? '').localeCompare(b.tier ?? '') ||
        a.providerName.localeCompare(b.providerName),
    );
  return {
    organisation,
    detail,
    rules: regimeRules(noticeRegimeOf(vehicle)),
    notices: notices
      .map((row) => ({
        id: row.id,
        identifier: row.identifier,
        kind: row.kind as NoticeKind,
        kindLabel: NOTICE_KIND_LABELS[row.kind as NoticeKind],
        publishedAt: row.publishedAt,
      }))
      .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime()),
    admitted,
    ocid: (notices[0]?.release as { ocid?: string } | undefined)?.ocid ?? null,
    awardsToLowestPrice: vehicle.pricesFixed ? null : awardCompetitions(prices, memberships),
  };
}

/** Each lot's tenders in each round, and the prices of those its award admitted. */
function awardCompetitions(
  prices: readonly { providerId: string; lotId: string; roundNumber: number; weeklyRatePence: number }[],
  memberships: readonly { providerId: string; lotId: string; roundNumber: number }[],
): LowestPriceShare {
  const competitions = new Map<string, { prices: number[]; chosen: number[] }>();
  for (const price of prices) {
    const key = `${price.lotId}/${price.roundNumber}`;
    const competition = competitions.get(key) ?? { prices: [], chosen: [] };
    competition.prices.push(price.weeklyRatePence);
    if (
      memberships.some(
        (membership) =>
          membership.providerId === price.providerId &&
          membership.lotId === price.lotId &&
          membership.roundNumber === price.roundNumber,
      )
    )
      competition.chosen.push(price.weeklyRatePence);
    competitions.set(key, competition);
  }
  return lowestPriceShare([...competitions.values()]);
}

/** Which published notices a feed asks for: one organisation's, perhaps one process's, in a time window. */
export interface NoticeFeedQuery {
  organisationId: string;
  vehicleId?: string;
  from?: Date;
  to?: Date;
}

/** A page of published notices, oldest first, after the cursor's (publishedAt, id). */
export function publishedNotices(
  db: Db,
  query: NoticeFeedQuery & { after?: { publishedAt: Date; id: string }; limit: number },
): Promise<noticeRepository.NoticeRow[]> {
  return noticeRepository.feedPage(db, query);
}

/** When the published notices a query asks for last changed, and how many there are. */
export function publishedNoticesVersion(db: Db, query: NoticeFeedQuery) {
  return noticeRepository.feedVersion(db, query);
}

/** The vehicles with published notices, after `afterVehicleId`, at most `limit`: a page of records. */
export async function vehiclesWithPublishedNotices(
  db: Db,
  organisationId: string,
  afterVehicleId: string | null,
  limit: number,
): Promise<string[]> {
  const all = await noticeRepository.vehiclesWithNotices(db, organisationId);
  return all.filter((id) => afterVehicleId === null || id > afterVehicleId).slice(0, limit);
}

/** The vehicle an ocid names, when it ends with one. */
export const vehicleIdOfOcid = (ocid: string): string | undefined => {
  const id = ocid.slice(-36);
  return isUuid(id) ? id : undefined;
};
