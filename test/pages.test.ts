// Pages as a person uses them: signing in and out, forms with errors, API tokens, the CQC upload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, PageSession, PASSWORD, testWorld, type TestWorld } from './support/test-app.ts';
import { sql } from 'drizzle-orm';
import { userByEmail } from '../src/organisations/repository.ts';
import { sessions } from '../src/platform/auth/schema.ts';

let world: TestWorld;
before(async () => {
  world = await testWorld();
});
after(() => world.close());

describe('signing in and out', () => {
  test('wrong details show the error summary and keep the email', async () => {
    const session = new PageSession(world.app);
    const response = await session.signIn(world.emails.commissioner, 'wrong password');
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /There is a problem/);
    assert.match(response.body, /Enter a correct email address and password/);
    assert.match(response.body, /value="commissioner@example.gov.uk"/);
  });

  test('empty fields each get their message', async () => {
    const session = new PageSession(world.app);
    await session.get('/sign-in');
    const response = await session.post('/sign-in', { email: '', password: '' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter your email address/);
    assert.match(response.body, /Enter your password/);
  });

  test('the session cookie is HttpOnly and SameSite=Lax; sign-in returns to where you were going', async () => {
    const session = new PageSession(world.app);
    await session.get('/sign-in?next=/providers');
    const response = await session.post('/sign-in', {
      email: world.emails.auditor,
      password: 'correct horse battery staple',
      next: '/providers',
    });
    assert.equal(response.statusCode, 302);
    assert.equal(response.headers.location, '/providers');
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('hearth_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });

  test('a next address off this site is ignored', async () => {
    const session = new PageSession(world.app);
    await session.get('/sign-in');
    const response = await session.post('/sign-in', {
      email: world.emails.auditor,
      password: 'correct horse battery staple',
      next: '//evil.example/',
    });
    assert.equal(response.headers.location, '/');
  });

  test('a hostile next never leaves the site nor stops the service', async () => {
    for (const next of [
      '/\n/x',
      '/\r\nSet-Cookie: a=b',
      '/\t/evil.example',
      '/\\evil.example',
      '//evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
    ]) {
      const session = new PageSession(world.app);
      const form = await session.get(`/sign-in?next=${encodeURIComponent(next)}`);
      assert.match(form.body, /name="next" value="\/"/, JSON.stringify(next));
      const response = await session.post('/sign-in', { email: world.emails.auditor, password: PASSWORD, next });
      assert.equal(response.statusCode, 302, JSON.stringify(next));
      assert.equal(response.headers.location, '/', JSON.stringify(next));
      assert.equal((await world.app.inject('/health')).statusCode, 200);
    }
  });

  test('a form without its CSRF token is refused', async () => {
    const session = new PageSession(world.app);
    await session.get('/sign-in');
    const response = await session.post(
      '/sign-in',
      { email: world.emails.auditor, password: 'correct horse battery staple' },
      { withCsrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /The form had expired/);
  });

  test('after five failures even the right password must wait, with a clear message', async () => {
    const session = new PageSession(world.app);
    for (let i = 0; i < 5; i += 1)
      assert.equal((await session.signIn(world.emails.evaluator, 'guess')).statusCode, 401);
    const response = await session.signIn(world.emails.evaluator);
    assert.equal(response.statusCode, 429);
    assert.match(response.body, /Too many failed sign-in attempts\. For your security, wait 15 minutes and try again/);
  });

  test('reading pages writes the session back only once it is five minutes old, and then its end moves on', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.quality_officer);
    const stored = async () => {
      const userId = (await userByEmail(world.db, world.emails.quality_officer))!.id;
      const rows = await world.db
        .select({ idHash: sessions.idHash, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(sql`${sessions.data}->>'userId' = ${userId}`);
      assert.equal(rows.length, 1);
      return rows[0]!;
    };
    // The first page after signing in keeps the form token's secret in the session: a change, so it is written.
    await session.get('/providers');
    const signedIn = await stored();
    const read = await session.get('/providers');
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['set-cookie'], undefined, 'no new cookie for a page view that changes nothing');
    assert.equal((await stored()).expiresAt.getTime(), signedIn.expiresAt.getTime(), 'nor a write');

    // As if it was last written ten minutes ago.
    await world.db.execute(sql`
      update sessions set expires_at = expires_at - interval '10 minutes',
        data = jsonb_set(data, '{keptAliveAt}', to_jsonb((data->>'keptAliveAt')::bigint - 600000))
      where id_hash = ${signedIn.idHash}`);
    const aged = await stored();
    const kept = await session.get('/providers');
    assert.equal(kept.statusCode, 200);
    const cookie = [kept.headers['set-cookie']].flat().find((c) => c?.startsWith('hearth_session='));
    assert.ok(cookie, 'the cookie goes out again with its new end');
    assert.match(cookie, /Expires=/);
    assert.ok((await stored()).expiresAt > aged.expiresAt, 'its end moved on');
    assert.equal(
      (await session.get('/providers')).headers['set-cookie'],
      undefined,
      'and the next view writes nothing',
    );
  });

  test('signing out ends the session', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.quality_officer);
    assert.equal((await session.get('/providers')).statusCode, 200);
    const out = await session.post('/sign-out', {});
    assert.equal(out.statusCode, 302);
    assert.equal(out.headers.location, '/sign-in');
    assert.equal((await session.get('/providers')).statusCode, 302);
  });
});

describe('editing a provider', () => {
  test('a bad value shows the error summary, keeps what was typed, and saves nothing; fixed, it saves', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.commissioner);
    const form = await session.get(`/providers/${world.providerId}/edit`);
    assert.match(form.body, /value="Heron Supported Living Ltd"/);
    const values = {
      name: 'Heron Supported Living Ltd',
      postcode: 'not a postcode',
      townCity: 'Stafford',
      phone: '01785 111222',
      contactName: 'Dee Director',
    };
    const bad = await session.post(`/providers/${world.providerId}/edit`, values);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /href="#postcode">Enter a full UK postcode/);
    assert.match(bad.body, /value="not a postcode"/);
    assert.match(bad.body, /value="Dee Director"/);
    assert.equal(
      (await api(world, 'commissioner', 'GET', `/api/v1/providers/${world.providerId}`)).json().provider.phone,
      null,
    );

    const good = await session.post(`/providers/${world.providerId}/edit`, { ...values, postcode: 'st16 2lh' });
    assert.equal(good.statusCode, 302);
    const page = await session.get(good.headers.location as string);
    assert.match(page.body, /Your changes have been saved/);
    assert.match(page.body, /01785 111222/);
    assert.match(page.body, /Dee Director/);
  });

  test('adding a provider from the form', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.administrator);
    await session.get('/providers/new');
    const empty = await session.post('/providers/new', { name: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the provider(&#39;|')s name/);
    const created = await session.post('/providers/new', {
      name: 'Juniper Lives Ltd',
      isSme: 'yes',
      postcode: 'ST17 9XX',
    });
    assert.equal(created.statusCode, 302);
    const page = await session.get(created.headers.location as string);
    assert.match(page.body, /Juniper Lives Ltd has been added/);
  });
});

