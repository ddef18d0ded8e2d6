import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { OneTripPGlite } from './one-trip.ts';

// The same statements through PGlite's own query() and through one trip must give the same results.
let plain: PGlite;
let oneTrip: OneTripPGlite;
const TABLE = `create table samples (id uuid primary key, note text, detail jsonb, flag boolean, n integer,
  big bigint, amount numeric, starts_on date, at timestamptz, tags text[])`;

before(async () => {
  plain = new PGlite();
  oneTrip = new OneTripPGlite();
  for (const client of [plain, oneTrip]) await client.exec(TABLE);
});
after(async () => {
  await plain.close();
  await oneTrip.close();
});

const row = [
  '00000000-0000-4000-8000-000000000001',
  'She said "hello" \\ {braces}, NULL',
  '{"nested":{"list":[1,"two",null]}}',
  true,
  42,
  9007199254740993n,
  1234.5,
  '2024-02-29',
  '2026-07-01T09:30:00.123Z',
  '{a,"b c"}',
];
const INSERT = 'insert into samples values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *';

test('text, numbers, booleans and nulls are written and read as query() writes and reads them', async () => {
  for (const options of [undefined, { rowMode: 'array' as const }]) {
    const [expected, actual] = await Promise.all(
      [plain, oneTrip].map(async (client) => {
        await client.query('delete from samples');
        const inserted = await client.query(INSERT, row, options);
        const withNulls = await client.query(INSERT, [
          '00000000-0000-4000-8000-000000000002',
          ...row.slice(1).map(() => null),
        ]);
        const read = await client.query('select * from samples where flag = $1 and n > $2', [true, 1], options);
        return { inserted: inserted.rows, withNulls: withNulls.rows, read: read.rows, fields: read.fields };
      }),
    );
    assert.deepEqual(actual, expected);
  }
});

test('values that are not text, numbers or booleans are still serialised by their type', async () => {
  await oneTrip.query('delete from samples');
  const at = new Date('2026-03-29T01:30:00.456Z');
  await oneTrip.query('insert into samples (id, tags, detail, at) values ($1, $2, $3, $4)', [
    '00000000-0000-4000-8000-000000000003',
    ['x', 'y, "z"'],
    { list: [1, 2] },
    at,
  ]);
  const { rows } = await oneTrip.query<{ tags: string[]; detail: unknown; at: Date }>(
    'select tags, detail, at from samples where id = any($1)',
    [['00000000-0000-4000-8000-000000000003']],
  );
  assert.deepEqual(rows, [{ tags: ['x', 'y, "z"'], detail: { list: [1, 2] }, at }]);
});

test('a failed statement says what PostgreSQL said, with the statement, and the next one runs', async () => {
  await oneTrip.query('delete from samples');
  await oneTrip.query('insert into samples (id) values ($1)', ['00000000-0000-4000-8000-000000000004']);
  await assert.rejects(
    oneTrip.query('insert into samples (id) values ($1)', ['00000000-0000-4000-8000-000000000004']),
    {
      code: '23505',
      constraint: 'samples_pkey',
      query: 'insert into samples (id) values ($1)',
    },
  );
  await assert.rejects(oneTrip.query('select $1::date', ['not a date']), { code: '22007' });
  assert.deepEqual((await oneTrip.query('select count(*)::int as n from samples')).rows, [{ n: 1 }]);
});

