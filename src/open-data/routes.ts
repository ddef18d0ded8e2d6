// The public pages, with no sign-in: an organisation's live vehicles, and each published vehicle
// with its lots, dates, rounds, notices and the providers admitted. Read through the open-data
// service, which reads only what procurement publishes.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/client.ts';
import { formatPence } from '../platform/domain/money.ts';
import { shareText } from '../procurement/domain/lowest-price.ts';
import {
  LOT_SERVICE_TYPE_LABELS,
  NEED_BAND_LABELS,
  REGIME_LABELS,
  VEHICLE_KIND_LABELS,
  VEHICLE_STATUS_LABELS,
  type Regime,
  type VehicleKind,
  type VehicleStatus,
} from '../procurement/domain/vehicles.ts';
import { paths as procurementPaths } from '../procurement/paths.ts';
import * as openData from './service.ts';
import { paths } from './paths.ts';

const PUBLIC = { config: { access: 'public' as const, sessionless: true } };
type Params = { organisation: string; id?: string };

const kindLabel = (kind: string) => VEHICLE_KIND_LABELS[kind as VehicleKind];

export function registerPublicPages(app: FastifyInstance, db: Db): void {
  app.get('/public/:organisation/vehicles', PUBLIC, async (request, reply) => {
    const { organisation } = request.params as Params;
    const list = await openData.publicVehicleList(db, organisation);
    return reply.page('open-data/views/vehicles.njk', {
      title: `${list.organisation.name}: supported living procurement`,
      organisation: list.organisation,
      publisherName: list.organisation.name,
      vehicles: list.vehicles.map((vehicle) => ({
        ...vehicle,
        href: procurementPaths.publicVehicle(list.organisation.code, vehicle.id),
        kindLabel: kindLabel(vehicle.kind),
        statusLabel: VEHICLE_STATUS_LABELS[vehicle.status as VehicleStatus],
      })),
      bulkHref: paths.bulk(list.organisation.code),
    });
  });

  app.get('/public/:organisation/vehicles/:id', PUBLIC, async (request, reply) => {
    const { organisation, id } = request.params as Params;
    const page = await openData.publicVehiclePage(db, organisation, id!);
    const { vehicle } = page.detail;
    return reply.page('open-data/views/vehicle.njk', {
      title: vehicle.name,
      ...page,
      publisherName: page.organisation.name,
      vehicle,
      kindLabel: kindLabel(vehicle.kind),
      regimeLabel: REGIME_LABELS[vehicle.regime as Regime],
      statusLabel: VEHICLE_STATUS_LABELS[vehicle.status as VehicleStatus],
      value: vehicle.valuePence === null ? null : formatPence(vehicle.valuePence),
      lots: page.detail.lots.map((lot) => ({
        ...lot,
        serviceTypeLabel: LOT_SERVICE_TYPE_LABELS[lot.serviceType as keyof typeof LOT_SERVICE_TYPE_LABELS],
        needBandLabel: NEED_BAND_LABELS[lot.needBand as keyof typeof NEED_BAND_LABELS],
      })),
      awardShareText: page.awardsToLowestPrice
        ? shareText(page.awardsToLowestPrice, 'No lot has been awarded between competing prices yet')
        : 'Not applicable: the council fixed the prices, so tenders competed on quality alone',
      placementShareText: shareText(
        page.placements.toLowestPrice,
        'No placement has been made between competing prices yet',
      ),
      releasesHref: page.ocid
        ? `${paths.releases()}?${new URLSearchParams({ organisation: page.organisation.code, ocid: page.ocid })}`
        : null,
      listHref: procurementPaths.publicVehicles(page.organisation.code),
      backLink: { href: procurementPaths.publicVehicles(page.organisation.code), text: 'All live vehicles' },
    });
  });
}
