// Input the database cannot store (a NUL in text) and bodies that are not JSON objects are refused
// like any other bad field, with the field named and nothing saved, never answered with a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { openVehicle } from './support/procurement.ts';
import { assessedPerson } from './support/brokerage.ts';

const NUL = 'Ann\u0000e';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

function assertRefused(
  response: { statusCode: number; body: string; json(): { errors: { field: string; message: string }[] } },
  field: string,
) {
  assert.equal(response.statusCode, 422, response.body);
  assert.deepEqual(
    response
      .json()
      .errors.filter((error) => error.field === field)
      .map((error) => error.message),
    ['Remove the control characters (such as NUL) from this text'],
  );
}

test('a NUL in a text field is refused with the field named, and nothing is saved', async () => {
  const vehicle = await openVehicle(world, { clarificationDeadline: null });
  const person = await assessedPerson(world);
  const users = (await api(world, 'administrator', 'GET', '/api/v1/users')).json().items as {
    id: string;
    name: string;
  }[];
  const user = users.find((candidate) => candidate.name === 'Test auditor')!;

  assertRefused(await api(world, 'administrator', 'PATCH', `/api/v1/users/${user.id}`, { name: NUL }), 'name');
  assert.equal((await api(world, 'administrator', 'GET', `/api/v1/users/${user.id}`)).json().name, 'Test auditor');

  assertRefused(await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${vehicle.id}`, { name: NUL }), 'name');
  assertRefused(
    await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${vehicle.id}?reason=${encodeURIComponent(NUL)}`, {
      name: 'Renamed',
    }),
    'reason',
  );
  assertRefused(
    await api(world, 'commissioner', 'PATCH', `/api/v1/vehicles/${vehicle.id}`, {
      requiredDocuments: ['Insurance', NUL],
    }),
    'requiredDocuments.1',
  );
  assert.equal(
    (await api(world, 'commissioner', 'GET', `/api/v1/vehicles/${vehicle.id}`)).json().vehicle.name,
    'Supported Living Framework',
  );

  const clarifications = `/api/v1/vehicles/${vehicle.id}/clarifications`;
  assertRefused(await api(world, 'provider_user', 'POST', clarifications, { question: NUL }), 'question');
  assert.deepEqual((await api(world, 'provider_user', 'GET', clarifications)).json(), []);

  const record = (await api(world, 'social_worker', 'GET', `/api/v1/people/${person.id}`)).json();
  const change = {
    name: NUL,
    dateOfBirth: '1990-05-17',
    caseReference: person.caseReference,
    clientGroups: ['learning-disability'],
    homeZoneId: world.zoneIds[0],
    inCounty: true,
    paymentRoute: 'commissioned',
    funding: [{ stream: 'care-act', percent: 100 }],
  };
  assertRefused(await api(world, 'social_worker', 'PUT', `/api/v1/people/${person.id}`, change), 'name');
  assertRefused(
    await api(world, 'social_worker', 'PUT', `/api/v1/people/${person.id}`, {
      ...change,
      name: 'Someone Else',
      caseReference: NUL,
    }),
    'caseReference',
  );
  assert.equal(
    (await api(world, 'social_worker', 'GET', `/api/v1/people/${person.id}`)).json().person.name,
    record.person.name,
  );
  assertRefused(await api(world, 'social_worker', 'GET', `/api/v1/people?search=${encodeURIComponent(NUL)}`), 'search');
});

test('a NUL typed into a form is shown in the error summary; in a sign-in or a search it is refused', async () => {
  const vehicle = await openVehicle(world, { clarificationDeadline: null });
  const page = new PageSession(world.app);
  await page.signIn(world.emails.provider_user);
  await page.get(`/vehicles/${vehicle.id}`);
  const asked = await page.post(`/vehicles/${vehicle.id}/clarifications`, { question: NUL });
  assert.equal(asked.statusCode, 400);
  assert.match(asked.body, /govuk-error-summary[\s\S]*Remove the control characters \(such as NUL\) from this text/);
  assert.equal((await page.get(`/providers?search=${encodeURIComponent(NUL)}`)).statusCode, 422);

  const signIn = new PageSession(world.app);
  await signIn.get('/sign-in');
  const refused = await signIn.post('/sign-in', { email: `${world.emails.commissioner}\u0000`, password: 'x' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Remove the control characters/);
  await signIn.signIn(world.emails.brokerage_officer);
  assert.equal((await signIn.get(`/people?search=${encodeURIComponent(NUL)}`)).statusCode, 422);
});

test('the API takes JSON objects: another media type is 415, and a body that is not an object is 422', async () => {
  const users = (await api(world, 'administrator', 'GET', '/api/v1/users')).json().items as {
    id: string;
    name: string;
  }[];
  const user = users.find((candidate) => candidate.name === 'Test evaluator')!;
  const send = (payload: string, contentType: string) =>
    world.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload,
      headers: { authorization: `Bearer ${world.tokens.administrator}`, 'content-type': contentType },
    });

  const form = await send('name=Changed', 'application/x-www-form-urlencoded');
  assert.equal(form.statusCode, 415, form.body);
  assert.match(form.headers['content-type'] as string, /^application\/problem\+json/);
  assert.equal(form.json().title, 'Unsupported media type');
  assert.equal((await send('name=Changed', 'text/plain')).statusCode, 415);

  for (const body of ['null', '[]', '"Changed"', '42']) {
    const response = await send(body, 'application/json');
    assert.equal(response.statusCode, 422, `${body}: ${response.body}`);
    assert.deepEqual(response.json().errors, [{ field: '(body)', message: 'Send a JSON object' }]);
  }
  assert.equal((await api(world, 'administrator', 'GET', `/api/v1/users/${user.id}`)).json().name, 'Test evaluator');
  assert.equal((await send('{"name":"Changed"}', 'application/json; charset=utf-8')).statusCode, 200);
});
