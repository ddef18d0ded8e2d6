// Procurement's declared lists, as people use them: the vehicles (search, status, kind; sorted by
// name, reference, kind, status, deadline, lots or value) and the applications (vehicle, status,
// stage reached, provider; sorted by provider, vehicle, status, stage, submission or decision due),
// each downloaded as CSV and XLSX under the same rules: a provider sees only its own applications,
// an evaluator opens none of a vehicle before declaring no conflict on it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { openVehicle, submittedApplication } from './support/procurement.ts';

let world: TestWorld;
let commissioner: PageSession;
let framework: Awaited<ReturnType<typeof openVehicle>>;
let dps: Awaited<ReturnType<typeof openVehicle>>;
let heron: string;
let kestrel: string;
let heronDraft: string;

/** The rows of the list's table (not the row saying none match): each row's cells as text. */
function rowsOf(html: string): string[][] {
  const body = html.split('<tbody class="govuk-table__body">')[1]!.split('</tbody>')[0]!;
  const rows = [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].filter(
    (row) => !row[1]!.includes('colspan='),
  );
  return rows.map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;|&rsquo;/g, "'")
        .trim(),
    ),
  );
}
const column = (html: string, index: number) => rowsOf(html).map((row) => row[index]);

before(async () => {
  world = await testWorld();
  // A framework with three lots, a DPS with three, and a draft with none.
  framework = await openVehicle(world, { reference: 'LIST-FW', name: 'Alder Framework', valuePence: 5_000_000_00 });
  dps = await openVehicle(world, {
    reference: 'LIST-DPS',
    name: 'Birch DPS',
    kind: 'dps',
    regime: 'pcr2015',
    advertOn: '2024-06-03',
    submissionDeadline: null,
    valuePence: 9_000_000_00,
  });
  await api(world, 'commissioner', 'POST', '/api/v1/vehicles', {
    reference: 'LIST-DRAFT',
    name: 'Cedar Framework',
    kind: 'framework',
    regime: 'pa2023',
  });
  heron = await submittedApplication(world, 'provider_user', framework, [framework.lots[0]!.id]);
  kestrel = await submittedApplication(world, 'other_provider_user', framework, [framework.lots[0]!.id]);
  await api(world, 'commissioner', 'POST', `/api/v1/applications/${kestrel}/stages`, {
    stage: 'selection',
    outcome: 'pass',
  });
  heronDraft = (await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${dps.id}/applications`)).json().application
    .id;
  commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
});
after(() => world.close());

describe('the vehicles list', () => {
  test('counts each vehicle’s lots', async () => {
    // The count was a subquery naming the vehicle's id without its table, so it counted lots whose own id matched.
    const listed = (await api(world, 'commissioner', 'GET', '/api/v1/vehicles')).json();
    assert.deepEqual(
      listed.items.map((vehicle: { name: string; lotCount: number }) => [vehicle.name, vehicle.lotCount]),
      [
        ['Alder Framework', 3],
        ['Birch DPS', 3],
        ['Cedar Framework', 0],
      ],
    );
    const page = await commissioner.get('/vehicles');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(column(page.body, 0), ['Alder Framework', 'Birch DPS', 'Cedar Framework']);
    assert.deepEqual(column(page.body, 6), ['3', '3', '0'], 'the Lots column');
  });

  test('sorts by its main columns, each way', async () => {
    const sorted = async (query: string) => column((await commissioner.get(`/vehicles?${query}`)).body, 0);
    assert.deepEqual(await sorted('sort=name&order=desc'), ['Cedar Framework', 'Birch DPS', 'Alder Framework']);
    assert.deepEqual(await sorted('sort=reference'), ['Birch DPS', 'Cedar Framework', 'Alder Framework']);
    assert.deepEqual(await sorted('sort=lots&order=asc'), ['Cedar Framework', 'Alder Framework', 'Birch DPS']);
    assert.deepEqual(await sorted('sort=value&order=desc'), ['Birch DPS', 'Alder Framework', 'Cedar Framework']);
    assert.deepEqual(await sorted('sort=status'), ['Cedar Framework', 'Alder Framework', 'Birch DPS'], 'draft first');
    assert.deepEqual(await sorted('sort=kind'), ['Birch DPS', 'Alder Framework', 'Cedar Framework']);
    assert.deepEqual(await sorted('sort=deadline'), ['Alder Framework', 'Birch DPS', 'Cedar Framework']);
    const page = await commissioner.get('/vehicles?sort=lots&order=asc');
    assert.match(page.body, /aria-sort="ascending"[^>]*>\s*<a [^>]*href="\/vehicles\?sort=lots&amp;order=desc"/);
  });

  test('filters by search, status and kind', async () => {
    const names = async (query: string) => column((await commissioner.get(`/vehicles?${query}`)).body, 0);
    assert.deepEqual(await names('search=list-d'), ['Birch DPS', 'Cedar Framework'], 'by reference');
    assert.deepEqual(await names('search=birch'), ['Birch DPS'], 'by name');
    assert.deepEqual(await names('status=draft'), ['Cedar Framework']);
    assert.deepEqual(await names('kind=dps'), ['Birch DPS']);
    assert.deepEqual(await names('kind=framework&status=open'), ['Alder Framework']);
  });

  test('downloads as CSV and XLSX as filtered and sorted, and a provider sees only those open to it', async () => {
    const csv = await commissioner.get('/vehicles.csv?sort=value&order=desc');
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.trim().split('\n');
    assert.equal(lines[0], 'Vehicle,Reference,Kind,Led by,Status,Submission deadline,Lots,Value');
    assert.match(
      lines[1]!,
      /^Birch DPS,LIST-DPS,Dynamic purchasing system \(PCR 2015\),Staffordshire County Council,Open for applications,None,3,9000000$/,
    );
    const xlsx = await readSheet((await commissioner.get('/vehicles.xlsx?kind=framework&sort=name')).rawPayload);
    assert.deepEqual(
      xlsx.map((row) => [row[0], row[6], row[7]]),
      [
        ['Vehicle', 'Lots', 'Value'],
        ['Alder Framework', 3, 5000000],
        ['Cedar Framework', 0, 'Not set'],
      ],
    );
    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.provider_user);
    const theirs = await provider.get('/vehicles');
    assert.deepEqual(column(theirs.body, 0), ['Alder Framework', 'Birch DPS'], 'no draft');
    assert.match(theirs.body, /<h1 class="govuk-heading-l">Open opportunities<\/h1>/);
    assert.match(theirs.body, /active-fallback">Opportunities</, 'named so in the navigation');
    assert.doesNotMatch(theirs.body, />Procurement</);
    assert.match((await commissioner.get('/vehicles')).body, /<h1 class="govuk-heading-l">Procurement vehicles<\/h1>/);
    assert.doesNotMatch(theirs.body, /<option value="draft"/);
    assert.deepEqual((await provider.get('/vehicles.csv?status=draft')).body.trim().split('\n').length, 1);
  });
});

describe('the applications list', () => {
  test('staff see submitted applications, by vehicle, status, stage reached and provider', async () => {
    const page = await commissioner.get('/applications');
    assert.equal(page.statusCode, 200);
    assert.deepEqual(column(page.body, 0).sort(), ['Heron Supported Living Ltd', 'Kestrel Care Ltd'], 'no draft');
    const providers = async (query: string) => column((await commissioner.get(`/applications?${query}`)).body, 0);
    assert.deepEqual(await providers('provider=kest'), ['Kestrel Care Ltd']);
    assert.deepEqual(await providers('stage=quality'), ['Kestrel Care Ltd']);
    assert.deepEqual(await providers('stage=selection'), ['Heron Supported Living Ltd']);
    assert.deepEqual(await providers(`vehicleId=${dps.id}`), []);
    assert.deepEqual(await providers(`vehicleId=${framework.id}&status=submitted&sort=provider&order=desc`), [
      'Kestrel Care Ltd',
      'Heron Supported Living Ltd',
    ]);
    assert.deepEqual(await providers('sort=stage&order=desc'), ['Kestrel Care Ltd', 'Heron Supported Living Ltd']);
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/applications/${kestrel}">Kestrel Care Ltd</a>`));
    assert.match(page.body, /<option value="[0-9a-f-]{36}">Alder Framework<\/option>/, 'the vehicle filter');
    assert.doesNotMatch(page.body, /<option value="[0-9a-f-]{36}">Birch DPS<\/option>/, 'only a draft there');
    const csv = (await commissioner.get('/applications.csv?sort=provider')).body.trim().split('\n');
    assert.equal(csv[0], 'Provider,Vehicle,Status,Stage,Submitted,Decision due');
    assert.match(
      csv[1]!,
      /^Heron Supported Living Ltd,Alder Framework,Submitted,Selection \(pass or fail\),\d{4}-\d{2}-\d{2},$/,
    );
    assert.match(csv[2]!, /^Kestrel Care Ltd,Alder Framework,Submitted,Quality questions,/);
    const other = new PageSession(world.app);
    await other.signIn(world.emails.other_council_commissioner);
    const none = (await other.get('/applications')).body;
    assert.deepEqual(rowsOf(none), []);
    assert.match(none, /No applications match/);
  });

  test('a provider sees only its own applications, drafts too, whatever provider it searches for', async () => {
    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.provider_user);
    const page = await provider.get('/applications?sort=vehicle');
    assert.deepEqual(
      rowsOf(page.body).map((row) => [row[0], row[1], row[2]]),
      [
        ['Heron Supported Living Ltd', 'Alder Framework', 'Submitted'],
        ['Heron Supported Living Ltd', 'Birch DPS', 'Not yet submitted'],
      ],
    );
    assert.match(page.body, new RegExp(`href="/applications/${heronDraft}">Birch DPS</a>`), 'opens its own');
    assert.doesNotMatch(page.body, /name="provider"/, 'not asked which provider');
    assert.match((await commissioner.get('/applications')).body, /name="provider"/);
    assert.equal(column((await provider.get('/applications?provider=Kestrel')).body, 0).length, 2);
    const csv = (await provider.get('/applications.csv?provider=Kestrel')).body;
    assert.doesNotMatch(csv, /Kestrel/);
    const xlsx = await readSheet((await provider.get('/applications.xlsx')).rawPayload);
    assert.deepEqual(
      xlsx.slice(1).map((row) => row[0]),
      ['Heron Supported Living Ltd', 'Heron Supported Living Ltd'],
    );
    assert.ok(!xlsx.flat().includes(heron), 'no ids');
  });

  test('an evaluator sees who applied, opening none until declaring no conflict on the vehicle', async () => {
    const evaluator = new PageSession(world.app);
    await evaluator.signIn(world.emails.evaluator);
    const before = await evaluator.get('/applications');
    assert.deepEqual(column(before.body, 0).sort(), ['Heron Supported Living Ltd', 'Kestrel Care Ltd']);
    assert.doesNotMatch(before.body, /href="\/applications\/[0-9a-f-]{36}"/, 'no link to what they may not open');
    const csv = (await evaluator.get('/applications.csv')).body;
    assert.doesNotMatch(csv, /We grow our own staff/);
    await api(world, 'evaluator', 'POST', `/api/v1/vehicles/${framework.id}/declaration`, { hasConflict: false });
    const after = await evaluator.get('/applications');
    assert.match(after.body, new RegExp(`href="/applications/${heron}">Heron Supported Living Ltd</a>`));
  });
});
