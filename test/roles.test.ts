// Each role against each route: what it may use answers 200, what it may not answers 403,
// and a record of another provider or organisation answers 404, so its existence is not revealed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, STAFF_SEATS, testWorld, type Seat, type TestWorld } from './support/test-app.ts';
import { userByEmail } from '../src/organisations/repository.ts';

let world: TestWorld;
let auditorId: string;
const sessions = new Map<Seat, PageSession>();
const ALL_SEATS: Seat[] = [
  ...STAFF_SEATS,
  'provider_user',
  'other_provider_user',
  'other_council_commissioner',
  'other_council_administrator',
];

before(async () => {
  world = await testWorld();
  auditorId = (await userByEmail(world.db, world.emails.auditor))!.id;
  for (const seat of ALL_SEATS) {
    const session = new PageSession(world.app);
    const response = await session.signIn(world.emails[seat]);
    assert.equal(response.statusCode, 302, `${seat} signs in`);
    sessions.set(seat, session);
  }
});
after(() => world.close());

type Expectation = (seat: Seat) => number;
const only =
  (...allowed: Seat[]): Expectation =>
  (seat) =>
    allowed.includes(seat) ? 200 : 403;
const everyone: Expectation = () => 200;
const administrators = only('administrator', 'other_council_administrator');
/** A person of the first council: its administrator may change them; the other council's answers 404. */
/** A tender's bids: the staff who run procurement, and providers (each sees only its own). */
const tenderReaders = only(
  'commissioner',
  'evaluator',
  'finance_officer',
  'auditor',
  'provider_user',
  'other_provider_user',
  'other_council_commissioner',
);
const ourAdministrator: Expectation = (seat) =>
  seat === 'administrator' ? 200 : seat === 'other_council_administrator' ? 404 : 403;

function pageRoutes(): [string, Expectation][] {
  const p = world.providerId;
  return [
    ['/', everyone],
    ['/account', everyone],
    ['/providers', everyone],
    [`/providers/${p}`, (seat) => (seat === 'other_provider_user' ? 404 : 200)],
    [`/history/provider/${p}`, (seat) => (seat === 'other_provider_user' ? 404 : 200)],
    [
      '/providers/new',
      only('administrator', 'commissioner', 'other_council_commissioner', 'other_council_administrator'),
    ],
    [
      `/providers/${p}/edit`,
      (seat) =>
        seat === 'other_provider_user'
          ? 404
          : only(
              'administrator',
              'commissioner',
              'provider_user',
              'other_council_commissioner',
              'other_council_administrator',
            )(seat),
    ],
    ['/admin/users', administrators],
    ['/admin/users/new', administrators],
    [`/admin/users/${auditorId}`, ourAdministrator],
    ['/admin/import-cqc', administrators],
    ['/audit', only('auditor', 'administrator', 'other_council_administrator')],
    ['/vehicles', everyone],
    ['/applications', tenderReaders],
    [
      '/vehicles/new',
      only('administrator', 'commissioner', 'other_council_commissioner', 'other_council_administrator'),
    ],
  ];
}

describe('pages', () => {
  test('every seat against every page', async () => {
    for (const [url, expect] of pageRoutes()) {
      for (const seat of ALL_SEATS) {
        const response = await sessions.get(seat)!.get(url);
        assert.equal(response.statusCode, expect(seat), `${seat} GET ${url}`);
        if (response.statusCode === 403) assert.match(response.body, /Forbidden/);
      }
    }
  });

  test('signed out, every page sends you to sign in and comes back after', async () => {
    for (const [url] of pageRoutes()) {
      const response = await world.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 302, url);
      assert.equal(response.headers.location, `/sign-in?next=${encodeURIComponent(url)}`);
    }
  });

  test("a person's history: their own, or their own organisation's administrators and auditors", async () => {
    const admin = await userByEmail(world.db, world.emails.administrator);
    const url = `/history/user/${admin!.id}`;
    const expect = (seat: Seat) => (['administrator', 'auditor'].includes(seat) ? 200 : 404);
    for (const seat of ALL_SEATS) {
      assert.equal((await sessions.get(seat)!.get(url)).statusCode, expect(seat), `${seat} GET ${url}`);
    }
  });

  test("the audit trail shows only the viewer's own organisation", async () => {
    const ours = await sessions.get('administrator')!.get('/audit');
    const theirs = await sessions.get('other_council_administrator')!.get('/audit');
    assert.match(ours.body, /&lt;administrator@example\.gov\.uk/);
    assert.doesNotMatch(theirs.body, /&lt;administrator@example\.gov\.uk/);
    assert.match(theirs.body, /&lt;other-council-administrator@example\.gov\.uk/);
  });
});

