// A page and its total: the count is read only when the page does not show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageWithTotal } from './page.ts';

/** A query not yet run: says whether it was. */
function query<T>(result: T) {
  const run = { count: 0 };
  const lazy: PromiseLike<T> = {
    then(onFulfilled, onRejected) {
      run.count += 1;
      return Promise.resolve(result).then(onFulfilled, onRejected);
    },
  };
  return Object.assign(lazy, { run });
}

test('a first page that is not full is the whole list: no count is read', async () => {
  const total = query([{ n: 99 }]);
  assert.deepEqual(await pageWithTotal(query(['a', 'b']), total, { offset: 0, limit: 10 }), {
    rows: ['a', 'b'],
    total: 2,
  });
  assert.deepEqual(await pageWithTotal(query([]), total, { offset: 0, limit: 10 }), { rows: [], total: 0 });
  assert.deepEqual(await pageWithTotal(query(['k']), total, { offset: 10, limit: 10 }), { rows: ['k'], total: 11 });
  assert.equal(total.run.count, 0);
});

test('a full page, or an empty one past the first, reads the count', async () => {
  const full = query([{ n: '25' }]);
  assert.deepEqual(await pageWithTotal(query(['a', 'b']), full, { offset: 0, limit: 2 }), {
    rows: ['a', 'b'],
    total: 25,
  });
  const shrunk = query([{ n: 3 }]);
  assert.deepEqual(await pageWithTotal(query([]), shrunk, { offset: 20, limit: 10 }), { rows: [], total: 3 });
  assert.deepEqual([full.run.count, shrunk.run.count], [1, 1]);
});
