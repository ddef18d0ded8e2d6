// A Hearth app on a fresh database, with two councils, two providers and a person in every role,
// each with an API token; and helpers to sign in and post forms as a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Config, OidcConfig } from '../../src/config.ts';
import type { Database, Db } from '../../src/platform/db/client.ts';
import { commandLineActor } from '../../src/platform/audit/service.ts';
import type { Role } from '../../src/platform/domain/roles.ts';
import { createApiToken } from '../../src/organisations/account-service.ts';
import { createOrganisation, createZones } from '../../src/organisations/service.ts';
import { createUser } from '../../src/organisations/user-service.ts';
import { addProviders, type NewProvider } from '../../src/providers/service.ts';
import { testDatabase } from './test-database.ts';

export const PASSWORD = 'correct horse battery staple';

export const STAFF_SEATS = [
  'administrator',
  'commissioner',
  'evaluator',
  'finance_officer',
  'brokerage_officer',
  'social_worker',
  'quality_officer',
  'auditor',
] as const;
export type Seat =
  | (typeof STAFF_SEATS)[number]
  | 'provider_user'
  | 'other_provider_user'
  | 'other_council_commissioner'
  | 'other_council_administrator';

export interface TestWorld {
  app: FastifyInstance;
  database: Database;
  db: Db;
  councilId: string;
  otherCouncilId: string;
  nhsPartnerId: string;
  /** The first council's zones: North, Central, South. */
  zoneIds: string[];
  providerId: string;
  otherProviderId: string;
  emails: Record<Seat, string>;
  tokens: Record<Seat, string>;
  close(): Promise<void>;
}

export function sampleProvider(
  name: string,
  cqcProviderId: string,
  postcode: string,
  cqcLocationId: string,
): NewProvider {
  return {
    name,
    companiesHouseNumber: null,
    cqcProviderId,
    ownershipType: 'Organisation',
    isSme: true,
    isVcse: false,
    addressLine1: '1 High Street',
    addressLine2: null,
    townCity: 'Stafford',
    county: null,
    postcode,
    phone: null,
    website: null,
    email: null,
    registrationStatus: 'Registered',
    locations: [
      {
        cqcProviderId,
        cqcLocationId,
        name: `${name} – Stafford`,
        addressLine1: '2 Mill Lane',
        addressLine2: null,
        townCity: 'Stafford',
        county: null,
        postcode,
        phone: null,
        localAuthority: 'Staffordshire',
        localAuthorityCode: 'E10000028',
        region: 'West Midlands',
        registeredManager: 'Ms Ada Lovelace',
        registeredManagerAbsentSince: null,
        registrationStatus: 'Registered',
        registrationDate: '2015-04-01',
        deregistrationDate: null,
        dormant: false,
        serviceTypes: ['supported_living'],
        specialisms: ['learning_disabilities', 'autism'],
        overallRating: 'good',
        safeRating: 'good',
        effectiveRating: 'good',
        caringRating: 'outstanding',
        responsiveRating: 'good',
        wellLedRating: 'requires_improvement',
        ratingPublishedOn: '2024-03-05',
      },
    ],
  };
}

/**
 * `config.oidc` turns on single sign-on against an issuer the test runs; the rest as in config.ts.
 * `database`: set the world up in this one (a data directory a server process will then open) instead of a fresh one.
 */
export async function testWorld({
  database: given,
  ...config
}: { oidc?: OidcConfig; database?: Database } & Partial<
  Pick<Config, 'trustProxy' | 'rateLimitPerMinute'>
> = {}): Promise<TestWorld> {
  const database = given ?? (await testDatabase());
  const { db } = database;
  const council = await createOrganisation(db, commandLineActor, {
    name: 'Staffordshire County Council',
    code: 'E10000028',
    type: 'council',
  });
  const otherCouncil = await createOrganisation(db, commandLineActor, {
    name: 'Kent County Council',
    code: 'E10000016',
    type: 'council',
  });
  const nhsPartner = await createOrganisation(db, commandLineActor, {
    name: 'NHS Staffordshire and Stoke-on-Trent Integrated Care Board',
    code: 'QNC',
    type: 'nhs',
  });
  const zones = await createZones(db, commandLineActor, council.id, ['North', 'Central', 'South']);
  await createZones(db, commandLineActor, otherCouncil.id, ['East Kent', 'West Kent']);
  const [providerId, otherProviderId] = await addProviders(
    db,
    commandLineActor,
    [
      sampleProvider('Heron Supported Living Ltd', '1-101000001', 'ST16 2LH', '1-201000001'),
      sampleProvider('Kestrel Care Ltd', '1-101000002', 'ST17 4AB', '1-201000002'),
    ],
    'test data',
  );
  const seats: [Seat, Role[], { organisation?: string; provider?: string }][] = [
    ...STAFF_SEATS.map(
      (role) => [role, [role], { organisation: 'E10000028' }] as [Seat, Role[], { organisation: string }],
    ),
    ['provider_user', ['provider_user'], { provider: providerId }],
    ['other_provider_user', ['provider_user'], { provider: otherProviderId }],
    ['other_council_commissioner', ['commissioner'], { organisation: 'E10000016' }],
    ['other_council_administrator', ['administrator'], { organisation: 'E10000016' }],
  ];
  const emails = {} as Record<Seat, string>;
  const tokens = {} as Record<Seat, string>;
  for (const [seat, roles, where] of seats) {
    const email = `${seat.replace(/_/g, '-')}@example.gov.uk`;
    const user = await createUser(db, commandLineActor, {
      email,
      name: `Test ${seat.replace(/_/g, ' ')}`,
      roles,
      password: PASSWORD,
      ...where,
    });
    emails[seat] = email;
    tokens[seat] = (await createApiToken(db, commandLineActor, user.id, { name: 'tests' })).token;
  }
  const app = await buildApp({
    database,
    config: { trustProxy: false, logLevel: 'error', ocidPrefix: 'ocds-hearth', oidc: undefined, ...config },
    logger: process.env.HEARTH_TEST_LOG === '1',
  });
  return {
    app,
    database,
    db,
    councilId: council.id,
    otherCouncilId: otherCouncil.id,
    nhsPartnerId: nhsPartner.id,
    zoneIds: zones.map((zone) => zone.id),
    providerId: providerId!,
    otherProviderId: otherProviderId!,
    emails,
    tokens,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A browser-like session: keeps cookies, and reads each form's CSRF token from the page. */
export class PageSession {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string }[])
      this.cookies.set(cookie.name, cookie.value);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1]!;
    return response;
  }

  private get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } }));
  }

  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { withCsrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    if (options.withCsrf !== false) body.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /** Posts files as a browser's multipart form would, with the form's other fields, each file claiming `type`. */
  async upload(
    url: string,
    field: string,
    files: { name: string; content: Buffer; type?: string }[],
    fields: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const form = new FormData();
    form.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(field, new Blob([new Uint8Array(file.content)], { type: file.type ?? '' }), file.name);
    const encoded = new Response(form);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { cookie: this.cookieHeader, 'content-type': encoded.headers.get('content-type')! },
      }),
    );
  }

  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

export function api(
  world: TestWorld,
  seat: Seat | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  return world.app.inject({
    method,
    url,
    headers: seat ? { authorization: `Bearer ${world.tokens[seat]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}