describe('API', () => {
  test('every seat against every read', async () => {
    const routes: [string, Expectation][] = [
      ['/api/v1/me', everyone],
      ['/api/v1/providers', everyone],
      [`/api/v1/providers/${world.providerId}`, (seat) => (seat === 'other_provider_user' ? 404 : 200)],
      [`/api/v1/providers/${world.otherProviderId}`, (seat) => (seat === 'provider_user' ? 404 : 200)],
      ['/api/v1/users', administrators],
      [`/api/v1/users/${auditorId}`, ourAdministrator],
      ['/api/v1/vehicles', everyone],
      ['/api/v1/applications', tenderReaders],
    ];
    for (const [url, expect] of routes) {
      for (const seat of ALL_SEATS) {
        const response = await api(world, seat, 'GET', url);
        assert.equal(response.statusCode, expect(seat), `${seat} GET ${url}`);
      }
    }
  });

  test('an administrator lists and adds people of their own organisation only', async () => {
    const ours = (await api(world, 'administrator', 'GET', '/api/v1/users')).json();
    assert.ok(ours.items.every((u: { organisationId: string }) => u.organisationId === world.councilId));
    assert.ok(ours.items.every((u: Record<string, unknown>) => !('passwordHash' in u)));
    const theirs = (await api(world, 'other_council_administrator', 'GET', '/api/v1/users')).json();
    assert.ok(theirs.items.every((u: { organisationId: string }) => u.organisationId === world.otherCouncilId));
    const added = await api(world, 'other_council_administrator', 'POST', '/api/v1/users', {
      email: 'New.Person@Kent.example',
      name: 'New Person',
      roles: ['evaluator'],
    });
    assert.equal(added.statusCode, 201);
    assert.equal(added.json().email, 'new.person@kent.example');
    assert.equal(added.json().organisationId, world.otherCouncilId);
    const duplicate = await api(world, 'administrator', 'POST', '/api/v1/users', {
      email: 'new.person@kent.example',
      name: 'Again',
      roles: ['evaluator'],
    });
    assert.equal(duplicate.statusCode, 409);
    const bad = await api(world, 'administrator', 'POST', '/api/v1/users', {
      email: 'nope',
      name: '',
      roles: ['wizard'],
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['email', 'name', 'roles.0'],
    );
  });

  test('an administrator changes people of their own organisation only, and not into a lockout', async () => {
    const url = `/api/v1/users/${auditorId}`;
    assert.equal((await api(world, 'other_council_administrator', 'PATCH', url, { active: false })).statusCode, 404);
    assert.equal((await api(world, 'commissioner', 'PATCH', url, { active: false })).statusCode, 403);
    const bad = await api(world, 'administrator', 'PATCH', url, { roles: ['provider_user'] });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['organisation', 'provider'],
    );
    const short = await api(world, 'administrator', 'PATCH', url, { password: 'short' });
    assert.deepEqual(
      short.json().errors.map((e: { field: string }) => e.field),
      ['password'],
    );
    const changed = await api(world, 'administrator', 'PATCH', url, { roles: ['auditor', 'finance_officer'] });
    assert.equal(changed.statusCode, 200);
    assert.deepEqual(changed.json().roles, ['auditor', 'finance_officer']);
    assert.equal(changed.json().active, true);
    assert.ok(!('passwordHash' in changed.json()));
    const self = (await userByEmail(world.db, world.emails.administrator))!.id;
    const lockout = await api(world, 'administrator', 'PATCH', `/api/v1/users/${self}`, { active: false });
    assert.equal(lockout.statusCode, 422);
    assert.deepEqual(
      lockout.json().errors.map((e: { field: string }) => e.field),
      ['active'],
    );
    await api(world, 'administrator', 'PATCH', url, { roles: ['auditor'] });
  });

  test('an unknown API path is a problem+json 404', async () => {
    const response = await api(world, 'commissioner', 'GET', '/api/v1/nothing-here');
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] as string, /problem\+json/);
  });
});
