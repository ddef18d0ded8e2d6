// The demo county's early-warning ratings: the risk model from the report's list saved as the
// county's first version, then the ratings worked out as they would have been over the last 90
// days (weekly, then daily for the last fortnight), so the dashboard shows trends and a handful of
// services turning Amber or Red as concerns, notices and embargoes arrive in the demo's records.
import type { CurrentUser } from '../platform/auth/current-user.ts';
import type { Db } from '../platform/db/client.ts';
import { addDays, isoDateInLondon, startOfLondonDay } from '../platform/domain/calendar.ts';
import { DEFAULT_RISK_MODEL } from '../quality/domain/risk-model.ts';
import { saveRiskModel } from '../quality/risk-model-service.ts';
import { rateServices } from '../quality/risk-run-service.ts';

/** Days before today on which the demo's ratings were worked out. */
export const RATED_DAYS_AGO = [90, 83, 76, 69, 62, 55, 48, 41, 34, 27, 20, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

export async function loadDemoRisk(db: Db, quality: CurrentUser): Promise<void> {
  const today = isoDateInLondon(new Date());
  const organisationId = quality.organisationId!;
  for (const daysAgo of RATED_DAYS_AGO) {
    // Midday of that day, so the day is the same in London whatever the season.
    const then = new Date(startOfLondonDay(addDays(today, -daysAgo)).getTime() + 12 * 3_600_000);
    await rateServices(db, { organisationId }, then);
  }
  // Saving the county's own model rates every service again today, under it.
  await saveRiskModel(db, quality, {
    ...DEFAULT_RISK_MODEL,
    changeNote:
      'The early warning model from the ten sources the county’s quality team uses, with the people’s voice, overdue actions and missing KPI returns',
  });
}
