// Calendar arithmetic on ISO dates (YYYY-MM-DD, a day in Europe/London), and working days.
// Dates are plain strings so that no time zone or clock ever enters a rule.

export type IsoDate = string;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';
export const NATIONS: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];

export interface BankHoliday {
  date: IsoDate;
  nation: Nation;
  name: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2023-02-29 is not one). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`${date} is not a date written YYYY-MM-DD`);
  return new Date(`${date}T00:00:00Z`);
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day it is in the UK at `instant` (a deadline "on 2 March" is a day in Europe/London). */
export function isoDateInLondon(instant: Date): IsoDate {
  return londonDate.format(instant);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** The same day `months` later (or earlier); a day the month lacks (31 April) becomes its last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, day));
  if (target.getUTCDate() !== day) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The same day `years` later (or earlier); 29 February becomes 28 February in a year without one. */
export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, 12 * years);

/** 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

export class WorkingDays {
  private readonly holidays: ReadonlyMap<IsoDate, string>;

  /** Working days are Monday to Friday except these holidays (date → name). */
  constructor(holidays: Iterable<[IsoDate, string]>) {
    this.holidays = new Map(holidays);
  }

  /** Working days in `nations`: a bank holiday in any of them is not a working day. */
  static forNations(holidays: readonly BankHoliday[], nations: readonly Nation[]): WorkingDays {
    return new WorkingDays(
      holidays.filter((holiday) => nations.includes(holiday.nation)).map((holiday) => [holiday.date, holiday.name]),
    );
  }

  /** Why `date` is not a working day ("Saturday", "Good Friday"), or null when it is one. */
  whyNotWorking(date: IsoDate): string | null {
    const weekday = dayOfWeek(date);
    if (weekday === 0) return 'Sunday';
    if (weekday === 6) return 'Saturday';
    return this.holidays.get(date) ?? null;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.whyNotWorking(date) === null;
  }

  /** `date` itself when it is a working day, else the next one. */
  onOrAfter(date: IsoDate): IsoDate {
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** The `count`th working day after `date` (count ≥ 1): the last day of a window of that many working days. */
  nthWorkingDayAfter(date: IsoDate, count: number): IsoDate {
    return this.nthWorkingDayFrom(addDays(date, 1), count);
  }

  /** The `count`th working day counting `date` as the first when it is one (count ≥ 1). */
  nthWorkingDayFrom(date: IsoDate, count: number): IsoDate {
    let day = this.onOrAfter(date);
    for (let n = 1; n < count; n += 1) day = this.onOrAfter(addDays(day, 1));
    return day;
  }
}

// Made once, and each day's words kept: formatting is slow beside the rest of a night's risk run,
// which writes a million dates, most of them the same few hundred days.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** A date as GOV.UK writes it, "24 November 2026", in London; '' for none. */
const longDays = new Map<string, string>();

export function longDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  if (typeof value !== 'string') return LONG_DATE.format(value);
  let words = longDays.get(value);
  if (words === undefined) {
    if (longDays.size > 20_000) longDays.clear();
    words = LONG_DATE.format(new Date(`${value}${value.length === 10 ? 'T00:00:00Z' : ''}`));
    longDays.set(value, words);
  }
  return words;
}

/** The instant a day starts in the UK: midnight in Europe/London, GMT or BST as it was that day. */
export function startOfLondonDay(date: IsoDate): Date {
  const midnightUtc = new Date(`${date}T00:00:00Z`);
  const londonHour = Number(
    midnightUtc.toLocaleString('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }),
  );
  return new Date(midnightUtc.getTime() - londonHour * 60 * 60 * 1000);
}

/** An instant as people read it, "24 Nov 2026, 14:05", in London. */
export function londonDateTime(value: Date): string {
  return value.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
}

/** Whose bank holidays an organisation keeps, from its code: a GSS code says its nation by its first letter (S, N); anything else (English and Welsh councils, NHS bodies) keeps England and Wales's. */
export const nationOfOrganisation = (code: string): Nation =>
  code.startsWith('S') ? 'scotland' : code.startsWith('N') ? 'northern-ireland' : 'england-and-wales';
