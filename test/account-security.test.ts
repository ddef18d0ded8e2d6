// Account security: a password reset or change signs the person out everywhere else, passwords
// must be hard to guess, and administrators cannot change their own roles.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, PageSession, PASSWORD, testWorld, type TestWorld } from './support/test-app.ts';
import { userByEmail } from '../src/organisations/repository.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

const idOf = async (email: string) => (await userByEmail(world.db, email))!.id;
const signedIn = async (email: string, password = PASSWORD) => {
  const session = new PageSession(world.app);
  assert.equal((await session.signIn(email, password)).statusCode, 302, `${email} signs in`);
  return session;
};
const errorFields = (response: { json(): { errors: { field: string }[] } }) =>
  response.json().errors.map((error) => error.field);

describe('an administrator resets a password', () => {
  test('on the page: every session of the person ends, their API tokens only when asked, and the history says so', async () => {
    const workerId = await idOf(world.emails.social_worker);
    const laptop = await signedIn(world.emails.social_worker);
    const admin = await signedIn(world.emails.administrator);
    const form = await admin.get(`/admin/users/${workerId}`);
    assert.match(form.body, /name="revokeApiTokens" type="checkbox" value="yes"/);

    const reset = await admin.post(`/admin/users/${workerId}`, {
      name: 'Test social worker',
      roles: ['social_worker'],
      active: 'yes',
      password: 'otter kettle lantern meadow',
    });
    assert.equal(reset.statusCode, 302);
    assert.equal((await laptop.get('/account')).statusCode, 302, 'the session opened with the old password is over');
    assert.equal(
      (await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode,
      200,
      'tokens were not asked to be revoked',
    );

    const phone = await signedIn(world.emails.social_worker, 'otter kettle lantern meadow');
    await admin.get(`/admin/users/${workerId}`);
    await admin.post(`/admin/users/${workerId}`, {
      name: 'Test social worker',
      roles: ['social_worker'],
      active: 'yes',
      password: 'violet harbour pencil drum',
      revokeApiTokens: 'yes',
    });
    assert.equal((await phone.get('/account')).statusCode, 302);
    assert.equal(
      (await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode,
      401,
      'and now their token is revoked',
    );

    const history = await admin.get(`/history/user/${workerId}`);
    assert.match(history.body, /sessionsEnded/);
    assert.match(history.body, /api-token\.revoke/);
  });

  test('through the API: sessions end, and revokeApiTokens revokes every token', async () => {
    const officerId = await idOf(world.emails.finance_officer);
    const session = await signedIn(world.emails.finance_officer);
    const reset = await api(world, 'administrator', 'PATCH', `/api/v1/users/${officerId}`, {
      password: 'walnut compass river cloud',
      revokeApiTokens: true,
    });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await session.get('/account')).statusCode, 302);
    assert.equal((await api(world, 'finance_officer', 'GET', '/api/v1/me')).statusCode, 401);
  });

  test("an administrator resets others' passwords, not their own: that is changed from their account", async () => {
    const self = await idOf(world.emails.administrator);
    const refused = await api(world, 'administrator', 'PATCH', `/api/v1/users/${self}`, {
      password: 'walnut compass river cloud',
    });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(errorFields(refused), ['password']);
  });
});

describe('changing your own password', () => {
  test('needs the current one and a strong new one typed twice; then the other sessions end and this one goes on', async () => {
    const elsewhere = await signedIn(world.emails.quality_officer);
    const here = await signedIn(world.emails.quality_officer);
    const page = await here.get('/account');
    assert.match(page.body, /Change your password/);

    const wrong = await here.post('/account/password', {
      currentPassword: 'not my password',
      newPassword: 'saffron pebble orbit tulip',
      confirmPassword: 'saffron pebble orbit tulip',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /There is a problem/);
    assert.match(wrong.body, /href="#currentPassword">Your current password is not right/);
    assert.match(wrong.body, /id="currentPassword-error"/);
    assert.doesNotMatch(wrong.body, /not my password|saffron pebble/, 'nothing typed in a password field comes back');

    const weak = await here.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'aaaaaaaaaaaa',
      confirmPassword: 'different',
    });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /href="#newPassword">Your new password is too easy to guess/);
    const different = await here.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'saffron pebble orbit tulip',
      confirmPassword: 'saffron pebble orbit',
    });
    assert.match(different.body, /href="#confirmPassword">The passwords do not match/);
    assert.equal((await elsewhere.get('/account')).statusCode, 200, 'nothing changed yet');

    const changed = await here.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'saffron pebble orbit tulip',
      confirmPassword: 'saffron pebble orbit tulip',
    });
    assert.equal(changed.statusCode, 302);
    assert.equal(changed.headers.location, '/account');
    const after = await here.get('/account');
    assert.equal(after.statusCode, 200, 'this session goes on');
    assert.match(after.body, /Your password has been changed/);
    assert.equal((await elsewhere.get('/account')).statusCode, 302, 'the other session is over');
    assert.equal((await new PageSession(world.app).signIn(world.emails.quality_officer, PASSWORD)).statusCode, 401);
    await signedIn(world.emails.quality_officer, 'saffron pebble orbit tulip');
    assert.match(
      (await here.get(`/history/user/${await idOf(world.emails.quality_officer)}`)).body,
      /user\.password-change/,
    );
  });
});

