// Standstill: the pause between telling bidders who has won and signing the contract, during
// which a losing bidder may challenge. When it ends depends on the regime (DOMAIN.md, "Tender /
// application stages").
import {
  addDays,
  dayOfWeek,
  MONTH_NAMES,
  NATIONS,
  WorkingDays,
  type BankHoliday,
  type IsoDate,
  type Nation,
} from '../../platform/domain/calendar.ts';

export type StandstillRegime = 'pcr2015' | 'pa2023';
export const STANDSTILL_REGIMES: readonly StandstillRegime[] = ['pcr2015', 'pa2023'];
/**
 * What a decision records: its regime's standstill, the Provider Selection Regime's (domain/psr.ts),
 * or none (a light-touch contract with none kept, or a PSR direct award A or B).
 */
export type DecisionStandstillRegime = StandstillRegime | 'psr' | 'none';

export interface Standstill {
  regime: DecisionStandstillRegime;
  /** PCR 2015: when the award decision notice was sent. PA 2023: when the contract award notice was published. */
  date: IsoDate;
  /** Standstill ends at midnight at the end of this day. */
  ends: IsoDate;
  /** The first day a contract may be entered into. */
  earliestContractDate: IsoDate;
  /** How `ends` was reached, in words a commissioner (or a challenger's solicitor) can check. */
  explanation: string;
}

export interface StandstillOptions {
  /** PCR 2015 only: the nation whose bank holidays count (England and Wales unless a vehicle says otherwise). */
  nation?: Nation;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Friday 18 December 2026". */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${DAY_NAMES[dayOfWeek(date)]} ${day} ${MONTH_NAMES[month! - 1]} ${year}`;
}

/** The years the bank-holiday calendar covers for every nation, so dates outside it are refused rather than guessed. */
export function coveredYears(holidays: readonly BankHoliday[]): { from: number; to: number } | null {
  const ranges = NATIONS.map((nation) =>
    holidays.filter((holiday) => holiday.nation === nation).map((holiday) => Number(holiday.date.slice(0, 4))),
  );
  if (ranges.some((years) => years.length === 0)) return null;
  return {
    from: Math.max(...ranges.map((years) => Math.min(...years))),
    to: Math.min(...ranges.map((years) => Math.max(...years))),
  };
}

/** Null when `date` and the standstill after it fall inside the calendar; otherwise why not. */
export function standstillDateProblem(date: IsoDate, holidays: readonly BankHoliday[]): string | null {
  const covered = coveredYears(holidays);
  const year = Number(date.slice(0, 4));
  // A standstill lasts at most a few weeks, so the following January must be covered too.
  const lastNeeded = date.slice(5) >= '12-01' ? year + 1 : year;
  if (!covered || year < covered.from || lastNeeded > covered.to) {
    return `Hearth's bank-holiday calendar covers ${covered ? `${covered.from} to ${covered.to}` : 'no years'}; add the years you need with HEARTH_BANK_HOLIDAYS_FILE`;
  }
  return null;
}

export function standstill(
  regime: StandstillRegime,
  date: IsoDate,
  holidays: readonly BankHoliday[],
  options: StandstillOptions = {},
): Standstill {
  const problem = standstillDateProblem(date, holidays);
  if (problem) throw new RangeError(problem);
  return regime === 'pcr2015' ? pcr2015(date, holidays, options.nation ?? 'england-and-wales') : pa2023(date, holidays);
}

/**
 * A light-touch contract under the Procurement Act 2023 that keeps no voluntary standstill (s.51
 * does not require one for it): it may be entered into from the day the contract award notice is
 * published. `ends` is the day before, so that the earliest contract date is always the day after it.
 */
export function noStandstill(date: IsoDate): Standstill {
  return {
    regime: 'none',
    date,
    ends: addDays(date, -1),
    earliestContractDate: date,
    explanation: `No standstill applies: this is a light-touch contract under the Procurement Act 2023 and the vehicle keeps no voluntary standstill. The contract award notice was published on ${longDate(date)}, and contracts may be entered into from that day.`,
  };
}

// PCR 2015 reg. 87: ten calendar days from the day after the notice is sent, ending at midnight;
// a last day that is not a working day moves to the end of the next working day.
function pcr2015(date: IsoDate, holidays: readonly BankHoliday[], nation: Nation): Standstill {
  const calendar = WorkingDays.forNations(holidays, [nation]);
  const tenth = addDays(date, 10);
  const ends = calendar.onOrAfter(tenth);
  const why = calendar.whyNotWorking(tenth);
  const explanation =
    `The award decision notice was sent on ${longDate(date)}. The 10th calendar day after it is ${longDate(tenth)}` +
    (why
      ? `, which is not a working day (${why}), so standstill runs to the end of the next working day, ${longDate(ends)}.`
      : '.') +
    ` Standstill ends at midnight at the end of ${longDate(ends)}.`;
  return { regime: 'pcr2015', date, ends, earliestContractDate: addDays(ends, 1), explanation };
}

// Procurement Act 2023 s.51: eight working days beginning with the day the contract award
// notice is published; working days exclude a bank holiday anywhere in the United Kingdom.
function pa2023(date: IsoDate, holidays: readonly BankHoliday[]): Standstill {
  const calendar = WorkingDays.forNations(holidays, NATIONS);
  const first = calendar.onOrAfter(date);
  const ends = calendar.nthWorkingDayFrom(date, 8);
  const why = calendar.whyNotWorking(date);
  const explanation =
    `The contract award notice was published on ${longDate(date)}` +
    (why
      ? `, not a working day (${why}), so the 8 working days begin on ${longDate(first)}`
      : ', the first of the 8 working days') +
    `. Counting only working days (no weekends and no bank holiday in any part of the United Kingdom), the 8th is ${longDate(ends)}.` +
    ` Standstill ends at midnight at the end of that day.`;
  return { regime: 'pa2023', date, ends, earliestContractDate: addDays(ends, 1), explanation };
}
