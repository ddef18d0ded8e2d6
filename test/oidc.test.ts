// Single sign-on end to end against a real OpenID Connect issuer running on this machine:
// Hearth discovers it, sends the person there, exchanges the code (with PKCE) and signs them in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listAuditEvents } from '../src/platform/audit/service.ts';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';
import { signInAtIssuer, startStubIssuer, type StubIssuer } from './support/oidc-issuer.ts';

const REDIRECT_URI = 'http://localhost:3000/sign-in/oidc/callback';
let issuer: StubIssuer;
let world: TestWorld;

before(async () => {
  issuer = await startStubIssuer(REDIRECT_URI);
  world = await testWorld({
    oidc: {
      issuer: issuer.issuer,
      clientId: issuer.clientId,
      clientSecret: issuer.clientSecret,
      redirectUri: REDIRECT_URI,
      label: 'Sign in with Staffordshire account',
    },
  });
});
after(async () => {
  await world.close();
  await issuer.close();
});

/** Starts single sign-on in Hearth, signs in at the issuer as `login`, and returns to Hearth. */
async function singleSignOn(session: PageSession, login: string, next = '/providers') {
  const started = await session.get(`/sign-in/oidc?next=${encodeURIComponent(next)}`);
  assert.equal(started.statusCode, 302);
  assert.ok(started.headers.location!.startsWith(`${issuer.issuer}/`), 'Hearth sends the person to the issuer');
  const back = new URL(await signInAtIssuer(started.headers.location!, login, REDIRECT_URI));
  return session.get(`${back.pathname}${back.search}`);
}

test('the sign-in page offers single sign-on under its configured label', async () => {
  const page = await new PageSession(world.app).get('/sign-in?next=%2Fproviders');
  assert.match(page.body, /href="\/sign-in\/oidc\?next=%2Fproviders">Sign in with Staffordshire account</);
});

test('a person Hearth knows by email signs in through the issuer, and is linked to it from then on', async () => {
  issuer.accounts.set('staff-0001', world.emails.commissioner.toUpperCase());
  const session = new PageSession(world.app);
  const landed = await singleSignOn(session, 'staff-0001');
  assert.equal(landed.statusCode, 302);
  assert.equal(landed.headers.location, '/providers');
  assert.equal((await session.get('/providers')).statusCode, 200);

  const history = await listAuditEvents(world.db, { recordType: 'user' }, 1, 200);
  assert.ok(
    history.items.some(
      (event) => event.action === 'user.sign-in' && (event.after as { method?: string }).method === 'single sign-on',
    ),
  );

  // The link is to the issuer's subject, so a later change of email there does not lock them out.
  issuer.accounts.set('staff-0001', 'renamed@example.gov.uk');
  const again = await singleSignOn(new PageSession(world.app), 'staff-0001');
  assert.equal(again.headers.location, '/providers');
});

test('someone the issuer knows but Hearth does not is refused with what to do', async () => {
  issuer.accounts.set('stranger', 'stranger@example.gov.uk');
  const refused = await singleSignOn(new PageSession(world.app), 'stranger');
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /Ask your administrator to add you with the same email address/);
});

test('a callback that does not match the sign-in Hearth started is refused', async () => {
  issuer.accounts.set('staff-0002', world.emails.auditor);
  const session = new PageSession(world.app);
  const started = await session.get('/sign-in/oidc');
  const back = new URL(await signInAtIssuer(started.headers.location!, 'staff-0002', REDIRECT_URI));
  back.searchParams.set('state', 'forged');
  const refused = await session.get(`${back.pathname}${back.search}`);
  assert.equal(refused.statusCode, 401);
  assert.match(refused.body, /Single sign-on did not complete/);
  assert.equal((await session.get('/providers')).statusCode, 302, 'still signed out');

  // And a callback with no sign-in started goes back to the sign-in page.
  const stray = await new PageSession(world.app).get(`${back.pathname}${back.search}`);
  assert.equal(stray.headers.location, '/sign-in');
});

test('without single sign-on configured, its routes answer not found', async () => {
  const plain = await testWorld();
  try {
    const page = await new PageSession(plain.app).get('/sign-in/oidc');
    assert.equal(page.statusCode, 404);
    assert.doesNotMatch((await new PageSession(plain.app).get('/sign-in')).body, /sign-in\/oidc/);
  } finally {
    await plain.close();
  }
});
