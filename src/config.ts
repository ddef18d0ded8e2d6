// Every environment variable Hearth reads, read once and typed.
import { resolve } from 'node:path';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Button text on the sign-in page, e.g. "Sign in with your council account". */
  label: string;
}

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent Hearth runs on embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Trust X-Forwarded-* from a TLS-terminating proxy, so cookies are marked Secure. */
  trustProxy: boolean;
  logLevel: string;
  oidc: OidcConfig | undefined;
  /** A CSV of bank holidays beyond those shipped (date,nation,name), added to them. */
  bankHolidaysFile: string | undefined;
  /** The council's registered OCDS prefix, which begins every ocid it publishes. */
  ocidPrefix: string;
}

// A registered prefix is "ocds-" and six characters; the default marks data as not yet registered.
function readOcidPrefix(value: string | undefined): string {
  const prefix = value?.trim() || 'ocds-hearth';
  if (!/^ocds-[a-z0-9]{6}$|^ocds-hearth$/.test(prefix)) throw new Error(`HEARTH_OCID_PREFIX must be a registered OCDS prefix like ocds-213czf, not "${prefix}"`);
  return prefix;
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.HEARTH_OIDC_ISSUER;
  if (!issuer) return undefined;
  const missing = ['HEARTH_OIDC_CLIENT_ID', 'HEARTH_OIDC_CLIENT_SECRET', 'HEARTH_OIDC_REDIRECT_URI'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`HEARTH_OIDC_ISSUER is set, so ${missing.join(', ')} must be set too`);
  return {
    issuer,
    clientId: env.HEARTH_OIDC_CLIENT_ID!,
    clientSecret: env.HEARTH_OIDC_CLIENT_SECRET!,
    redirectUri: env.HEARTH_OIDC_REDIRECT_URI!,
    label: env.HEARTH_OIDC_LABEL ?? 'Sign in with your organisation account',
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.HEARTH_DATA_DIR ?? 'data'),
    trustProxy: env.HEARTH_TRUST_PROXY === '1' || env.HEARTH_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    oidc: readOidc(env),
    bankHolidaysFile: env.HEARTH_BANK_HOLIDAYS_FILE || undefined,
    ocidPrefix: readOcidPrefix(env.HEARTH_OCID_PREFIX),
  };
}
