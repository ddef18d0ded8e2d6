// PGlite that runs a statement in one call into PostgreSQL instead of six.
//
// PGlite's query() sends the extended protocol's messages one call at a time (parse, describe the
// statement, bind, describe the portal, execute, sync) so that, between them, it can learn each
// parameter's type and turn the value into text for it. Each call crosses into WebAssembly and back:
// a simple read costs about 0.6 ms, of which half is the crossings. The values Drizzle passes are
// nearly always text, numbers or booleans, whose text form is the same whatever type PostgreSQL
// infers; for those all five messages go in one call, and PostgreSQL infers the types itself, as it
// does for query(). Anything else (arrays, objects, dates, binary, a blob) goes through query().
//
// A statement with parameters is also kept prepared, by name, and run again from there: Hearth runs
// a few hundred statements over and over, and parsing and planning one again costs up to 3 ms of the
// 3.5 (a vehicle with its lots). PostgreSQL plans a kept statement for its values the first five
// times, then keeps one plan when that plan is no worse. The most recently used 300 are kept; a
// statement that failed before it was kept is closed on the next trip, in case it was prepared.
import {
  messages,
  parse,
  PGlite,
  protocol,
  type QueryOptions,
  type Results,
  type Transaction,
} from '@electric-sql/pglite';

const { serialize } = protocol;

/** How many prepared statements are kept: more than the distinct statements Hearth runs in a day's use. */
const KEPT_STATEMENTS = 300;

/** The values as PostgreSQL's text input, or undefined when one is not plain text, a number or a boolean (or a blob comes with them). */
function asText(params: readonly unknown[], options: QueryOptions | undefined): (string | null)[] | undefined {
  if (options?.blob) return undefined;
  const values: (string | null)[] = [];
  for (const param of params) {
    if (param === null || param === undefined) values.push(null);
    else if (typeof param === 'string') values.push(param);
    else if (typeof param === 'number' || typeof param === 'bigint' || typeof param === 'boolean')
      values.push(String(param));
    else return undefined;
  }
  return values;
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

/**
 * PGlite answers within the same turn of the event loop (its promises settle as microtasks), so a
 * request running statement after statement never let Node read the next request off its socket:
 * under load a few requests waited seconds while others went round. Every statement, whichever way
 * it goes, first lets the event loop go round once.
 */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export class OneTripPGlite extends PGlite {
  override async query<T>(query: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    await nextTurn();
    const values = asText(params, options);
    if (!values) return super.query<T>(query, params, options);
    await this._checkReady();
    // As query() does: not while a transaction is open, and written through to the file system after.
    return this._runExclusiveTransaction(() =>
      this._runExclusiveQuery(async () => {
        const results = await this.#oneTrip<T>(query, params, values, options);
        await this.syncToFs();
        return results;
      }),
    );
  }

  override async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return super.transaction((tx) => {
      const fast: Transaction = Object.create(tx);
      fast.query = async <R>(query: string, params: unknown[] = [], options?: QueryOptions) => {
        await nextTurn();
        const values = tx.closed ? undefined : asText(params, options);
        if (!values) return tx.query<R>(query, params, options);
        return this._runExclusiveQuery(() => this.#oneTrip<R>(query, params, values, options));
      };
      return callback(fast);
    });
  }

  /** Statement text (and parameter types) to its prepared name, least recently used first. */
  readonly #prepared = new Map<string, string>();
  /** Names to close on the next trip: dropped from #prepared, or failed before they were kept. */
  #toClose: string[] = [];
  #named = 0;

  async #oneTrip<T>(
    query: string,
    params: unknown[],
    values: (string | null)[],
    options: QueryOptions | undefined,
  ): Promise<Results<T>> {
    // Statements without parameters are mostly run once (migrations, settings): not kept.
    const keeps = params.length > 0;
    const key = options?.paramTypes ? `${query}\0${options.paramTypes.join(',')}` : query;
    const kept = keeps ? this.#prepared.get(key) : undefined;
    const name = kept ?? (keeps ? `hearth_${(this.#named += 1)}` : '');
    const parts = this.#toClose.map((closing) => serialize.close({ type: 'S', name: closing }));
    this.#toClose = [];
    if (!kept) parts.push(serialize.parse({ text: query, name, types: options?.paramTypes }));
    parts.push(
      serialize.bind({ statement: name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    try {
      const { messages: replies } = await this.execProtocol(joined(parts), { syncToFs: false });
      if (keeps) this.#keep(key, name);
      // query() copies its hundreds of type parsers to lay the caller's over them, on every statement;
      // the caller's few over a prototype of the rest give the same lookups without the copy.
      const parsers = options?.parsers ? Object.assign(Object.create(this.parsers), options.parsers) : this.parsers;
      return parse.parseResults(replies, parsers, { ...options, parsers: undefined })[0] as Results<T>;
    } catch (error) {
      if (name && !kept) this.#toClose.push(name);
      // Said the way query() says it: the statement and its values with PostgreSQL's error.
      if (error instanceof messages.DatabaseError) Object.assign(error, { query, params, queryOptions: options });
      throw error;
    }
  }

  /** Keeps the statement as the most recently used, closing the least recently used past the limit. */
  #keep(key: string, name: string): void {
    this.#prepared.delete(key);
    this.#prepared.set(key, name);
    if (this.#prepared.size <= KEPT_STATEMENTS) return;
    const [oldestKey, oldestName] = this.#prepared.entries().next().value!;
    this.#prepared.delete(oldestKey);
    this.#toClose.push(oldestName);
  }
}
