// Every JSON operation in the OpenAPI document, sent generated requests by a caller who may use it:
// wrong types, missing and unknown fields, huge strings, impossible dates, unknown ids, text that is
// not JSON and bodies of other types. Nothing is answered with a 5xx or a stack trace; a refusal is
// problem+json and changes no row. FUZZ_RUNS sets the requests per operation (`npm run fuzz`), FUZZ_PATHS which.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PARTS } from '../src/parts.ts';
import { openApiDocument } from '../src/platform/http/openapi.ts';
import type { ApiOperation } from '../src/platform/http/api.ts';
import { fuzzRequests, type DescribedOperation, type FuzzRequest, type Schema } from './support/fuzz.ts';
import { changedCounts, rowCounter, type RowCounts } from './support/row-counts.ts';
import { assessedPerson } from './support/brokerage.ts';
import { openVehicle } from './support/procurement.ts';
import { contractedService } from './support/quality.ts';
import { kindOf, openerOf, type RecordKind } from './support/record-paths.ts';
import { api, STAFF_SEATS, testWorld, type Seat, type TestWorld } from './support/test-app.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
/** FUZZ_PATHS, a regular expression, fuzzes only the operations whose paths it matches. */
const PATHS = new RegExp(process.env.FUZZ_PATHS ?? '');
/** What a stack trace, a file of the server's or a database error looks like in a body. */
const LEAK =
  /\bat .{0,80}\((?:file:\/\/)?\/[^)]*:\d+:\d+\)|node_modules|file:\/\/\/|syntax error at|violates .{0,80} constraint|relation "/;

let world: TestWorld;
let counts: () => Promise<RowCounts>;
before(async () => {
  // Each operation is sent many requests by one person: no limit should stop them first.
  world = await testWorld({ rateLimitPerMinute: 1_000_000 });
  counts = await rowCounter(world.db);
});
after(() => world.close());

/** Someone whose role the operation names: the fuzzing is of its input, not of who may call it. */
function callerFor(operation: ApiOperation): Seat {
  if (operation.access === 'signed-in' || operation.access === 'public') return 'commissioner';
  const access: readonly string[] = operation.access;
  return STAFF_SEATS.find((seat) => access.includes(seat)) ?? 'provider_user';
}

function described(operation: ApiOperation, document: ReturnType<typeof openApiDocument>): DescribedOperation {
  const entry = document.paths[operation.path]![operation.method.toLowerCase()] as {
    parameters: DescribedOperation['parameters'];
    requestBody?: { content: { 'application/json': { schema: Schema } } };
  };
  return {
    method: operation.method,
    path: operation.path,
    parameters: entry.parameters,
    body: entry.requestBody?.content['application/json'].schema,
  };
}

async function send(seat: Seat, method: ApiOperation['method'], request: FuzzRequest) {
  return world.app.inject({
    method,
    url: request.url,
    headers: {
      authorization: `Bearer ${world.tokens[seat]}`,
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
    },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
}

const operations = () =>
  PARTS.flatMap(
    (part) => part.api?.({ db: world.db, config: { ocidPrefix: 'ocds-hearth', oidc: undefined } }) ?? [],
  ).filter((operation) => PATHS.test(operation.path));

/** Fuzzes one operation as `seat`, its first path parameter `record` where given. */
async function fuzz(
  operation: ApiOperation,
  document: ReturnType<typeof openApiDocument>,
  seat: Seat,
  record?: string,
) {
  const what = `${operation.method} ${operation.path}`;
  let before = await counts();
  await fc.assert(
    fc.asyncProperty(fuzzRequests(described(operation, document), record), async (request) => {
      const response = await send(seat, operation.method, request);
      const said = `${what} (${request.kind}) ${request.url.slice(0, 200)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`;
      assert.ok(response.statusCode < 500, said);
      assert.doesNotMatch(response.body.slice(0, 100_000), LEAK, said);
      const now = await counts();
      if (response.statusCode >= 200 && response.statusCode < 300) {
        assert.ok(!request.mustRefuse, said);
        before = now;
        return;
      }
      assert.ok(response.statusCode >= 400, said);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/, said);
      assert.equal(response.json().status, response.statusCode, said);
      assert.deepEqual(changedCounts(before, now), [], `${said}\nchanged rows`);
    }),
    { numRuns: RUNS, endOnFailure: true, includeErrorInReport: true },
  );
}

test('every JSON operation refuses generated bad requests with 4xx problem+json, no stack trace, no row changed', async () => {
  const all = operations();
  const document = openApiDocument(all);
  assert.ok(all.length > 150 || process.env.FUZZ_PATHS, `${all.length} operations`);
  for (const operation of all) await fuzz(operation, document, callerFor(operation));
});

test('operations on a real record of the caller’s own take hostile values without a 5xx, and refuse bad ones cleanly', async () => {
  const vehicle = await openVehicle(world, { requiredDocuments: ['Insurance certificate'] });
  const applied = await api(world, 'provider_user', 'POST', `/api/v1/vehicles/${vehicle.id}/applications`);
  const users = (await api(world, 'administrator', 'GET', '/api/v1/users')).json().items as {
    id: string;
    name: string;
  }[];
  const records: Record<RecordKind, string> = {
    vehicle: vehicle.id,
    person: (await assessedPerson(world)).id,
    service: await contractedService(world),
    user: users.find((user) => user.name === 'Test auditor')!.id,
    application: applied.json().application.id,
  };
  const all = operations();
  const document = openApiDocument(all);
  for (const operation of all) {
    const kind = kindOf(operation.path);
    const seat = kind && openerOf(operation.access, kind);
    if (kind && seat) await fuzz(operation, document, seat, records[kind]);
  }
});
