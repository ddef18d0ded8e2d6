import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { commandLineActor, listAuditEvents, recordAudit, verifyAuditTrail } from './service.ts';

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database.close());

test('events append to a chain that verifies, and can be listed by record', async () => {
  const { db } = database;
  await db.transaction((tx) =>
    recordAudit(tx, commandLineActor, [
      {
        action: 'thing.create',
        recordType: 'thing',
        recordId: 'a',
        after: { name: 'A', when: new Date('2026-01-02T03:04:05Z') },
      },
      {
        action: 'thing.update',
        recordType: 'thing',
        recordId: 'a',
        before: { name: 'A' },
        after: { name: 'B' },
        reason: 'typo',
      },
    ]),
  );
  await db.transaction((tx) =>
    recordAudit(tx, commandLineActor, [{ action: 'thing.create', recordType: 'thing', recordId: 'b' }]),
  );
  const result = await verifyAuditTrail(db);
  assert.equal(result.events, 3);
  assert.equal(result.broken, undefined);
  const history = await listAuditEvents(db, { recordType: 'thing', recordId: 'a' }, 1);
  assert.equal(history.total, 2);
  assert.equal(history.items[0]!.reason, 'typo');
  assert.deepEqual(history.items[0]!.after, { name: 'B' });
});

test('the database refuses to change or remove an event', async () => {
  const refused = (error: Error & { cause?: Error }) => /append-only/.test(`${error.message} ${error.cause?.message}`);
  await assert.rejects(database.db.execute(sql`UPDATE audit_events SET reason = 'x'`), refused);
  await assert.rejects(database.db.execute(sql`DELETE FROM audit_events`), refused);
});

test('verify reports the first altered event, and a removed one', async () => {
  const { db } = database;
  // Someone with the power to switch the trigger off edits history: the chain still gives them away.
  await db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
  await db.execute(sql`UPDATE audit_events SET after = '{"name":"C"}' WHERE seq = 2`);
  const altered = await verifyAuditTrail(db);
  assert.equal(altered.broken?.seq, 2);
  assert.match(altered.broken!.problem, /altered/);
  assert.equal(altered.events, 1);

  await db.execute(sql`DELETE FROM audit_events WHERE seq = 2`);
  const removed = await verifyAuditTrail(db);
  assert.equal(removed.broken?.seq, 3);
  assert.match(removed.broken!.problem, /removed or altered/);
  await db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
});
