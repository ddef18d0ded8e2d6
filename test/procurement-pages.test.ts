// Setting up a procurement vehicle in the pages: the form with its errors, the lots, opening it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const form = (world: TestWorld, overrides: Record<string, string | string[]> = {}) => ({
  reference: 'WVCC-SL-DPS-2024',
  name: 'Supported Living DPS',
  description: '',
  kind: 'dps',
  regime: 'pcr2015',
  value: '£28,900,000',
  'advertOn-day': '4',
  'advertOn-month': '11',
  'advertOn-year': '2024',
  'contractStartOn-day': '1',
  'contractStartOn-month': '4',
  'contractStartOn-year': '2025',
  'contractEndOn-day': '31',
  'contractEndOn-month': '3',
  'contractEndOn-year': '2030',
  extensionOptions: '',
  stages: ['selection', 'quality', 'financial', 'award'],
  pricesFixed: 'yes',
  qualityWeightPercent: '100',
  scoreScaleMax: '5',
  nation: 'england-and-wales',
  zoneIds: world.zoneIds,
  tiered: 'no',
  partner0Organisation: 'QNC',
  partner0Share: '12.5',
  ...overrides,
});

test('a commissioner sets up a DPS: mistakes are shown against their fields and kept, then it saves', async () => {
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const blank = await session.get('/vehicles/new');
  assert.equal(blank.statusCode, 200);
  assert.match(blank.body, /Set up a procurement vehicle/);

  const bad = await session.post(
    '/vehicles/new',
    form(world, {
      value: 'lots',
      'contractEndOn-day': '31',
      'contractEndOn-month': '2',
      regime: 'pa2023',
      partner0Organisation: 'NOPE',
    }),
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Enter the value in pounds, like £28,900,000/);
  assert.match(bad.body, /value="lots"/, 'keeps what was typed');

  const notADate = await session.post('/vehicles/new', form(world, { 'contractEndOn-month': '2' }));
  assert.match(notADate.body, /The contract end must be a real date/);
  const wrong = await session.post(
    '/vehicles/new',
    form(world, { regime: 'pa2023', partner0Organisation: 'NOPE', tiered: 'yes' }),
  );
  assert.equal(wrong.statusCode, 400);
  for (const message of [
    /runs under Public Contracts Regulations 2015/,
    /Enter the most zones a Tier 1 provider may hold/,
    /There is no organisation NOPE in Hearth/,
  ])
    assert.match(wrong.body, message);
  assert.match(wrong.body, /href="#partner0Organisation"/, 'the summary links to the partner field');

  const saved = await session.post('/vehicles/new', form(world));
  assert.equal(saved.statusCode, 302, saved.body.slice(0, 500));
  const page = await session.get(saved.headers.location!);
  assert.match(page.body, /has been set up as a draft/);
  assert.match(page.body, /£28,900,000\.00/);
  assert.match(
    page.body,
    /Staffordshire County Council 87.5%, NHS Staffordshire and Stoke-on-Trent Integrated Care Board 12.5%/,
  );
  assert.match(page.body, /None: applications are taken at any time/);

  const id = saved.headers.location!.split('/').pop()!;
  await session.get(`/vehicles/${id}/lots`);
  const noBands = await session.post(`/vehicles/${id}/lots`, {
    zoneIds: world.zoneIds,
    serviceTypes: ['supported-living'],
  });
  assert.equal(noBands.statusCode, 400);
  assert.match(noBands.body, /Choose at least one need band/);
  const lots = await session.post(`/vehicles/${id}/lots`, {
    zoneIds: world.zoneIds,
    serviceTypes: ['supported-living', 'respite'],
    needBands: ['complex', 'less-complex'],
  });
  assert.equal(lots.statusCode, 302);
  assert.match((await session.get(`/vehicles/${id}`)).body, /12 lots set/);

  const opened = await session.post(`/vehicles/${id}/status`, { status: 'open', reason: 'Advert published' });
  assert.equal(opened.statusCode, 302);
  const openPage = await session.get(`/vehicles/${id}`);
  assert.match(openPage.body, /is now open for applications/);
  assert.match(openPage.body, /Taking applications/);
  const badStatus = await session.post(`/vehicles/${id}/status`, { status: 'standstill' });
  assert.equal(badStatus.statusCode, 400);
  assert.match(badStatus.body, /can become live: contracts running or closed/);

  const edit = await session.get(`/vehicles/${id}/edit`);
  assert.match(edit.body, /value="WVCC-SL-DPS-2024"/);
  assert.match(edit.body, /name="advertOn-year"[^>]*value="2024"|value="2024"[^>]*name="advertOn-year"/);
  const openData = await session.get(`/vehicles/${id}/ocds.json`);
  assert.equal(openData.statusCode, 200);
  assert.match(openData.headers['content-disposition'] as string, /WVCC-SL-DPS-2024-ocds\.json/);
  assert.equal(openData.json().releases[0].tender.techniques.hasDynamicPurchasingSystem, true);
  const history = await session.get(`/history/vehicle/${id}`);
  assert.match(history.body, /vehicle\.status/);
});

test("only the lead organisation's commissioners and administrators change a vehicle", async () => {
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  await session.get('/vehicles/new');
  const saved = await session.post(
    '/vehicles/new',
    form(world, { reference: 'SECOND', partner0Organisation: '', partner0Share: '' }),
  );
  const id = saved.headers.location!.split('/').pop()!;
  const evaluator = new PageSession(world.app);
  await evaluator.signIn(world.emails.evaluator);
  const view = await evaluator.get(`/vehicles/${id}`);
  assert.equal(view.statusCode, 200);
  assert.doesNotMatch(view.body, /Change settings/);
  assert.equal((await evaluator.get(`/vehicles/${id}/edit`)).statusCode, 403);
  const other = new PageSession(world.app);
  await other.signIn(world.emails.other_council_commissioner);
  assert.equal((await other.get(`/vehicles/${id}`)).statusCode, 404);
  assert.equal((await other.get(`/vehicles/${id}/edit`)).statusCode, 404);
});

test('the evaluation page opens a resubmission window, and says what is wrong with a bad date', async () => {
  const { openVehicle } = await import('./support/procurement.ts');
  const vehicle = await openVehicle(world, {
    reference: 'RESUB-PAGE',
    stages: ['selection', 'negotiation', 'resubmission', 'award'],
  });
  const session = new PageSession(world.app);
  await session.signIn(world.emails.commissioner);
  const page = await session.get(`/vehicles/${vehicle.id}/evaluation`);
  assert.match(page.body, /Open resubmission/);
  const until = (day: string, month: string, year: string) => ({
    'until-day': day,
    'until-month': month,
    'until-year': year,
  });
  assert.match(page.body, /name="until-day"/, 'a GOV.UK date input');
  const past = await session.post(`/vehicles/${vehicle.id}/resubmission`, until('1', '1', '2020'));
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /The window must end today or later/);
  assert.match(past.body, /name="until-year"[^>]*value="2020"|value="2020"[^>]*name="until-year"/, 'kept as typed');
  const bad = await session.post(`/vehicles/${vehicle.id}/resubmission`, until('31', '2', 'next'));
  assert.match(bad.body, /must be a real date, for example 27 3 2026/);
  const opened = await session.post(`/vehicles/${vehicle.id}/resubmission`, until('31', '1', '2099'));
  assert.equal(opened.statusCode, 302);
  assert.match((await session.get(`/vehicles/${vehicle.id}/evaluation`)).body, /Open until the end of 31 January 2099/);
});
