// Every declared page and API operation, walked from the declarations themselves, against a person
// in every role: a role the declaration does not name is refused (403) before anything is read, a
// role it names gets past the guard, and nobody signed out gets in. A new page or operation is in
// this walk the moment it is declared.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { declaredPages } from '../src/app.ts';
import { PARTS } from '../src/parts.ts';
import { linkAccess } from '../src/platform/http/link-access.ts';
import { routesOf } from '../src/platform/http/page.ts';
import type { CurrentUser } from '../src/platform/auth/current-user.ts';
import { allows, type Access, type Role } from '../src/platform/domain/roles.ts';
import { openVehicle } from './support/procurement.ts';
import { api, PageSession, STAFF_SEATS, testWorld, type Seat, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
const sessions = new Map<Seat, PageSession>();
const SEATS: [Seat, Role[]][] = [
  ...STAFF_SEATS.map((role): [Seat, Role[]] => [role, [role]]),
  ['provider_user', ['provider_user']],
];
const context = () => ({ db: world.db, config: { ocidPrefix: 'ocds-hearth', oidc: undefined } });

/** A path with each parameter (":id" or "{id}") filled with a record that does not exist. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+|\{[A-Za-z]+\}/g, () => randomUUID());

const as = (roles: Role[]) => ({ roles }) as unknown as CurrentUser;

/** Past the guard: anything but a refusal for the role, a crash or being sent to sign in. */
function assertAllowed(status: number, what: string) {
  assert.ok(![401, 403, 500].includes(status), `${what} answered ${status}`);
}

before(async () => {
  world = await testWorld();
  for (const [seat] of SEATS) {
    const session = new PageSession(world.app);
    assert.equal((await session.signIn(world.emails[seat])).statusCode, 302, `${seat} signs in`);
    sessions.set(seat, session);
  }
});
after(() => world.close());

describe('declared routes against every role', () => {
  test('every page a role may not use answers 403, and every page it may use lets it in', async () => {
    const declared = declaredPages(context());
    const mayOpen = linkAccess(declared);
    const pages = declared.flatMap(routesOf).filter((route) => route.method === 'GET');
    assert.ok(pages.length > 50, `${pages.length} pages declared`);
    for (const route of pages) {
      const url = concrete(route.path);
      for (const [seat, roles] of SEATS) {
        const { statusCode } = await sessions.get(seat)!.get(url);
        const what = `${seat} GET ${route.path}`;
        if (allows(route.access as Access, roles)) assertAllowed(statusCode, what);
        else assert.equal(statusCode, 403, what);
        assert.equal(mayOpen(as(roles), url), statusCode !== 403, `a link to ${route.path} offered to ${seat}`);
      }
      const signedOut = await world.app.inject({ method: 'GET', url });
      assert.equal(signedOut.statusCode, 302, `signed out GET ${route.path}`);
    }
  });

  test("a vehicle's page offers each role only the links that open for it", async () => {
    const vehicle = await openVehicle(world, { reference: 'LINKS-1', name: 'Links Framework' });
    for (const [seat] of SEATS) {
      const session = sessions.get(seat)!;
      const body = (await session.get(`/vehicles/${vehicle.id}`)).body;
      const main = body.slice(body.indexOf('<main'), body.indexOf('</main>'));
      const links = [...main.matchAll(/href="(\/[^"?#]*)/g)].map((found) => found[1]!);
      for (const link of new Set(links))
        assert.notEqual((await session.get(link)).statusCode, 403, `${seat} is offered ${link}, which refuses them`);
    }
    const admin = (await sessions.get('administrator')!.get(`/vehicles/${vehicle.id}`)).body;
    assert.doesNotMatch(admin, /Rate cards/, 'rate cards are for those who buy and place care');
    assert.match((await sessions.get('commissioner')!.get(`/vehicles/${vehicle.id}`)).body, /Rate cards/);
  });

  test('every API operation a role may not use answers 403, and every one it may use lets it in', async () => {
    const operations = PARTS.flatMap((part) => part.api?.(context()) ?? []);
    assert.ok(operations.length > 60, `${operations.length} operations declared`);
    for (const operation of operations) {
      const url = concrete(operation.path);
      const body = ['GET', 'DELETE'].includes(operation.method) ? undefined : {};
      for (const [seat, roles] of SEATS) {
        const { statusCode } = await api(world, seat, operation.method, url, body);
        const what = `${seat} ${operation.method} ${operation.path}`;
        if (allows(operation.access, roles)) assertAllowed(statusCode, what);
        else assert.equal(statusCode, 403, what);
      }
      const signedOut = await api(world, null, operation.method, url, body);
      if (operation.access === 'public') assertAllowed(signedOut.statusCode, `signed out ${operation.path}`);
      else assert.equal(signedOut.statusCode, 401, `signed out ${operation.method} ${operation.path}`);
    }
  });
});
