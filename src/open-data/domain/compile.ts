// An OCDS record's compiled release: the current state of a contracting process, made by merging
// its releases oldest first (OCDS 1.1 merging: objects merge field by field, arrays of objects
// with ids merge item by item, other arrays and values are replaced, a null removes the field).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasIds = (items: Json[]): items is JsonObject[] =>
  items.length > 0 && items.every((item) => isObject(item) && item.id !== undefined && item.id !== null);

function mergeValue(current: Json | undefined, next: Json): Json {
  if (isObject(next)) return mergeObject(isObject(current) ? current : {}, next);
  if (Array.isArray(next) && hasIds(next)) {
    const merged = Array.isArray(current) && hasIds(current) ? [...current] : [];
    for (const item of next) {
      const at = merged.findIndex((existing) => String(existing.id) === String(item.id));
      if (at === -1) merged.push(mergeObject({}, item));
      else merged[at] = mergeObject(merged[at]!, item);
    }
    return merged;
  }
  return next;
}

function mergeObject(current: JsonObject, next: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [key, value] of Object.entries(next)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeValue(merged[key], value);
  }
  return merged;
}

export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  [field: string]: unknown;
}

/** The compiled release of one process's releases (at least one, all with its ocid). */
export function compileReleases(releases: readonly OcdsRelease[]): OcdsRelease {
  if (releases.length === 0) throw new RangeError('A record needs at least one release');
  const ordered = [...releases].sort((a, b) => a.date.localeCompare(b.date));
  const merged = ordered.reduce<JsonObject>(
    (compiled, release) => mergeObject(compiled, JSON.parse(JSON.stringify(release)) as JsonObject),
    {},
  );
  const last = ordered[ordered.length - 1]!;
  return { ...merged, ocid: last.ocid, id: `${last.ocid}-${last.date}`, date: last.date, tag: ['compiled'] };
}
