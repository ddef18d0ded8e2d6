// The test databases on PostgreSQL refuse two statements at once on one transaction's connection,
// so every service test finds reads started together inside a transaction.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { isTransaction, type Database, type Db } from '../src/platform/db/client.ts';
import { testDatabase, testingOnPostgres } from './support/test-database.ts';

let database: Database;
before(async () => {
  database = await testDatabase();
});
after(() => database.close());

const numberFrom = async (db: Db, n: number) => {
  const result = (await db.execute(sql`select ${n}::int as n`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
};

test('statements started together inside a transaction are refused', { skip: !testingOnPostgres }, async () => {
  await assert.rejects(
    database.db.transaction((tx) => Promise.all([numberFrom(tx, 1), numberFrom(tx, 2)])),
    (error: Error) => /still running another/.test(String((error.cause as Error | undefined)?.message)),
  );
});

test('statements one after the other inside a transaction, and together outside one, still run', async () => {
  const inside = await database.db.transaction(async (tx) => [await numberFrom(tx, 1), await numberFrom(tx, 2)]);
  assert.deepEqual(inside, [1, 2]);
  assert.deepEqual(await Promise.all([numberFrom(database.db, 1), numberFrom(database.db, 2)]), [1, 2]);
});

test('a transaction is told from the database', async () => {
  assert.equal(isTransaction(database.db), false);
  assert.equal(await database.db.transaction(async (tx) => isTransaction(tx)), true);
});
