// Procurement vehicles: set up by a commissioner of the lead organisation, shared with partners
// (joint commissioning), and shown to providers while they take applications.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import type { RecordHistory } from '../platform/audit/history.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { NotFoundError, nullIfNotFound, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import {
  acceptsApplications,
  lotGrid,
  lotTitle,
  nextStatuses,
  questionWeightProblems,
  VEHICLE_STATUS_LABELS,
  type Stage,
  type VehicleKind,
  type VehicleStatus,
} from './domain/vehicles.ts';
import { procurementSight, type ProcurementSight } from './domain/procurement-sight.ts';
import {
  currentRoundNumber,
  hasRounds,
  reopeningProblems,
  summariseRounds,
  type RoundDates,
  type RoundSummary,
} from './domain/rounds.ts';
import { shownVehicleEvent } from './domain/tender-history.ts';
import {
  lotGridInput,
  resubmissionInput,
  roundInput,
  statusChangeInput,
  type LotGridInput,
  type RoundInput,
  type VehicleInput,
} from './input.ts';
import * as applicationRepository from './application-repository.ts';
import * as evaluationRepository from './evaluation-repository.ts';
import * as roundRepository from './round-repository.ts';
import * as vehicleRepository from './vehicle-repository.ts';
import { checkVehicle, saveZonesAndPartners, vehicleColumns } from './vehicle-settings.ts';
import { paths } from './paths.ts';

export type Vehicle = vehicleRepository.VehicleRow;

export interface VehicleDetail {
  vehicle: Vehicle;
  lead: { id: string; code: string; name: string };
  /** The lead's share of the funding, after the partners'. */
  leadFundingSharePercent: number;
  partners: { organisationId: string; code: string; name: string; fundingSharePercent: number }[];
  zones: { zoneId: string; name: string; tier1Places: number | null }[];
  lots: (vehicleRepository.LotRow & { zoneName: string })[];
  nextStatuses: VehicleStatus[];
  acceptingApplications: boolean;
  /**
   * A framework's rounds, first to latest (none for a DPS, a dynamic market, a block contract or a
   * draft). Applications received and providers admitted are counted for the vehicle's staff only.
   */
  rounds: (Omit<RoundSummary, 'applicationsReceived' | 'providersAdmitted'> & {
    applicationsReceived: number | null;
    providersAdmitted: number | null;
  })[];
  /** The round applications made now belong to: the latest, or 1 on a vehicle without rounds. */
  currentRound: number;
  /** The deadlines that apply now: the current round's, or the vehicle's own where it has no rounds. */
  deadlines: RoundDates;
  /** Whether the viewer may reopen it in a new round now (a live framework they manage). */
  canReopen: boolean;
  /** Whether the viewer may change it: a commissioner or administrator of the lead organisation. */
  canManage: boolean;
}

const canManage = (viewer: CurrentUser, vehicle: Vehicle) =>
  viewer.organisationId === vehicle.organisationId && hasRole(viewer, 'commissioner', 'administrator');

/** The vehicle as the viewer may see it; anyone else is told it does not exist. */
export async function getVehicle(
  db: Db,
  viewer: CurrentUser,
  id: string,
  /** Count each round's applications and admissions for staff: only its page and API show them. */
  { roundCounts = false }: { roundCounts?: boolean } = {},
): Promise<VehicleDetail> {
  const read = isUuid(id) ? await vehicleRepository.vehicleWithParts(db, id) : undefined;
  if (!read) throw new NotFoundError();
  const { vehicle, partners } = read;
  const isStaffOfIt =
    viewer.organisationId !== null &&
    (viewer.organisationId === vehicle.organisationId ||
      partners.some((row) => row.partnerOrganisationId === viewer.organisationId));
  if (
    !isStaffOfIt &&
    !(viewer.providerId && acceptsApplications(vehicle.kind as VehicleKind, vehicle.status as VehicleStatus))
  )
    throw new NotFoundError();
  return describeVehicle(db, read, canManage(viewer, vehicle), isStaffOfIt && roundCounts);
}

/**
 * A vehicle as anyone may see it with no sign-in: one the organisation leads, once advertised (a
 * draft is not published). Staff-only counts are left out, as for a provider.
 */
