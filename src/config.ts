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
  /** The address to listen on (HOST); unset, the demo listens on this machine only and `serve` on every address. */
  host: string | undefined;
  /** PostgreSQL connection string; when absent Hearth runs on embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * Which proxies in front of Hearth to believe about the client's address and scheme: none
   * (false), the nearest N hops, or the proxies at these addresses. Believing every hop would let
   * a client choose its own address (and so its own rate limit and sign-in throttle).
   */
  trustProxy: false | number | string[];
  /** Requests a minute for one signed-in person or token (or one address, signed out). */
  rateLimitPerMinute: number;
  logLevel: string;
  oidc: OidcConfig | undefined;
  /** A CSV of bank holidays beyond those shipped (date,nation,name), added to them. */
  bankHolidaysFile: string | undefined;
  /** A CSV of National Living Wage rates beyond those shipped (from,pence,source), added to them. */
  livingWageFile: string | undefined;
  /** The council's registered OCDS prefix, which begins every ocid it publishes. */
  ocidPrefix: string;
  /** Where people reach Hearth (HEARTH_PUBLIC_URL): links in emails are made absolute with it. No trailing slash. */
  publicUrl: string;
  /** How messages are emailed: GOV.UK Notify, SMTP, or neither (they stay in the outbox for administrators to read). */
  mail: MailConfig;
}

export type MailConfig =
  /** GOV.UK Notify, through one email template whose personalisation is `subject`, `body` and `link`. */
  | { kind: 'notify'; apiKey: string; templateId: string; baseUrl: string | undefined }
  /** An SMTP server: smtp://user:password@host:587 or smtps://…:465. */
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'outbox' };

// A registered prefix is "ocds-" and six characters; the default marks data as not yet registered.
function readOcidPrefix(value: string | undefined): string {
  const prefix = value?.trim() || 'ocds-hearth';
  if (!/^ocds-[a-z0-9]{6}$|^ocds-hearth$/.test(prefix))
    throw new Error(`HEARTH_OCID_PREFIX must be a registered OCDS prefix like ocds-213czf, not "${prefix}"`);
  return prefix;
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.HEARTH_OIDC_ISSUER;
  if (!issuer) return undefined;
  const missing = ['HEARTH_OIDC_CLIENT_ID', 'HEARTH_OIDC_CLIENT_SECRET', 'HEARTH_OIDC_REDIRECT_URI'].filter(
    (name) => !env[name],
  );
  if (missing.length > 0) throw new Error(`HEARTH_OIDC_ISSUER is set, so ${missing.join(', ')} must be set too`);
  return {
    issuer,
    clientId: env.HEARTH_OIDC_CLIENT_ID!,
    clientSecret: env.HEARTH_OIDC_CLIENT_SECRET!,
    redirectUri: env.HEARTH_OIDC_REDIRECT_URI!,
    label: env.HEARTH_OIDC_LABEL ?? 'Sign in with your organisation account',
  };
}

/** HEARTH_TRUST_PROXY: a number of hops ("1" for one TLS-terminating proxy), or a comma-separated list of proxy addresses. */
function readTrustProxy(value: string | undefined): false | number | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const addresses = text
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  if (addresses.some((address) => !/^[0-9a-fA-F.:/]+$/.test(address))) {
    throw new Error(
      `HEARTH_TRUST_PROXY must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses, not "${text}"`,
    );
  }
  return addresses;
}

function readHttpUrl(name: string, value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol))
    throw new Error(`${name} must be a web address beginning http:// or https://, not "${value}"`);
  return url;
}

/** HEARTH_PUBLIC_URL: the address people use, e.g. https://hearth.example.gov.uk; links are made from it. */
function readPublicUrl(value: string | undefined): string {
  const text = value?.trim() || 'http://localhost:3000';
  const url = readHttpUrl('HEARTH_PUBLIC_URL', text);
  if (url.search || url.hash) throw new Error(`HEARTH_PUBLIC_URL must not have a query or fragment, not "${text}"`);
  return url.href.replace(/\/+$/, '');
}

// A Notify API key is its name, the service id and the secret: "name-<uuid>-<uuid>".
const NOTIFY_KEY = /-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

/**
 * GOV.UK Notify when its key and template are set, else SMTP when its URL is, else the outbox.
 * Errors name the variable, never the secret it holds.
 */
function readMail(env: NodeJS.ProcessEnv): MailConfig {
  const apiKey = env.HEARTH_NOTIFY_API_KEY?.trim();
  const templateId = env.HEARTH_NOTIFY_TEMPLATE_ID?.trim();
  if (apiKey || templateId) {
    if (!apiKey) throw new Error('HEARTH_NOTIFY_TEMPLATE_ID is set, so HEARTH_NOTIFY_API_KEY must be set too');
    if (!templateId) throw new Error('HEARTH_NOTIFY_API_KEY is set, so HEARTH_NOTIFY_TEMPLATE_ID must be set too');
    if (!NOTIFY_KEY.test(apiKey))
      throw new Error('HEARTH_NOTIFY_API_KEY must be a GOV.UK Notify API key (its name, then two ids)');
    if (!UUID.test(templateId)) throw new Error(`HEARTH_NOTIFY_TEMPLATE_ID must be a template id, not "${templateId}"`);
    const base = env.HEARTH_NOTIFY_BASE_URL?.trim();
    const baseUrl = base ? readHttpUrl('HEARTH_NOTIFY_BASE_URL', base).href.replace(/\/+$/, '') : undefined;
    return { kind: 'notify', apiKey, templateId, baseUrl };
  }
  const smtpUrl = env.HEARTH_SMTP_URL?.trim();
  if (smtpUrl) {
    let protocol: string | undefined;
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:')
      throw new Error('HEARTH_SMTP_URL must begin smtp:// or smtps:// (e.g. smtp://user:password@mail.example:587)');
    const from = env.HEARTH_MAIL_FROM?.trim();
    if (!from) throw new Error('HEARTH_SMTP_URL is set, so HEARTH_MAIL_FROM must be set too');
    return { kind: 'smtp', url: smtpUrl, from };
  }
  return { kind: 'outbox' };
}

function readPositiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} must be a whole number above 0, not "${value}"`);
  return number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.HEARTH_DATA_DIR ?? 'data'),
    trustProxy: readTrustProxy(env.HEARTH_TRUST_PROXY),
    rateLimitPerMinute: readPositiveInteger('HEARTH_RATE_LIMIT', env.HEARTH_RATE_LIMIT, 1200),
    logLevel: env.LOG_LEVEL ?? 'info',
    oidc: readOidc(env),
    bankHolidaysFile: env.HEARTH_BANK_HOLIDAYS_FILE || undefined,
    livingWageFile: env.HEARTH_LIVING_WAGE_FILE || undefined,
    ocidPrefix: readOcidPrefix(env.HEARTH_OCID_PREFIX),
    publicUrl: readPublicUrl(env.HEARTH_PUBLIC_URL),
    mail: readMail(env),
  };
}

/** Where to listen: HOST when set; else the demo, whose passwords are published, answers this machine only. */
export function listenAddress(config: Pick<Config, 'host'>, demo: boolean): string {
  return config.host ?? (demo ? '127.0.0.1' : '0.0.0.0');
}

/** The database the configuration names: PostgreSQL at its URL, else the embedded one in the data folder. */
export function databaseTarget(config: Pick<Config, 'databaseUrl' | 'dataDir'>) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir } as const);
}