test('in a transaction: a failure rolls it all back, and a statement outside waits for it to end', async () => {
  await oneTrip.query('delete from samples');
  const order: string[] = [];
  await assert.rejects(
    oneTrip.transaction(async (tx) => {
      await tx.query('insert into samples (id) values ($1)', ['00000000-0000-4000-8000-000000000005']);
      const outside = oneTrip.query('select count(*)::int as n from samples').then((result) => {
        order.push('outside');
        return result.rows;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('inside');
      await tx.query('insert into samples (id) values ($1)', ['00000000-0000-4000-8000-000000000005']);
      return outside;
    }),
    { code: '23505' },
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(order, ['inside', 'outside']);
  assert.deepEqual((await oneTrip.query('select count(*)::int as n from samples')).rows, [{ n: 0 }]);
  const committed = await oneTrip.transaction(async (tx) => {
    await tx.query('insert into samples (id, n) values ($1, $2)', ['00000000-0000-4000-8000-000000000006', 7]);
    return (await tx.query<{ n: number }>('select n from samples')).rows;
  });
  assert.deepEqual(committed, [{ n: 7 }]);
});

const kept = async () =>
  (
    await oneTrip.query<{ statement: string }>('select statement from pg_prepared_statements order by prepare_time')
  ).rows.map((row) => row.statement);

test('a statement with parameters is prepared once and run again by name; one without is not kept', async () => {
  await oneTrip.query('delete from samples');
  const before = (await kept()).length;
  const read = 'select count(*)::int as n from samples where n > $1';
  for (const floor of [1, 2, 3]) assert.deepEqual((await oneTrip.query(read, [floor])).rows, [{ n: 0 }]);
  const after = await kept();
  assert.equal(after.filter((statement) => statement === read).length, 1);
  assert.equal(after.length, before + 1, 'the statement without parameters (the count of kept ones) is not kept');
});

test('at most 300 are kept: the least recently used is closed', async () => {
  for (let n = 0; n < 320; n += 1) await oneTrip.query(`select $1::int + ${n} as n`, [1]);
  // The closing of the last one dropped goes with the next statement.
  await oneTrip.query('select $1::int as n', [1]);
  const statements = await kept();
  assert.equal(statements.length, 300);
  assert.ok(!statements.includes('select $1::int + 0 as n'), 'the oldest was closed');
  assert.ok(statements.includes('select $1::int + 319 as n'));
  assert.deepEqual((await oneTrip.query('select $1::int + 0 as n', [1])).rows, [{ n: 1 }], 'and is prepared again');
});

test('a statement that fails the first time it runs is not kept, and runs again', async () => {
  await oneTrip.query('delete from samples');
  const insert =
    'insert into samples (id, n) values ($1, $2) on conflict (id) do update set n = $2 where samples.n / $2 >= 0';
  const id = '00000000-0000-4000-8000-000000000007';
  await oneTrip.query('insert into samples (id, n) values ($1, 1)', [id]);
  await assert.rejects(oneTrip.query(insert, [id, 0]), { code: '22012' }, 'division by zero, after it was prepared');
  await oneTrip.query('select 1 as n', []);
  assert.ok(!(await kept()).includes(insert), 'closed on the next trip');
  await oneTrip.query(insert, [id, 5]);
  assert.deepEqual((await oneTrip.query('select n from samples')).rows, [{ n: 5 }]);
  assert.equal((await kept()).filter((statement) => statement === insert).length, 1);
  await assert.rejects(oneTrip.query(insert, [id, 0]), { code: '22012' }, 'a kept statement that fails stays kept');
  await oneTrip.query(insert, [id, 6]);
  assert.equal((await kept()).filter((statement) => statement === insert).length, 1);
});

test('a statement first prepared in a transaction that fails is kept or closed, never lost', async () => {
  const read = 'select count(*)::int as n from samples where id = $1';
  await assert.rejects(
    oneTrip.transaction(async (tx) => {
      await tx.query('select 1 / $1::int', [0]);
    }),
    { code: '22012' },
  );
  await assert.rejects(
    oneTrip.transaction(async (tx) => {
      await tx.query('insert into samples (id) values ($1)', ['00000000-0000-4000-8000-000000000007']);
    }),
    { code: '23505' },
  );
  const outcome = await oneTrip.transaction(
    async (tx) => (await tx.query(read, ['00000000-0000-4000-8000-000000000007'])).rows,
  );
  assert.deepEqual(outcome, [{ n: 1 }]);
  const statements = await kept();
  assert.ok(!statements.includes('select 1 / $1::int'));
  assert.equal(statements.filter((statement) => statement === read).length, 1);
});

// Each way a statement can go: in one trip, through query() (an array), and the same in a transaction.
const statementWays: [string, (n: number) => Promise<unknown>][] = [
  ['in one trip', (n) => oneTrip.query('select $1::int as n', [n])],
  ['through query()', (n) => oneTrip.query('select $1::int[] as n', [[n]])],
  ['in a transaction', (n) => oneTrip.transaction((tx) => tx.query('select $1::int as n', [n]))],
  ['through query() in a transaction', (n) => oneTrip.transaction((tx) => tx.query('select $1::int[] as n', [[n]]))],
];
for (const [way, run] of statementWays) {
  test(`statement after statement ${way}, the event loop still goes round: timers and sockets are not starved`, async () => {
    let done = 0;
    let doneWhenTimerRan: number | undefined;
    setTimeout(() => (doneWhenTimerRan = done), 0);
    for (let n = 0; n < 100; n += 1) {
      await run(n);
      done += 1;
    }
    assert.ok(
      doneWhenTimerRan !== undefined && doneWhenTimerRan < 100,
      `the timer ran after ${doneWhenTimerRan} of 100`,
    );
  });
}
