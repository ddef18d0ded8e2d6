import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { verifyAuditTrail } from '../platform/audit/service.ts';
import { api, PageSession, testWorld, type Seat, type TestWorld } from '../../test/support/test-app.ts';
import { placeForPayment } from '../../test/support/payments.ts';
import { reviewRetention } from './retention-service.ts';

// The test clock stands at 1 December 2026. With the default rule (8 years after the last
// placement ended): Ada's ended 30 November 2018, so she fell due yesterday; Ben's ended
// 2 December 2018, so he falls due tomorrow; Cat is still placed, so she is never due.
let world: TestWorld;
let ada: string;
let ben: string;
const summaryIn2018 = '/api/v1/reports/placements-summary?date=2018-06-01';

const signedIn = async (seat: Seat) => {
  const session = new PageSession(world.app);
  await session.signIn(world.emails[seat]);
  return session;
};

async function personIdOf(caseReference: string): Promise<string> {
  const found = await api(world, 'brokerage_officer', 'GET', `/api/v1/people?search=${caseReference}`);
  return found.json().items[0].id;
}

const dueIds = async () =>
  ((await api(world, 'brokerage_officer', 'GET', '/api/v1/retention/due')).json().due as { personId: string }[]).map(
    (row) => row.personId,
  );

before(async () => {
  world = await testWorld();
  const place = (caseReference: string, startsOn: string, endsOn: string | null) => ({
    organisationId: world.councilId,
    providerId: world.providerId,
    caseReference,
    startsOn,
    endsOn,
    prices: [
      { from: startsOn, pence: 100_000 },
      { from: '2017-04-01', pence: 104_000 },
    ],
  });
  await placeForPayment(world.db, [
    place('RET-ADA', '2015-01-05', '2018-11-30'),
    place('RET-BEN', '2015-01-05', '2018-12-02'),
    place('RET-CAT', '2015-01-05', null),
  ]);
  ada = await personIdOf('RET-ADA');
  ben = await personIdOf('RET-BEN');
  // A change of name and a note typed about Ada: the audit trail holds her details from here.
  const record = (await api(world, 'social_worker', 'GET', `/api/v1/people/${ada}`)).json().person;
  const renamed = await api(world, 'social_worker', 'PUT', `/api/v1/people/${ada}`, {
    ...record,
    name: 'Ada Lovelace-Byron',
    homeZoneId: world.zoneIds[0],
  });
  assert.equal(renamed.statusCode, 200, renamed.body);
});
after(() => world.close());

test('the nightly review lists only the records due on the day, by the rule', async () => {
  assert.match(await reviewRetention(world.db), /^1 records due/);
  assert.deepEqual(await dueIds(), [ada]);
  const due = (await api(world, 'commissioner', 'GET', '/api/v1/retention/due')).json();
  assert.deepEqual(due.rule.years, 8);
  assert.equal(due.due[0].dueOn, '2026-11-30');
  assert.equal(due.due[0].name, 'Ada Lovelace-Byron');
});

test('an administrator sets the rule, checked, and the list follows it at once', async () => {
  const basis = 'Council records retention schedule, adult social care';
  const wrong = await api(world, 'administrator', 'PUT', '/api/v1/retention-rule', { years: 0, basis: 'x' });
  assert.equal(wrong.statusCode, 422);
  assert.deepEqual(
    wrong.json().errors.map((error: { field: string }) => error.field),
    ['years', 'basis'],
  );
  assert.equal(
    (await api(world, 'commissioner', 'PUT', '/api/v1/retention-rule', { years: 7, basis })).statusCode,
    403,
  );
  assert.equal(
    (await api(world, 'administrator', 'PUT', '/api/v1/retention-rule', { years: 7, basis })).statusCode,
    200,
  );
  assert.deepEqual(new Set(await dueIds()), new Set([ada, ben]));
  assert.equal(
    (await api(world, 'administrator', 'PUT', '/api/v1/retention-rule', { years: 8, basis })).statusCode,
    200,
  );
  assert.deepEqual(await dueIds(), [ada]);
  const page = await (await signedIn('administrator')).get('/records/retention-rule');
  assert.match(page.body, /value="8"/);
});

