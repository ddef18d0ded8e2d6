// The audit trail as auditors and administrators read it: filtered by who, what, record and dates,
// sorted, exported, and each event opened on its own page; every route obeys the same rule.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readSheet } from 'read-excel-file/node';
import { findEvents } from '../src/platform/audit/repository.ts';
import { PageSession, testWorld, type TestWorld } from './support/test-app.ts';

let world: TestWorld;
let auditor: PageSession;
let administrator: PageSession;
let providerEventSeq: number;
let userEventSeq: number;

/** The list's rows, without the filters above it. */
const tableOf = (html: string) => html.split('<tbody')[1]!.split('</tbody>')[0]!;

const signedIn = async (email: string) => {
  const session = new PageSession(world.app);
  await session.signIn(email);
  return session;
};

before(async () => {
  world = await testWorld();
  auditor = await signedIn(world.emails.auditor);
  administrator = await signedIn(world.emails.administrator);
  // Two kinds of change by the council's people: a person's settings, and a provider's details.
  await administrator.get('/admin/users/new');
  await administrator.post('/admin/users/new', {
    email: 'pat@example.gov.uk',
    name: 'Pat Quinn',
    roles: ['evaluator'],
  });
  const commissioner = await signedIn(world.emails.commissioner);
  await commissioner.get(`/providers/${world.providerId}/edit`);
  const edit = await commissioner.post(`/providers/${world.providerId}/edit`, {
    name: 'Heron Supported Living Ltd',
    ownershipType: 'Organisation',
    addressLine1: '1 High Street',
    townCity: 'Stafford',
    postcode: 'ST16 2LH',
    phone: '01785 000222',
  });
  assert.equal(edit.statusCode, 302, edit.body.slice(0, 300));
  const events = (await findEvents(world.db, { organisationId: world.councilId }, 0, 100)).rows;
  providerEventSeq = events.find((event) => event.recordType === 'provider')!.seq;
  userEventSeq = events.find((event) => event.action === 'user.create')!.seq;
});
after(() => world.close());

describe('the audit trail', () => {
  test('filters by who, what, kind of record and dates, newest first unless sorted', async () => {
    const byWho = tableOf((await auditor.get('/audit?who=commissioner@')).body);
    assert.match(byWho, /Test commissioner &lt;commissioner@example\.gov\.uk&gt;/);
    assert.doesNotMatch(byWho, /user\.create|administrator@/);
    const byAction = (await auditor.get('/audit?action=user.create&who=administrator@')).body;
    assert.match(byAction, /1 event\b/);
    assert.match(byAction, new RegExp(`href="/audit/events/${userEventSeq}">Event ${userEventSeq}<`));
    const byRecord = (await auditor.get('/audit?recordType=provider')).body;
    assert.match(byRecord, /<option value="provider" selected>Provider<\/option>/);
    assert.doesNotMatch(tableOf(byRecord), /user\.create/);
    // Today is in range; a range in the past holds nothing; a backwards range is refused by its field.
    const today = new Date().toISOString().slice(0, 10);
    const todays = `/audit?from=${today}&to=${today}&action=user.create&who=administrator@`;
    assert.match((await auditor.get(todays)).body, /1 event\b/);
    assert.match((await auditor.get('/audit?from=2020-01-01&to=2020-12-31')).body, /0 events/);
    const backwards = await auditor.get('/audit?from=2026-12-01&to=2026-11-01');
    assert.equal(backwards.statusCode, 422);
    assert.match(backwards.body, /<a href="#to">The last day must be on or after the first/);
    const oldest = (await auditor.get('/audit?sort=when&order=asc')).body;
    const newest = (await auditor.get('/audit')).body;
    const firstSeq = (html: string) => Number(/href="\/audit\/events\/(\d+)"/.exec(html)![1]);
    assert.ok(firstSeq(oldest) < firstSeq(newest));
  });

  test('administrators read only what concerns people and settings, on every route', async () => {
    const list = (await administrator.get('/audit')).body;
    assert.match(tableOf(list), /user\.create/);
    assert.doesNotMatch(list, /provider\.update/);
    assert.doesNotMatch(list, /<option value="provider"/, 'nor offered as a filter');
    assert.equal((await administrator.get(`/audit/events/${userEventSeq}`)).statusCode, 200);
    assert.equal((await administrator.get(`/audit/events/${providerEventSeq}`)).statusCode, 404);
    const csv = (await administrator.get('/audit.csv')).body;
    assert.match(csv, /user\.create/);
    assert.doesNotMatch(csv, /provider\.update/);
    const auditorsEvent = await auditor.get(`/audit/events/${providerEventSeq}`);
    assert.equal(auditorsEvent.statusCode, 200);
    assert.match(auditorsEvent.body, /01785 000222/, 'what changed is shown');
    assert.match(auditorsEvent.body, new RegExp(`href="/history/provider/${world.providerId}"`));
    // Another council's auditor, and anyone without the role, get nothing of it.
    const kent = await signedIn(world.emails.other_council_administrator);
    assert.equal((await kent.get(`/audit/events/${userEventSeq}`)).statusCode, 404);
    assert.doesNotMatch((await kent.get('/audit.csv')).body, /pat@example\.gov\.uk/);
    const commissioner = await signedIn(world.emails.commissioner);
    assert.equal((await commissioner.get(`/audit/events/${userEventSeq}`)).statusCode, 403);
    assert.equal((await commissioner.get('/audit.xlsx')).statusCode, 403);
    assert.equal((await auditor.get('/audit/events/not-a-number')).statusCode, 404);
  });

  test('the exports hold the filtered trail', async () => {
    const rows = await readSheet((await auditor.get('/audit.xlsx?action=user.create&who=administrator@')).rawPayload);
    assert.deepEqual(rows[0], ['When', 'Who', 'What', 'Record', 'Reason', 'Event']);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]![2], 'user.create');
    assert.equal(rows[1]![3], 'User');
  });
});
