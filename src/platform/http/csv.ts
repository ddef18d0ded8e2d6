// Every CSV Hearth writes goes through here, so that text someone typed (a person's name, a
// reason) cannot become a live formula when finance opens the file in a spreadsheet (OWASP's
// "CSV injection").
import { stringify } from 'csv-stringify/sync';

/** A spreadsheet reads a cell starting with one of these as a formula (tab and CR are skipped before it looks). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal such as -12.50 is read as a number, never a formula, and must stay a number for finance. */
const PLAIN_NUMBER = /^-\d+(\.\d+)?$/;

/** Text as a spreadsheet cell: anything that would start a formula gets a leading ' so it shows as typed. */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Rows as CSV, with a header row of the given columns (or the first row's keys); numbers are
 * written as numbers, text made safe.
 */
export function toCsv(rows: Record<string, string | number>[], columns?: string[]): string {
  return stringify(rows, { header: true, columns, cast: { string: spreadsheetText } });
}
