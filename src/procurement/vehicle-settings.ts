// A vehicle's settings as a commissioner sends them: checked with everything they refer to (the
// organisation's zones, partners by their codes, a reference used once, zones that have lots),
// and saved with the vehicle's zones and partners.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { ConflictError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { fieldErrors } from '../platform/http/validation.ts';
import { organisationByCode, zonesOf } from '../organisations/service.ts';
import { tierSettingsProblems, vehicleProblems, type Stage } from './domain/vehicles.ts';
import { vehicleInput, type VehicleData, type VehicleInput } from './input.ts';
import * as vehicleRepository from './vehicle-repository.ts';

/** Validates a vehicle's settings with everything they refer to; returns the parsed data and partner ids. */
export async function checkVehicle(
  db: Db,
  viewer: CurrentUser,
  input: VehicleInput,
  current?: vehicleRepository.VehicleRow,
): Promise<{ data: VehicleData; partnerIds: string[] }> {
  const parsed = vehicleInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const data = parsed.data;
  const problems: FieldError[] = [];
  const ownZones = new Set((await zonesOf(db, viewer.organisationId!)).map((zone) => zone.id));
  data.zones.forEach((zone, i) => {
    if (!ownZones.has(zone.zoneId))
      problems.push({ field: `zones.${i}.zoneId`, message: 'Choose a zone of your organisation' });
  });
  if (new Set(data.zones.map((zone) => zone.zoneId)).size !== data.zones.length)
    problems.push({ field: 'zones', message: 'Each zone once' });
  const partnerIds: string[] = [];
  for (const [i, partner] of data.partners.entries()) {
    const organisation = await organisationByCode(db, partner.organisation);
    if (!organisation)
      problems.push({
        field: `partners.${i}.organisation`,
        message: `There is no organisation ${partner.organisation} in Hearth`,
      });
    else if (organisation.id === viewer.organisationId)
      problems.push({ field: `partners.${i}.organisation`, message: 'The lead organisation is not its own partner' });
    else partnerIds.push(organisation.id);
  }
  if (current && current.status !== 'draft' && (data.kind !== current.kind || data.regime !== current.regime)) {
    problems.push({
      field: 'kind',
      message: 'The kind of vehicle and its rules are fixed once it has been advertised',
    });
  }
  if (current) {
    const inLots = new Set((await vehicleRepository.lotsOf(db, current.id)).map((lot) => lot.zoneId));
    const kept = new Set(data.zones.map((zone) => zone.zoneId));
    if ([...inLots].some((zoneId) => !kept.has(zoneId)))
      problems.push({ field: 'zones', message: 'A zone with lots stays on the vehicle: remove its lots first' });
  }
  problems.push(
    ...vehicleProblems({
      ...data,
      stages: data.stages as Stage[],
      partnerShares: data.partners.map((p) => Math.round(p.fundingSharePercent * 100)),
    }),
  );
  problems.push(...tierSettingsProblems({ ...data, zonePlaces: data.zones.map((zone) => zone.tier1Places) }));
  if (problems.length > 0) throw new ValidationError(problems);
  const holder = await vehicleRepository.vehicleByReference(db, viewer.organisationId!, data.reference);
  if (holder && holder.id !== current?.id)
    throw new ConflictError(`Another vehicle already has the reference ${data.reference}`, [
      { field: 'reference', message: `Another vehicle already has the reference ${data.reference}` },
    ]);
  return { data, partnerIds };
}

export function vehicleColumns(data: VehicleData) {
  const { zones: _zones, partners: _partners, ...columns } = data;
  return columns;
}

export async function saveZonesAndPartners(
  db: Db,
  organisationId: string,
  vehicleId: string,
  data: VehicleData,
  partnerIds: string[],
): Promise<void> {
  await vehicleRepository.replaceVehicleZones(db, organisationId, vehicleId, data.zones);
  await vehicleRepository.replacePartners(
    db,
    organisationId,
    vehicleId,
    data.partners.map((partner, i) => ({
      partnerOrganisationId: partnerIds[i]!,
      fundingShareBasisPoints: Math.round(partner.fundingSharePercent * 100),
    })),
  );
}
