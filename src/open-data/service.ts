// Open data: the published notices as OCDS release and record packages, a page at a time, each
// with a version (for ETag and Last-Modified), and the public pages' figures. It reads only
// through procurement's public service, so nothing unpublished can come out of here.
import { createHash } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { NOTICE_EXTENSIONS } from '../procurement/domain/notice-release.ts';
import * as publicProcurement from '../procurement/public-service.ts';
import { placementsThroughVehicle } from '../brokerage/placement-service.ts';
import { compileReleases, type OcdsRelease } from './domain/compile.ts';
import type { FeedQuery } from './input.ts';

const LICENCE = 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** What a conditional request is compared with: the feed's newest publication and an opaque tag. */
export interface FeedVersion {
  etag: string;
  lastModified: Date | null;
}

/** A cursor is the last item of the previous page, opaque to the harvester. */
const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeCursor<T>(cursor: string | undefined, valid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (valid(value)) return value;
  } catch {
    // Refused below.
  }
  throw new ValidationError([{ field: 'cursor', message: 'Use the cursor from links.next as given' }]);
}

const isNoticeCursor = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(new Date(value[0]).getTime()) &&
  typeof value[1] === 'string' &&
  /^[0-9a-f-]{36}$/.test(value[1]);

const isVehicleCursor = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value);

/** The feed's filter, for the database: an ocid that names no vehicle matches nothing. */
async function noticeFilter(db: Db, query: FeedQuery) {
  const organisation = await publicProcurement.publicOrganisation(db, query.organisation);
  const vehicleId = query.ocid === undefined ? undefined : (publicProcurement.vehicleIdOfOcid(query.ocid) ?? 'none');
  return {
    organisation,
    filter: {
      organisationId: organisation.id,
      vehicleId,
      from: query.since ? new Date(query.since) : undefined,
      to: query.until ? new Date(query.until) : undefined,
    },
  };
}

/** The feed's version: a change to any notice it covers, or to the query, changes the tag. */
function versionOf(kind: string, query: FeedQuery, stamp: { latest: Date | null; total: number }): FeedVersion {
  const etag = createHash('sha256')
    .update(JSON.stringify([kind, query, stamp.total, stamp.latest?.toISOString() ?? null]))
    .digest('base64url')
    .slice(0, 32);
  return { etag: `"${etag}"`, lastModified: stamp.latest };
}

/** The address of the next page: the same query, from after this page's last item. */
function nextLink(base: string, query: FeedQuery, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, cursor }))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return `${base}?${params.toString()}`;
}

const packageHeader = (uri: string, publisher: string, latest: Date | null) => ({
  uri,
  version: '1.1',
  extensions: NOTICE_EXTENSIONS,
  // The newest publication, not the time of asking: the same data is the same bytes.
  publishedDate: (latest ?? new Date(0)).toISOString(),
  publisher: { name: publisher },
  license: LICENCE,
});

/** The version of a feed without reading its page: what a conditional request is answered from. */
export async function releaseFeedVersion(db: Db, query: FeedQuery): Promise<FeedVersion> {
  const { filter } = await noticeFilter(db, query);
  return versionOf('releases', query, await publicProcurement.publishedNoticesVersion(db, filter));
}

/** Where a package says it came from, and where its next page is asked for. */
export interface FeedAddress {
  base: string;
  uri: string;
  version: FeedVersion;
}

/** A page of the organisation's published notices as an OCDS release package, oldest first. */
export async function releaseFeed(db: Db, query: FeedQuery, address: FeedAddress): Promise<object> {
  const { organisation, filter } = await noticeFilter(db, query);
  const after = decodeCursor(query.cursor, isNoticeCursor);
  const rows = await publicProcurement.publishedNotices(db, {
    ...filter,
    after: after ? { publishedAt: new Date(after[0]), id: after[1] } : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last;
  return {
    ...packageHeader(address.uri, organisation.name, address.version.lastModified),
    releases: page.map((row) => row.release),
    ...(more
      ? { links: { next: nextLink(address.base, query, encodeCursor([last.publishedAt.toISOString(), last.id])) } }
      : {}),
  };
}

/** A record is always whole, so its version is the whole process's (or organisation's), whatever the dates asked. */
export async function recordFeedVersion(db: Db, query: FeedQuery): Promise<FeedVersion> {
  const { filter } = await noticeFilter(db, query);
  const whole = { organisationId: filter.organisationId, vehicleId: filter.vehicleId };
  return versionOf('records', query, await publicProcurement.publishedNoticesVersion(db, whole));
}

/**
 * A page of records, one per vehicle with published notices: each with its releases, oldest first,
 * and its compiled release. since and until are not applied to a record, which is always whole.
 */
export async function recordFeed(db: Db, query: FeedQuery, address: FeedAddress): Promise<object> {
  const { organisation, filter } = await noticeFilter(db, query);
  const after = decodeCursor(query.cursor, isVehicleCursor) ?? null;
  const vehicleIds = filter.vehicleId
    ? [filter.vehicleId].filter((id) => after === null || id > after)
    : await publicProcurement.vehiclesWithPublishedNotices(db, organisation.id, after, query.limit + 1);
  const page = vehicleIds.slice(0, query.limit);
  const records = await Promise.all(
    page.map(async (vehicleId) => {
      const rows = await publicProcurement.publishedNotices(db, {
        organisationId: organisation.id,
        vehicleId,
        limit: 10_000,
      });
      const releases = rows.map((row) => row.release as unknown as OcdsRelease);
      return releases.length === 0
        ? null
        : { ocid: releases[0]!.ocid, releases, compiledRelease: compileReleases(releases) };
    }),
  );
  const more = vehicleIds.length > query.limit;
  return {
    ...packageHeader(address.uri, organisation.name, address.version.lastModified),
    records: records.filter((record) => record !== null),
    ...(more ? { links: { next: nextLink(address.base, query, encodeCursor(page.at(-1))) } } : {}),
  };
}

/** The version of an organisation's bulk file. */
export async function bulkVersion(db: Db, organisationCode: string): Promise<FeedVersion> {
  const organisation = await publicProcurement.publicOrganisation(db, organisationCode);
  const stamp = await publicProcurement.publishedNoticesVersion(db, { organisationId: organisation.id });
  return versionOf('bulk', { organisation: organisation.code, limit: 0 }, stamp);
}

/** Every notice the organisation has published, as one release package: its bulk file. */
export async function bulkReleases(db: Db, organisationCode: string, address: FeedAddress): Promise<object> {
  const organisation = await publicProcurement.publicOrganisation(db, organisationCode);
  const rows = await publicProcurement.publishedNotices(db, { organisationId: organisation.id, limit: 1_000_000 });
  return {
    ...packageHeader(address.uri, organisation.name, address.version.lastModified),
    releases: rows.map((row) => row.release),
  };
}

/** A published vehicle's public page: what procurement publishes, and the placements made through it. */
export async function publicVehiclePage(db: Db, organisationCode: string, vehicleId: string) {
  const vehicle = await publicProcurement.publicVehicle(db, organisationCode, vehicleId);
  return {
    ...vehicle,
    placements: await placementsThroughVehicle(db, vehicle.organisation.id, vehicle.detail.vehicle.id),
  };
}

export const publicVehicleList = publicProcurement.publicVehicleList;
