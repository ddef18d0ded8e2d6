// node-postgres queues a statement sent on a connection that is still running another, and says
// that pg@9 will refuse it. Only a transaction's connection can be asked twice at once (a pool hands
// each plain statement its own), so this is reads started together (Promise.all) inside a
// transaction. In the tests such a statement still runs, in turn, so the connection stays usable,
// but it then fails, and where it was sent from is printed (a page or API answering 500 would
// otherwise hide it).
import pg from 'pg';

interface ClientInternals {
  _activeQuery: unknown;
  _queryQueue: unknown[];
}

let guarded = false;

/** The statement's result refused once it has run. Made after an await, the error's stack goes on
 * through whoever awaits it, up to the reads started together. */
async function refuseOnceRun(result: Promise<unknown>): Promise<never> {
  await result.catch(() => undefined);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const refusal = new Error('A statement was sent on a connection still running another: await each in turn');
  Error.stackTraceLimit = limit;
  console.error(refusal.stack);
  throw refusal;
}

export function refuseStatementsSentTogether(): void {
  if (guarded) return;
  guarded = true;
  const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: ClientInternals, ...args: unknown[]) {
    const busy = Boolean(this._activeQuery) || this._queryQueue.length > 0;
    const result = send.apply(this, args);
    if (!busy || !(result instanceof Promise)) return result;
    return refuseOnceRun(result);
  } as typeof pg.Client.prototype.query;
}
