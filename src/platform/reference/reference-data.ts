// Loads the reference files shipped with Hearth, once per process.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { buildLocalAuthorityIndex, type LocalAuthorityIndex } from '../domain/local-authorities.ts';
import { isIsoDate, NATIONS, type BankHoliday, type Nation } from '../domain/calendar.ts';

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

let shippedHolidays: BankHoliday[] | undefined;

/** Reads a bank-holiday CSV (`date,nation,name`), refusing any row it cannot trust, by line. */
export function parseBankHolidays(content: Buffer | string, source: string): BankHoliday[] {
  const rows = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const problems: string[] = [];
  const holidays = rows.flatMap(({ record, info }) => {
    const date = record.date ?? '';
    const nation = record.nation ?? '';
    if (!isIsoDate(date)) problems.push(`${source} line ${info.lines}: "${date}" is not a date written YYYY-MM-DD`);
    else if (!(NATIONS as readonly string[]).includes(nation)) problems.push(`${source} line ${info.lines}: nation must be one of ${NATIONS.join(', ')}`);
    else return [{ date, nation: nation as Nation, name: record.name || 'Bank holiday' }];
    return [];
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return holidays;
}

let extraHolidaysFile: string | undefined;
let allHolidays: BankHoliday[] | undefined;

/** Adds an administrator's own file of further bank holidays (HEARTH_BANK_HOLIDAYS_FILE), read at start-up. */
export function useExtraBankHolidays(file: string | undefined): void {
  extraHolidaysFile = file;
  allHolidays = undefined;
  bankHolidays();
}

/** The shipped UK bank holidays, plus the administrator's further days if a file is set. */
export function bankHolidays(): BankHoliday[] {
  shippedHolidays ??= parseBankHolidays(readFileSync(here('bank-holidays.csv')), 'bank-holidays.csv');
  allHolidays ??= extraHolidaysFile ? [...shippedHolidays, ...parseBankHolidays(readFileSync(extraHolidaysFile), extraHolidaysFile)] : shippedHolidays;
  return allHolidays;
}