describe('passwords that are easy to guess are refused wherever a password is set', () => {
  test("adding a person through the API and the page, and an administrator's reset", async () => {
    for (const password of ['aaaaaaaaaaaa', 'abcdefghijkl', '123456789012', 'password1234']) {
      const refused = await api(world, 'administrator', 'POST', '/api/v1/users', {
        email: 'weak@example.gov.uk',
        name: 'Weak',
        roles: ['auditor'],
        password,
      });
      assert.equal(refused.statusCode, 422, password);
      assert.deepEqual(errorFields(refused), ['password'], password);
      assert.match(refused.json().errors[0].message, /^The password is too easy to guess\. /);
    }
    const admin = await signedIn(world.emails.administrator);
    await admin.get('/admin/users/new');
    const page = await admin.post('/admin/users/new', {
      name: 'Weak',
      email: 'weak@example.gov.uk',
      roles: ['auditor'],
      password: 'qwertyuiopas',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#password">The password is too easy to guess/);
    const reset = await api(world, 'administrator', 'PATCH', `/api/v1/users/${await idOf(world.emails.commissioner)}`, {
      password: 'aaaaaaaaaaaa',
    });
    assert.equal(reset.statusCode, 422);
    assert.deepEqual(errorFields(reset), ['password']);
  });
});

describe("an administrator's own roles", () => {
  test('cannot be changed by themselves, on the page or through the API', async () => {
    const self = await idOf(world.emails.administrator);
    const refused = await api(world, 'administrator', 'PATCH', `/api/v1/users/${self}`, {
      roles: ['administrator', 'auditor'],
    });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().errors, [
      { field: 'roles', message: 'You cannot change your own roles: ask another administrator' },
    ]);
    const admin = await signedIn(world.emails.administrator);
    const own = await admin.get(`/admin/users/${self}`);
    assert.doesNotMatch(own.body, /type="checkbox" name="roles"/, 'no role boxes to tick on their own page');
    assert.match(own.body, /Another administrator changes your roles/);
    const renamed = await admin.post(`/admin/users/${self}`, {
      name: 'Test administrator',
      roles: ['administrator'],
      active: 'yes',
    });
    assert.equal(renamed.statusCode, 302, 'their own name they may change');
    const page = await admin.post(`/admin/users/${self}`, {
      name: 'Test administrator',
      roles: ['administrator', 'auditor'],
      active: 'yes',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#roles">You cannot change your own roles: ask another administrator/);
    assert.deepEqual((await userByEmail(world.db, world.emails.administrator))!.roles, ['administrator']);
  });

  test("a person's page lists their role changes: when, who, from and to", async () => {
    const evaluatorId = await idOf(world.emails.evaluator);
    assert.equal(
      (await api(world, 'administrator', 'PATCH', `/api/v1/users/${evaluatorId}`, { roles: ['evaluator', 'auditor'] }))
        .statusCode,
      200,
    );
    const admin = await signedIn(world.emails.administrator);
    const page = await admin.get(`/admin/users/${evaluatorId}`);
    assert.match(page.body, /Role changes/);
    const rows = [
      ...page.body.matchAll(
        /<tr class="govuk-table__row">\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([^<]+)<\/td>/g,
      ),
    ].map((row) => row.slice(2, 5));
    assert.deepEqual(rows, [
      ['Test administrator &lt;administrator@example.gov.uk&gt;', 'Evaluator', 'Evaluator, Auditor (read only)'],
      ['command line', 'None', 'Evaluator'],
    ]);
  });
});
