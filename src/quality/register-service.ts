// The register of contracted services and their assessment schedule. Every part of quality finds a
// service here, through `serviceFor`, which says who may see it: the organisation's staff, and the
// provider whose service it is (across the organisations that contract it); anyone else gets 404.
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { zoneNamesOf } from '../organisations/service.ts';
import { listUsers, userNames } from '../organisations/user-service.ts';
import { providerNames } from '../providers/service.ts';
import { DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS } from './domain/assessments.ts';
import { DEFAULT_KPI_RETURN_WORKING_DAYS } from './domain/kpi.ts';
import { DEFAULT_ASSESSMENT_INTERVAL_MONTHS } from './domain/schedule.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { historyIfReadable } from './history-rule.ts';
import { serviceAssignmentInput, qualitySettingsInput } from './input.ts';
import { paths } from './paths.ts';
import * as register from './register-repository.ts';
import * as repository from './repository.ts';
import { rateServices } from './risk-run-service.ts';

export type ScheduleFilter = register.ScheduleFilter;
export type ScheduleSort = register.ScheduleSort;
export type ScheduleRow = register.ScheduleRow;

export interface QualitySettings {
  assessmentIntervalMonths: number;
  factualAccuracyWorkingDays: number;
  kpiReturnWorkingDays: number;
}

export async function settingsOf(db: Db, organisationId: string): Promise<QualitySettings> {
  const row = await repository.settingsOf(db, organisationId);
  return {
    assessmentIntervalMonths: row?.assessmentIntervalMonths ?? DEFAULT_ASSESSMENT_INTERVAL_MONTHS,
    factualAccuracyWorkingDays: row?.factualAccuracyWorkingDays ?? DEFAULT_FACTUAL_ACCURACY_WORKING_DAYS,
    kpiReturnWorkingDays: row?.kpiReturnWorkingDays ?? DEFAULT_KPI_RETURN_WORKING_DAYS,
  };
}

export async function qualitySettings(db: Db, viewer: CurrentUser): Promise<QualitySettings> {
  return settingsOf(db, staffOrganisation(viewer, QUALITY_READERS));
}

export async function changeQualitySettings(db: Db, viewer: CurrentUser, input: unknown): Promise<QualitySettings> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const before = await settingsOf(db, organisationId);
  const settings = { ...before, ...parseOrThrow(qualitySettingsInput, input) };
  await db.transaction(async (tx) => {
    await repository.saveSettings(tx, { organisationId, ...settings, updatedBy: viewer.id, updatedAt: new Date() });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'quality-settings.change',
        recordType: 'organisation',
        recordId: organisationId,
        before,
        after: settings,
      },
    ]);
  });
  return settings;
}

/** A contracted service as its pages and the API show it. */
export interface ContractedService {
  id: string;
  organisationId: string;
  name: string;
  postcode: string | null;
  providerId: string;
  providerName: string;
  locationId: string | null;
  zoneId: string | null;
  zoneName: string | null;
  officerId: string | null;
  officerName: string | null;
  contractedFrom: string;
  endedOn: string | null;
}

async function described(db: Db, row: register.ServiceRow): Promise<ContractedService> {
  const [providers, zones, officers] = await Promise.all([
    providerNames(db, [row.providerId]),
    zoneNamesOf(db, row.organisationId),
    userNames(db, row.officerId ? [row.officerId] : []),
  ]);
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    postcode: row.postcode,
    providerId: row.providerId,
    providerName: providers.get(row.providerId) ?? '',
    locationId: row.locationId,
    zoneId: row.zoneId,
    zoneName: row.zoneId ? (zones.get(row.zoneId) ?? null) : null,
    officerId: row.officerId,
    officerName: row.officerId ? (officers.get(row.officerId) ?? null) : null,
    contractedFrom: row.contractedFrom,
    endedOn: row.endedOn,
  };
}

/**
 * The service, where the viewer may see it: staff of its organisation holding one of `staffRoles`
 * (any staff role unless said), or a user of its provider. Anything else is not found.
 */
export async function serviceFor(
  db: Db,
  viewer: CurrentUser,
  id: string,
  staffRoles: readonly Role[] = ANY_STAFF,
): Promise<ContractedService> {
  if (!isUuid(id)) throw new NotFoundError();
  if (viewer.providerId !== null) {
    const row = await register.serviceAnywhere(db, id);
    if (!row || row.providerId !== viewer.providerId) throw new NotFoundError();
    return described(db, row);
  }
  const row = await register.serviceById(db, staffOrganisation(viewer, staffRoles), id);
  if (!row) throw new NotFoundError();
  return described(db, row);
}

/**
 * A service's history on the register (its zone and officer): for the organisation's quality
 * readers, though its page is open more widely; its provider never sees how the council staffs it.
 */
export const serviceHistory: HistoryRule = async (db, viewer, id) =>
  viewer.providerId !== null
    ? null
    : historyIfReadable(
        () => serviceFor(db, viewer, id, QUALITY_READERS),
        (service) => ({ label: service.name, href: paths.service(id), show: showWhole }),
      );

