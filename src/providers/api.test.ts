import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, testWorld, type TestWorld } from '../../test/support/test-app.ts';
import { listAuditEvents } from '../platform/audit/service.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

describe('GET /api/v1/providers', () => {
  test('search matches name, postcode (any spacing), CQC provider ID and CQC location ID', async () => {
    const names = async (search: string) =>
      (await api(world, 'commissioner', 'GET', `/api/v1/providers?search=${encodeURIComponent(search)}`))
        .json()
        .items.map((p: { name: string }) => p.name);
    assert.deepEqual(await names('heron'), ['Heron Supported Living Ltd']);
    assert.deepEqual(await names('st172'), []);
    assert.deepEqual(await names('st17 4ab'), ['Kestrel Care Ltd']);
    assert.deepEqual(await names('ST16'), ['Heron Supported Living Ltd']);
    assert.deepEqual(await names('1-101000002'), ['Kestrel Care Ltd']);
    assert.deepEqual(await names('1-201000001'), ['Heron Supported Living Ltd']);
    assert.deepEqual(await names('100%_'), []);
  });

  test('filters by service type, rating and local authority, and pages', async () => {
    const response = await api(
      world,
      'auditor',
      'GET',
      '/api/v1/providers?serviceType=supported_living&rating=good&localAuthority=E10000028&pageSize=1',
    );
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.total, 2);
    assert.equal(body.pages, 2);
    assert.equal(body.items.length, 1);
    const none = await api(world, 'auditor', 'GET', '/api/v1/providers?rating=inadequate');
    assert.equal(none.json().total, 0);
  });

  test('a provider user sees only their own provider', async () => {
    const body = (await api(world, 'provider_user', 'GET', '/api/v1/providers')).json();
    assert.deepEqual(
      body.items.map((p: { id: string }) => p.id),
      [world.providerId],
    );
  });

  test('no token is 401, a bad token is 401, as problem+json', async () => {
    const missing = await api(world, null, 'GET', '/api/v1/providers');
    assert.equal(missing.statusCode, 401);
    assert.match(missing.headers['content-type'] as string, /application\/problem\+json/);
    const bad = await world.app.inject({
      method: 'GET',
      url: '/api/v1/providers',
      headers: { authorization: 'Bearer hearth_nonsense' },
    });
    assert.equal(bad.statusCode, 401);
  });
});

describe('GET /api/v1/providers/{id}', () => {
  test('returns the provider with its services and ratings', async () => {
    const response = await api(world, 'social_worker', 'GET', `/api/v1/providers/${world.providerId}`);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.provider.name, 'Heron Supported Living Ltd');
    assert.equal(body.locations[0].overallRating, 'good');
    assert.equal(body.locations[0].wellLedRating, 'requires_improvement');
    const location = await api(
      world,
      'social_worker',
      'GET',
      `/api/v1/providers/${world.providerId}/locations/${body.locations[0].id}`,
    );
    assert.equal(location.json().cqcLocationId, '1-201000001');
  });

  test("another provider's record answers 404 to a provider user, as does a record that does not exist", async () => {
    for (const url of [
      `/api/v1/providers/${world.otherProviderId}`,
      '/api/v1/providers/00000000-0000-0000-0000-000000000000',
      '/api/v1/providers/not-an-id',
    ]) {
      const response = await api(world, 'provider_user', 'GET', url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().status, 404);
    }
    const otherLocation = (await api(world, 'commissioner', 'GET', `/api/v1/providers/${world.otherProviderId}`)).json()
      .locations[0].id;
    assert.equal(
      (
        await api(
          world,
          'provider_user',
          'GET',
          `/api/v1/providers/${world.otherProviderId}/locations/${otherLocation}`,
        )
      ).statusCode,
      404,
    );
    // A location id under the wrong provider is not found either.
    assert.equal(
      (await api(world, 'commissioner', 'GET', `/api/v1/providers/${world.providerId}/locations/${otherLocation}`))
        .statusCode,
      404,
    );
  });
});

