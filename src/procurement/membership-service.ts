// A provider's place on a lot as other parts act on it (quality's contract actions): read within
// an organisation, its status moved (suspended, reinstated, removed) and its tier changed. The
// caller has already checked who may act; the rules of each change and its audit are here.
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { providerNames } from '../providers/service.ts';
import * as awardRepository from './award-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';

/** Which membership statuses may follow which: a running contract may be suspended, reinstated or ended; an ended one stays ended. */
const MEMBERSHIP_MOVES: Record<string, readonly string[]> = {
  active: ['suspended', 'removed'],
  suspended: ['active', 'removed'],
  awarded: ['removed'],
  removed: [],
};

export const TIERS = ['tier1', 'tier2'] as const;
export type Tier = (typeof TIERS)[number];

/** A membership with its vehicle and lot, as a contract action names it. */
export interface MembershipOnLot {
  id: string;
  organisationId: string;
  vehicleId: string;
  vehicleName: string;
  vehicleTiered: boolean;
  lotId: string;
  lotTitle: string;
  zoneId: string;
  providerId: string;
  providerName: string;
  tier: Tier | null;
  status: string;
  startOn: string | null;
}

async function onLots(db: Db, rows: awardRepository.MembershipRow[]): Promise<MembershipOnLot[]> {
  const vehicleIds = [...new Set(rows.map((row) => row.vehicleId))];
  // One read after the other: memberships change inside transactions, whose one connection takes one
  // statement at a time. Each vehicle comes with its lots.
  const vehicleById = new Map<string, vehicleRepository.VehicleWithParts['vehicle']>();
  const lotById = new Map<string, vehicleRepository.VehicleWithParts['lots'][number]>();
  for (const id of vehicleIds) {
    const read = await vehicleRepository.vehicleWithParts(db, id);
    if (!read) continue;
    vehicleById.set(id, read.vehicle);
    for (const lot of read.lots) lotById.set(lot.id, lot);
  }
  const names = await providerNames(
    db,
    rows.map((row) => row.providerId),
  );
  return rows.map((row) => {
    const vehicle = vehicleById.get(row.vehicleId)!;
    const lot = lotById.get(row.lotId)!;
    return {
      id: row.id,
      organisationId: row.organisationId,
      vehicleId: row.vehicleId,
      vehicleName: vehicle.name,
      vehicleTiered: vehicle.tiered,
      lotId: row.lotId,
      lotTitle: lot.title,
      zoneId: lot.zoneId,
      providerId: row.providerId,
      providerName: names.get(row.providerId) ?? '',
      tier: row.tier as Tier | null,
      status: row.status,
      startOn: row.startOn,
    };
  });
}

/** One of the organisation's memberships, or undefined where it has none by that id. */
export async function membershipOnLot(
  db: Db,
  organisationId: string,
  id: string,
): Promise<MembershipOnLot | undefined> {
  const row = await awardRepository.membershipById(db, organisationId, id);
  return row ? (await onLots(db, [row]))[0] : undefined;
}

/** A provider's memberships on the organisation's vehicles, ended ones too. */
export async function membershipsOfProvider(
  db: Db,
  organisationId: string,
  providerId: string,
): Promise<MembershipOnLot[]> {
  const vehicles = await awardRepository.vehiclesWithMemberships(db, organisationId);
  const rows = (await Promise.all(vehicles.map((vehicle) => awardRepository.membershipsOf(db, vehicle.id)))).flat();
  return onLots(
    db,
    rows.filter((row) => row.providerId === providerId),
  );
}

/** When a framework's contracts began: its contract start, else its first membership's. Null before either. */
export async function frameworkStartOn(db: Db, organisationId: string, vehicleId: string): Promise<string | null> {
  const vehicle = await vehicleRepository.vehicleById(db, vehicleId);
  if (!vehicle || vehicle.organisationId !== organisationId) return null;
  if (vehicle.contractStartOn) return vehicle.contractStartOn;
  const starts = (await awardRepository.membershipsOf(db, vehicleId)).flatMap((row) =>
    row.startOn ? [row.startOn] : [],
  );
  return starts.sort()[0] ?? null;
}

/** Suspends, reinstates or removes a membership, with the reason; a move its status does not allow is refused. */
export async function moveMembership(
  db: Db,
  actor: Actor,
  membership: Pick<MembershipOnLot, 'id' | 'organisationId' | 'vehicleId' | 'status' | 'providerName' | 'lotTitle'>,
  change: { status: 'active' | 'suspended' | 'removed'; reason: string },
): Promise<void> {
  if (!MEMBERSHIP_MOVES[membership.status]!.includes(change.status))
    throw new ValidationError([
      { field: 'status', message: `A membership that is ${membership.status} cannot become ${change.status}` },
    ]);
  const now = new Date();
  await db.transaction(async (tx) => {
    await awardRepository.updateMembership(tx, membership.organisationId, membership.id, {
      status: change.status,
      updatedAt: now,
      ...(change.status === 'removed' ? { endOn: isoDateInLondon(now) } : {}),
    });
    await recordAudit(tx, actor, [
      {
        action: 'membership.change',
        recordType: 'vehicle',
        recordId: membership.vehicleId,
        organisationId: membership.organisationId,
        reason: change.reason,
        before: {
          membership: membership.id,
          provider: membership.providerName,
          lot: membership.lotTitle,
          status: membership.status,
        },
        after: { status: change.status },
      },
    ]);
  });
}

/**
 * Moves a membership from Tier 1 to Tier 2 or back, with the reason: the cascade offers by the new
 * tier from the next referral on. Only a running membership of a tiered vehicle has a tier to change.
 */
export async function changeMembershipTier(
  db: Db,
  actor: Actor,
  membership: MembershipOnLot,
  change: { tier: Tier; reason: string },
): Promise<void> {
  const problems = [
    ...(!membership.vehicleTiered
      ? [{ field: 'membershipId', message: `${membership.vehicleName} is not tiered: its memberships have no tier` }]
      : membership.status === 'removed'
        ? [{ field: 'membershipId', message: 'This membership has ended: it has no tier to change' }]
        : []),
    ...(membership.tier === change.tier
      ? [{ field: 'toTier', message: `The membership is already ${change.tier === 'tier1' ? 'Tier 1' : 'Tier 2'}` }]
      : []),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  await db.transaction(async (tx) => {
    await awardRepository.updateMembership(tx, membership.organisationId, membership.id, {
      tier: change.tier,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actor, [
      {
        action: 'membership.tier',
        recordType: 'vehicle',
        recordId: membership.vehicleId,
        organisationId: membership.organisationId,
        reason: change.reason,
        before: { membership: membership.id, provider: membership.providerName, tier: membership.tier },
        after: { tier: change.tier },
      },
    ]);
  });
}
