// The demo county's payment schedules: four-weekly periods, a cost centre for each payment route,
// the demo ICB as NHS partner and a supplier reference for each provider paid; then the schedule of
// every period of the financial year so far, the earlier ones exported (locked, with their files)
// and the latest two left as drafts for the finance officer to check.
import type { CurrentUser } from '../platform/auth/current-user.ts';
import type { Db } from '../platform/db/client.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { financialYearOf, periodsOf } from '../pricing/domain/payment.ts';
import { exportSchedule, generateSchedule } from '../pricing/payment-service.ts';
import {
  paymentSettings,
  saveSettings,
  setSupplierReferences,
  supplierReferences,
} from '../pricing/payment-settings-service.ts';

/** How many of the latest periods stay drafts. */
const DRAFTS = 2;

export async function loadDemoPayments(db: Db, finance: CurrentUser): Promise<void> {
  const { partners } = await paymentSettings(db, finance);
  await saveSettings(db, finance, {
    periodKind: 'four-weekly',
    costCentres: {
      commissioned: 'ASC-SL-4410',
      'direct-payment': 'ASC-DP-4420',
      'individual-service-fund': 'ASC-ISF-4430',
    },
    nhsPartnerId: partners[0]?.id ?? null,
  });
  const today = isoDateInLondon(new Date());
  const year = financialYearOf(today);
  const periods = periodsOf(year, 'four-weekly').filter((period) => period.startsOn <= today);
  for (const [i, period] of periods.entries()) {
    const schedule = await generateSchedule(db, finance, { year, period: period.number });
    // Providers new to the schedules get the finance system's reference for them.
    const missing = (await supplierReferences(db, finance)).filter((row) => row.reference === null);
    const known = (await supplierReferences(db, finance)).length - missing.length;
    await setSupplierReferences(
      db,
      finance,
      missing.map((row, n) => ({
        providerId: row.providerId,
        reference: `WV${String(known + n + 1).padStart(5, '0')}`,
      })),
    );
    if (i < periods.length - DRAFTS) await exportSchedule(db, finance, schedule.id);
  }
}
