// People and Referrals as declared lists: each sorted both ways by its columns, each filter, the
// CSV and XLSX holding the rows the page shows under the same filters, another council seeing none
// of it, and a filter that cannot be read refused by its field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, COMPLEX_SCORES } from './support/brokerage.ts';
import { assertRefused, captionOf, csvRecords, firstColumn, tableRows, xlsxRows } from './support/lists.ts';

let world: TestWorld;
let social: PageSession;
let broker: PageSession;
const HIGHLY_COMPLEX = { ...COMPLEX_SCORES, behaviour: 4 };
const LESS_COMPLEX = { ...COMPLEX_SCORES, health: 0, behaviour: 0, communication: 0 };

const signedIn = async (email: string) => {
  const session = new PageSession(world.app);
  await session.signIn(email);
  return session;
};

before(async () => {
  world = await testWorld();
  const framework = await liveTieredFramework(world);
  const [north, central, south] = world.zoneIds;
  // Ava (complex, North) is referred by the social worker, Dan (less complex, South) by brokerage,
  // who sends his offers to nobody (the framework has no lot for his band); Ben (highly complex, Central) was referred and the referral withdrawn.
  // Cara was never assessed and has moved away, her home zone not known.
  const ava = await assessedPerson(world, { name: 'Ava Adams', homeZoneId: north });
  const ben = await assessedPerson(world, { name: 'Ben Brown', homeZoneId: central }, { scores: HIGHLY_COMPLEX });
  const dan = await assessedPerson(world, { name: 'Dan Dale', homeZoneId: south }, { scores: LESS_COMPLEX });
  const cara = await api(world, 'social_worker', 'POST', '/api/v1/people', {
    name: 'Cara Clark',
    dateOfBirth: '1988-02-11',
    caseReference: 'LAS-CARA',
    clientGroups: ['autism'],
    inCounty: false,
    paymentRoute: 'direct-payment',
    funding: [{ stream: 'care-act', percent: 100 }],
    status: 'moved-away',
  });
  assert.equal(cara.statusCode, 201, cara.body);
  const refer = async (
    seat: 'social_worker' | 'brokerage_officer',
    personId: string,
    zoneId: string,
    startBy: string,
  ) => {
    const referred = await api(world, seat, 'POST', '/api/v1/referrals', {
      personId,
      vehicleId: framework.vehicle.id,
      startBy,
      zoneIds: [zoneId],
      urgency: 'routine',
    });
    assert.equal(referred.statusCode, 201, referred.body);
    return referred.json().referral.id as string;
  };
  await refer('social_worker', ava.id, north!, '2027-03-01');
  const dans = await refer('brokerage_officer', dan.id, south!, '2027-02-01');
  assert.equal(
    (await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${dans}/send-offers`)).statusCode,
    200,
  );
  const bens = await refer('social_worker', ben.id, central!, '2027-04-01');
  const withdrawn = await api(world, 'social_worker', 'POST', `/api/v1/referrals/${bens}/withdraw`, {
    reason: 'Staying at home',
  });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  social = await signedIn(world.emails.social_worker);
  broker = await signedIn(world.emails.brokerage_officer);
});
after(() => world.close());

describe('People', () => {
  test('sorts by name, need band and home zone, each way', async () => {
    const names = async (query: string) => firstColumn((await social.get(`/people?${query}`)).body, 'people');
    assert.deepEqual(await names(''), ['Ava Adams', 'Ben Brown', 'Cara Clark', 'Dan Dale']);
    assert.deepEqual(await names('sort=name&order=desc'), ['Dan Dale', 'Cara Clark', 'Ben Brown', 'Ava Adams']);
    // Least complex first; never assessed last either way.
    assert.deepEqual(await names('sort=band&order=asc'), ['Dan Dale', 'Ava Adams', 'Ben Brown', 'Cara Clark']);
    assert.deepEqual(await names('sort=band&order=desc'), ['Ben Brown', 'Ava Adams', 'Dan Dale', 'Cara Clark']);
    assert.deepEqual(await names('sort=zone&order=asc'), ['Ben Brown', 'Ava Adams', 'Dan Dale', 'Cara Clark']);
    assert.deepEqual(await names('sort=zone&order=desc'), ['Dan Dale', 'Ava Adams', 'Ben Brown', 'Cara Clark']);
    const page = (await social.get('/people?sort=band&order=asc')).body;
    assert.match(page, /aria-sort="ascending"[^>]*>\s*<a [^>]*href="\/people\?sort=band&amp;order=desc"/);
    const [name, reference, age, ...rest] = tableRows(page, 'people')[3]!;
    assert.deepEqual([name, reference], ['Cara Clark', 'LAS-CARA']);
    assert.match(age!, /^\d{2}$/);
    assert.deepEqual(rest, [
      'Not assessed',
      'Out of county or not known',
      'Direct payment (out of county)',
      'Moved away',
    ]);
  });

  test('filters by whose, status, need band, zone and name', async () => {
    const names = async (session: PageSession, query: string) =>
      firstColumn((await session.get(`/people?${query}`)).body, 'people');
    assert.deepEqual(await names(social, 'caseload=referred-by-me'), ['Ava Adams', 'Ben Brown']);
    assert.deepEqual(await names(broker, 'caseload=referred-by-me'), ['Dan Dale']);
    assert.deepEqual(await names(social, 'status=moved-away'), ['Cara Clark']);
    assert.deepEqual(await names(social, 'band=highly-complex'), ['Ben Brown']);
    assert.deepEqual(await names(social, 'band=not-assessed'), ['Cara Clark']);
    assert.deepEqual(await names(social, `zoneId=${world.zoneIds[2]}`), ['Dan Dale']);
    assert.deepEqual(await names(social, 'search=an'), ['Dan Dale']);
    assert.deepEqual(await names(social, 'search=las-cara'), ['Cara Clark'], 'or by case reference');
    assert.deepEqual(await names(social, 'search=%25'), [], 'typed text is matched as it is');
    const page = (await social.get(`/people?zoneId=${world.zoneIds[0]}&band=complex`)).body;
    assert.match(captionOf(page), /^1 person$/);
    assert.match(page, new RegExp(`<option value="${world.zoneIds[0]}" selected>North</option>`));
  });

  test('the exports hold the rows the page shows, filtered and sorted the same', async () => {
    const query = 'status=active&sort=band&order=desc';
    const shown = tableRows((await social.get(`/people?${query}`)).body, 'people');
    const csv = await csvRecords(social, `/people.csv?${query}`);
    assert.deepEqual(
      csv.map((row) => Object.values(row)),
      shown,
    );
    assert.deepEqual(Object.keys(csv[0]!), [
      'Name',
      'Case reference',
      'Age',
      'Need band',
      'Home zone',
      'Paid by',
      'Status',
    ]);
    const xlsx = await xlsxRows(social, `/people.xlsx?${query}`);
    assert.deepEqual(
      xlsx.slice(1).map((row) => row[0]),
      shown.map((cells) => cells[0]),
    );
    assert.equal(typeof xlsx[1]![2], 'number', 'the age is a number');
  });

  test("another council's people, providers and roles without it see none of them", async () => {
    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.match(captionOf((await kent.get('/people')).body), /^0 people$/);
    assert.deepEqual(await csvRecords(kent, '/people.csv'), []);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/people')).json().total,
      0,
      'nor through the API',
    );
    const provider = await signedIn(world.emails.provider_user);
    for (const url of ['/people', '/people.csv', '/people.xlsx'])
      assert.equal((await provider.get(url)).statusCode, 403);
  });

  test('the API reads the same filters and order', async () => {
    const found = (await api(world, 'social_worker', 'GET', '/api/v1/people?band=complex&sort=name&order=desc')).json();
    assert.deepEqual(
      found.items.map((person: { name: string }) => person.name),
      ['Ava Adams'],
    );
    const bad = await api(world, 'social_worker', 'GET', '/api/v1/people?band=purple&sort=age');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
      ['band', 'sort'],
    );
  });

  test('a filter that cannot be read is refused by its field', async () => {
    await assertRefused(social, '/people', 'band=purple', 'band', /Choose a need band from the list/);
    await assertRefused(social, '/people', 'zoneId=North', 'zoneId', /Choose a zone from the list/);
    await assertRefused(social, '/people', 'caseload=everyone', 'caseload', /Choose whose people to show/);
  });
});

describe('Referrals', () => {
  const names = async (session: PageSession, query: string) =>
    firstColumn((await session.get(`/referrals?${query}`)).body, 'referrals');

  test('sorts by referred date, start-by date and status, each way; open ones by default', async () => {
    assert.deepEqual(await names(broker, ''), ['Dan Dale', 'Ava Adams'], 'open, soonest start first');
    assert.deepEqual(await names(broker, 'status=all&sort=startBy&order=desc'), ['Ben Brown', 'Ava Adams', 'Dan Dale']);
    assert.deepEqual(await names(broker, 'status=all&sort=referred&order=asc'), ['Ava Adams', 'Dan Dale', 'Ben Brown']);
    assert.deepEqual(await names(broker, 'status=all&sort=referred&order=desc'), [
      'Ben Brown',
      'Dan Dale',
      'Ava Adams',
    ]);
    // In the order a referral goes through them: new, offering, …, withdrawn.
    assert.deepEqual(await names(broker, 'status=all&sort=status&order=asc'), ['Ava Adams', 'Dan Dale', 'Ben Brown']);
    assert.deepEqual(await names(broker, 'status=all&sort=status&order=desc'), ['Ben Brown', 'Dan Dale', 'Ava Adams']);
    const rows = tableRows((await broker.get('/referrals')).body, 'referrals');
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
    assert.deepEqual(rows[0], [
      'Dan Dale',
      'LAS-1003',
      today,
      '1 February 2027',
      'Routine',
      'No provider on the framework accepted',
      '0',
      '0',
    ]);
  });

  test("filters by status (the home page's links among them), zone, who referred and name", async () => {
    assert.deepEqual(await names(broker, 'status=new'), ['Ava Adams']);
    assert.deepEqual(await names(broker, 'status=needs-off-framework'), ['Dan Dale']);
    assert.deepEqual(await names(broker, 'status=withdrawn'), ['Ben Brown']);
    assert.deepEqual(await names(broker, 'status=open'), ['Dan Dale', 'Ava Adams']);
    assert.deepEqual(await names(broker, `zoneId=${world.zoneIds[2]}`), ['Dan Dale']);
    assert.deepEqual(await names(social, 'referredBy=me'), ['Ava Adams']);
    assert.deepEqual(await names(social, 'referredBy=me&status=all'), ['Ava Adams', 'Ben Brown']);
    assert.deepEqual(await names(broker, 'referredBy=me'), ['Dan Dale']);
    assert.deepEqual(await names(broker, 'search=dale'), ['Dan Dale']);
    const page = (await broker.get('/referrals?status=withdrawn')).body;
    assert.match(page, /<option value="withdrawn" selected>Withdrawn<\/option>/);
    assert.match(captionOf(page), /^1 referral$/);
  });

  test('the exports hold the rows the page shows, dates as ISO dates', async () => {
    const query = 'status=all&sort=startBy&order=asc';
    const shown = tableRows((await broker.get(`/referrals?${query}`)).body, 'referrals');
    const csv = await csvRecords(broker, `/referrals.csv?${query}`);
    assert.deepEqual(
      csv.map((row) => row.Person),
      shown.map((cells) => cells[0]),
    );
    assert.deepEqual(
      csv.map((row) => row['Start by']),
      ['2027-02-01', '2027-03-01', '2027-04-01'],
    );
    assert.deepEqual(
      csv.map((row) => row.Status),
      shown.map((cells) => cells[5]),
    );
    const xlsx = await xlsxRows(broker, `/referrals.xlsx?status=new`);
    assert.deepEqual(xlsx[0], [
      'Person',
      'Case reference',
      'Referred',
      'Start by',
      'Urgency',
      'Status',
      'Awaiting answers',
      'Accepted',
    ]);
    assert.deepEqual(
      xlsx.slice(1).map((row) => row[0]),
      ['Ava Adams'],
    );
    assert.equal(xlsx[1]![6], 0, 'counts are numbers');
  });

  test('another council sees none of them, a provider none at all; a bad filter is refused by its field', async () => {
    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.deepEqual(await names(kent, 'status=all'), []);
    assert.deepEqual(await csvRecords(kent, '/referrals.csv?status=all'), []);
    assert.equal(
      (await api(world, 'other_council_commissioner', 'GET', '/api/v1/referrals?status=all')).json().total,
      0,
    );
    const provider = await signedIn(world.emails.provider_user);
    assert.equal((await provider.get('/referrals.xlsx')).statusCode, 403);
    await assertRefused(broker, '/referrals', 'status=lost', 'status', /Choose a status from the list/);
    await assertRefused(broker, '/referrals', 'referredBy=someone', 'referredBy', /Choose who referred from the list/);
    const api422 = await api(world, 'brokerage_officer', 'GET', '/api/v1/referrals?status=lost');
    assert.equal(api422.statusCode, 422);
    const listed = await api(world, 'brokerage_officer', 'GET', '/api/v1/referrals?status=all&sort=status&order=desc');
    assert.deepEqual(
      listed.json().items.map((item: { personName: string }) => item.personName),
      ['Ben Brown', 'Dan Dale', 'Ava Adams'],
    );
  });
});
