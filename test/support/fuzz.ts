// Requests generated from an operation's OpenAPI description: hostile values of the right type
// (huge strings, impossible dates, unknown ids, extreme numbers), values of the wrong type, missing
// and unknown fields, bodies that are not JSON and bodies sent as something other than JSON.
import fc from 'fast-check';

/** The slice of JSON Schema that zod writes for Hearth's inputs. */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
}

export interface FuzzRequest {
  kind: string;
  url: string;
  /** Sent as it is: already JSON text, or text of another type. */
  payload?: string;
  contentType?: string;
  /** Whether Hearth must refuse it: false only where a hostile but well-typed request may be taken. */
  mustRefuse: boolean;
}

const HUGE = 'x'.repeat(200_000);
const hostileText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    HUGE,
    '<script>alert(1)</script>',
    "'; drop table people; --",
    '2026-02-30',
    '2026-13-45',
    '0000-00-00',
    '275760-09-14',
    '-0001-01-01',
    '1e999',
    'NaN',
    '\u202e\ud83d\ude00\u0301',
    '../../etc/passwd',
    'null',
  ),
  fc.string({ maxLength: 40 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** An id no record has, or text that is not an id at all. */
export const unknownId = fc.oneof(
  fc.uuid(),
  fc.constantFrom('0', '-1', '1.5', 'x', '99999999999999999999', 'ffffffff-ffff-ffff-ffff-fffffffffffz', '%00', '..'),
);

const branches = (schema: Schema): Schema[] => schema.anyOf ?? schema.oneOf ?? [schema];
const typesOf = (schema: Schema): string[] => [schema.type ?? []].flat();

/** A value the schema's type allows, chosen to be awkward: right in shape, wrong in spirit. */
export function hostileValue(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...branches(schema).map((branch) => hostileValue(branch, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum, 'not-one-of-them');
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return schema.format === 'uuid' ? unknownId : hostileText;
        case 'number':
        case 'integer':
          return hostileNumber;
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return depth > 3 ? fc.constant([]) : fc.array(hostileValue(schema.items ?? {}, depth + 1), { maxLength: 3 });
        default:
          return depth > 3 ? fc.constant({}) : hostileObject(schema, depth + 1);
      }
    }),
  );
}

/** An object with each property present or missing at random, and now and then one nobody asked for. */
function hostileObject(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [name, hostileValue(property, depth)]),
  );
  return fc
    .tuple(fc.record(properties, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()))
    .map(([known, unknown]) => ({ ...unknown, ...known }));
}

const VALUES_BY_TYPE: Record<string, unknown> = {
  string: 'wrong',
  number: 12345,
  boolean: true,
  object: { unexpected: 1 },
  array: [1, 'two'],
  null: null,
};

/** A value of a type the schema does not allow; undefined where it allows anything. */
export function wrongValue(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const types = new Set(branches(schema).flatMap(typesOf));
  if (types.size === 0) return undefined;
  if (types.has('number')) types.add('integer');
  if (types.has('integer')) types.add('number');
  const wrong = Object.entries(VALUES_BY_TYPE)
    .filter(([type]) => !types.has(type))
    .map(([, value]) => value);
  const outside = branches(schema).some((branch) => branch.enum) && !types.has('number') ? ['not-one-of-them'] : [];
  return fc.constantFrom(...wrong, ...outside);
}

/** A body certainly refused: a field of the wrong type, or a required field left out, among hostile others. */
function refusedBody(schema: Schema): fc.Arbitrary<unknown>[] {
  const properties = Object.entries(schema.properties ?? {});
  const typed = properties.flatMap(([name, property]) => {
    const wrong = wrongValue(property);
    return wrong ? [fc.tuple(fc.constant(name), wrong)] : [];
  });
  const hostile = hostileObject(schema, 0);
  const arbitraries: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>(null, [], 'text', 42, true, [{}])];
  if (typed.length > 0)
    arbitraries.push(
      fc.tuple(hostile, fc.oneof(...typed)).map(([body, [name, value]]) => ({ ...body, [name]: value })),
    );
  if ((schema.required ?? []).length > 0)
    arbitraries.push(
      fc.tuple(hostile, fc.constantFrom(...schema.required!)).map(([body, name]) => {
        const { [name]: _left, ...rest } = body;
        return rest;
      }),
    );
  return arbitraries;
}

const NOT_JSON = [
  '{',
  '{"name":',
  "{'name': 'x'}",
  '[1,]',
  'undefined',
  '\u0000',
  '{"a":1}{"b":2}',
  `{"x":"${'y'.repeat(1000)}`,
];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'text/html',
  'multipart/form-data; boundary=hearth',
  'application/json-patch+json',
];

/** The query string: each declared parameter hostile or absent, and an unknown one now and then. */
function queryOf(parameters: { name: string; in: string; schema: Schema }[]): fc.Arbitrary<string> {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  const text = fc.oneof(hostileText, hostileNumber.map(String));
  const values = Object.fromEntries(query.map((parameter) => [parameter.name, fc.oneof(text, fc.array(text))]));
  return fc
    .tuple(fc.record(values, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 2 }))
    .map(([known, unknown]) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries({ ...unknown, ...known }))
        for (const one of [value].flat()) search.append(name, String(one).slice(0, 2000));
      const written = search.toString();
      return written ? `?${written}` : '';
    });
}

export interface DescribedOperation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: Schema }[];
  body?: Schema;
}

/**
 * Requests for one operation. Its path names records that do not exist, except that `record`, when
 * given, is the real record its first parameter names: then well-typed requests reach the service.
 */
export function fuzzRequests(operation: DescribedOperation, record?: string): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)];
  // Only a request naming no record, or only the real one, may be taken.
  const mayBeTaken = names.length === 0 || (record !== undefined && names.length === 1);
  const ids = fc.array(unknownId, { minLength: names.length, maxLength: names.length });
  const url = fc.tuple(ids, queryOf(operation.parameters)).map(([made, query]) => {
    const chosen = record === undefined ? made : [record, ...made.slice(1)];
    let index = 0;
    return operation.path.replace(/\{\w+\}/g, () => encodeURIComponent(chosen[index++]!)) + query;
  });
  const json = (kind: string, body: fc.Arbitrary<unknown>, mustRefuse: boolean) =>
    fc.tuple(url, body).map(([to, value]) => ({
      kind,
      url: to,
      payload: JSON.stringify(value),
      contentType: 'application/json',
      mustRefuse,
    }));
  const kinds: fc.Arbitrary<FuzzRequest>[] = [];
  if (operation.method === 'GET') {
    kinds.push(url.map((to) => ({ kind: 'query', url: to, mustRefuse: !mayBeTaken })));
  } else {
    kinds.push(
      fc.tuple(url, fc.constantFrom(...NOT_JSON)).map(([to, payload]) => ({
        kind: 'invalid JSON',
        url: to,
        payload,
        contentType: 'application/json',
        mustRefuse: true,
      })),
      fc.tuple(url, fc.constantFrom(...OTHER_TYPES)).map(([to, contentType]) => ({
        kind: 'wrong content type',
        url: to,
        payload: 'name=x&_csrf=y',
        contentType,
        mustRefuse: true,
      })),
    );
    if (operation.body) {
      kinds.push(...refusedBody(operation.body).map((body) => json('wrong types or missing fields', body, true)));
      kinds.push(json('hostile values', hostileObject(operation.body, 0), !mayBeTaken));
    } else if (names.length > 0) {
      kinds.push(json('no body', fc.constant({}), !mayBeTaken));
    }
  }
  return fc.oneof(...kinds);
}
