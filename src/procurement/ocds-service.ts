// Open data: a vehicle as an OCDS release package, from what is already public about it.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { providerIdentity } from '../providers/service.ts';
import { ocdsReleasePackage } from './domain/ocds.ts';
import * as awardRepository from './award-repository.ts';
import { getVehicle } from './service.ts';

export async function vehicleOcds(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  options: { ocidPrefix: string; uri: string },
) {
  const detail = await getVehicle(db, viewer, vehicleId);
  const { vehicle } = detail;
  // A draft has not been advertised: nothing about it is public yet.
  if (vehicle.status === 'draft')
    throw new NotFoundError('This vehicle has not been advertised, so it has no open data yet.');
  const [organisations, decision, memberships] = await Promise.all([
    organisationsByIds(db, [vehicle.organisationId, ...detail.partners.map((partner) => partner.organisationId)]),
    awardRepository.latestAwardDecision(db, vehicle.id),
    awardRepository.membershipsOf(db, vehicle.id),
  ]);
  const live = memberships.filter((membership) => membership.status !== 'removed');
  const providers = new Map<string, Awaited<ReturnType<typeof providerIdentity>>>();
  for (const providerId of new Set(live.map((membership) => membership.providerId)))
    providers.set(providerId, await providerIdentity(db, providerId));
  return ocdsReleasePackage({
    ocidPrefix: options.ocidPrefix,
    uri: options.uri,
    publishedAt: new Date(),
    vehicle,
    lead: organisations.get(vehicle.organisationId)!,
    partners: detail.partners.map((partner) => organisations.get(partner.organisationId)!),
    lots: detail.lots.map((lot) => ({ id: lot.id, title: lot.title })),
    award: decision ? { decidedAt: decision.decidedAt, standstillEnds: decision.standstillEnds } : null,
    memberships: live.map((membership) => ({
      lotId: membership.lotId,
      providerId: membership.providerId,
      providerName: providers.get(membership.providerId)?.name ?? '',
      companiesHouseNumber: providers.get(membership.providerId)?.companiesHouseNumber ?? null,
      status: membership.status,
      startOn: membership.startOn,
      endOn: membership.endOn,
    })),
  });
}
