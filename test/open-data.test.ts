// Public pages and open-data feeds, reached with no session and no token: what was published is
// there, valid OCDS; nothing unpublished is (a draft vehicle, a notice due but not published,
// scores, applications); harvesters poll cheaply with ETag and Last-Modified; bad queries are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDateInLondon } from '../src/platform/domain/calendar.ts';
import { api, testWorld, type TestWorld } from './support/test-app.ts';
import { openVehicle, submittedApplication, throughEvaluation } from './support/procurement.ts';
import { ocdsPackageErrors, ocdsRecordPackageErrors } from './support/ocds-schema.ts';

let world: TestWorld;
let live: { id: string; reference: string };
let draftId: string;
const COUNCIL = 'E10000028';
/** Said by the evaluator about Heron's tender: never public. */
const EVALUATOR_COMMENT = 'Scored against the published criteria';

const anonymous = (url: string, headers: Record<string, string> = {}) =>
  world.app.inject({ method: 'GET', url, headers });

before(async () => {
  world = await testWorld();
  const vehicle = await openVehicle(world, {
    reference: 'OPEN-DATA-1',
    description: 'Supported living in Staffordshire',
    valuePence: 2_890_000_000,
  });
  live = { id: vehicle.id, reference: 'OPEN-DATA-1' };
  const heron = await submittedApplication(world, 'provider_user', vehicle, [vehicle.lots[0]!.id]);
  await throughEvaluation(world, vehicle.id, heron, [4, 4]);
  const tender = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/notices`, {
    kind: 'UK4',
    subject: 'vehicle',
  });
  assert.equal(tender.statusCode, 201, tender.body);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/status`, { status: 'evaluation' });
  const awarded = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicle.id}/award`, {
    noticeDate: isoDateInLondon(new Date()),
  });
  assert.equal(awarded.statusCode, 201, awarded.body);
  const draft = await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: 'OPEN-DATA-DRAFT',
    name: 'A framework still being drafted',
    kind: 'framework',
    regime: 'pa2023',
    zones: world.zoneIds.map((zoneId) => ({ zoneId })),
  });
  draftId = draft.json().vehicle.id;
});
after(() => world.close());

const awardNotice = async () => {
  const notices = (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${live.id}/notices`)).json().notices as {
    kind: string;
    subject: string;
  }[];
  return notices.find((notice) => notice.kind === 'UK6')!;
};

test('the public list and page show the published vehicle, with no sign-in, and nothing of a draft', async () => {
  const list = await anonymous(`/public/${COUNCIL}/vehicles`);
  assert.equal(list.statusCode, 200, list.body);
  assert.match(list.body, /OPEN-DATA-1/);
  assert.doesNotMatch(list.body, /OPEN-DATA-DRAFT|still being drafted/);

  const page = await anonymous(`/public/${COUNCIL}/vehicles/${live.id}`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /OPEN-DATA-1\/UK4\/1/, 'the published tender notice');
  assert.doesNotMatch(page.body, /UK6/, 'the award notice is due but not published');
  assert.match(page.body, /Heron/, 'the provider awarded a place');
  assert.match(page.body, /awarded; contract not yet started/);
  assert.doesNotMatch(page.body, new RegExp(EVALUATOR_COMMENT), 'no evaluator’s words');
  assert.doesNotMatch(page.body, /Kestrel/);
  assert.equal(page.headers['set-cookie'], undefined, 'reading a public page starts no session');

  for (const url of [
    `/public/${COUNCIL}/vehicles/${draftId}`,
    `/public/E10000016/vehicles/${live.id}`,
    `/public/NOPE/vehicles`,
    `/public/${COUNCIL}/vehicles/not-a-vehicle`,
  ])
    assert.equal((await anonymous(url)).statusCode, 404, url);
  // What a signed-in user sees stays behind sign-in.
  const staffPage = await anonymous(`/vehicles/${live.id}`);
  assert.equal(staffPage.statusCode, 302);
  assert.equal((await anonymous(`/api/v1/vehicles/${live.id}/notices`)).statusCode, 401);
});

test('a name with markup is shown as text on the public pages', async () => {
  const marked = await openVehicle(world, { reference: 'OPEN-DATA-MARKUP', name: '<script>alert("hearth")</script>' });
  for (const url of [`/public/${COUNCIL}/vehicles`, `/public/${COUNCIL}/vehicles/${marked.id}`]) {
    const body = (await anonymous(url)).body;
    assert.match(body, /&lt;script&gt;alert\(&quot;hearth&quot;\)&lt;\/script&gt;/, url);
    assert.doesNotMatch(body, /<script>alert/, url);
  }
});

