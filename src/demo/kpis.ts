// Loads the demo county's KPIs on its dynamic purchasing system (domain/demo-kpis.ts) through the
// services people use: the definitions as a quality officer adds them, then four quarters of the
// DPS providers' returns brought in at once, some late and one never sent.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, type IsoDate } from '../platform/domain/calendar.ts';
import { lastEndedQuarter } from '../quality/domain/kpi.ts';
import { bringInReturns, listReturns, type PastReturn } from '../quality/kpi-return-service.ts';
import { dueOnFor } from '../quality/kpi-schedule.ts';
import { addDefinition } from '../quality/kpi-service.ts';
import { DEMO_KPIS, demoFigures, demoQuarters, isMissing, sendsLate } from './domain/demo-kpis.ts';

export async function loadDemoKpis(db: Db, quality: CurrentUser, dpsId: string, today: IsoDate): Promise<void> {
  const quarters = demoQuarters(lastEndedQuarter(today));
  const kpis = [];
  for (const { key, ...kpi } of DEMO_KPIS)
    kpis.push({ key, ...(await addDefinition(db, quality, dpsId, { ...kpi, firstQuarter: quarters[0] })) });
  const owed = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const found = await listReturns(db, quality, {
      filter: { vehicleId: dpsId },
      sort: { key: 'provider', direction: 'asc' },
      page,
      pageSize: 100,
    });
    owed.push(...found.items);
    pages = found.pages;
  }
  const dueOn = new Map<string, IsoDate>();
  for (const quarter of quarters) dueOn.set(quarter, await dueOnFor(db, quality.organisationId!, quarter));
  // A provider returns for each lot it holds; each lot's care is its own team, with its own figures.
  const providers = [...new Set(owed.map((row) => row.providerId))];
  const teams = [...new Set(owed.map((row) => row.membershipId))];
  const past: PastReturn[] = [];
  for (const row of owed) {
    const provider = providers.indexOf(row.providerId);
    const team = teams.indexOf(row.membershipId);
    const quarter = quarters.indexOf(row.quarter);
    if (quarter < 0 || isMissing(provider, quarter, providers.length)) continue;
    past.push({
      membershipId: row.membershipId,
      quarter: row.quarter,
      submittedOn: addDays(dueOn.get(row.quarter)!, sendsLate(provider) ? 6 : -3 - (provider % 5)),
      values: kpis.flatMap((kpi) =>
        kpi.key === 'listened-to' ? [] : [{ kpiId: kpi.id, ...demoFigures(kpi.key, team, quarter) }],
      ),
    });
  }
  await bringInReturns(db, quality, past);
}