export async function publishedVehicleDetail(
  db: Db,
  organisationId: string,
  vehicleId: string,
): Promise<VehicleDetail> {
  const read = isUuid(vehicleId) ? await vehicleRepository.vehicleWithParts(db, vehicleId) : undefined;
  if (!read || read.vehicle.organisationId !== organisationId || read.vehicle.status === 'draft')
    throw new NotFoundError();
  return describeVehicle(db, read, false, false);
}

/** The vehicle a provider has applied to: its applicant keeps sight of it after it stops taking applications. */
export async function vehicleForApplicant(db: Db, vehicleId: string): Promise<VehicleDetail> {
  const read = await vehicleRepository.vehicleWithParts(db, vehicleId);
  if (!read) throw new NotFoundError();
  return describeVehicle(db, read, false, false);
}

async function describeVehicle(
  db: Db,
  { vehicle, lead, partners, zones, lots, rounds: roundRows }: vehicleRepository.VehicleWithParts,
  manage: boolean,
  roundCounts: boolean,
): Promise<VehicleDetail> {
  // How many applied and were admitted in each round: counted for the vehicle's staff only, where
  // shown, one read after the other, since `db` may be a transaction's one connection.
  const counted = roundCounts && roundRows.length > 0;
  const applicationRounds = counted ? await roundRepository.applicationRoundsOf(db, vehicle.id) : [];
  const membershipRounds = counted ? await roundRepository.membershipRoundsOf(db, vehicle.id) : [];
  const rounds = summariseRounds(roundRows, applicationRounds, membershipRounds).map((round) =>
    roundCounts ? round : { ...round, applicationsReceived: null, providersAdmitted: null },
  );
  const latest = roundRows.at(-1);
  return {
    vehicle,
    lead,
    leadFundingSharePercent: (10_000 - partners.reduce((total, row) => total + row.fundingShareBasisPoints, 0)) / 100,
    partners: partners
      .map((row) => ({
        organisationId: row.partnerOrganisationId,
        code: row.code,
        name: row.name,
        fundingSharePercent: row.fundingShareBasisPoints / 100,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    zones,
    lots: lots
      .sort(
        (a, b) =>
          a.zoneSortOrder - b.zoneSortOrder ||
          a.serviceType.localeCompare(b.serviceType) ||
          a.title.localeCompare(b.title),
      )
      .map(({ zoneSortOrder: _order, ...lot }) => lot),
    nextStatuses: nextStatuses(vehicle.kind as VehicleKind, vehicle.status as VehicleStatus),
    acceptingApplications: acceptsApplications(vehicle.kind as VehicleKind, vehicle.status as VehicleStatus),
    rounds,
    currentRound: currentRoundNumber(roundRows),
    deadlines: latest
      ? { clarificationDeadline: latest.clarificationDeadline, submissionDeadline: latest.submissionDeadline }
      : { clarificationDeadline: vehicle.clarificationDeadline, submissionDeadline: vehicle.submissionDeadline },
    canReopen: manage && vehicle.status === 'live' && hasRounds(vehicle.kind as VehicleKind),
    canManage: manage,
  };
}

async function manageable(db: Db, viewer: CurrentUser, id: string): Promise<Vehicle> {
  const detail = await getVehicle(db, viewer, id);
  if (!detail.canManage) throw new NotFoundError();
  return detail.vehicle;
}

export async function createVehicle(db: Db, viewer: CurrentUser, input: VehicleInput): Promise<VehicleDetail> {
  if (!viewer.organisationId) throw new NotFoundError();
  const { data, partnerIds } = await checkVehicle(db, viewer, input);
  const now = new Date();
  const row = {
    organisationId: viewer.organisationId,
    id: randomUUID(),
    status: 'draft',
    ...vehicleColumns(data),
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await vehicleRepository.insertVehicle(tx, row);
    await saveZonesAndPartners(tx, row.organisationId, row.id, data, partnerIds);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.create',
        recordType: 'vehicle',
        recordId: row.id,
        after: { ...vehicleColumns(data), zones: data.zones, partners: data.partners },
      },
    ]);
  });
  return getVehicle(db, viewer, row.id);
}