describe('POST /api/v1/providers', () => {
  test('creates a provider, audited, with its location header', async () => {
    const response = await api(world, 'commissioner', 'POST', '/api/v1/providers', {
      name: '  Linden Lives CIC ',
      companiesHouseNumber: '7488164',
      cqcProviderId: '1-555000111',
      ownershipType: 'Organisation',
      isVcse: true,
      postcode: 'st162lh',
      contacts: [{ name: 'Jo Bloggs', role: 'Director', email: 'jo@linden.example' }],
    });
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.equal(body.provider.name, 'Linden Lives CIC');
    assert.equal(body.provider.companiesHouseNumber, '07488164');
    assert.equal(body.provider.postcode, 'ST16 2LH');
    assert.equal(body.contacts[0].name, 'Jo Bloggs');
    assert.equal(response.headers.location, `/api/v1/providers/${body.provider.id}`);
    const history = await listAuditEvents(world.db, { recordType: 'provider', recordId: body.provider.id }, 1);
    assert.equal(history.items[0]!.action, 'provider.create');
    assert.match(history.items[0]!.actorLabel, /commissioner@example.gov.uk/);
  });

  test('bad input lists every failing field and saves nothing', async () => {
    const before = (await api(world, 'commissioner', 'GET', '/api/v1/providers')).json().total;
    const response = await api(world, 'commissioner', 'POST', '/api/v1/providers', {
      name: '',
      companiesHouseNumber: 'ABC',
      cqcProviderId: 'nope',
      postcode: 'XYZ',
      email: 'not-an-email',
      ownershipType: 'Empire',
      contacts: [{ name: '' }],
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
    const fields = response
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    assert.deepEqual(fields, [
      'companiesHouseNumber',
      'contacts.0.name',
      'cqcProviderId',
      'email',
      'name',
      'ownershipType',
      'postcode',
    ]);
    assert.equal((await api(world, 'commissioner', 'GET', '/api/v1/providers')).json().total, before);
  });

  test('a CQC provider ID already in the registry is a conflict', async () => {
    const response = await api(world, 'administrator', 'POST', '/api/v1/providers', {
      name: 'Copy',
      cqcProviderId: '1-101000001',
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().errors[0].field, 'cqcProviderId');
  });

  test('roles that may not create are refused with 403', async () => {
    for (const seat of ['auditor', 'evaluator', 'social_worker', 'provider_user'] as const) {
      const response = await api(world, seat, 'POST', '/api/v1/providers', { name: 'Nope Ltd' });
      assert.equal(response.statusCode, 403, seat);
    }
  });
});

describe('PATCH /api/v1/providers/{id}', () => {
  test('changes only the fields given, with the reason in the audit trail', async () => {
    const response = await api(
      world,
      'commissioner',
      'PATCH',
      `/api/v1/providers/${world.otherProviderId}?reason=${encodeURIComponent('Phone number from their letter')}`,
      { phone: '01785 223121' },
    );
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().provider.phone, '01785 223121');
    assert.equal(response.json().provider.name, 'Kestrel Care Ltd');
    const [event] = (await listAuditEvents(world.db, { recordType: 'provider', recordId: world.otherProviderId }, 1))
      .items;
    assert.equal(event!.reason, 'Phone number from their letter');
    assert.deepEqual(event!.before, { phone: null });
    assert.deepEqual(event!.after, { phone: '01785 223121' });
  });

  test('a provider user may edit their own provider, not another', async () => {
    assert.equal(
      (
        await api(world, 'provider_user', 'PATCH', `/api/v1/providers/${world.providerId}`, {
          website: 'www.heron.example',
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (
        await api(world, 'provider_user', 'PATCH', `/api/v1/providers/${world.otherProviderId}`, {
          website: 'www.evil.example',
        })
      ).statusCode,
      404,
    );
    assert.equal(
      (await api(world, 'auditor', 'PATCH', `/api/v1/providers/${world.providerId}`, { website: 'www.x.example' }))
        .statusCode,
      403,
    );
  });

  test('bad values are refused with the failing fields', async () => {
    const response = await api(world, 'administrator', 'PATCH', `/api/v1/providers/${world.providerId}`, {
      name: '',
      postcode: 'nowhere',
    });
    assert.equal(response.statusCode, 422);
    assert.deepEqual(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['name', 'postcode'],
    );
  });
});

test('the OpenAPI document describes every operation, and /health answers', async () => {
  const doc = (await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/providers'].get);
  assert.ok(doc.paths['/api/v1/providers'].post.requestBody);
  assert.ok(doc.paths['/api/v1/providers/{id}'].patch);
  const health = (await world.app.inject({ method: 'GET', url: '/health' })).json();
  assert.deepEqual(health, { status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  const docs = await world.app.inject({ method: 'GET', url: '/api/docs' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /GET \/api\/v1\/providers/);
});
