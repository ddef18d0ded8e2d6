// Finding vehicles: staff see their organisation's and those it partners in; providers see those
// taking applications now, from every organisation.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { acceptsApplications, type VehicleKind, type VehicleStatus } from './domain/vehicles.ts';
import type { VehicleFilter } from './input.ts';
import * as vehicleRepository from './vehicle-repository.ts';

export interface VehicleSummary extends vehicleRepository.VehicleListRow {
  organisationName: string;
  acceptingApplications: boolean;
}

/** Staff see their organisation's vehicles and those it partners in; providers see those open to them. */
export async function listVehicles(
  db: Db,
  viewer: CurrentUser,
  filter: VehicleFilter,
  sort?: vehicleRepository.VehicleSort,
): Promise<Page<VehicleSummary>> {
  const scope = viewer.organisationId ? { organisationId: viewer.organisationId } : { acceptingApplications: true };
  const { rows, total } = await vehicleRepository.findVehicles(
    db,
    { ...scope, search: filter.search, status: filter.status, kind: filter.kind },
    (filter.page - 1) * filter.pageSize,
    filter.pageSize,
    sort,
  );
  const names = await organisationsByIds(
    db,
    rows.map((row) => row.organisationId),
  );
  return pageOf(
    rows.map((row) => ({
      ...row,
      organisationName: names.get(row.organisationId)?.name ?? '',
      acceptingApplications: acceptsApplications(row.kind as VehicleKind, row.status as VehicleStatus),
    })),
    total,
    filter.page,
    filter.pageSize,
  );
}
