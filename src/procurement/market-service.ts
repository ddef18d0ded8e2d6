// What brokerage needs from a vehicle: its brokerage settings (offer deadline, Tier 2 rule,
// ranking rule), which commissioners set, and the memberships people are placed under.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser } from '../platform/auth/current-user.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { ForbiddenError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { brokerageSettingsInput, type BrokerageSettingsInput } from './input.ts';
import { summarise } from './evaluation-summary-service.ts';
import { providerNames } from '../providers/service.ts';
import { getVehicle, vehicleForApplicant } from './service.ts';
import * as awardRepository from './award-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';

export interface BrokerageSettings {
  offerResponseWorkingDays: number;
  tier2Mode: 'existing-schemes' | 'borough-wide';
  ranking: { rule: 'tier-rank' } | { rule: 'quality-price'; qualityPercent: number };
  tiered: boolean;
  pricesFixed: boolean;
}

function brokerageSettingsOf(vehicle: vehicleRepository.VehicleRow): BrokerageSettings {
  return {
    offerResponseWorkingDays: vehicle.offerResponseWorkingDays,
    tier2Mode: vehicle.tier2Mode as BrokerageSettings['tier2Mode'],
    ranking:
      vehicle.rankingRule === 'quality-price'
        ? { rule: 'quality-price', qualityPercent: vehicle.rankingQualityPercent ?? 60 }
        : { rule: 'tier-rank' },
    tiered: vehicle.tiered,
    pricesFixed: vehicle.pricesFixed,
  };
}

/** How offers are made on a vehicle, for its staff; and whether the viewer may change it. */
export async function brokerageSettings(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
): Promise<{ vehicleName: string; settings: BrokerageSettings; canManage: boolean }> {
  const detail = await getVehicle(db, viewer, vehicleId);
  if (viewer.organisationId === null) throw new ForbiddenError();
  return {
    vehicleName: detail.vehicle.name,
    settings: brokerageSettingsOf(detail.vehicle),
    canManage: detail.canManage,
  };
}

/** A commissioner of the lead sets how brokerage works on the vehicle. */
export async function setBrokerageSettings(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: BrokerageSettingsInput,
): Promise<BrokerageSettings> {
  const settings = parseOrThrow(brokerageSettingsInput, input);
  const detail = await getVehicle(db, viewer, vehicleId);
  if (!detail.canManage)
    throw new ForbiddenError('Only a commissioner of the lead organisation may change how offers are made.');
  const before = detail.vehicle;
  const incoming = {
    ...settings,
    rankingQualityPercent: settings.rankingRule === 'quality-price' ? (settings.rankingQualityPercent ?? 60) : null,
  };
  const changed = changedFields(before, incoming);
  if (changed.length > 0) {
    await db.transaction(async (tx) => {
      await vehicleRepository.updateVehicle(tx, before.organisationId, before.id, {
        ...incoming,
        updatedAt: new Date(),
      });
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'vehicle.brokerage-settings',
          recordType: 'vehicle',
          recordId: before.id,
          before: pick(before, changed),
          after: pick(incoming, changed),
        },
      ]);
    });
  }
  const after = { ...before, ...incoming };
  return brokerageSettingsOf(after);
}

export interface MembershipForPlacement {
  membershipId: string;
  vehicleId: string;
  lotId: string;
  providerId: string;
  status: string;
  tier: string | null;
  pricesFixed: boolean;
}

/** A membership of one of the viewer's organisation's vehicles, for placing a person under it. */
export async function membershipForPlacement(
  db: Db,
  organisationId: string,
  membershipId: string,
): Promise<MembershipForPlacement | undefined> {
  const membership = await awardRepository.membershipById(db, organisationId, membershipId);
  if (!membership) return undefined;
  const vehicle = await vehicleRepository.vehicleById(db, membership.vehicleId);
  return {
    membershipId,
    vehicleId: membership.vehicleId,
    lotId: membership.lotId,
    providerId: membership.providerId,
    status: membership.status,
    tier: membership.tier,
    pricesFixed: vehicle!.pricesFixed,
  };
}

