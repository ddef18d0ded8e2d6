// Nothing acknowledged is lost to a crash: the real server, under a write load through its API, is
// killed with SIGKILL (no chance to close anything) and started again on the same database. Every
// write it answered with a success is there, nothing stands half-written, and the audit chain holds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuditTrail } from '../src/platform/audit/service.ts';
import { testWorld } from './support/test-app.ts';
import { serverDatabase, startServer, call, type ServerDatabase } from './support/server-process.ts';
import { halfWritten, loadSetting, lostWrites, writeLoad, type LoadSetting } from './support/write-load.ts';

// Bounded: at most 4 × 12 people (about 170 writes); the kill comes after the 40th success.
const LOAD = { workers: 4, peopleEach: 12 };
const KILL_AFTER = 40;

let database: ServerDatabase;
let setting: LoadSetting;
before(async () => {
  database = await serverDatabase();
  const world = await testWorld({ database: await database.open() });
  setting = await loadSetting(world);
  await world.close();
});
after(() => database.remove());

test('a server killed mid-load keeps every write it acknowledged, half-writes none, and its audit chain verifies', async () => {
  const server = await startServer(database);
  const load = await writeLoad([server], setting, LOAD, (count) => {
    if (count === KILL_AFTER) server.child.kill('SIGKILL');
  });
  assert.equal(await server.exited, 'SIGKILL');
  assert.deepEqual(load.refused, [], 'nothing was refused before the kill');
  assert.ok(load.acknowledged.length >= KILL_AFTER, `${load.acknowledged.length} writes acknowledged`);
  assert.ok(load.unanswered > 0, 'the kill came while requests were in flight');
  console.log(
    `${database.kind}: ${load.acknowledged.length} writes acknowledged, ${load.unanswered} in flight at the kill`,
  );

  // Started again on the same data, it answers for what it acknowledged before the kill.
  const again = await startServer(database);
  try {
    for (const write of load.acknowledged) {
      if (write.kind !== 'placement' && write.kind !== 'offers-sent') continue;
      const path = write.kind === 'placement' ? `/api/v1/placements/${write.id}` : `/api/v1/referrals/${write.id}`;
      const answer = await call(again, setting.tokens.brokerage_officer, 'GET', path);
      assert.equal(answer.status, 200, `${path} after the restart`);
    }
  } finally {
    assert.equal(await again.stop(), 0, again.output());
  }

  const opened = await database.open();
  try {
    assert.deepEqual(await lostWrites(opened.db, load.acknowledged), []);
    const partial = await halfWritten(opened.db);
    for (const [what, rows] of Object.entries(partial)) assert.deepEqual(rows, [], what);
    const audit = await verifyAuditTrail(opened.db);
    assert.equal(audit.broken, undefined, JSON.stringify(audit.broken));
  } finally {
    await opened.close();
  }
});
