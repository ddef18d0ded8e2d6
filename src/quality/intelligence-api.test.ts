// The intelligence log: recording what is learnt about a service, a concern's finding, a company's
// status and manager vacancies from CQC data; who may read and record it; a provider reading only
// its own, never an entry that links a person; and the list's page, filters and CSV.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import '../../test/support/clock.ts';
import { csvRecords, tableRows } from '../../test/support/lists.ts';
import { contractedService, serviceAtLocation } from '../../test/support/quality.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { locationsOf } from '../providers/repository.ts';
import { providerLocations } from '../providers/schema.ts';

let world: TestWorld;
let heron: string;
let kestrel: string;
let person: { id: string; caseReference: string };
before(async () => {
  world = await testWorld();
  heron = await contractedService(world, 'provider');
  kestrel = await contractedService(world, 'other_provider');
  const created = await api(world, 'social_worker', 'POST', '/api/v1/people', {
    name: 'Alex Example',
    dateOfBirth: '1990-05-17',
    caseReference: 'LAS-7001',
    clientGroups: ['learning-disability'],
    homeZoneId: world.zoneIds[0],
    inCounty: true,
    paymentRoute: 'commissioned',
    funding: [{ stream: 'care-act', percent: 100 }],
    contributionPence: 0,
  });
  assert.equal(created.statusCode, 201, created.body);
  person = created.json();
});
after(() => world.close());

const record = (seat: Seat, serviceId: string, body: Record<string, unknown>) =>
  api(world, seat, 'POST', `/api/v1/quality/services/${serviceId}/intelligence`, body);

const MISSED_VISITS = {
  kind: 'concern',
  category: 'missed-visits',
  occurredOn: '2026-11-20',
  summary: 'Three evening calls missed in one week',
  source: 'Phone call from a family member',
};

