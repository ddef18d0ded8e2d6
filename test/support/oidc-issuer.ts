// A real OpenID Connect issuer on 127.0.0.1 for single sign-on tests: oidc-provider with its
// development sign-in pages, which accept any login as the account id. Consent is granted
// automatically, as an organisation's own identity provider does for its own applications.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface StubIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Account id → the email the issuer vouches for. */
  accounts: Map<string, string>;
  close(): Promise<void>;
}

export async function startStubIssuer(redirectUri: string): Promise<StubIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, string>();
  const clientId = 'hearth';
  const clientSecret = 'a-client-secret-for-tests-only';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['stub-issuer-cookie-key'] },
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
          kid: 'stub',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    findAccount: (_ctx, accountId) => {
      const email = accounts.get(accountId);
      return email === undefined
        ? undefined
        : { accountId, claims: () => ({ sub: accountId, email, email_verified: true }) };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Walks a browser through the issuer's pages from its authorisation URL: follows redirects and
 * submits its forms, signing in as `login`. Returns the URL the issuer finally sends the browser to.
 */
export async function signInAtIssuer(authorisationUrl: string, login: string, stopAt: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorisationUrl;
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.startsWith(stopAt)) return url;
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!, value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      form = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the issuer showed a page with no form (${response.status}): ${html.slice(0, 300)}`);
    form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      form.append(name!, value!);
    if (html.includes('name="login"')) form.append('login', login);
    if (html.includes('name="password"')) form.append('password', 'any password');
    url = new URL(action, url).href;
  }
  throw new Error('the issuer never sent the browser back');
}