/** Replaces the vehicle's settings with `input` (the API's PATCH merges the current ones in first). */
export async function updateVehicle(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: VehicleInput,
  reason?: string | null,
): Promise<VehicleDetail> {
  const current = await manageable(db, viewer, id);
  const before = await getVehicle(db, viewer, id);
  const { data, partnerIds } = await checkVehicle(db, viewer, input, current);
  const columns = vehicleColumns(data);
  const changed = changedFields(current, columns);
  const shape = (
    zones: { zoneId: string; tier1Places: number | null }[],
    partners: { organisation: string; fundingSharePercent: number }[],
  ) => ({ zones, partners });
  const oldShape = shape(
    before.zones.map(({ zoneId, tier1Places }) => ({ zoneId, tier1Places })),
    before.partners.map((p) => ({ organisation: p.code, fundingSharePercent: p.fundingSharePercent })),
  );
  const newShape = shape(data.zones, data.partners);
  const shapeChanged = JSON.stringify(oldShape) !== JSON.stringify(newShape);
  if (changed.length === 0 && !shapeChanged) return before;
  await db.transaction(async (tx) => {
    await vehicleRepository.updateVehicle(tx, current.organisationId, id, { ...columns, updatedAt: new Date() });
    // Round 1's dates are the vehicle's own while it has had no other round.
    if (before.rounds.length === 1)
      await roundRepository.updateRound(tx, current.organisationId, id, 1, {
        clarificationDeadline: columns.clarificationDeadline,
        submissionDeadline: columns.submissionDeadline,
      });
    await saveZonesAndPartners(tx, current.organisationId, id, data, partnerIds);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.update',
        recordType: 'vehicle',
        recordId: id,
        reason: reason ?? null,
        before: { ...pick(current, changed), ...(shapeChanged ? oldShape : {}) },
        after: { ...pick(columns, changed), ...(shapeChanged ? newShape : {}) },
      },
    ]);
  });
  return getVehicle(db, viewer, id);
}

/** The API's partial update: the current settings with the fields sent laid over them. */
export async function patchVehicle(
  db: Db,
  viewer: CurrentUser,
  id: string,
  changes: Partial<VehicleInput>,
  reason?: string | null,
): Promise<VehicleDetail> {
  const detail = await getVehicle(db, viewer, id);
  if (!detail.canManage) throw new NotFoundError();
  const { createdAt: _c, updatedAt: _u, organisationId: _o, id: _id, status: _s, ...settings } = detail.vehicle;
  return updateVehicle(
    db,
    viewer,
    id,
    {
      ...settings,
      kind: settings.kind as VehicleKind,
      regime: settings.regime as VehicleInput['regime'],
      nation: settings.nation as VehicleInput['nation'],
      stages: settings.stages as Stage[],
      allocationRule: settings.allocationRule as VehicleInput['allocationRule'],
      zones: detail.zones.map(({ zoneId, tier1Places }) => ({ zoneId, tier1Places })),
      partners: detail.partners.map((partner) => ({
        organisation: partner.code,
        fundingSharePercent: partner.fundingSharePercent,
      })),
      ...changes,
    },
    reason,
  );
}

/** Sets the lots to every combination of the chosen zones, need bands and service types. Draft vehicles only. */
export async function setLots(db: Db, viewer: CurrentUser, id: string, input: LotGridInput): Promise<VehicleDetail> {
  const vehicle = await manageable(db, viewer, id);
  const grid = parseOrThrow(lotGridInput, input);
  const detail = await getVehicle(db, viewer, id);
  const zoneName = new Map(detail.zones.map((zone) => [zone.zoneId, zone.name]));
  const problems: FieldError[] = [];
  if (vehicle.status !== 'draft')
    problems.push({ field: 'zoneIds', message: 'Lots are set before the vehicle is advertised' });
  if ((await applicationRepository.questionsOf(db, id)).some((question) => question.lotId !== null)) {
    problems.push({
      field: 'zoneIds',
      message: 'Some questions are asked of one lot only: remove them before setting the lots again',
    });
  }
  grid.zoneIds.forEach((zoneId, i) => {
    if (!zoneName.has(zoneId)) problems.push({ field: `zoneIds.${i}`, message: 'Choose zones the vehicle covers' });
  });
  if (problems.length > 0) throw new ValidationError(problems);
  const specs = lotGrid(grid.zoneIds, grid.needBands, grid.serviceTypes);
  await db.transaction(async (tx) => {
    await vehicleRepository.replaceLots(
      tx,
      vehicle.organisationId,
      id,
      specs.map((spec) => ({ id: randomUUID(), ...spec, title: lotTitle(zoneName.get(spec.zoneId)!, spec) })),
    );
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.lots',
        recordType: 'vehicle',
        recordId: id,
        before: { lots: detail.lots.map((lot) => lot.title) },
        after: { lots: specs.map((spec) => lotTitle(zoneName.get(spec.zoneId)!, spec)) },
      },
    ]);
  });
  return getVehicle(db, viewer, id);
}

