// A declared list, as people use it: sort by a column, filter, page, and download the same rows as
// CSV and XLSX under the same roles. The provider registry is the list tried.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { addProviders } from '../src/providers/service.ts';
import { api, PageSession, sampleProvider, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
let commissioner: PageSession;

/** The provider names in the list's table, in order. */
const namesIn = (html: string) =>
  [...html.matchAll(/<a class="govuk-link" href="\/providers\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);

before(async () => {
  world = await testWorld();
  // A name that a spreadsheet would run as a formula, and enough providers for three pages.
  await addProviders(
    world.db,
    commandLineActor,
    [
      sampleProvider('=HYPERLINK("http://example.com","Avocet")', '1-101000003', 'ST18 0AA', '1-201000003'),
      ...Array.from({ length: 50 }, (_, i) =>
        sampleProvider(
          `Wren Care ${String(i + 1).padStart(2, '0')}`,
          `1-1020000${i + 10}`,
          'ST19 5AA',
          `1-2020000${i + 10}`,
        ),
      ),
    ],
    'test data',
  );
  commissioner = new PageSession(world.app);
  await commissioner.signIn(world.emails.commissioner);
});
after(() => world.close());

describe('a declared list', () => {
  test('sorts by the column chosen, each way, and says which way it is sorted', async () => {
    const byName = await commissioner.get('/providers');
    assert.deepEqual(namesIn(byName.body).slice(0, 3), [
      '=HYPERLINK(&quot;http://example.com&quot;,&quot;Avocet&quot;)',
      'Heron Supported Living Ltd',
      'Kestrel Care Ltd',
    ]);
    assert.match(byName.body, /aria-sort="ascending"[^>]*>\s*<a [^>]*href="\/providers\?sort=name&amp;order=desc"/);
    const descending = await commissioner.get('/providers?sort=name&order=desc');
    assert.deepEqual(namesIn(descending.body).slice(0, 2), ['Wren Care 50', 'Wren Care 49']);
    assert.match(descending.body, /aria-sort="descending"/);
    // An unknown sort is the default order, not an error.
    assert.deepEqual(namesIn((await commissioner.get('/providers?sort=passwordHash')).body), namesIn(byName.body));
  });

  test('pages keep the filters and the order', async () => {
    const first = await commissioner.get('/providers?search=Wren&sort=name&order=desc');
    assert.match(first.body, /50 providers, page 1 of 2/);
    assert.match(first.body, /href="\/providers\?search=Wren&amp;sort=name&amp;order=desc&amp;page=2"/);
    const second = await commissioner.get('/providers?search=Wren&sort=name&order=desc&page=2');
    assert.deepEqual(
      namesIn(second.body),
      Array.from({ length: 25 }, (_, i) => `Wren Care ${String(25 - i).padStart(2, '0')}`),
    );
  });

  test('the CSV holds every row as filtered and sorted, with formulas made safe', async () => {
    const csv = await commissioner.get('/providers.csv?search=e&sort=name&order=asc');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="providers.csv"/);
    const lines = csv.body.trim().split('\n');
    assert.equal(lines[0], 'Provider,CQC provider ID,Town,Services');
    assert.equal(lines.length, 1 + 53);
    assert.equal(lines[1], `"'=HYPERLINK(""http://example.com"",""Avocet"")",1-101000003,Stafford,1`);
    assert.equal(lines[53], 'Wren Care 50,1-102000059,Stafford,1');
  });

  test('the XLSX holds the same rows, text as text', async () => {
    const xlsx = await commissioner.get('/providers.xlsx?search=Kestrel');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = await readSheet(xlsx.rawPayload);
    assert.deepEqual(rows, [
      ['Provider', 'CQC provider ID', 'Town', 'Services'],
      ['Kestrel Care Ltd', '1-101000002', 'Stafford', 1],
    ]);
    const all = await readSheet((await commissioner.get('/providers.xlsx')).rawPayload);
    assert.equal(all[1]![0], '=HYPERLINK("http://example.com","Avocet")', 'kept as text, not a formula');
  });

  test('exports answer only those who may see the list, and a provider only its own row', async () => {
    const provider = new PageSession(world.app);
    await provider.signIn(world.emails.provider_user);
    const own = (await provider.get('/providers.csv')).body.trim().split('\n');
    assert.deepEqual(own.slice(1), ['Heron Supported Living Ltd,1-101000001,Stafford,1']);
    const signedOut = await world.app.inject({ method: 'GET', url: '/providers.xlsx' });
    assert.equal(signedOut.statusCode, 302);
    // Bad filter values are refused, naming the field, on the page and in the exports alike.
    const page = await commissioner.get('/providers?search=%00');
    assert.equal(page.statusCode, 422);
    assert.match(page.body, /<a href="#search">Remove the control characters/);
    for (const url of ['/providers.csv?search=%00', '/providers.xlsx?search=%00']) {
      const bad = await commissioner.get(url);
      assert.equal(bad.statusCode, 422, url);
      assert.match(bad.body, /<a href="#search">Remove the control characters/, url);
    }
    assert.equal((await api(world, 'commissioner', 'GET', '/api/v1/providers?search=%00')).statusCode, 422);
  });

  test("an administrator's people: by role, active or not, by name or last sign-in", async () => {
    const administrator = new PageSession(world.app);
    await administrator.signIn(world.emails.administrator);
    const rows = (html: string) =>
      [...html.matchAll(/href="\/admin\/users\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(rows((await administrator.get('/admin/users?role=evaluator')).body), ['Test evaluator']);
    assert.deepEqual(rows((await administrator.get('/admin/users?search=AUDITOR@')).body), ['Test auditor']);
    assert.deepEqual(rows((await administrator.get('/admin/users?status=deactivated')).body), []);
    // Only the administrator has signed in: newest sign-in first puts them first.
    const bySignIn = rows((await administrator.get('/admin/users?sort=lastSignIn&order=desc')).body);
    assert.equal(bySignIn[0], 'Test administrator');
    const csv = (await administrator.get('/admin/users.csv?role=auditor')).body.trim().split('\n');
    assert.equal(csv[0], 'Name,Email address,Roles,Last signed in');
    assert.match(csv[1]!, /^Test auditor,auditor@example\.gov\.uk,Auditor \(read only\),Never$/);
    const bad = await administrator.get('/admin/users?role=wizard');
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /<a href="#role">Choose a role from the list/);
  });
});
