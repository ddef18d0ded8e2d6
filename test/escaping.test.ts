// Text people type is shown as text on every page: records carrying markup in their names (a vehicle,
// a person, a provider and its service, a user, a clarification question, an application's answer)
// are opened on every declared page that can show them, and no page holds the markup as a tag.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { declaredPages } from '../src/app.ts';
import { routesOf } from '../src/platform/http/page.ts';
import { createUser } from '../src/organisations/user-service.ts';
import { commandLineActor } from '../src/platform/audit/service.ts';
import { assessedPerson } from './support/brokerage.ts';
import { openVehicle } from './support/procurement.ts';
import { contractedService } from './support/quality.ts';
import { filled, kindOf, openerOf, type RecordKind } from './support/record-paths.ts';
import { api, PageSession, PASSWORD, STAFF_SEATS, testWorld, type Seat, type TestWorld } from './support/test-app.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMAGE = '"><img src=x onerror=alert(2)>';
/** Either, written as markup rather than as text. */
const UNESCAPED = /<script>alert\(1\)|<img src=x onerror/;
const ESCAPED = /&lt;script&gt;alert\(1\)|&lt;img src=x onerror/;

let world: TestWorld;
const records = new Map<RecordKind, string>();
const sessions = new Map<Seat, PageSession>();

before(async () => {
  world = await testWorld();
  const vehicle = await openVehicle(world, { name: `Framework ${SCRIPT}` });
  records.set('vehicle', vehicle.id);
  records.set('person', (await assessedPerson(world, { name: `Ann ${IMAGE}` })).id);
  await world.db.execute(sql`update providers set name = ${`Heron ${SCRIPT}`} where id = ${world.providerId}::uuid`);
  await world.db.execute(
    sql`update provider_locations set name = ${`Heron House ${IMAGE}`} where provider_id = ${world.providerId}::uuid`,
  );
  records.set('service', await contractedService(world));
  const user = await createUser(world.db, commandLineActor, {
    email: 'marked-up@example.gov.uk',
    name: `Ada ${SCRIPT}`,
    roles: ['auditor'],
    password: PASSWORD,
    organisation: 'E10000028',
  });
  records.set('user', user.id);
  const asked = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/clarifications`, {
    question: `Is ${IMAGE} allowed?`,
  });
  assert.equal(asked.statusCode, 201, asked.body);
  const applied = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  assert.equal(applied.statusCode, 201, applied.body);
  const application = applied.json().application.id as string;
  const [question] = vehicle.questions.filter((one) => one.kind === 'quality');
  const answered = await api(
    world,
    'provider_user',
    'PUT',
    `/api/v1/applications/${application}/answers/${question!.id}`,
    {
      text: `We ${SCRIPT} recruit locally`,
    },
  );
  assert.equal(answered.statusCode, 200, answered.body);
  records.set('application', application);
  for (const seat of [...STAFF_SEATS, 'provider_user'] as Seat[]) {
    const session = new PageSession(world.app);
    assert.equal((await session.signIn(world.emails[seat])).statusCode, 302, `${seat} signs in`);
    sessions.set(seat, session);
  }
});
after(() => world.close());

test('markup stored in records is shown as text on every page that shows it', async () => {
  const pages = declaredPages({ db: world.db, config: { ocidPrefix: 'ocds-hearth', oidc: undefined } })
    .flatMap(routesOf)
    .filter((route) => route.method === 'GET');
  const showing: string[] = [];
  for (const route of pages) {
    const kind = kindOf(route.path);
    if (route.path.includes(':') && !kind) continue;
    const seat = openerOf(route.access, kind);
    if (!seat) continue;
    const url = kind ? filled(route.path, records.get(kind)!) : route.path;
    const { statusCode, body, headers } = await sessions.get(seat)!.get(url);
    // Files (CSV, spreadsheets, JSON) are downloads, not pages a browser draws.
    if (statusCode !== 200 || !String(headers['content-type']).startsWith('text/html')) continue;
    assert.doesNotMatch(body, UNESCAPED, `${seat} GET ${url} writes stored text as markup`);
    if (ESCAPED.test(body)) showing.push(route.path);
  }
  // Enough pages show the marked-up names for the walk to mean something.
  assert.ok(showing.length >= 20, `${showing.length} pages showed the stored text: ${showing.join(', ')}`);
});
