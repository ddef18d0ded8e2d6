import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import { columnKinds, COLUMN_KINDS_SQL } from '../../../test/support/column-kinds.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { nestedRows, nestedTableRows } from './nested.ts';

const parents = pgTable('nested_parents', { id: uuid('id').primaryKey(), name: text('name').notNull() });
// A child with every kind of column a nested read has to decode as a direct read does.
const children = pgTable('nested_children', {
  id: uuid('id').primaryKey(),
  parentId: uuid('parent_id').notNull(),
  position: integer('position').notNull(),
  ...columnKinds(),
  localAt: timestamp('local_at', { mode: 'date' }),
});

let database: Database;
before(async () => {
  database = await testDatabase();
  await database.db.execute(sql`create table nested_parents (id uuid primary key, name text not null)`);
  await database.db.execute(sql`create table nested_children (id uuid primary key, parent_id uuid not null,
    position integer not null, ${COLUMN_KINDS_SQL}, local_at timestamp)`);
  await database.db.insert(parents).values([
    { id: '00000000-0000-4000-8000-00000000000a', name: 'with children' },
    { id: '00000000-0000-4000-8000-00000000000b', name: 'without' },
  ]);
  await database.db.insert(children).values([
    {
      id: '00000000-0000-4000-8000-000000000002',
      parentId: '00000000-0000-4000-8000-00000000000a',
      position: 2,
      note: 'She said "hello" \\ then {left}, NULL',
      tags: ['with "quotes", commas', '{braces}', ''],
      detail: { nested: { list: [1, 'two', null] } },
      flag: false,
      startsOn: '2024-02-29',
      createdAt: new Date('2026-07-01T09:30:00.123Z'),
      localAt: new Date('2026-03-29T01:30:00.456Z'),
    },
    {
      id: '00000000-0000-4000-8000-000000000001',
      parentId: '00000000-0000-4000-8000-00000000000a',
      position: 1,
      note: null,
      tags: [],
      detail: null,
      flag: null,
      startsOn: null,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      localAt: null,
    },
  ]);
});
after(() => database.close());

test('a parent read with its children gives the rows, in order, that reading them on their own gives', async () => {
  const { db } = database;
  const { id: _id, ...fields } = getTableColumns(children);
  const read = await db
    .select({
      name: parents.name,
      children: nestedRows(
        { id: children.id, ...fields },
        sql`from ${children} where ${eq(children.parentId, parents.id)}`,
        asc(children.position),
      ),
    })
    .from(parents)
    .orderBy(asc(parents.name));
  const direct = await db.select().from(children).orderBy(asc(children.position));
  assert.deepEqual(read, [
    { name: 'with children', children: direct },
    { name: 'without', children: [] },
  ]);
});

test("a whole table's rows read nested are its rows read on their own", async () => {
  const { db } = database;
  const [read] = await db
    .select({ children: nestedTableRows(children, eq(children.parentId, parents.id), asc(children.position)) })
    .from(parents)
    .where(eq(parents.name, 'with children'));
  assert.deepEqual(read!.children, await db.select().from(children).orderBy(asc(children.position)));
});

test('a field name that is not a plain name is refused', () => {
  assert.throws(() => nestedRows({ "x'": children.id }, sql`from ${children}`), /Not a field name/);
});
