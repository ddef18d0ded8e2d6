// What a busy office and a hostile client meet: limits per person, not per address; a tight limit
// on signing in; addresses believed only from the proxy hops configured; nothing personal cached.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, PASSWORD, testWorld, type TestWorld } from './support/test-app.ts';
import { SIGN_IN_ATTEMPTS_PER_MINUTE } from '../src/platform/http/plugins/rate-limit.ts';

describe('limits count per person behind one proxy hop', () => {
  let world: TestWorld;
  before(async () => {
    world = await testWorld({ rateLimitPerMinute: 5, trustProxy: 1 });
  });
  after(() => world.close());

  test('one person going too fast is told to wait; a colleague at the same address is not', async () => {
    for (let i = 0; i < 5; i += 1)
      assert.equal((await api(world, 'commissioner', 'GET', '/api/v1/vehicles')).statusCode, 200);
    const refused = await api(world, 'commissioner', 'GET', '/api/v1/vehicles');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().title, 'Too many requests');
    assert.equal((await api(world, 'auditor', 'GET', '/api/v1/vehicles')).statusCode, 200);
  });

  test('stylesheets and scripts are not counted: a page past the limit still loads its styles', async () => {
    const session = new PageSession(world.app);
    for (let i = 0; i < 8; i += 1) {
      const stylesheet = await session.get('/static/hearth.css');
      assert.equal(stylesheet.statusCode, 200, `stylesheet ${i + 1}`);
    }
  });

  test("a client cannot pick a new address to escape the limit: only the proxy's own hop is believed", async () => {
    const health = (claimed: string) =>
      world.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': `${claimed}, 203.0.113.7` } });
    for (let i = 0; i < 5; i += 1) assert.equal((await health(`198.51.100.${i}`)).statusCode, 200);
    assert.equal((await health('198.51.100.99')).statusCode, 429);
    // Another real client, as the proxy reports it, has its own allowance.
    assert.equal(
      (await world.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': '203.0.113.8' } }))
        .statusCode,
      200,
    );
  });
});

describe('signing in and caching', () => {
  let world: TestWorld;
  before(async () => {
    world = await testWorld();
  });
  after(() => world.close());

  test(`signing in is limited to ${SIGN_IN_ATTEMPTS_PER_MINUTE} attempts a minute from one address`, async () => {
    const session = new PageSession(world.app);
    await session.get('/sign-in');
    let last = 0;
    for (let i = 0; i <= SIGN_IN_ATTEMPTS_PER_MINUTE; i += 1)
      last = (
        await session.post('/sign-in', { email: `nobody${i}@example.gov.uk`, password: 'not the password at all' })
      ).statusCode;
    assert.equal(last, 429);
  });

  test('pages, API answers and exports behind sign-in are never stored; the stylesheet is', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.brokerage_officer, PASSWORD);
    for (const url of ['/', '/account', '/placements'])
      assert.equal((await session.get(url)).headers['cache-control'], 'no-store', url);
    for (const url of ['/api/v1/placements', '/api/v1/placements.csv'])
      assert.equal((await api(world, 'brokerage_officer', 'GET', url)).headers['cache-control'], 'no-store', url);
    const css = await world.app.inject('/static/hearth.css');
    assert.equal(css.statusCode, 200);
    assert.notEqual(css.headers['cache-control'], 'no-store');
  });
});
