// Schemes, Vacancies, the Placements register and a provider's People you support as declared
// lists: each sorted both ways by its columns, each filter, the CSV and XLSX holding the rows the
// page shows (money as pounds, a number), another council or provider seeing none of it, and a
// filter that cannot be read refused by its field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { liveTieredFramework } from './support/procurement.ts';
import { assessedPerson, complexScheme, RATE_CARD } from './support/brokerage.ts';
import { assertRefused, captionOf, csvRecords, firstColumn, tableRows, xlsxRows } from './support/lists.ts';

let world: TestWorld;
let broker: PageSession;
let finance: PageSession;
/** Heron's and Kestrel's people: each provider's sign-in. */
let heron: PageSession;
let kestrel: PageSession;

const signedIn = async (email: string) => {
  const session = new PageSession(world.app);
  await session.signIn(email);
  return session;
};

before(async () => {
  world = await testWorld();
  const framework = await liveTieredFramework(world);
  await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${framework.vehicle.id}/rate-cards`, RATE_CARD);
  const [north, central, south] = world.zoneIds;
  const kestrelNorth = framework.memberships.find((m) => m.providerId === world.otherProviderId && m.tier === 'tier1')!;
  const heronSouth = framework.memberships.find((m) => m.providerId === world.providerId && m.tier === 'tier1')!;
  const scheme = async (
    name: string,
    zoneId: string,
    membership: { id: string; providerId: string },
    more: Record<string, unknown>,
    units: [string, string[], string][],
  ) => {
    const created = await api(world, 'brokerage_officer', 'POST', '/api/v1/schemes', {
      ...complexScheme(name, zoneId, { providerId: membership.providerId, membershipId: membership.id }),
      ...more,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().scheme.id as string;
    const unitIds: Record<string, string> = {};
    for (const [unit, features, availableFrom] of units) {
      const added = await api(world, 'brokerage_officer', 'POST', `/api/v1/schemes/${id}/units`, {
        name: unit,
        features,
        availableFrom,
      });
      assert.equal(added.statusCode, 201, added.body);
      unitIds[unit] = added.json().units.find((held: { unit: { name: string } }) => held.unit.name === unit).unit.id;
    }
    return unitIds;
  };
  // Alder House (North, Kestrel): Flat 1 free from February, Flat 2 let to Ava. Birch Lodge (South,
  // Heron): Room A let to Eve; Room B let to Dan until the end of December. Cedar Court (Central,
  // Heron, highly complex) is in the pipeline, ready in 2030.
  const alder = await scheme('Alder House', north!, kestrelNorth, {}, [
    ['Flat 1', ['wheelchair-access'], '2027-02-01'],
    ['Flat 2', ['ground-floor'], '2026-09-01'],
  ]);
  const birch = await scheme('Birch Lodge', south!, heronSouth, {}, [
    ['Room A', ['garden'], '2026-08-01'],
    ['Room B', ['garden', 'ground-floor'], '2026-08-01'],
  ]);
  await scheme(
    'Cedar Court',
    central!,
    heronSouth,
    { accommodationBand: 'highly-complex', expectedReadyOn: '2030-06-01' },
    [['Flat 1', [], '2026-12-01']],
  );
  const place = async (name: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const person = await assessedPerson(world, { name, ...extra });
    const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
      personId: person.id,
      oneToOneMinutesPerWeek: 0,
      nightSupport: 'none',
      ...body,
    });
    assert.equal(placed.statusCode, 201, placed.body);
    return placed.json().id as string;
  };
  await place('Ava Adams', {
    unitId: alder['Flat 2'],
    providerId: world.otherProviderId,
    membershipId: kestrelNorth.id,
    startsOn: '2026-11-02',
  });
  await place(
    'Ben Brown',
    {
      providerId: world.providerId,
      startsOn: '2026-10-01',
      offFrameworkReason: 'Nobody on the framework could support him at home',
      agreedWeeklyPricePence: 95_050,
    },
    { paymentRoute: 'direct-payment', inCounty: false },
  );
  const dans = await place('Dan Dale', {
    unitId: birch['Room B'],
    providerId: world.providerId,
    membershipId: heronSouth.id,
    startsOn: '2026-10-05',
    oneToOneMinutesPerWeek: 120,
  });
  const ended = await api(world, 'brokerage_officer', 'POST', `/api/v1/placements/${dans}/end`, {
    endsOn: '2026-11-30',
    reason: 'moved',
  });
  assert.equal(ended.statusCode, 200, ended.body);
  await place('Eve Evans', {
    unitId: birch['Room A'],
    providerId: world.providerId,
    membershipId: heronSouth.id,
    startsOn: '2026-11-15',
    oneToOneMinutesPerWeek: 120,
  });
  // Offers of work to Kestrel, Tier 1 in North: Gus's sent first with five working days to answer
  // (he is declined), then Fay's with two.
  const offerFor = async (name: string, workingDays: number) => {
    const settings = await api(
      world,
      'commissioner',
      'PUT',
      `/api/v1/vehicles/${framework.vehicle.id}/brokerage-settings`,
      {
        offerResponseWorkingDays: workingDays,
        tier2Mode: 'existing-schemes',
        rankingRule: 'tier-rank',
      },
    );
    assert.equal(settings.statusCode, 200, settings.body);
    const person = await assessedPerson(world, { name, homeZoneId: north });
    const referred = await api(world, 'social_worker', 'POST', '/api/v1/referrals', {
      personId: person.id,
      vehicleId: framework.vehicle.id,
      startBy: '2027-03-01',
      zoneIds: [north],
      urgency: 'routine',
    });
    const id = referred.json().referral.id;
    const sent = await api(world, 'brokerage_officer', 'POST', `/api/v1/referrals/${id}/send-offers`);
    assert.equal(sent.statusCode, 200, sent.body);
    return sent.json().steps[0].offers[0].id as string;
  };
  const gus = await offerFor('Gus Green', 5);
  await offerFor('Fay Fox', 2);
  const declined = await api(world, 'other_provider_user', 'POST', `/api/v1/offers/${gus}/response`, {
    response: 'decline',
    declineReason: 'capacity',
  });
  assert.equal(declined.statusCode, 200, declined.body);
  broker = await signedIn(world.emails.brokerage_officer);
  finance = await signedIn(world.emails.finance_officer);
  heron = await signedIn(world.emails.provider_user);
  kestrel = await signedIn(world.emails.other_provider_user);
});
after(() => world.close());

describe('Schemes', () => {
  const names = async (session: PageSession, query: string) =>
    firstColumn((await session.get(`/schemes?${query}`)).body, 'schemes');

  test('sorts by name, zone and when ready, each way', async () => {
    assert.deepEqual(await names(broker, ''), ['Alder House', 'Birch Lodge', 'Cedar Court']);
    assert.deepEqual(await names(broker, 'sort=name&order=desc'), ['Cedar Court', 'Birch Lodge', 'Alder House']);
    assert.deepEqual(await names(broker, 'sort=zone&order=asc'), ['Cedar Court', 'Alder House', 'Birch Lodge']);
    assert.deepEqual(await names(broker, 'sort=zone&order=desc'), ['Birch Lodge', 'Alder House', 'Cedar Court']);
    assert.deepEqual(await names(broker, 'sort=readyFrom&order=asc'), ['Alder House', 'Birch Lodge', 'Cedar Court']);
    assert.deepEqual(await names(broker, 'sort=readyFrom&order=desc'), ['Cedar Court', 'Alder House', 'Birch Lodge']);
    const rows = tableRows((await broker.get('/schemes')).body, 'schemes');
    assert.deepEqual(rows, [
      ['Alder House', 'North', 'Complex', 'Kestrel Care Ltd', 'Ready now', '1', '2'],
      ['Birch Lodge', 'South', 'Complex', 'Heron Supported Living Ltd', 'Ready now', '1', '2'],
      ['Cedar Court', 'Central', 'Highly complex', 'Heron Supported Living Ltd', '1 June 2030', '0', '1'],
    ]);
  });

  test('filters by zone and care provider; a provider sees only the schemes it cares in', async () => {
    assert.deepEqual(await names(broker, `zoneId=${world.zoneIds[0]}`), ['Alder House']);
    assert.deepEqual(await names(broker, `providerId=${world.providerId}`), ['Birch Lodge', 'Cedar Court']);
    assert.deepEqual(await names(heron, ''), ['Birch Lodge', 'Cedar Court']);
    assert.deepEqual(await names(kestrel, 'sort=name&order=desc'), ['Alder House']);
    assert.deepEqual(
      (await csvRecords(kestrel, '/schemes.csv')).map((row) => row.Scheme),
      ['Alder House'],
    );
    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.match(captionOf((await kent.get('/schemes')).body), /^0 schemes$/);
    assert.deepEqual(await csvRecords(kent, '/schemes.csv'), []);
    assert.deepEqual((await api(world, 'other_council_commissioner', 'GET', '/api/v1/schemes')).json(), []);
  });

  test('the exports hold the rows the page shows; a bad filter is refused by its field', async () => {
    const csv = await csvRecords(broker, '/schemes.csv?sort=readyFrom&order=desc');
    assert.deepEqual(
      csv.map((row) => [row.Scheme, row['Ready from']]),
      [
        ['Cedar Court', '2030-06-01'],
        ['Alder House', 'Ready now'],
        ['Birch Lodge', 'Ready now'],
      ],
    );
    const xlsx = await xlsxRows(broker, `/schemes.xlsx?providerId=${world.otherProviderId}`);
    assert.deepEqual(xlsx, [
      ['Scheme', 'Zone', 'Band', 'Care provider', 'Ready from', 'Tenants', 'Units'],
      ['Alder House', 'North', 'Complex', 'Kestrel Care Ltd', 'Ready now', 1, 2],
    ]);
    await assertRefused(broker, '/schemes', 'providerId=Kestrel', 'providerId', /Choose a care provider from the list/);
    assert.equal((await api(world, 'brokerage_officer', 'GET', '/api/v1/schemes?zoneId=North')).statusCode, 422);
  });
});

describe('Vacancies', () => {
  const names = async (session: PageSession, query: string) =>
    firstColumn((await session.get(`/vacancies?${query}`)).body, 'vacancies');

  test('sorts by name, zone and available date (longest void first by default), each way', async () => {
    // Room B is void from the day after Dan's placement ended; Cedar Court from when it is ready.
    const longestFirst = ['Birch Lodge, Room B', 'Alder House, Flat 1', 'Cedar Court, Flat 1'];
    assert.deepEqual(await names(broker, ''), longestFirst);
    assert.deepEqual(await names(broker, 'sort=availableFrom&order=desc'), [...longestFirst].reverse());
    assert.deepEqual(await names(broker, 'sort=name&order=asc'), [
      'Alder House, Flat 1',
      'Birch Lodge, Room B',
      'Cedar Court, Flat 1',
    ]);
    assert.deepEqual(await names(broker, 'sort=name&order=desc'), [
      'Cedar Court, Flat 1',
      'Birch Lodge, Room B',
      'Alder House, Flat 1',
    ]);
    assert.deepEqual(await names(broker, 'sort=zone&order=asc'), [
      'Cedar Court, Flat 1',
      'Alder House, Flat 1',
      'Birch Lodge, Room B',
    ]);
    assert.deepEqual(await names(broker, 'sort=zone&order=desc'), [
      'Birch Lodge, Room B',
      'Alder House, Flat 1',
      'Cedar Court, Flat 1',
    ]);
    const [room] = tableRows((await broker.get('/vacancies')).body, 'vacancies');
    assert.deepEqual(room!.slice(0, 7), [
      'Birch Lodge, Room B',
      'South',
      'Complex',
      'Heron Supported Living Ltd',
      'Garden, Ground floor',
      '1',
      '1 December 2026',
    ]);
    assert.match(room![7]!, /^\d+$/);
  });

  test('filters by zone, care provider, band and feature; a provider sees only its own', async () => {
    assert.deepEqual(await names(broker, `zoneId=${world.zoneIds[0]}`), ['Alder House, Flat 1']);
    assert.deepEqual(await names(broker, `providerId=${world.providerId}`), [
      'Birch Lodge, Room B',
      'Cedar Court, Flat 1',
    ]);
    assert.deepEqual(await names(broker, 'band=highly-complex'), ['Cedar Court, Flat 1']);
    assert.deepEqual(await names(broker, 'feature=ground-floor'), ['Birch Lodge, Room B']);
    assert.deepEqual(await names(broker, 'feature=wheelchair-access&band=complex'), ['Alder House, Flat 1']);
    assert.deepEqual(await names(kestrel, ''), ['Alder House, Flat 1']);
    assert.deepEqual(await names(heron, 'sort=name&order=asc'), ['Birch Lodge, Room B', 'Cedar Court, Flat 1']);
    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.deepEqual(await names(kent, ''), []);
    assert.deepEqual(await csvRecords(kent, '/vacancies.csv'), []);
  });

  test('the exports hold the rows the page shows, dates as ISO dates; a bad filter is refused', async () => {
    const shown = await names(broker, 'feature=garden');
    const csv = await csvRecords(broker, '/vacancies.csv?feature=garden');
    assert.deepEqual(
      csv.map((row) => row['Scheme and unit']),
      shown,
    );
    assert.equal(csv[0]!['Available from'], '2026-12-01');
    const xlsx = await xlsxRows(heron, '/vacancies.xlsx?sort=availableFrom&order=desc');
    assert.deepEqual(
      xlsx.slice(1).map((row) => [row[0], row[6]]),
      [
        ['Cedar Court, Flat 1', '2030-06-01'],
        ['Birch Lodge, Room B', '2026-12-01'],
      ],
    );
    assert.equal(typeof xlsx[1]![7], 'number', 'days void is a number');
    await assertRefused(broker, '/vacancies', 'band=purple', 'band', /Choose an accommodation band from the list/);
    await assertRefused(broker, '/vacancies', 'feature=lift', 'feature', /Choose a feature from the list/);
    assert.equal((await api(world, 'brokerage_officer', 'GET', '/api/v1/vacancies?band=purple')).statusCode, 422);
  });
});

describe('Placements register', () => {
  const names = async (query: string) => firstColumn((await finance.get(`/placements?${query}`)).body, 'placements');

  test('sorts by person, provider, start and weekly price, each way; latest start first by default', async () => {
    assert.deepEqual(await names(''), ['Eve Evans', 'Ava Adams', 'Dan Dale', 'Ben Brown (out of county)']);
    assert.deepEqual(await names('sort=startsOn&order=asc'), [
      'Ben Brown (out of county)',
      'Dan Dale',
      'Ava Adams',
      'Eve Evans',
    ]);
    assert.deepEqual(await names('sort=person&order=asc'), [
      'Ava Adams',
      'Ben Brown (out of county)',
      'Dan Dale',
      'Eve Evans',
    ]);
    assert.deepEqual(await names('sort=person&order=desc'), [
      'Eve Evans',
      'Dan Dale',
      'Ben Brown (out of county)',
      'Ava Adams',
    ]);
    // Heron's placements, latest start first, then Kestrel's; and the other way.
    assert.deepEqual(await names('sort=provider&order=asc'), [
      'Eve Evans',
      'Dan Dale',
      'Ben Brown (out of county)',
      'Ava Adams',
    ]);
    assert.deepEqual(await names('sort=provider&order=desc'), [
      'Ava Adams',
      'Eve Evans',
      'Dan Dale',
      'Ben Brown (out of county)',
    ]);
    assert.deepEqual(await names('sort=weeklyPrice&order=asc'), [
      'Ben Brown (out of county)',
      'Ava Adams',
      'Eve Evans',
      'Dan Dale',
    ]);
    assert.deepEqual((await names('sort=weeklyPrice&order=desc'))[3], 'Ben Brown (out of county)');
    const rows = tableRows((await finance.get('/placements?sort=person&order=asc')).body, 'placements');
    assert.deepEqual(rows[1], [
      'Ben Brown (out of county)',
      'Heron Supported Living Ltd (off framework)',
      '1 October 2026',
      '',
      'Direct payment',
      '£950.50',
      '£49,561.79',
    ]);
    assert.deepEqual(rows[2]!.slice(2, 4), ['5 October 2026', '30 November 2026']);
  });

  test('filters by the day active, care provider, payment route and framework', async () => {
    assert.deepEqual(await names('activeOn=2026-12-01&sort=person&order=asc'), [
      'Ava Adams',
      'Ben Brown (out of county)',
      'Eve Evans',
    ]);
    assert.deepEqual(await names(`providerId=${world.otherProviderId}`), ['Ava Adams']);
    assert.deepEqual(await names('paymentRoute=direct-payment'), ['Ben Brown (out of county)']);
    assert.deepEqual(await names('offFramework=yes'), ['Ben Brown (out of county)']);
    assert.deepEqual(await names('offFramework=no&sort=person&order=asc'), ['Ava Adams', 'Dan Dale', 'Eve Evans']);
    const page = (await finance.get('/placements?offFramework=yes')).body;
    assert.match(page, /<option value="yes" selected>Off framework<\/option>/);
    assert.doesNotMatch(page, /api\/v1\/placements\.csv/, 'the downloads are the list’s own');
    assert.match(page, /href="\/placements\.csv\?offFramework=yes&amp;sort=startsOn&amp;order=desc"/);
  });

  test('the exports hold the rows the page shows, money as pounds and a number', async () => {
    const query = 'activeOn=2026-12-01&sort=weeklyPrice&order=asc';
    const shown = tableRows((await finance.get(`/placements?${query}`)).body, 'placements');
    const csv = await csvRecords(finance, `/placements.csv?${query}`);
    assert.deepEqual(
      csv.map((row) => row.Person),
      shown.map((cells) => cells[0]),
    );
    assert.deepEqual(Object.keys(csv[0]!), [
      'Person',
      'Care provider',
      'From',
      'To',
      'Paid by',
      'Weekly price',
      'Annual cost',
    ]);
    assert.deepEqual(
      [csv[0]!.From, csv[0]!['Weekly price'], csv[0]!['Annual cost']],
      ['2026-10-01', '950.5', '49561.79'],
    );
    const xlsx = await xlsxRows(finance, `/placements.xlsx?${query}`);
    assert.deepEqual(xlsx[1]!.slice(5), [950.5, 49561.79], 'pounds, as numbers');
    assert.deepEqual(
      xlsx.slice(1).map((row) => row[0]),
      shown.map((cells) => cells[0]),
    );
    // The API's own CSV stays for API users.
    const apiCsv = await api(world, 'finance_officer', 'GET', '/api/v1/placements.csv?offFramework=yes');
    assert.equal(apiCsv.statusCode, 200);
    assert.match(apiCsv.body, /,950\.50,49561\.79,25\.00\n$/);
    // A browser session is not an API caller: the page's downloads are the ones it offers.
    assert.equal((await finance.get('/api/v1/placements.csv')).statusCode, 401);
  });

  test('another council sees none of them, other roles not at all; a bad filter is refused by its field', async () => {
    const kent = await signedIn(world.emails.other_council_commissioner);
    assert.match(captionOf((await kent.get('/placements')).body), /^0 placements$/);
    assert.deepEqual(await csvRecords(kent, '/placements.csv'), []);
    assert.equal((await api(world, 'other_council_commissioner', 'GET', '/api/v1/placements')).json().total, 0);
    for (const url of ['/placements', '/placements.csv', '/placements.xlsx'])
      assert.equal((await heron.get(url)).statusCode, 403, url);
    await assertRefused(finance, '/placements', 'activeOn=2026-02-30', 'activeOn', /Enter the date as a real date/);
    await assertRefused(finance, '/placements', 'paymentRoute=cash', 'paymentRoute', /Choose how the care is paid for/);
    const bad = await api(world, 'finance_officer', 'GET', '/api/v1/placements?offFramework=maybe&sort=cost');
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
      ['offFramework', 'sort'],
    );
    const sorted = await api(
      world,
      'finance_officer',
      'GET',
      '/api/v1/placements?sort=weeklyPrice&order=desc&pageSize=2',
    );
    assert.equal(sorted.json().pages, 2);
    assert.equal(sorted.json().items[0].weeklyPricePence, 150_000);
  });
});

describe('People you support', () => {
  const names = async (session: PageSession, query: string) =>
    firstColumn((await session.get(`/provider-placements?${query}`)).body, 'placements');

  test("a provider's people placed now, and nobody else's, sorted each way and filtered", async () => {
    assert.deepEqual(await names(heron, ''), ['Ben Brown', 'Eve Evans'], 'Dan has left');
    assert.deepEqual(await names(heron, 'sort=person&order=desc'), ['Eve Evans', 'Ben Brown']);
    assert.deepEqual(await names(heron, 'sort=startsOn&order=desc'), ['Eve Evans', 'Ben Brown']);
    assert.deepEqual(await names(heron, 'sort=startsOn&order=asc'), ['Ben Brown', 'Eve Evans']);
    assert.deepEqual(await names(heron, 'sort=weeklyPrice&order=asc'), ['Ben Brown', 'Eve Evans']);
    assert.deepEqual(await names(heron, 'sort=weeklyPrice&order=desc'), ['Eve Evans', 'Ben Brown']);
    assert.deepEqual(await names(heron, 'sort=council&order=asc'), ['Ben Brown', 'Eve Evans']);
    assert.deepEqual(await names(heron, 'search=eve'), ['Eve Evans']);
    assert.deepEqual(await names(heron, `organisationId=${world.councilId}`), ['Ben Brown', 'Eve Evans']);
    assert.deepEqual(await names(heron, `organisationId=${world.otherCouncilId}`), []);
    assert.deepEqual(await names(kestrel, ''), ['Ava Adams']);
    assert.deepEqual(tableRows((await heron.get('/provider-placements')).body, 'placements'), [
      ['Ben Brown', 'Staffordshire County Council', 'Their own home', '1 October 2026', '0', 'None', '£950.50'],
      [
        'Eve Evans',
        'Staffordshire County Council',
        'Birch Lodge, Room A',
        '15 November 2026',
        '2',
        'None',
        '£1,500.00',
      ],
    ]);
  });

  test('the exports hold the same rows, money as pounds and a number; others are refused', async () => {
    const csv = await csvRecords(heron, '/provider-placements.csv?sort=weeklyPrice&order=desc');
    assert.deepEqual(
      csv.map((row) => [row.Person, row.From, row['Weekly price']]),
      [
        ['Eve Evans', '2026-11-15', '1500'],
        ['Ben Brown', '2026-10-01', '950.5'],
      ],
    );
    const xlsx = await xlsxRows(kestrel, '/provider-placements.xlsx');
    assert.deepEqual(xlsx[1], [
      'Ava Adams',
      'Staffordshire County Council',
      'Alder House, Flat 2',
      '2026-11-02',
      0,
      'None',
      1450,
    ]);
    assert.equal(xlsx.length, 2, "Kestrel's own only");
    assert.equal((await broker.get('/provider-placements.csv')).statusCode, 403);
    const viaApi = (await api(world, 'provider_user', 'GET', '/api/v1/provider-placements?search=ben')).json();
    assert.deepEqual(
      viaApi.map((placement: { personName: string }) => placement.personName),
      ['Ben Brown'],
    );
    await assertRefused(
      heron,
      '/provider-placements',
      'organisationId=kent',
      'organisationId',
      /Choose a council from the list/,
    );
  });
});

describe('Offers of work', () => {
  const names = async (session: PageSession, query: string) =>
    firstColumn((await session.get(`/offers?${query}`)).body, 'offers');

  test("a provider's own offers: awaiting its answer by default, by status, sorted by sent and answer-by dates", async () => {
    assert.deepEqual(await names(kestrel, ''), ['Fay Fox']);
    assert.deepEqual(await names(kestrel, 'status=declined'), ['Gus Green']);
    assert.deepEqual(await names(kestrel, 'status=all'), ['Fay Fox', 'Gus Green'], 'newest first');
    assert.deepEqual(await names(kestrel, 'status=all&sort=sent&order=asc'), ['Gus Green', 'Fay Fox']);
    assert.deepEqual(await names(kestrel, 'status=all&sort=answerBy&order=asc'), ['Fay Fox', 'Gus Green']);
    assert.deepEqual(await names(kestrel, 'status=all&sort=answerBy&order=desc'), ['Gus Green', 'Fay Fox']);
    const [fay] = tableRows((await kestrel.get('/offers')).body, 'offers');
    assert.deepEqual(fay!.slice(0, 4), ['Fay Fox', 'Complex', 'Staffordshire County Council', 'North']);
    assert.match(fay![5]!, /^\d{1,2} [A-Z][a-z]+ 20\d\d$/);
    assert.equal(fay![6], 'Awaiting your answer');
    assert.doesNotMatch((await kestrel.get('/offers?status=all')).body, /LAS-\d+/, 'no case reference for providers');
  });

  test("the exports hold the provider's rows; another provider sees none of them; a bad filter is refused", async () => {
    const csv = await csvRecords(kestrel, '/offers.csv?status=all&sort=sent&order=asc');
    assert.deepEqual(
      csv.map((row) => [row.Person, row.Status]),
      [
        ['Gus Green', 'Declined'],
        ['Fay Fox', 'Awaiting your answer'],
      ],
    );
    assert.match(csv[0]!['Answer by']!, /^\d{4}-\d{2}-\d{2}$/);
    assert.doesNotMatch((await heron.get('/offers?status=all')).body, /Fay Fox|Gus Green/);
    assert.equal((await xlsxRows(heron, '/offers.xlsx?status=declined')).length, 1, 'headings only');
    assert.equal((await broker.get('/offers.csv')).statusCode, 403);
    await assertRefused(kestrel, '/offers', 'status=maybe', 'status', /Choose a status from the list/);
    const viaApi = (await api(world, 'other_provider_user', 'GET', '/api/v1/offers?status=all&sort=answerBy')).json();
    assert.deepEqual(
      viaApi.items.map((item: { person: { name: string } }) => item.person.name),
      ['Fay Fox', 'Gus Green'],
    );
  });
});
