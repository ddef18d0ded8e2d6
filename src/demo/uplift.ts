// The demo county's April 2026 uplift of its DPS rate cards, worked out from the closed 2025/26
// supported living cost-of-care exercise (the care staff's share of a care hour from its medians),
// the National Living Wage's rise from £12.21 to £12.71 and CPI for September 2025, proposed by
// the finance officer and approved by the commissioner: the placements priced from the card are
// repriced from 1 April 2026 and each provider is sent its letter.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { approveUplift, proposeUplift } from '../pricing/uplift-service.ts';

export async function loadDemoUplift(
  db: Db,
  staff: { finance: CurrentUser; commissioner: CurrentUser },
  dpsId: string,
  exerciseId: string,
): Promise<void> {
  const proposal = await proposeUplift(db, staff.finance, {
    vehicleId: dpsId,
    effectiveFrom: '2026-04-01',
    staffShareFrom: 'exercise',
    exerciseId,
    priceIndex: 'cpi',
    indexPercent: '3.8',
    indexMonth: '2025-09',
    indexSource: 'Office for National Statistics, Consumer price inflation, UK: September 2025',
    // The flat rise the council used before it had an exercise, to set beside the others.
    flatPercent: '4.5',
    method: 'nlw-index',
  });
  await approveUplift(db, staff.commissioner, proposal.id, {
    method: 'nlw-index',
    decisionReference: 'Cabinet decision CAB/2026/014',
  });
}
