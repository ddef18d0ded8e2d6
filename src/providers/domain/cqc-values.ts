// Small parsers for CQC's field formats: dates in three shapes, Y/N flags, identifiers, names.

export class CqcValueError extends Error {}

const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isoDate(year: number, month: number, day: number, original: string): string {
  if (!validDate(year, month, day)) throw new CqcValueError(`"${original}" is not a real date`);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * An ISO date (YYYY-MM-DD) from "2025-01-02", "2023-05-03T00:00:00Z" or the ratings export's
 * US-style "1/2/2025 12:00:00 AM" (month first). Blank is null.
 */
export function parseCqcDate(text: string | undefined | null): string | null {
  const value = (text ?? '').trim();
  if (value === '') return null;
  const iso = ISO_DATE.exec(value);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), value);
  const us = US_DATE_TIME.exec(value);
  if (us) return isoDate(Number(us[3]), Number(us[1]), Number(us[2]), value);
  throw new CqcValueError(`"${value}" is not a date Hearth recognises (expected 2025-01-02 or 1/2/2025 12:00:00 AM)`);
}

export function parseYesNo(text: string | undefined | null): boolean | null {
  const value = (text ?? '').trim().toUpperCase();
  if (value === '') return null;
  if (value === 'Y' || value === 'YES') return true;
  if (value === 'N' || value === 'NO') return false;
  throw new CqcValueError(`"${text}" is not Y or N`);
}

// CQC ids: "1-" and digits for independent providers, short letter codes (RXX, RXX01) for NHS bodies.
const CQC_ID = /^(1-\d{5,15}|[A-Z0-9]{3,10})$/;

export function isCqcId(value: string): boolean {
  return CQC_ID.test(value);
}

/** Trims and folds runs of spaces; blank becomes null. */
export function clean(text: string | undefined | null): string | null {
  const value = (text ?? '').trim().replace(/\s+/g, ' ');
  return value === '' ? null : value;
}

/** "Mubayi, Shingirai Oneness, Mr" (the ratings export) becomes "Mr Shingirai Oneness Mubayi". */
export function managerName(text: string | undefined | null): string | null {
  const value = clean(text);
  if (!value) return null;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 3) return `${parts[2]} ${parts[1]} ${parts[0]}`;
  if (parts.length === 2) return `${parts[1]} ${parts[0]}`;
  return value;
}

/** UK postcodes in one form: upper case, one space before the inward code. */
export function normalisePostcode(text: string | undefined | null): string | null {
  const value = clean(text);
  if (!value) return null;
  const compact = value.replace(/\s/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;

export function isPostcode(value: string): boolean {
  return POSTCODE.test(value);
}
