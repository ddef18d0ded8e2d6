// Loads the reference files shipped with Hearth, once per process.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildLocalAuthorityIndex, type LocalAuthorityIndex } from '../domain/local-authorities.ts';

const here = (file: string) => new URL(`./${file}`, import.meta.url);

let localAuthorities: LocalAuthorityIndex | undefined;

export function localAuthorityIndex(): LocalAuthorityIndex {
  if (!localAuthorities) {
    const rows = parse(readFileSync(here('local-authorities.csv')), { columns: true, bom: true }) as Record<string, string>[];
    localAuthorities = buildLocalAuthorityIndex(rows.map((row) => ({
      gssCode: row['gss-code'] ?? '',
      officialName: row['official-name'] ?? '',
      niceName: row['nice-name'] ?? '',
      altNames: (row['alt-names'] ?? '').split(',').filter(Boolean),
      type: row['local-authority-type'] ?? '',
      current: row['current-authority'] === 'True' && !row['end-date'],
    })).filter((la) => la.gssCode !== ''));
  }
  return localAuthorities;
}