test('the export holds the record, placements with their price history and who saw it; producing it is audited', async () => {
  const exported = await api(world, 'brokerage_officer', 'GET', `/api/v1/people/${ada}/subject-access`);
  assert.equal(exported.statusCode, 200, exported.body);
  const data = exported.json();
  assert.equal(data.person.name, 'Ada Lovelace-Byron');
  assert.equal(data.person.caseReference, 'RET-ADA');
  assert.equal(data.placements.length, 1);
  assert.deepEqual(
    data.placements[0].priceHistory.map((price: { from: string; weeklyPricePence: number }) => [
      price.from,
      price.weeklyPricePence,
    ]),
    [
      ['2015-01-05', 100_000],
      ['2017-04-01', 104_000],
    ],
  );
  const actions = data.audit.map((event: { action: string }) => event.action);
  assert.ok(actions.includes('person.update') && actions.includes('person.view'), actions.join());
  assert.ok(
    data.audit.every((event: { who: string }) => !event.who.includes('@')),
    'staff are named without emails',
  );

  const officer = await signedIn('commissioner');
  const pdf = await officer.get(`/people/${ada}/subject-access.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.match(String(pdf.headers['content-disposition']), /attachment; filename="subject-access-RET-ADA-/);
  const json = await officer.get(`/people/${ada}/subject-access.json`);
  assert.equal(JSON.parse(json.body).person.name, 'Ada Lovelace-Byron');

  const exports = await world.db.execute(
    sql`select actor_label from audit_events where action = 'person.subject-access-export' and record_id = ${ada}`,
  );
  assert.equal((exports as unknown as { rows: unknown[] }).rows.length, 3);
});

test('only the officers of the person’s own organisation may export or erase; others get nothing', async () => {
  for (const seat of ['social_worker', 'administrator', 'auditor', 'provider_user'] as const)
    assert.equal((await api(world, seat, 'GET', `/api/v1/people/${ada}/subject-access`)).statusCode, 403, seat);
  assert.equal(
    (await api(world, 'other_council_commissioner', 'GET', `/api/v1/people/${ada}/subject-access`)).statusCode,
    404,
  );
  assert.equal((await (await signedIn('other_council_commissioner')).get(`/people/${ada}/erase`)).statusCode, 404);
  assert.equal((await (await signedIn('provider_user')).get(`/people/${ada}/subject-access.pdf`)).statusCode, 403);
  assert.equal((await (await signedIn('social_worker')).get('/records/due-for-erasure')).statusCode, 403);
});

test('a record not yet due cannot be erased', async () => {
  const officer = await signedIn('brokerage_officer');
  const refused = await officer.get(`/people/${ben}/erase`);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /not due for erasure/);
});

test('erasure, once confirmed, removes the personal fields and the audit’s copies of them, and keeps the report figures', async () => {
  const summaryBefore = (await api(world, 'commissioner', 'GET', summaryIn2018)).json();
  const officer = await signedIn('brokerage_officer');
  const page = await officer.get(`/people/${ada}/erase`);
  assert.match(page.body, /What is kept, without their name/);
  const check = await officer.post(`/people/${ada}/erase`, {});
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Check your answers/);
  assert.match(check.body, /Erase record/);
  assert.equal(
    (await api(world, 'brokerage_officer', 'GET', `/api/v1/people/${ada}`)).json().person.name,
    'Ada Lovelace-Byron',
  );

  const erased = await officer.post(`/people/${ada}/erase`, { confirmed: 'yes' });
  assert.equal(erased.statusCode, 302, erased.body);
  const person = (await api(world, 'brokerage_officer', 'GET', `/api/v1/people/${ada}`)).json().person;
  assert.equal(person.name, 'Erased record');
  assert.equal(person.caseReference, `ERASED-${ada.slice(0, 8)}`);
  assert.equal(person.dateOfBirth, '1990-07-01');
  assert.equal(person.nhsNumber, null);

  const summaryAfter = (await api(world, 'commissioner', 'GET', summaryIn2018)).json();
  assert.deepEqual(summaryAfter, summaryBefore);
  assert.equal(summaryAfter.placements, 3);

  const trail = await world.db.execute(
    sql`select action, before, after, reason from audit_events where record_type = 'person' and record_id = ${ada}`,
  );
  const events = (trail as unknown as { rows: Record<string, unknown>[] }).rows;
  assert.doesNotMatch(JSON.stringify(events), /Lovelace|RET-ADA|1990-01-01/);
  assert.ok(events.some((event) => event.action === 'person.erase'));
  assert.ok(events.some((event) => event.action === 'audit.redaction-seal'));
  const verified = await verifyAuditTrail(world.db);
  assert.equal(verified.broken, undefined, verified.broken?.problem);

  assert.deepEqual(await dueIds(), []);
  assert.equal((await officer.get(`/people/${ada}/erase`)).statusCode, 409);
});

test('an event emptied without a seal shows as altered', async () => {
  await world.db.execute(
    sql`update audit_events set before = null, after = null, reason = null where seq = (select min(seq) from audit_events where after is not null)`,
  );
  const verified = await verifyAuditTrail(world.db);
  assert.match(verified.broken?.problem ?? '', /altered/);
});
