// Validates OCDS release and record packages against the 1.1.5 schema with the lots, techniques
// and UK (Find a Tender) extensions merged in (each extension is a JSON merge patch on the release
// schema).
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/ocds/${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** RFC 7396: objects merge key by key, null removes, anything else replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * The lots extension also describes fields that come from other extensions (submission terms and
 * the like), referring to definitions this set does not have. Hearth uses none of them, so such
 * properties are dropped rather than the whole schema failing to compile.
 */
function withoutDanglingRefs(schema: Record<string, unknown>): Record<string, unknown> {
  const definitions = schema.definitions as Record<string, unknown>;
  const dangling = (value: unknown): boolean =>
    JSON.stringify(value)
      .match(/"#\/definitions\/(\w+)"/g)
      ?.some((ref) => !(ref.slice(15, -1) in definitions)) ?? false;
  const prune = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(prune);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).flatMap(([key, value]) => {
        if (key === 'properties' && typeof value === 'object' && value !== null) {
          return [
            [
              key,
              Object.fromEntries(
                Object.entries(value)
                  .filter(([, property]) => !dangling(property))
                  .map(([name, property]) => [name, prune(property)]),
              ),
            ],
          ];
        }
        return [[key, prune(value)]];
      }),
    );
  };
  return prune(schema) as Record<string, unknown>;
}

const releaseSchema = withoutDanglingRefs(
  [
    'extensions/lots/release-schema.json',
    'extensions/techniques/release-schema.json',
    'extensions/uk/release-schema.json',
  ].reduce(
    (schema, extension) => mergePatch(schema, fixture(extension)),
    fixture('release-schema.json') as unknown,
  ) as Record<string, unknown>,
);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(releaseSchema as object);
const validateReleasePackage = ajv.compile(fixture('release-package-schema.json'));
/** Hearth publishes no versioned releases, and the versioned-release schema is not among the fixtures. */
function withoutVersionedRelease(schema: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(schema) as { definitions: { record: { properties: Record<string, unknown> } } };
  delete copy.definitions.record.properties.versionedRelease;
  return copy as unknown as Record<string, unknown>;
}
const validateRecordPackage = ajv.compile(withoutVersionedRelease(fixture('record-package-schema.json')));

const errorsOf = (validate: typeof validateReleasePackage, value: unknown): string[] =>
  validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '(package)'} ${error.message ?? ''}`.trim());

/** Every schema error in the release package, as readable lines; empty when it is valid. */
export const ocdsPackageErrors = (releasePackage: unknown): string[] =>
  errorsOf(validateReleasePackage, releasePackage);

/** Every schema error in the record package, its releases and compiled releases included. */
export const ocdsRecordPackageErrors = (recordPackage: unknown): string[] =>
  errorsOf(validateRecordPackage, recordPackage);
