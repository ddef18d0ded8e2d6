// What record a route's path names, read from the path itself, so a test walking the declarations
// can open each route with a real record: its own organisation's or provider's, or another's.
import { randomUUID } from 'node:crypto';
import type { Access } from '../../src/platform/domain/roles.ts';
import { STAFF_SEATS, type Seat } from './test-app.ts';

export type RecordKind = 'vehicle' | 'person' | 'service' | 'user' | 'application';

/** The kind of record a path's first parameter names, by the path before it. */
const RECORD_KINDS: { kind: RecordKind; before: RegExp }[] = [
  { kind: 'vehicle', before: /^(\/api\/v1)?(\/quality)?\/vehicles$/ },
  { kind: 'person', before: /^(\/api\/v1)?\/people$/ },
  { kind: 'service', before: /^(\/api\/v1)?(\/quality)?(\/risk)?\/services$/ },
  { kind: 'user', before: /^(\/api\/v1|\/admin)\/users$/ },
  { kind: 'application', before: /^(\/api\/v1)?\/applications$/ },
];

/** The kind of record a path's first parameter (":id" or "{id}") names, if the table above knows it. */
export function kindOf(path: string): RecordKind | undefined {
  const at = path.search(/\/(:\w+|\{\w+\})/);
  return at < 0 ? undefined : RECORD_KINDS.find(({ before }) => before.test(path.slice(0, at)))?.kind;
}

/** The path with its first parameter `id` and any others records that do not exist. */
export const filled = (path: string, id: string) =>
  path.replace(/:\w+|\{\w+\}/, id).replace(/:\w+|\{\w+\}/g, () => randomUUID());

/** Who opens it: a provider for a provider's records or a provider's own route, else the first staff role it names. */
export function openerOf(access: Access, kind: RecordKind | undefined): Seat | undefined {
  if (access === 'signed-in' || access === 'public') return 'commissioner';
  if (access.includes('provider_user') && (kind === 'application' || access.length === 1)) return 'provider_user';
  return STAFF_SEATS.find((seat) => access.includes(seat));
}
