// When KPI returns are due: each organisation's quarters from its first KPI, each due the
// organisation's working days after the quarter ends, in its own nation's bank holidays. Every
// question of returns owed (the lists, the home page's queue, the risk dashboard's count) starts here.
import type { Db } from '../platform/db/client.ts';
import { addDays, nationOfOrganisation, WorkingDays, type IsoDate } from '../platform/domain/calendar.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import {
  DEFAULT_KPI_RETURN_WORKING_DAYS,
  lastEndedQuarter,
  quarterBounds,
  quarterOf,
  quartersBetween,
  returnDueOn,
  type QuarterKey,
} from './domain/kpi.ts';
import * as expected from './kpi-expected-repository.ts';

/** A due day is at most this far after its quarter's end: 60 working days (the setting's most) is under 100 days. */
const LONGEST_WAIT_DAYS = 100;

/** The calendar an organisation's returns are due by. */
export function calendarOf(code: string): WorkingDays {
  return WorkingDays.forNations(bankHolidays(), [nationOfOrganisation(code)]);
}

/** The organisation's due day for one quarter. */
export async function dueOnFor(db: Db, organisationId: string, quarter: QuarterKey): Promise<IsoDate> {
  const [facts] = await expected.organisationsWithKpis(db, [organisationId]);
  return returnDueOn(quarter, facts?.workingDays ?? DEFAULT_KPI_RETURN_WORKING_DAYS, calendarOf(facts?.code ?? ''));
}

/**
 * The quarters each organisation (all with KPIs, or those named) has asked returns for by `today`,
 * from `from` (or its first KPI's quarter) to the last ended, with each one's due day.
 */
export async function quartersDue(
  db: Db,
  today: IsoDate,
  organisationIds?: readonly string[],
  from?: QuarterKey,
): Promise<expected.QuarterDue[]> {
  const organisations = await expected.organisationsWithKpis(db, organisationIds);
  const last = lastEndedQuarter(today);
  return organisations.flatMap((organisation) => {
    const calendar = calendarOf(organisation.code);
    const workingDays = organisation.workingDays ?? DEFAULT_KPI_RETURN_WORKING_DAYS;
    const first = from && from > organisation.firstQuarter ? from : organisation.firstQuarter;
    return quartersBetween(first, last).map((quarter) => ({
      organisationId: organisation.id,
      quarter,
      ...quarterBounds(quarter),
      dueOn: returnDueOn(quarter, workingDays, calendar),
    }));
  });
}

/**
 * For each provider, how many returns (a membership's quarter) due on or after `since` and before
 * `today` were never made: one statement over every organisation (or those named).
 */
export async function missingReturnCounts(
  db: Db,
  where: { organisationIds?: readonly string[]; today: IsoDate; since: IsoDate },
): Promise<{ organisationId: string; providerId: string; missing: number }[]> {
  const quarters = await quartersDue(
    db,
    where.today,
    where.organisationIds,
    quarterOf(addDays(where.since, -LONGEST_WAIT_DAYS)),
  );
  return expected.missingCounts(db, quarters, where.today, where.since);
}