test('the release feed: published notices only, valid OCDS, open to any origin, with ETag and Last-Modified', async () => {
  const url = `/open-data/ocds/releases?organisation=${COUNCIL}`;
  const first = await anonymous(url);
  assert.equal(first.statusCode, 200, first.body);
  const body = first.json();
  assert.deepEqual(ocdsPackageErrors(body), []);
  assert.deepEqual(
    body.releases.map((release: { tag: string[] }) => release.tag),
    [['tender']],
    'the tender notice only: the award is not published yet, and the draft has none',
  );
  assert.equal(first.headers['access-control-allow-origin'], '*');
  assert.equal(first.headers['cache-control'], 'public, no-cache', 'kept, and checked again by its ETag');
  assert.equal(first.headers['set-cookie'], undefined);
  const etag = String(first.headers.etag);
  const lastModified = String(first.headers['last-modified']);
  assert.ok(etag && lastModified);
  assert.doesNotMatch(first.body, new RegExp(EVALUATOR_COMMENT));

  const unchanged = await anonymous(url, { 'if-none-match': etag });
  assert.equal(unchanged.statusCode, 304);
  assert.equal(unchanged.body, '');
  assert.equal((await anonymous(url, { 'if-modified-since': lastModified })).statusCode, 304);

  const published = await api(
    world,
    'commissioner',
    'POST',
    `/api/v1/vehicles/${live.id}/notices`,
    await awardNotice(),
  );
  assert.equal(published.statusCode, 201, published.body);
  const changed = await anonymous(url, { 'if-none-match': etag });
  assert.equal(changed.statusCode, 200, 'a new notice changes the feed');
  assert.notEqual(changed.headers.etag, etag);
  assert.equal(changed.json().releases.length, 2);
  assert.deepEqual(ocdsPackageErrors(changed.json()), []);
});

test('the release feed pages with links.next and filters by ocid and date', async () => {
  const firstPage = (await anonymous(`/open-data/ocds/releases?organisation=${COUNCIL}&limit=1`)).json();
  assert.equal(firstPage.releases.length, 1);
  const next = new URL(firstPage.links.next);
  const secondPage = (await anonymous(`${next.pathname}${next.search}`)).json();
  assert.equal(secondPage.releases.length, 1);
  assert.notEqual(secondPage.releases[0].id, firstPage.releases[0].id);
  assert.equal(secondPage.links, undefined, 'the last page has no next');

  const ocid = firstPage.releases[0].ocid;
  const byOcid = (await anonymous(`/open-data/ocds/releases?organisation=${COUNCIL}&ocid=${ocid}`)).json();
  assert.equal(byOcid.releases.length, 2);
  const otherOcid = (await anonymous(`/open-data/ocds/releases?organisation=${COUNCIL}&ocid=ocds-x-${draftId}`)).json();
  assert.equal(otherOcid.releases.length, 0);
  const future = (await anonymous(`/open-data/ocds/releases?organisation=${COUNCIL}&since=2099-01-01`)).json();
  assert.equal(future.releases.length, 0);
  const past = (await anonymous(`/open-data/ocds/releases?organisation=${COUNCIL}&until=2020-01-01`)).json();
  assert.equal(past.releases.length, 0);
});

test('the record feed and the bulk file', async () => {
  const records = await anonymous(`/open-data/ocds/records?organisation=${COUNCIL}`);
  assert.equal(records.statusCode, 200, records.body);
  const body = records.json();
  assert.deepEqual(ocdsRecordPackageErrors(body), []);
  assert.equal(body.records.length, 1, 'one process with published notices');
  assert.equal(body.records[0].releases.length, 2);
  assert.deepEqual(body.records[0].compiledRelease.tag, ['compiled']);
  assert.ok(body.records[0].compiledRelease.awards.length > 0, 'the compiled release has the award');
  assert.equal(
    (
      await anonymous(`/open-data/ocds/records?organisation=${COUNCIL}`, {
        'if-none-match': String(records.headers.etag),
      })
    ).statusCode,
    304,
  );

  const bulk = await anonymous(`/open-data/ocds/organisations/${COUNCIL}/releases.json`);
  assert.equal(bulk.statusCode, 200);
  assert.equal(bulk.json().releases.length, 2);
  assert.deepEqual(ocdsPackageErrors(bulk.json()), []);
  assert.equal((await anonymous('/open-data/ocds/organisations/NOPE/releases.json')).statusCode, 404);
  const otherCouncil = (await anonymous('/open-data/ocds/organisations/E10000016/releases.json')).json();
  assert.equal(otherCouncil.releases.length, 0, 'another council has published nothing');
});

test('a feed query that cannot be read is refused, naming its field', async () => {
  for (const [query, field] of [
    ['', 'organisation'],
    [`organisation=${COUNCIL}&since=2025-02-30`, 'since'],
    [`organisation=${COUNCIL}&until=yesterday`, 'until'],
    [`organisation=${COUNCIL}&limit=0`, 'limit'],
    [`organisation=${COUNCIL}&limit=many`, 'limit'],
    [`organisation=${COUNCIL}&cursor=not-a-cursor`, 'cursor'],
  ] as const) {
    const refused = await anonymous(`/open-data/ocds/releases?${query}`);
    assert.equal(refused.statusCode, 422, `${query}: ${refused.body}`);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(
      refused.json().errors.map((error: { field: string }) => error.field),
      [field],
      query,
    );
  }
  assert.equal((await anonymous('/open-data/ocds/releases?organisation=NOPE')).statusCode, 404);
});

test('the feeds are in the OpenAPI document, for anyone with no token', async () => {
  const document = (await anonymous('/api/openapi.json')).json();
  for (const path of [
    '/open-data/ocds/releases',
    '/open-data/ocds/records',
    '/open-data/ocds/organisations/{organisation}/releases.json',
  ]) {
    assert.ok(document.paths[path]?.get, path);
    assert.deepEqual(document.paths[path].get.security, [], `${path} needs no token`);
  }
});