describe('an administrator manages people', () => {
  test('changes roles, resets a password, and deactivates a leaver, whose session and token stop at once', async () => {
    const admin = new PageSession(world.app);
    await admin.signIn(world.emails.administrator);
    const leaver = new PageSession(world.app);
    assert.equal((await leaver.signIn(world.emails.social_worker)).statusCode, 302);
    const worker = (await userByEmail(world.db, world.emails.social_worker))!;

    const list = await admin.get('/admin/users');
    assert.match(list.body, new RegExp(`href="/admin/users/${worker.id}"`));
    const form = await admin.get(`/admin/users/${worker.id}`);
    assert.match(form.body, /Change Test social worker/);

    const bad = await admin.post(`/admin/users/${worker.id}`, {
      name: 'Test social worker',
      active: 'yes',
      password: 'short',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /Choose at least one role/);
    assert.match(bad.body, /at least 12 characters/);

    const saved = await admin.post(`/admin/users/${worker.id}`, {
      name: 'Sam Worker',
      roles: ['social_worker', 'quality_officer'],
      active: 'yes',
      password: 'a brand new passphrase',
    });
    assert.equal(saved.headers.location, `/admin/users/${worker.id}`);
    assert.match((await admin.get(`/admin/users/${worker.id}`)).body, /The changes have been saved/);
    assert.equal(
      (await new PageSession(world.app).signIn(world.emails.social_worker, PASSWORD)).statusCode,
      401,
      'the old password no longer works',
    );
    assert.equal(
      (await new PageSession(world.app).signIn(world.emails.social_worker, 'a brand new passphrase')).statusCode,
      302,
    );

    assert.equal((await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode, 200);
    const deactivation = { name: 'Sam Worker', roles: ['social_worker', 'quality_officer'], active: 'no' };
    // Closing an account is checked first: nothing changes until the administrator confirms.
    const check = await admin.post(`/admin/users/${worker.id}`, deactivation);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /Deactivate Sam Worker&#39;s account/);
    assert.match(check.body, /will be signed out at once and cannot sign in again/);
    assert.equal((await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode, 200, 'not yet deactivated');
    // "Change" shows the form again as it was typed, still unsaved.
    const change = await admin.post(`/admin/users/${worker.id}`, { ...deactivation, change: 'yes' });
    assert.equal(change.statusCode, 200);
    assert.match(
      change.body,
      /<input class="govuk-radios__input" id="active-2" name="active" type="radio" value="no" checked>/,
    );
    assert.equal((await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode, 200, 'still not deactivated');
    const confirmed = await admin.post(`/admin/users/${worker.id}`, { ...deactivation, confirmed: 'yes' });
    assert.equal(confirmed.headers.location, `/admin/users/${worker.id}`);
    // A second confirmation (a double click) changes nothing more.
    await admin.post(`/admin/users/${worker.id}`, { ...deactivation, confirmed: 'yes' });
    assert.equal((await leaver.get('/providers')).statusCode, 302, "the leaver's open session is over");
    assert.equal((await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode, 401, 'and their API token');
    assert.equal(
      (await new PageSession(world.app).signIn(world.emails.social_worker, 'a brand new passphrase')).statusCode,
      401,
    );

    const history = await admin.get(`/history/user/${worker.id}`);
    assert.match(history.body, /user\.deactivate/);
    assert.match(history.body, /passwordReset/);
    assert.doesNotMatch(history.body, /passwordHash|\$argon2/);

    await admin.post(`/admin/users/${worker.id}`, { name: 'Sam Worker', roles: ['social_worker'], active: 'yes' });
    assert.equal(
      (await api(world, 'social_worker', 'GET', '/api/v1/me')).statusCode,
      200,
      'reactivated, the token works again',
    );
  });

  test('an administrator cannot deactivate themselves or change their own roles', async () => {
    const admin = new PageSession(world.app);
    await admin.signIn(world.emails.administrator);
    const self = (await userByEmail(world.db, world.emails.administrator))!;
    await admin.get(`/admin/users/${self.id}`);
    const refused = await admin.post(`/admin/users/${self.id}`, { name: self.name, roles: ['auditor'], active: 'no' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /cannot change your own roles/);
    assert.match(refused.body, /cannot deactivate yourself/);
    assert.equal((await admin.get('/admin/users')).statusCode, 200);
  });
});

describe('API tokens from your account', () => {
  test('create one, use it, revoke it', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.brokerage_officer);
    await session.get('/account');
    const created = await session.post('/account/tokens', { name: 'spreadsheet' });
    const token = /id="new-token"[^>]*>([^<]+)</.exec(created.body)![1]!;
    const me = await world.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(me.json().email, world.emails.brokerage_officer);
    const tokenId = /\/account\/tokens\/([0-9a-f-]+)\/revoke/.exec(created.body)![1]!;
    await session.post(`/account/tokens/${tokenId}/revoke`, {});
    const after = await world.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(after.statusCode, 401);
    const blank = await session.post('/account/tokens', { name: ' ' });
    assert.equal(blank.statusCode, 400);
  });
});

describe('CQC upload page', () => {
  test('imports a file, then says nothing changed the second time; a wrong file gets a clear error', async () => {
    const session = new PageSession(world.app);
    await session.signIn(world.emails.administrator);
    await session.get('/admin/import-cqc');
    const file = {
      name: 'care-directory-sample.csv',
      content: readFileSync(new URL('fixtures/cqc/care-directory-sample.csv', import.meta.url)),
    };
    const first = await session.upload('/admin/import-cqc', 'file', [file]);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /Import finished/);
    assert.match(first.body, /32 created/);
    const second = await session.upload('/admin/import-cqc', 'file', [file]);
    assert.match(second.body, /Nothing changed/);
    const wrong = await session.upload('/admin/import-cqc', 'file', [
      { name: 'x.csv', content: Buffer.from('a,b\n1,2\n') },
    ]);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /not a CQC export/);
  });
});
