// What changed between a stored record and what someone sends: the fields an audit event records.
// Lists compare as sets (order carries no meaning in them), and a missing value equals null.

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? [...a].sort() : [];
    const right = Array.isArray(b) ? [...b].sort() : [];
    return left.length === right.length && left.every((value, index) => value === right[index]);
  }
  return (a ?? null) === (b ?? null);
}

/** The fields of `incoming` whose values differ from `existing`; only fields `incoming` supplies count. */
export function changedFields(existing: Record<string, unknown>, incoming: Record<string, unknown>): string[] {
  return Object.keys(incoming).filter((key) => !sameValue(existing[key], incoming[key]));
}

export function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? null]));
}
