// The National Living Wage rates shipped with Hearth (reference/national-living-wage.csv), read
// once per process, plus an administrator's own file (HEARTH_LIVING_WAGE_FILE) for a rate
// announced after this release or a correction: its rows are added, and a row for a day already
// shipped replaces it.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { livingWageRateFrom, mergeLivingWageRates, type LivingWageRate } from './domain/living-wage.ts';

/** Reads a rates CSV (`from,pence,source`), refusing every row it cannot trust, by line. */
export function parseLivingWageRates(content: Buffer | string, source: string): LivingWageRate[] {
  const rows = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const problems: string[] = [];
  const rates = rows.flatMap(({ record, info }) => {
    const rate = livingWageRateFrom(record);
    if (typeof rate !== 'string') return [rate];
    problems.push(`${source} line ${info.lines}: ${rate}`);
    return [];
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return rates;
}

let shipped: LivingWageRate[] | undefined;
let extraFile: string | undefined;
let all: LivingWageRate[] | undefined;

/** Adds an administrator's file of further rates (HEARTH_LIVING_WAGE_FILE), read at start-up so a bad line stops it. */
export function useExtraLivingWageRates(file: string | undefined): void {
  extraFile = file;
  all = undefined;
  livingWageRates();
}

/** The shipped rates, with the administrator's added, in date order. */
export function livingWageRates(): LivingWageRate[] {
  shipped ??= parseLivingWageRates(
    readFileSync(new URL('./reference/national-living-wage.csv', import.meta.url)),
    'national-living-wage.csv',
  );
  all ??= mergeLivingWageRates(shipped, extraFile ? parseLivingWageRates(readFileSync(extraFile), extraFile) : []);
  return all;
}