/** Moves the vehicle on in its life, as its kind allows, with the reason recorded. */
export async function changeVehicleStatus(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { status: string; reason?: string | null },
): Promise<VehicleDetail> {
  const vehicle = await manageable(db, viewer, id);
  const { status, reason } = parseOrThrow(statusChangeInput, input);
  const detail = await getVehicle(db, viewer, id);
  const allowed = detail.nextStatuses;
  const problems: FieldError[] = [];
  if (!allowed.includes(status)) {
    problems.push({
      field: 'status',
      message: `A vehicle that is ${VEHICLE_STATUS_LABELS[vehicle.status as VehicleStatus].toLowerCase()} can become ${allowed.map((s) => VEHICLE_STATUS_LABELS[s].toLowerCase()).join(' or ') || 'nothing else'}`,
    });
  } else if (status === 'open') {
    if (detail.lots.length === 0)
      problems.push({ field: 'status', message: 'Set the lots before advertising the vehicle' });
    problems.push(...questionWeightProblems(await applicationRepository.questionsOf(db, id), detail.lots));
    if (!['dps', 'dynamic-market'].includes(vehicle.kind) && !vehicle.submissionDeadline)
      problems.push({ field: 'status', message: 'Set the submission deadline before advertising' });
    if (vehicle.status === 'live')
      problems.push({
        field: 'status',
        message: `Reopen ${vehicle.name} in a new round (round ${detail.currentRound + 1}), with that round's deadlines`,
      });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  // A framework's first advertisement is its round 1, with the vehicle's own dates.
  const firstRound = status === 'open' && vehicle.status === 'draft' && hasRounds(vehicle.kind as VehicleKind);
  await db.transaction(async (tx) => {
    await vehicleRepository.updateVehicle(tx, vehicle.organisationId, id, { status, updatedAt: new Date() });
    if (firstRound)
      await roundRepository.insertRound(tx, {
        organisationId: vehicle.organisationId,
        vehicleId: id,
        number: 1,
        // Advertised on the day the vehicle says, where that is not still to come.
        opensOn:
          vehicle.advertOn && vehicle.advertOn <= isoDateInLondon(new Date())
            ? vehicle.advertOn
            : isoDateInLondon(new Date()),
        clarificationDeadline: vehicle.clarificationDeadline,
        submissionDeadline: vehicle.submissionDeadline,
        reason: reason ?? null,
        openedBy: viewer.id,
        openedAt: new Date(),
      });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.status',
        recordType: 'vehicle',
        recordId: id,
        reason: reason ?? null,
        before: { status: vehicle.status },
        after: { status },
      },
    ]);
  });
  return getVehicle(db, viewer, id);
}

/** What reopening would do, once every check has passed: nothing is saved. */
export interface RoundOpening {
  detail: VehicleDetail;
  round: number;
  dates: RoundDates;
  reason: string | null;
}

/**
 * Reopening a live framework in a new round as it would be, or the refusal: by a commissioner or
 * administrator of the lead organisation, with the round's deadlines. Reopening (and its
 * check-your-answers page) reads this.
 */
export async function roundOpening(db: Db, viewer: CurrentUser, id: string, input: RoundInput): Promise<RoundOpening> {
  await manageable(db, viewer, id);
  const { clarificationDeadline, submissionDeadline, reason } = parseOrThrow(roundInput, input);
  const detail = await getVehicle(db, viewer, id);
  const { vehicle } = detail;
  const round = detail.currentRound + 1;
  const usesClarification =
    vehicle.clarificationDeadline !== null || detail.rounds.some((r) => r.clarificationDeadline !== null);
  const problems = reopeningProblems(
    {
      kind: vehicle.kind as VehicleKind,
      status: vehicle.status as VehicleStatus,
      usesClarification,
      round,
      today: isoDateInLondon(new Date()),
    },
    { clarificationDeadline, submissionDeadline },
  );
  if (problems.length > 0) throw new ValidationError(problems);
  return { detail, round, dates: { clarificationDeadline, submissionDeadline }, reason };
}

/**
 * Reopens a live framework in its next round: the round is recorded with its deadlines and the
 * vehicle is open to applications again. Every provider may apply in it, those that failed or
 * withdrew before included; one already on the framework, for lots it does not hold.
 */
