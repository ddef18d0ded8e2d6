// The date an award's notice is sent (PCR 2015) or published (Procurement Act 2023): standstill is
// counted from it, so a date typed wrong moves when contracts may start. It must fall after the
// vehicle was advertised, and near today: a notice is recorded when it goes out, not long after
// nor far ahead.
import { addDays, longDate, type IsoDate } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';

/** How far back a notice may be recorded, in days. */
export const NOTICE_DAYS_BACK = 30;

const FIELD = 'noticeDate';
const LABEL = 'The date the notice is sent or published';

/** The same day a year on (28 February for 29 February). */
function aYearAfter(date: IsoDate): IsoDate {
  const next = `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  return next.endsWith('-02-29') ? next.replace(/-29$/, '-28') : next;
}

/**
 * What is wrong with a notice date, each naming the field: before the vehicle's advert (or, where
 * none is recorded, before the vehicle was set up), more than 30 days ago, or more than a year ahead.
 */
export function noticeDateProblems(
  noticeDate: IsoDate,
  facts: { today: IsoDate; advertOn: IsoDate | null; setUpOn: IsoDate },
): FieldError[] {
  const problems: FieldError[] = [];
  const advertised = facts.advertOn ?? facts.setUpOn;
  if (noticeDate < advertised)
    problems.push({
      field: FIELD,
      message: `${LABEL} must be on or after ${facts.advertOn ? 'the advert' : 'the day the vehicle was set up'}, ${longDate(advertised)}`,
    });
  const earliest = addDays(facts.today, -NOTICE_DAYS_BACK);
  if (noticeDate < earliest)
    problems.push({
      field: FIELD,
      message: `${LABEL} must be in the last ${NOTICE_DAYS_BACK} days: ${longDate(earliest)} or later`,
    });
  const latest = aYearAfter(facts.today);
  if (noticeDate > latest)
    problems.push({
      field: FIELD,
      message: `${LABEL} must be within a year from today: ${longDate(latest)} or earlier`,
    });
  return problems;
}
