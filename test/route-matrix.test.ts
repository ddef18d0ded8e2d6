// The organisation and provider sides of the role × route matrix, walked from the declarations: every
// declared page and API operation whose path names a record is opened, by someone whose role it
// names, with a record of their own organisation (or provider) and with another's. Another's record
// answers 404 or 403 and shows nothing of it. And every route the server answers is declared, or is
// one of the few the framework and sign-in own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredPages } from '../src/app.ts';
import { PARTS } from '../src/parts.ts';
import { routesOf } from '../src/platform/http/page.ts';
import { createApiToken } from '../src/organisations/account-service.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { openVehicle } from './support/procurement.ts';
import { assessedPerson } from './support/brokerage.ts';
import { contractedService } from './support/quality.ts';
import { filled, kindOf, openerOf, type RecordKind } from './support/record-paths.ts';
import { api, PageSession, PASSWORD, STAFF_SEATS, testWorld, type Seat, type TestWorld } from './support/test-app.ts';

/** Routes no part's pages or API declare: static files, sign-in and out, single sign-on, the health check, the API's own description. */
const FRAMEWORK_ROUTES = new Set([
  'GET /*',
  'GET /health',
  'GET /sign-in',
  'POST /sign-in',
  'GET /sign-in/oidc',
  'GET /sign-in/oidc/callback',
  'POST /sign-out',
  'GET /api/openapi.json',
  'GET /api/docs',
  // The survey a placement's person or family answers: public, opened by the link's own token.
  'GET /survey/:token',
  'GET /survey/:token/:n',
  'POST /survey/:token/:n',
  'GET /survey/:token/check',
  'POST /survey/:token/check',
  'GET /survey/thank-you',
  // Each organisation's published vehicles, for anyone: they show only what was published (test/open-data.test.ts).
  'GET /public/:organisation/vehicles',
  'GET /public/:organisation/vehicles/:id',
  // The applicant's documents form, declared inside the multipart parser its uploads need.
  'GET /applications/:id/documents',
  'POST /applications/:id/documents',
]);

/** A record of each kind (see record-paths.ts) in the person's own organisation, or for their own provider, and another's. */
interface Pair {
  own: string;
  other: string;
  /** Text in the other side's record that must never be shown. */
  secret: string;
}

let world: TestWorld;
const records = new Map<RecordKind, Pair>();
const sessions = new Map<Seat, PageSession>();
const context = () => ({ db: world.db, config: { ocidPrefix: 'ocds-hearth', oidc: undefined } });

/** A social worker of the other council, with a token, to record a person there. */
async function otherCouncilSocialWorker(): Promise<string> {
  const user = await createUser(world.db, commandLineActor, {
    email: 'kent-social-worker@example.gov.uk',
    name: 'Kent social worker',
    roles: ['social_worker'],
    password: PASSWORD,
    organisation: 'E10000016',
  });
  return (await createApiToken(world.db, commandLineActor, user.id, { name: 'tests' })).token;
}

async function makeRecords(): Promise<void> {
  const own = await openVehicle(world, { name: 'Own Framework' });
  const other = await api(world, 'other_council_commissioner', 'POST', '/api/v1/vehicles', {
    reference: 'KENT-SECRET-1',
    name: 'Kent Secret Framework',
    kind: 'framework',
    regime: 'pa2023',
    submissionDeadline: '2027-01-31',
    pricesFixed: true,
    zones: [],
  });
  assert.equal(other.statusCode, 201, other.body);
  records.set('vehicle', { own: own.id, other: other.json().vehicle.id, secret: 'Kent Secret Framework' });

  const person = await assessedPerson(world);
  const kentPerson = await world.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { authorization: `Bearer ${await otherCouncilSocialWorker()}` },
    payload: {
      name: 'Kentish Secret Person',
      dateOfBirth: '1980-01-01',
      caseReference: 'KENT-1',
      clientGroups: ['autism'],
      inCounty: true,
      paymentRoute: 'commissioned',
      funding: [{ stream: 'care-act', percent: 100 }],
    },
  });
  assert.equal(kentPerson.statusCode, 201, kentPerson.body);
  records.set('person', { own: person.id, other: kentPerson.json().id, secret: 'Kentish Secret Person' });

  records.set('service', {
    own: await contractedService(world),
    other: await contractedService(world, 'other_provider', '2025-04-01', world.otherCouncilId),
    secret: world.otherCouncilId,
  });

  const users = (await api(world, 'administrator', 'GET', '/api/v1/users')).json().items as { id: string }[];
  const kentUsers = (await api(world, 'other_council_administrator', 'GET', '/api/v1/users')).json().items as {
    id: string;
  }[];
  records.set('user', { own: users[0]!.id, other: kentUsers[0]!.id, secret: 'kent-social-worker@example.gov.uk' });

  // Applications belong to providers: the provider's own, and another provider's, to the same vehicle.
  const apply = async (seat: Seat) => {
    const made = await api(world, seat, 'POST', `/api/v1/vehicles/${own.id}/applications`);
    assert.equal(made.statusCode, 201, made.body);
    return made.json().application.id as string;
  };
  records.set('application', {
    own: await apply('provider_user'),
    other: await apply('other_provider_user'),
    secret: 'Kestrel Care',
  });
}