export interface MarketMembership {
  membershipId: string;
  providerId: string;
  lotId: string;
  zoneId: string;
  band: string;
  serviceType: string;
  tier: 'tier1' | 'tier2' | null;
  status: string;
}

export interface VehicleMarket {
  vehicleId: string;
  name: string;
  organisationId: string;
  /** Whose bank holidays count when a deadline is in working days. */
  nation: string;
  settings: BrokerageSettings;
  memberships: MarketMembership[];
}

/** The providers on a vehicle of `organisationId`, by lot, with the settings brokerage offers work under. */
export async function vehicleMarket(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<VehicleMarket | undefined> {
  // One read after the other: brokerage and quality ask for the market inside their transactions.
  const read = await vehicleRepository.vehicleWithParts(db, vehicleId);
  if (!read || read.vehicle.organisationId !== organisationId) return undefined;
  const { vehicle, lots } = read;
  const rows = await awardRepository.membershipsOf(db, vehicleId);
  const lotById = new Map(lots.map((lot) => [lot.id, lot]));
  return {
    vehicleId,
    name: vehicle.name,
    organisationId,
    nation: vehicle.nation,
    settings: brokerageSettingsOf(vehicle),
    memberships: rows.map((row) => {
      const lot = lotById.get(row.lotId)!;
      return {
        membershipId: row.id,
        providerId: row.providerId,
        lotId: row.lotId,
        zoneId: lot.zoneId,
        band: lot.needBand,
        serviceType: lot.serviceType,
        tier: row.tier as MarketMembership['tier'],
        status: row.status,
      };
    }),
  };
}

/**
 * Each provider's moderated quality score on the vehicle, out of 100, where it has one: what a
 * quality/price ranking of acceptances weighs. Read only when acceptances are ranked.
 */
export async function qualityScoresOn(db: Db, vehicleId: string, viewerId: string): Promise<Map<string, number>> {
  const vehicle = await vehicleForApplicant(db, vehicleId);
  // Every round's, a later round's score standing for a provider that applied again.
  const rounds = Array.from({ length: vehicle.currentRound }, (_, i) => i + 1);
  const summaries = await Promise.all(rounds.map((round) => summarise(db, vehicle, viewerId, round)));
  return new Map(
    summaries.flatMap((summary) =>
      summary.rows.flatMap((row) =>
        row.qualityScore === null ? [] : [[row.application.providerId, row.qualityScore] as const],
      ),
    ),
  );
}

/** Vehicles of the organisation that people can be placed under: those with memberships. */
export async function placingVehicles(
  db: Db,
  organisationId: string,
): Promise<{ id: string; name: string; reference: string }[]> {
  return awardRepository.vehiclesWithMemberships(db, organisationId);
}

export interface MembershipChoice {
  membershipId: string;
  providerId: string;
  /** "Provider: vehicle, lot (tier)", for a select. */
  label: string;
}

/** Active memberships of the organisation's vehicles, for choosing a scheme's care provider. */
export async function activeMemberships(db: Db, organisationId: string): Promise<MembershipChoice[]> {
  const vehicles = await awardRepository.vehiclesWithMemberships(db, organisationId);
  const perVehicle = await Promise.all(
    vehicles.map(async (vehicle) => ({
      vehicle,
      lots: await vehicleRepository.lotsOf(db, vehicle.id),
      memberships: await awardRepository.membershipsOf(db, vehicle.id),
    })),
  );
  const active = perVehicle.flatMap(({ vehicle, lots, memberships }) =>
    memberships
      .filter((m) => m.status === 'active')
      .map((m) => ({ vehicle, lot: lots.find((lot) => lot.id === m.lotId), membership: m })),
  );
  const names = await providerNames(
    db,
    active.map((entry) => entry.membership.providerId),
  );
  return active
    .map(({ vehicle, lot, membership }) => ({
      membershipId: membership.id,
      providerId: membership.providerId,
      label: `${names.get(membership.providerId) ?? ''}: ${vehicle.name}, ${lot?.title ?? ''}${membership.tier ? ` (${membership.tier === 'tier1' ? 'Tier 1' : 'Tier 2'})` : ''}`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