export async function openRound(db: Db, viewer: CurrentUser, id: string, input: RoundInput): Promise<VehicleDetail> {
  const { detail, round, dates, reason } = await roundOpening(db, viewer, id, input);
  const { vehicle } = detail;
  const now = new Date();
  const row = {
    organisationId: vehicle.organisationId,
    vehicleId: vehicle.id,
    number: round,
    opensOn: isoDateInLondon(now),
    ...dates,
    reason,
    openedBy: viewer.id,
    openedAt: now,
  };
  await db.transaction(async (tx) => {
    // A round that never existed was recorded for a framework advertised before rounds were kept.
    if (round === 2 && detail.rounds.length === 0)
      await roundRepository.insertRound(tx, {
        ...row,
        number: 1,
        opensOn: vehicle.advertOn ?? isoDateInLondon(vehicle.createdAt),
        clarificationDeadline: vehicle.clarificationDeadline,
        submissionDeadline: vehicle.submissionDeadline,
        reason: null,
        openedBy: null,
      });
    await roundRepository.insertRound(tx, row);
    await vehicleRepository.updateVehicle(tx, vehicle.organisationId, vehicle.id, { status: 'open', updatedAt: now });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.round',
        recordType: 'vehicle',
        recordId: vehicle.id,
        reason,
        before: { status: vehicle.status, round: detail.currentRound },
        after: { status: 'open', round, ...dates },
      },
    ]);
  });
  return getVehicle(db, viewer, id);
}

/**
 * After negotiation the commissioner opens a resubmission window: tenderers standing at the
 * resubmission stage may change their answers and resubmit until the end of `until`.
 */
export async function openResubmission(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: { until: string },
): Promise<VehicleDetail> {
  const vehicle = await manageable(db, viewer, id);
  const { until } = parseOrThrow(resubmissionInput, input);
  const problems: FieldError[] = [];
  if (!vehicle.stages.includes('resubmission'))
    problems.push({ field: 'until', message: 'This vehicle has no resubmission stage' });
  if (until < isoDateInLondon(new Date()))
    problems.push({ field: 'until', message: 'The window must end today or later' });
  if (problems.length > 0) throw new ValidationError(problems);
  await db.transaction(async (tx) => {
    await vehicleRepository.updateVehicle(tx, vehicle.organisationId, id, {
      resubmissionUntil: until,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'vehicle.resubmission',
        recordType: 'vehicle',
        recordId: id,
        before: { resubmissionUntil: vehicle.resubmissionUntil },
        after: { resubmissionUntil: until },
      },
    ]);
  });
  return getVehicle(db, viewer, id);
}

/** What a member of staff may see of a vehicle's tender, by their roles and their conflict declaration. */
export async function vehicleSight(db: Db, viewer: CurrentUser, vehicleId: string): Promise<ProcurementSight> {
  const declaration = viewer.roles.includes('evaluator')
    ? await evaluationRepository.declarationOf(db, vehicleId, viewer.id)
    : undefined;
  return procurementSight(viewer.roles, declaration ?? null);
}

/** What a member of staff may see of each of these vehicles' tenders, as vehicleSight says for one. */
export async function vehicleSights(
  db: Db,
  viewer: CurrentUser,
  vehicleIds: string[],
): Promise<Map<string, ProcurementSight>> {
  const declarations = viewer.roles.includes('evaluator')
    ? await evaluationRepository.declarationsBy(db, viewer.id, vehicleIds)
    : [];
  return new Map(
    vehicleIds.map((vehicleId) => [
      vehicleId,
      procurementSight(viewer.roles, declarations.find((row) => row.vehicleId === vehicleId) ?? null),
    ]),
  );
}

/** A vehicle's history, for its staff: its declarations, tiers and award only for those who see the tender's scores. */
export async function vehicleHistory(db: Db, viewer: CurrentUser, id: string): Promise<RecordHistory | null> {
  const detail = viewer.organisationId === null ? null : await nullIfNotFound(getVehicle(db, viewer, id));
  if (!detail) return null;
  const seesScores = (await vehicleSight(db, viewer, detail.vehicle.id)).scores;
  return {
    label: detail.vehicle.name,
    href: paths.vehicle(detail.vehicle.id),
    show: (event) => shownVehicleEvent(event, seesScores),
  };
}