before(async () => {
  world = await testWorld();
  for (const seat of [...STAFF_SEATS, 'provider_user'] as Seat[]) {
    const session = new PageSession(world.app);
    assert.equal((await session.signIn(world.emails[seat])).statusCode, 302, `${seat} signs in`);
    sessions.set(seat, session);
  }
  await makeRecords();
});
after(() => world.close());

describe('own and other organisation and provider, for every route that names a record', () => {
  test('pages: another organisation’s or provider’s record answers 404 or 403 and shows nothing of it', async () => {
    let opened = 0;
    const pages = declaredPages(context())
      .flatMap(routesOf)
      .filter((route) => route.method === 'GET');
    for (const route of pages) {
      const kind = kindOf(route.path);
      const seat = kind && openerOf(route.access, kind);
      if (!kind || !seat) continue;
      const { own, other, secret } = records.get(kind)!;
      const session = sessions.get(seat)!;
      const mine = await session.get(filled(route.path, own));
      assert.ok(
        ![403, 500].includes(mine.statusCode),
        `${seat} GET ${route.path} of their own answered ${mine.statusCode}`,
      );
      if (mine.statusCode === 200) opened += 1;
      const theirs = await session.get(filled(route.path, other));
      assert.ok(
        [403, 404].includes(theirs.statusCode),
        `${seat} GET ${route.path} of another's answered ${theirs.statusCode}`,
      );
      assert.ok(!theirs.body.includes(secret), `${seat} GET ${route.path} shows another's record`);
    }
    assert.ok(opened > 25, `${opened} pages opened a record of the person's own`);
  });

  test('API: another organisation’s or provider’s record answers 404 or 403 and gives nothing of it', async () => {
    let answered = 0;
    for (const operation of PARTS.flatMap((part) => part.api?.(context()) ?? [])) {
      const kind = kindOf(operation.path);
      const seat = kind && openerOf(operation.access, kind);
      if (!kind || !seat) continue;
      const { own, other, secret } = records.get(kind)!;
      const body = operation.method === 'GET' ? undefined : {};
      const what = `${seat} ${operation.method} ${operation.path}`;
      const mine = await api(world, seat, operation.method, filled(operation.path, own), body);
      assert.ok(![403, 500].includes(mine.statusCode), `${what} of their own answered ${mine.statusCode}`);
      if (mine.statusCode < 300) answered += 1;
      const theirs = await api(world, seat, operation.method, filled(operation.path, other), body);
      // An empty body is refused before any record is read; else the record is not theirs to see.
      assert.ok([403, 404, 422].includes(theirs.statusCode), `${what} of another's answered ${theirs.statusCode}`);
      assert.ok(!theirs.body.includes(secret), `${what} gives another's record`);
    }
    assert.ok(answered > 15, `${answered} operations answered for a record of the caller's own`);
  });
});

/** Every route the server registered, as "METHOD /path", read from Fastify's own printed tree. */
function registeredRoutes(): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of world.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const found = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!found) continue;
    const depth = found[1]!.length / 4;
    stack[depth] = found[2]!;
    const path = stack.slice(0, depth + 1).join('');
    for (const method of (found[3] ?? '').split(', ').filter((one) => one && one !== 'HEAD'))
      routes.push(`${method} ${path.replace(/^\/\*$/, '/*')}`);
  }
  return routes;
}

test('every route the server answers is declared, or is one of the framework’s own', async () => {
  const declared = new Set([
    ...declaredPages(context())
      .flatMap(routesOf)
      .map((route) => `${route.method} ${route.path}`),
    ...PARTS.flatMap((part) => part.api?.(context()) ?? []).map(
      (operation) => `${operation.method} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`,
    ),
  ]);
  const registered = registeredRoutes();
  assert.ok(registered.length > declared.size / 2, `${registered.length} routes read from the server`);
  const undeclared = registered.filter((route) => !declared.has(route) && !FRAMEWORK_ROUTES.has(route));
  assert.deepEqual(undeclared, [], 'routes answered that no declaration names');
});
