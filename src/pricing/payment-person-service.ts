// What payment schedules hold about one person's placements: each line paid for their care, for
// their subject access export. The records part decides who may ask before calling this.
import type { Db } from '../platform/db/client.ts';
import * as repository from './payment-repository.ts';

export interface PersonPaymentLine {
  period: string;
  kind: string;
  from: string;
  to: string;
  provider: string;
  grossPence: number;
  contributionPence: number;
  netPence: number;
  reason: string | null;
}

export async function paymentsOfPlacements(
  db: Db,
  organisationId: string,
  placementIds: readonly string[],
): Promise<PersonPaymentLine[]> {
  const lines = await repository.linesOfPlacements(db, organisationId, placementIds);
  return lines.map((line) => ({
    period: line.forPeriod,
    kind: line.kind,
    from: line.fromOn,
    to: line.toOn,
    provider: line.providerName,
    grossPence: line.grossPence,
    contributionPence: line.contributionPence,
    netPence: line.netPence,
    reason: line.reason,
  }));
}