type Entry = Record<string, unknown> & { id: string };
type Listed = { items: Entry[]; total: number };
const list = async (seat: Seat, query = '') => {
  const response = await api(world, seat, 'GET', `/api/v1/quality/intelligence${query}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Listed;
};
const fieldsOf = (body: string) => (JSON.parse(body).errors as { field: string }[]).map((error) => error.field).sort();

describe('the intelligence log', () => {
  let concern: Entry;
  let linked: Entry;
  let enquiry: Entry;

  test('a quality officer records a concern about a service; every problem is named at once', async () => {
    const saved = await record('quality_officer', heron, MISSED_VISITS);
    assert.equal(saved.statusCode, 201, saved.body);
    concern = saved.json();
    assert.equal(concern.kindLabel, 'Contract concern');
    assert.equal(concern.categoryLabel, 'Missed visits');
    assert.equal(concern.providerName, 'Heron Supported Living Ltd');
    assert.equal(concern.recordedByName, 'Test quality officer');
    assert.equal(concern.outcome, null);

    const empty = await record('commissioner', heron, {});
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(fieldsOf(empty.body), ['category', 'kind', 'occurredOn', 'source', 'summary']);
    const wrong = await record('commissioner', heron, {
      ...MISSED_VISITS,
      category: 'unexpected-death',
      occurredOn: '2026-12-25',
      summary: 'Her NHS number is 943 476 5919',
      outcome: 'substantiated',
      rating: '5',
    });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(fieldsOf(wrong.body), ['category', 'occurredOn', 'outcomeReason', 'rating', 'summary']);
    assert.match(wrong.body, /NHS number/);
    const company = await record('commissioner', heron, {
      ...MISSED_VISITS,
      kind: 'company-status',
      category: 'dissolved',
    });
    assert.match(company.body, /"field":"kind".*against its provider/);
  });

  test('a safeguarding entry is a section 42 enquiry’s outcome; a food hygiene entry has its rating', async () => {
    const noOutcome = await record('quality_officer', heron, {
      ...MISSED_VISITS,
      kind: 'safeguarding',
      category: 'section-42',
      summary: 'Enquiry into medication errors concluded',
      source: 'Safeguarding adults team',
    });
    assert.deepEqual(fieldsOf(noOutcome.body), ['outcome']);
    const saved = await record('quality_officer', heron, {
      ...MISSED_VISITS,
      kind: 'safeguarding',
      category: 'section-42',
      summary: 'Enquiry into medication errors concluded',
      source: 'Safeguarding adults team',
      outcome: 'risk-reduced',
    });
    assert.equal(saved.statusCode, 201, saved.body);
    enquiry = saved.json();
    assert.equal(enquiry.outcomeLabel, 'Risk identified and reduced');
    const food = await record('quality_officer', kestrel, {
      kind: 'food-hygiene',
      category: 'rating',
      occurredOn: '2026-06-02',
      summary: 'Rated after the kitchen refit',
      source: 'Food Standards Agency website',
      rating: '3',
    });
    assert.equal(food.statusCode, 201, food.body);
    assert.equal(food.json().ratingLabel, '3: generally satisfactory');
  });

  test('a person is linked by id or case reference of the same organisation; a wrong one names its field', async () => {
    const unknown = await record('quality_officer', heron, { ...MISSED_VISITS, personId: randomUUID() });
    assert.equal(unknown.statusCode, 422);
    assert.deepEqual(fieldsOf(unknown.body), ['personId']);
    const notAnId = await record('quality_officer', heron, { ...MISSED_VISITS, personId: 'LAS-7001' });
    assert.deepEqual(fieldsOf(notAnId.body), ['personId']);
    const noOne = await record('quality_officer', heron, { ...MISSED_VISITS, personCaseReference: 'LAS-0000' });
    assert.deepEqual(fieldsOf(noOne.body), ['personCaseReference']);
    const saved = await record('quality_officer', heron, {
      ...MISSED_VISITS,
      category: 'medication',
      summary: 'Evening medication given two hours late',
      personCaseReference: person.caseReference,
    });
    assert.equal(saved.statusCode, 201, saved.body);
    linked = saved.json();
    assert.deepEqual(linked.person, { id: person.id, caseReference: 'LAS-7001' });
    const byId = await record('commissioner', heron, { ...MISSED_VISITS, category: 'staffing', personId: person.id });
    assert.equal(byId.statusCode, 201, byId.body);
  });

  test('only quality officers and commissioners record; another council and another provider get 404', async () => {
    for (const seat of ['auditor', 'social_worker', 'provider_user'] as const)
      assert.equal((await record(seat, heron, MISSED_VISITS)).statusCode, 403, seat);
    assert.equal((await record('other_council_commissioner', heron, MISSED_VISITS)).statusCode, 404);
    assert.equal((await record('quality_officer', randomUUID(), MISSED_VISITS)).statusCode, 404);
    const url = `/api/v1/quality/intelligence/${concern.id}`;
    assert.equal((await api(world, 'auditor', 'GET', url)).statusCode, 200);
    assert.equal((await api(world, 'provider_user', 'GET', url)).statusCode, 200, 'Heron reads its own');
    for (const seat of ['other_provider_user', 'other_council_commissioner'] as const)
      assert.equal((await api(world, seat, 'GET', url)).statusCode, 404, seat);
    assert.equal((await api(world, 'social_worker', 'GET', url)).statusCode, 403);
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/quality/intelligence/not-an-id')).statusCode, 404);
  });

  test('a provider never sees an entry that links a person, nor whose it is; staff see that one is linked', async () => {
    const own = await list('provider_user');
    assert.ok(own.items.length > 0);
    assert.ok(own.items.every((entry) => entry.providerName === 'Heron Supported Living Ltd'));
    assert.ok(own.items.every((entry) => !('person' in entry) && !('personLinked' in entry)));
    assert.ok(!own.items.some((entry) => entry.id === linked.id));
    assert.equal(
      (await api(world, 'provider_user', 'GET', `/api/v1/quality/intelligence/${linked.id}`)).statusCode,
      404,
    );
    const theirs = await list('other_provider_user');
    assert.deepEqual(
      theirs.items.map((entry) => entry.kind),
      ['food-hygiene'],
    );
    const staff = await list('auditor', `?serviceId=${heron}`);
    assert.equal(staff.items.find((entry) => entry.id === linked.id)?.personLinked, true);
    assert.equal(staff.items.find((entry) => entry.id === concern.id)?.personLinked, false);
    assert.ok(
      staff.items.every((entry) => !('person' in entry)),
      'who, only on the entry itself',
    );
    assert.equal((await list('other_council_commissioner')).total, 0);
  });

  test('a concern’s finding is recorded once investigated, with its reason; only a concern has one', async () => {
    const url = `/api/v1/quality/intelligence/${concern.id}/finding`;
    const noReason = await api(world, 'quality_officer', 'POST', url, { outcome: 'substantiated' });
    assert.equal(noReason.statusCode, 422);
    assert.deepEqual(fieldsOf(noReason.body), ['outcomeReason']);
    const nothing = await api(world, 'quality_officer', 'POST', url, {});
    assert.deepEqual(fieldsOf(nothing.body), ['outcome']);
    assert.equal((await api(world, 'auditor', 'POST', url, { outcome: 'substantiated' })).statusCode, 403);
    const other = await api(world, 'other_council_commissioner', 'POST', url, {
      outcome: 'substantiated',
      outcomeReason: 'x',
    });
    assert.equal(other.statusCode, 404);
    const found = await api(world, 'commissioner', 'POST', url, {
      outcome: 'substantiated',
      outcomeReason: 'Call logs confirm three evening visits were missed',
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.equal(found.json().outcomeLabel, 'Substantiated');
    const notConcern = await api(
      world,
      'quality_officer',
      'POST',
      `/api/v1/quality/intelligence/${enquiry.id}/finding`,
      {
        outcome: 'substantiated',
        outcomeReason: 'x',
      },
    );
    assert.equal(notConcern.statusCode, 409);
    assert.match(notConcern.body, /Only a concern has a finding/);
  });

  test('a company’s status is recorded for a provider on the register, with its date and source', async () => {
    const url = (providerId: string) => `/api/v1/quality/providers/${providerId}/company-status`;
    const body = {
      category: 'administration',
      occurredOn: '2026-11-28',
      summary: 'Administrators appointed; services continue while a buyer is sought',
      source: 'The Gazette',
    };
    const bad = await api(world, 'commissioner', 'POST', url(world.providerId), {
      ...body,
      category: 'wound-up',
      source: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fieldsOf(bad.body), ['category', 'source']);
    assert.equal((await api(world, 'auditor', 'POST', url(world.providerId), body)).statusCode, 403);
    assert.equal((await api(world, 'commissioner', 'POST', url(randomUUID()), body)).statusCode, 404);
    const notTheirs = await api(world, 'other_council_commissioner', 'POST', url(world.providerId), body);
    assert.equal(notTheirs.statusCode, 404, 'not on the other council’s register');
    const saved = await api(world, 'commissioner', 'POST', url(world.providerId), body);
    assert.equal(saved.statusCode, 201, saved.body);
    assert.equal(saved.json().serviceId, null);
    assert.equal(saved.json().categoryLabel, 'In administration');
    const seen = await list('provider_user', '?kind=company-status');
    assert.deepEqual(
      seen.items.map((entry) => entry.id),
      [saved.json().id],
    );
  });

  test('the list filters by kind, provider and dates, sorts, pages, and refuses a filter it cannot read', async () => {
    const concerns = await list('auditor', '?kind=concern');
    assert.ok(concerns.items.every((entry) => entry.kind === 'concern'));
    assert.equal(concerns.total, 3);
    const kestrels = await list('auditor', `?providerId=${world.otherProviderId}`);
    assert.deepEqual(
      kestrels.items.map((entry) => entry.serviceId),
      [kestrel],
    );
    const june = await list('auditor', '?from=2026-06-01&to=2026-06-30');
    assert.deepEqual(
      june.items.map((entry) => entry.kind),
      ['food-hygiene'],
    );
    const newest = await list('auditor', '?sort=occurred&order=desc&pageSize=1');
    assert.equal(newest.items[0]!.occurredOn, '2026-11-28');
    assert.ok(newest.total > 1);
    const searched = await list('auditor', '?search=medication');
    assert.equal(searched.total, 2, 'the enquiry and the linked concern');
    const bad = await api(world, 'auditor', 'GET', '/api/v1/quality/intelligence?kind=rumour&from=yesterday');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(fieldsOf(bad.body), ['from', 'kind']);
    assert.equal((await api(world, 'social_worker', 'GET', '/api/v1/quality/intelligence')).statusCode, 403);
  });

  test('a vacancy is recorded from CQC data once: no registered manager, then an absence', async () => {
    const serviceId = await serviceAtLocation(world);
    const [location] = await locationsOf(world.db, world.providerId);
    const url = '/api/v1/quality/intelligence/manager-vacancies';
    assert.equal((await api(world, 'auditor', 'POST', url)).statusCode, 403);
    assert.deepEqual((await api(world, 'quality_officer', 'POST', url)).json(), { added: 0 }, 'a manager in post');
    const setManager = (set: { registeredManager: string | null; registeredManagerAbsentSince: string | null }) =>
      world.db.update(providerLocations).set(set).where(eq(providerLocations.id, location!.id));
    await setManager({ registeredManager: null, registeredManagerAbsentSince: null });
    assert.deepEqual((await api(world, 'quality_officer', 'POST', url)).json(), { added: 1 });
    assert.deepEqual((await api(world, 'commissioner', 'POST', url)).json(), { added: 0 }, 'not again');
    await setManager({ registeredManager: 'Ms Ada Lovelace', registeredManagerAbsentSince: '2026-10-05' });
    assert.deepEqual((await api(world, 'quality_officer', 'POST', url)).json(), { added: 1 });
    const vacancies = await list('auditor', `?kind=manager-vacancy&serviceId=${serviceId}`);
    assert.deepEqual(
      vacancies.items.map((entry) => [entry.categoryLabel, entry.source]),
      [
        ['No registered manager', 'CQC data'],
        ['Registered manager absent', 'CQC data'],
      ],
    );
    assert.ok(vacancies.items.every((entry) => !String(entry.summary).includes('Lovelace')));
    assert.equal((await api(world, 'other_council_commissioner', 'POST', url)).json().added, 0);
  });
});

test('the OpenAPI document describes each of the log’s operations, with its body', async () => {
  const doc = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/v1/quality/intelligence'].get);
  assert.ok(doc.paths['/api/v1/quality/intelligence/{entryId}'].get);
  assert.ok(doc.paths['/api/v1/quality/intelligence/manager-vacancies'].post);
  for (const path of [
    '/api/v1/quality/services/{id}/intelligence',
    '/api/v1/quality/intelligence/{entryId}/finding',
    '/api/v1/quality/providers/{providerId}/company-status',
  ])
    assert.ok(doc.paths[path].post.requestBody, path);
});

describe('the intelligence log’s pages', () => {
  test('the log lists the entries with a CSV of the same rows; a provider sees its own', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const page = await officer.get('/quality/intelligence?kind=concern');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Intelligence log/);
    assert.equal(tableRows(page.body, 'entries').length, 3);
    const csv = await csvRecords(officer, '/quality/intelligence.csv?kind=concern');
    assert.equal(csv.length, 3);
    assert.deepEqual(Object.keys(csv[0]!).slice(0, 4), ['Date', 'Service', 'Provider', 'Kind']);
    assert.ok(csv.some((row) => row['Finding or outcome'] === 'Substantiated' && row['Person linked'] === 'No'));
    assert.equal(csv.filter((row) => row['Person linked'] === 'Yes').length, 2);
    assert.equal((await officer.get('/quality/intelligence.xlsx')).statusCode, 200);
    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.provider_user);
    const theirs = await csvRecords(provider, '/quality/intelligence.csv?kind=concern');
    assert.equal(theirs.length, 1, 'the one concern that links no person');
    assert.ok(theirs.every((row) => row.Provider === 'Heron Supported Living Ltd' && row['Person linked'] === ''));
  });

  test('recording from the form: errors by their fields, then the entry and its finding', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    const form = await officer.get(`/quality/services/${heron}/intelligence/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="kind" type="radio" value="concern"/);
    const refused = await officer.post(`/quality/services/${heron}/intelligence/new`, {
      kind: 'notification',
      category: 'complaint',
      summary: 'DOB 01/02/1960 on the incident form',
      source: '',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    for (const field of ['category', 'occurredOn', 'summary', 'source'])
      assert.match(refused.body, new RegExp(`href="#${field}"`), field);
    const saved = await officer.post(`/quality/services/${heron}/intelligence/new`, {
      kind: 'concern',
      category: 'complaint',
      'occurredOn-day': '26',
      'occurredOn-month': '11',
      'occurredOn-year': '2026',
      summary: 'Complaint about cancelled community outings',
      source: 'Email from an advocate',
      personCaseReference: person.caseReference,
    });
    assert.equal(saved.statusCode, 302, saved.body);
    const entryUrl = saved.headers.location as string;
    const entry = await officer.get(entryUrl);
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /Not yet investigated/);
    assert.match(entry.body, /LAS-7001/);
    assert.match(entry.body, /Record the finding/);
    const noReason = await officer.post(`${entryUrl}/finding`, { outcome: 'not-substantiated' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /href="#outcomeReason"/);
    const found = await officer.post(`${entryUrl}/finding`, {
      outcome: 'not-substantiated',
      outcomeReason: 'Outings were moved, not cancelled, and families told',
    });
    assert.equal(found.statusCode, 302);
    assert.match((await officer.get(entryUrl)).body, /Not substantiated/);

    const auditor = new PageSession(world.app);
    await auditor.signIn(world.emails.auditor);
    const read = await auditor.get(entryUrl);
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Record the finding|Change the finding/);
    assert.equal((await auditor.get(`/quality/services/${heron}/intelligence/new`)).statusCode, 403);
  });

  test('looking through the CQC data from the page says what it found', async () => {
    const officer = new PageSession(world.app);
    await officer.signIn(world.emails.quality_officer);
    assert.equal((await officer.get('/quality/intelligence/manager-vacancies')).statusCode, 200);
    const done = await officer.post('/quality/intelligence/manager-vacancies', {});
    assert.equal(done.statusCode, 302);
    assert.match((await officer.get(done.headers.location as string)).body, /No new registered manager vacancies/);
  });
});
