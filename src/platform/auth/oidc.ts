// Single sign-on through OpenID Connect (Entra ID and similar): authorisation code flow with PKCE.
import * as client from 'openid-client';
import type { OidcConfig } from '../../config.ts';

export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | undefined;
}

export interface OidcSignIn {
  label: string;
  start(): Promise<{ url: string; state: string; codeVerifier: string }>;
  finish(callbackUrl: URL, expected: { state: string; codeVerifier: string }): Promise<OidcClaims>;
}

const isLocal = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function oidcSignIn(config: OidcConfig): OidcSignIn {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    const issuer = new URL(config.issuer);
    // Plain http is allowed only for an issuer on this machine (a development or test stub).
    discovered ??= client
      .discovery(
        issuer,
        config.clientId,
        config.clientSecret,
        undefined,
        isLocal(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  return {
    label: config.label,
    async start() {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: config.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
      });
      return { url: url.href, state, codeVerifier };
    },
    async finish(callbackUrl, expected) {
      const tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The identity provider returned no ID token');
      let email = typeof claims.email === 'string' ? claims.email : undefined;
      // Many issuers put only the subject in the ID token and give the email at the userinfo endpoint.
      if (email === undefined) {
        const userInfo = await client.fetchUserInfo(await configuration(), tokens.access_token, claims.sub);
        email = typeof userInfo.email === 'string' ? userInfo.email : undefined;
      }
      return { issuer: claims.iss, subject: claims.sub, email };
    },
  };
}
