// Administrators set up a care provider's own people from the provider's page; those people sign
// in for that provider only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const signedIn = async (email: string, password?: string) => {
  const session = new PageSession(world.app);
  const response = await session.signIn(email, password);
  return { session, response };
};

test("an administrator adds a provider's person, who signs in for that provider only", async () => {
  const { session: administrator } = await signedIn(world.emails.administrator);
  const page = `/providers/${world.providerId}`;
  assert.match((await administrator.get(page)).body, /Nobody signs in for this provider yet|People who sign in for/);
  const form = `/providers/${world.providerId}/people/new`;
  assert.equal((await administrator.get(form)).statusCode, 200);
  const refused = await administrator.post(form, { name: '', email: 'not-an-email', password: 'short' });
  assert.equal(refused.statusCode, 400);
  for (const field of ['name', 'email', 'password'])
    assert.match(refused.body, new RegExp(`<a href="#${field}">`), field);
  const taken = await administrator.post(form, { name: 'Someone', email: world.emails.commissioner });
  assert.equal(taken.statusCode, 400);
  assert.match(taken.body, /Someone already uses/);

  const added = await administrator.post(form, {
    name: 'Dana Manager',
    email: 'dana@heron.example',
    password: 'heron registered manager 2026',
  });
  assert.equal(added.headers.location, page);
  assert.match((await administrator.get(page)).body, /Dana Manager \(dana@heron\.example\)/);

  const { session: dana, response } = await signedIn('dana@heron.example', 'heron registered manager 2026');
  assert.equal(response.statusCode, 302);
  assert.match((await dana.get('/')).body, /Dana Manager, Heron Supported Living Ltd/);
  assert.equal(
    (await dana.get(`/providers/${world.otherProviderId}`)).statusCode,
    404,
    'another provider is not theirs',
  );
  // Only administrators add them, and nobody but an administrator sees the list.
  const { session: commissioner } = await signedIn(world.emails.commissioner);
  assert.equal((await commissioner.get(form)).statusCode, 403);
  assert.doesNotMatch((await commissioner.get(page)).body, /dana@heron\.example/);
  assert.equal((await dana.get(form)).statusCode, 403);
});