/** Brings onto the register every location the organisation has come to contract; says how many. */
export async function bringInContractedServices(db: Db, viewer: CurrentUser): Promise<{ added: number }> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const added = await db.transaction(async (tx) => {
    const count = await register.bringInContractedServices(tx, organisationId, isoDateInLondon(new Date()));
    if (count > 0) {
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'contracted-services.bring-in',
          recordType: 'organisation',
          recordId: organisationId,
          after: { added: count },
        },
      ]);
      // Rated at once, so the new services are on the risk dashboard before the night's run.
      await rateServices(tx, { organisationId });
    }
    return count;
  });
  return { added };
}

type Assignment = ReturnType<typeof serviceAssignmentInput.parse>;

/** The zones and quality officers an organisation's services may be given, read once. */
async function assignmentChoices(db: Db, viewer: CurrentUser, organisationId: string) {
  const zones = await zoneNamesOf(db, organisationId);
  const officers = new Set((await qualityOfficers(db, viewer)).map((officer) => officer.id));
  return (assignment: Assignment) => {
    const problems = [
      ...(assignment.zoneId && !zones.has(assignment.zoneId)
        ? [{ field: 'zoneId', message: 'Choose one of the organisation’s zones' }]
        : []),
      ...(assignment.officerId && !officers.has(assignment.officerId)
        ? [{ field: 'officerId', message: 'Choose one of the organisation’s quality officers' }]
        : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
  };
}

const assignmentAudit = (
  service: Pick<register.ServiceRow, 'id' | 'zoneId' | 'officerId'>,
  assignment: Assignment,
) => ({
  action: 'contracted-service.assign',
  recordType: 'contracted-service',
  recordId: service.id,
  before: { zoneId: service.zoneId, officerId: service.officerId },
  after: assignment,
});

/** The zone and quality officer of a service. */
export async function assignService(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: unknown,
): Promise<ContractedService> {
  const service = await serviceFor(db, viewer, id, QUALITY_KEEPERS);
  const assignment = parseOrThrow(serviceAssignmentInput, input);
  (await assignmentChoices(db, viewer, service.organisationId))(assignment);
  await db.transaction(async (tx) => {
    await register.updateService(tx, service.organisationId, id, assignment);
    await recordAudit(tx, actorOf(viewer), [assignmentAudit(service, assignment)]);
  });
  return serviceFor(db, viewer, id);
}

/**
 * Many services given their zones and officers at once (a new officer taking on a patch, or the
 * register set up): each checked as on its own; one transaction, all or none, one audit append.
 */
export async function assignServices(
  db: Db,
  viewer: CurrentUser,
  entries: readonly { serviceId: string; input: unknown }[],
): Promise<number> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if (entries.length === 0) return 0;
  const ids = entries.map((entry) => entry.serviceId);
  const services = new Map(
    (await register.servicesByIds(db, organisationId, ids.filter(isUuid))).map((row) => [row.id, row]),
  );
  const check = await assignmentChoices(db, viewer, organisationId);
  const assignments = entries.map(({ serviceId, input }) => {
    const service = services.get(serviceId);
    if (!service) throw new NotFoundError();
    const assignment = parseOrThrow(serviceAssignmentInput, input);
    check(assignment);
    return { service, assignment };
  });
  await db.transaction(async (tx) => {
    for (const { service, assignment } of assignments)
      await register.updateService(tx, organisationId, service.id, assignment);
    await recordAudit(
      tx,
      actorOf(viewer),
      assignments.map(({ service, assignment }) => assignmentAudit(service, assignment)),
    );
  });
  return assignments.length;
}

/** The organisation's active quality officers, for choosing who looks after a service or visits it. */
export async function qualityOfficers(db: Db, viewer: CurrentUser): Promise<{ id: string; name: string }[]> {
  staffOrganisation(viewer, QUALITY_READERS);
  const found = await listUsers(db, viewer, 1, 200, { role: 'quality_officer', active: true });
  return found.items.map((user) => ({ id: user.id, name: user.name }));
}

/** The schedule: each running service with its due date and status, filtered, sorted and paged in SQL. */
export async function scheduleList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<ScheduleFilter, ScheduleSort>,
): Promise<Page<ScheduleRow>> {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  const { assessmentIntervalMonths } = await settingsOf(db, organisationId);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await register.schedule(
    db,
    organisationId,
    { ...filter, intervalMonths: assessmentIntervalMonths, today: isoDateInLondon(new Date()) },
    sort,
    { offset: (page - 1) * pageSize, limit: pageSize },
  );
  return pageOf(rows, total, page, pageSize);
}

export async function scheduleSummary(db: Db, viewer: CurrentUser) {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  const { assessmentIntervalMonths } = await settingsOf(db, organisationId);
  return register.scheduleCounts(db, organisationId, {
    intervalMonths: assessmentIntervalMonths,
    today: isoDateInLondon(new Date()),
  });
}

/** Whether the viewer keeps the register (brings services in, assigns them). */
export const keepsRegister = (viewer: CurrentUser) => hasRole(viewer, ...QUALITY_KEEPERS);
