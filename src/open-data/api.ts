// The open-data feeds: OCDS release and record packages of the published notices, and each
// organisation's bulk file. Anyone may read them with no token, from any web page (CORS), and a
// harvester polls cheaply: every answer carries ETag and Last-Modified, and a conditional request
// for an unchanged feed answers 304 without reading it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, publicOperation, type ApiOperation } from '../platform/http/api.ts';
import { feedQuery } from './input.ts';
import * as openData from './service.ts';
import { paths } from './paths.ts';

/** Requests a minute one address may make of the feeds: a harvester pages through at a steady pace. */
export const FEED_REQUESTS_PER_MINUTE = 300;

const FEED = 'Open data';

/** Headers every feed answer carries, then 304 where the harvester's copy is current. */
async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  version: openData.FeedVersion,
  body: () => Promise<object>,
): Promise<unknown> {
  reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'ETag, Last-Modified, Link')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', 'public, no-cache')
    .header('etag', version.etag);
  if (version.lastModified) reply.header('last-modified', version.lastModified.toUTCString());
  const headers = { etag: version.etag, 'last-modified': version.lastModified?.toUTCString() };
  if (fresh(request.headers, headers)) return reply.code(304).send();
  return body();
}

/** The package's own address, and the base its next page is built on. */
function addressOf(request: FastifyRequest, publicUrl: string, version: openData.FeedVersion) {
  return { uri: `${publicUrl}${request.url}`, base: `${publicUrl}${request.url.split('?')[0]}`, version };
}

const FILTERS =
  'organisation is the publishing organisation’s code (a council’s ONS code, an NHS body’s ODS code) and is required. ocid narrows to one contracting process; since and until (a date, or a date and time) to notices published in that window, inclusive. limit is 1 to 500 (100 unless asked). A page with more after it has links.next, the address of the next page; follow it as given.';
const CONDITIONAL =
  'Every answer carries ETag and Last-Modified: send If-None-Match (or If-Modified-Since) to be answered 304 Not Modified while nothing has changed.';

export function openDataApi(db: Db, settings: { publicUrl: string }): ApiOperation[] {
  return [
    publicOperation({
      path: paths.releases(),
      tag: FEED,
      query: feedQuery,
      rateLimitPerMinute: FEED_REQUESTS_PER_MINUTE,
      summary: 'Published notices as an OCDS 1.1 release package, oldest first',
      description: `Each release is a notice as it was published (Procurement Act 2023 UK notices with the UK extension, or a PCR 2015 contract or award notice); nothing unpublished is in it. ${FILTERS} ${CONDITIONAL}`,
      success: { status: 200, description: 'an OCDS release package, with links.next where there is more' },
      errors: { 304: 'Not modified since the copy the ETag or date names', 404: 'No organisation with that code' },
      handle: async ({ request, reply, query }) => {
        const version = await openData.releaseFeedVersion(db, query);
        return answer(request, reply, version, () =>
          openData.releaseFeed(db, query, addressOf(request, settings.publicUrl, version)),
        );
      },
    }),
    publicOperation({
      path: paths.records(),
      tag: FEED,
      query: feedQuery,
      rateLimitPerMinute: FEED_REQUESTS_PER_MINUTE,
      summary: 'Contracting processes as an OCDS 1.1 record package: each with its releases and compiled release',
      description: `One record for each vehicle with published notices, with every release and the compiled release (the releases merged oldest first under the OCDS merging rules). since and until do not apply: a record is always whole. ${FILTERS} ${CONDITIONAL}`,
      success: { status: 200, description: 'an OCDS record package, with links.next where there is more' },
      errors: { 304: 'Not modified since the copy the ETag or date names', 404: 'No organisation with that code' },
      handle: async ({ request, reply, query }) => {
        const version = await openData.recordFeedVersion(db, query);
        return answer(request, reply, version, () =>
          openData.recordFeed(db, query, addressOf(request, settings.publicUrl, version)),
        );
      },
    }),
    publicOperation({
      path: '/open-data/ocds/organisations/{organisation}/releases.json',
      tag: FEED,
      rateLimitPerMinute: FEED_REQUESTS_PER_MINUTE,
      summary: 'Every notice an organisation has published, in one OCDS release package (its bulk file)',
      description: CONDITIONAL,
      success: { status: 200, description: 'an OCDS release package' },
      errors: { 304: 'Not modified', ...NOT_FOUND },
      handle: async ({ request, reply, params }) => {
        const version = await openData.bulkVersion(db, params.organisation!);
        return answer(request, reply, version, () =>
          openData.bulkReleases(db, params.organisation!, addressOf(request, settings.publicUrl, version)),
        );
      },
    }),
  ];
}
