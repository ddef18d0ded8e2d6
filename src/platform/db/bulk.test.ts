import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, sql } from 'drizzle-orm';
import { bigserial, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import { columnKinds, COLUMN_KINDS_SQL } from '../../../test/support/column-kinds.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { bulkReadWhereIn, bulkWrite } from './bulk.ts';

// A table with every kind of column the bulk path has to carry.
const samples = pgTable('bulk_samples', {
  seq: bigserial('seq', { mode: 'number' }),
  id: uuid('id').primaryKey(),
  code: text('code').notNull(),
  ...columnKinds(),
});

let database: Database;
before(async () => {
  database = await testDatabase();
  await database.db.execute(
    sql`create table bulk_samples (seq bigserial, id uuid primary key, code text not null, ${COLUMN_KINDS_SQL})`,
  );
});
after(() => database.close());

const awkward = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'A,1',
  note: 'She said "hello" \\ then {left}, NULL',
  tags: ['Learning disabilities', 'with "quotes", commas', 'back\\slash', '{braces}', ''],
  detail: { nested: { list: [1, 'two', null] }, text: 'a "b" \\ c' },
  flag: false,
  startsOn: '2024-02-29',
  createdAt: new Date('2026-11-23T09:30:00.123Z'),
};

test('values with quotes, commas, braces, backslashes, nulls and empty arrays survive the round trip', async () => {
  const { db } = database;
  const plain = {
    id: '00000000-0000-4000-8000-000000000002',
    code: 'NULL',
    note: null,
    tags: [],
    detail: null,
    flag: null,
    startsOn: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
  await bulkWrite(db, samples, [awkward, plain]);
  const stored = await db.select().from(samples).orderBy(asc(samples.seq));
  assert.deepEqual(
    stored.map(({ seq: _seq, ...row }) => row),
    [awkward, plain],
  );
  assert.deepEqual(
    stored.map((row) => row.seq),
    [1, 2],
    'serial values follow the order given',
  );

  const read = await bulkReadWhereIn(db, samples, 'code', ['A,1', 'NULL', 'absent']);
  assert.deepEqual(
    read.sort((a, b) => a.seq - b.seq),
    stored,
  );
  assert.deepEqual(await bulkReadWhereIn(db, samples, 'code', []), []);
});

test('an upsert replaces the stored row but keeps the columns it is told to keep', async () => {
  const { db } = database;
  await bulkWrite(
    db,
    samples,
    [{ ...awkward, code: 'B', note: 'changed', createdAt: new Date('2030-01-01T00:00:00Z') }],
    { conflictKey: 'id', keep: ['createdAt'] },
  );
  const [row] = await bulkReadWhereIn(db, samples, 'code', ['B']);
  assert.equal(row?.note, 'changed');
  assert.deepEqual(row?.createdAt, awkward.createdAt);
});

test('thousands of rows go in several statements and all arrive', async () => {
  const { db } = database;
  const rows = Array.from({ length: 12_001 }, (_, i) => ({
    id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: `many-${i}`,
    tags: [`t${i}`],
    createdAt: new Date(0),
  }));
  await bulkWrite(db, samples, rows);
  const read = await bulkReadWhereIn(
    db,
    samples,
    'code',
    rows.map((row) => row.code),
  );
  assert.equal(read.length, 12_001);
  assert.deepEqual(read.find((row) => row.code === 'many-12000')?.tags, ['t12000']);
});
