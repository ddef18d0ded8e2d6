// Councils by their ONS GSS code, and recognising a council from the name CQC gives it.

export interface LocalAuthority {
  gssCode: string;
  officialName: string;
  niceName: string;
  /** Other names it is known by (lower case), from the reference file. */
  altNames: readonly string[];
  /** Its type code: CTY county, UA unitary, MD metropolitan district, LBO London borough, NMD district, … */
  type: string;
  current: boolean;
}

// District councils do not commission social care; when a name matches both, the care authority wins.
const NOT_CARE_AUTHORITY = new Set(['NMD']);

export interface LocalAuthorityIndex {
  byCode(code: string): LocalAuthority | undefined;
  /** The GSS code of the current care authority with this name, or null when none (or several) match. */
  codeForName(name: string): string | null;
}

function key(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function buildLocalAuthorityIndex(authorities: readonly LocalAuthority[]): LocalAuthorityIndex {
  const byCode = new Map(authorities.map((la) => [la.gssCode, la]));
  const byName = new Map<string, LocalAuthority[]>();
  for (const la of authorities.filter((a) => a.current)) {
    for (const name of new Set([la.officialName, la.niceName, ...la.altNames].map(key))) {
      byName.set(name, [...(byName.get(name) ?? []), la]);
    }
  }
  const cache = new Map<string, string | null>();
  return {
    byCode: (code) => byCode.get(code),
    codeForName(name) {
      const k = key(name);
      if (cache.has(k)) return cache.get(k)!;
      const matches = byName.get(k) ?? [];
      const care = matches.filter((la) => !NOT_CARE_AUTHORITY.has(la.type));
      const chosen = care.length === 1 ? care[0] : matches.length === 1 ? matches[0] : undefined;
      const code = chosen?.gssCode ?? null;
      cache.set(k, code);
      return code;
    },
  };
}
