// A Provider Selection Regime vehicle's decision record: the process the decision makers chose,
// checked whole before the award; and the representations a provider makes in its standstill,
// which lengthen it. Hearth chooses no process. The vehicle's staff read the record; the lead
// organisation's commissioners record it; providers see none of it here.
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { providerNames } from '../providers/service.ts';
import {
  hasPsrStandstill,
  PSR_CRITERION_LABELS,
  PSR_PROCESS_LABELS,
  psrDecisionProblems,
  psrStandstill,
  type PsrCriterion,
  type PsrDecisionRecord,
  type PsrProcess,
} from './domain/psr.ts';
import { noStandstill, type Standstill } from './domain/standstill.ts';
import { psrDecisionInput, representationsInput, type PsrDecisionInput, type RepresentationsInput } from './input.ts';
import * as awardRepository from './award-repository.ts';
import * as psrRepository from './psr-repository.ts';
import { getVehicle, type Vehicle } from './service.ts';

export interface PsrDecisionView {
  vehicle: Vehicle;
  decision:
    | (psrRepository.PsrDecisionRow & {
        processLabel: string;
        providerName: string | null;
        criteriaLabelled: { label: string; weightPercent: number; rationale: string }[];
      })
    | null;
  /** Whether the award is decided: the record is then kept as it was. */
  awarded: boolean;
  /** The providers that applied, which a decision may name, by name. */
  applicants: { id: string; name: string }[];
  canRecord: boolean;
  canRecordRepresentations: boolean;
}

const isPsr = (vehicle: Vehicle) => vehicle.regime === 'psr';
const leadCommissioner = (viewer: CurrentUser, vehicle: Vehicle) =>
  viewer.organisationId === vehicle.organisationId && hasRole(viewer, 'commissioner');

/** A Provider Selection Regime vehicle as its staff see it; a provider, or another regime's vehicle, is not found. */
async function psrVehicle(db: Db, viewer: CurrentUser, vehicleId: string): Promise<Vehicle> {
  const { vehicle } = await getVehicle(db, viewer, vehicleId);
  if (viewer.providerId !== null || viewer.organisationId === null || !isPsr(vehicle)) throw new NotFoundError();
  return vehicle;
}

/** The vehicle's decision record, with what the viewer may do next. */
export async function psrDecision(db: Db, viewer: CurrentUser, vehicleId: string): Promise<PsrDecisionView> {
  const vehicle = await psrVehicle(db, viewer, vehicleId);
  const [row, award, applicantIds] = await Promise.all([
    psrRepository.psrDecisionOf(db, vehicle.organisationId, vehicle.id),
    awardRepository.latestAwardDecision(db, vehicle.id),
    psrRepository.applicantsOf(db, vehicle.organisationId, vehicle.id),
  ]);
  const names = await providerNames(db, [...applicantIds, ...(row?.providerId ? [row.providerId] : [])]);
  const commissioner = leadCommissioner(viewer, vehicle);
  return {
    vehicle,
    decision: row
      ? {
          ...row,
          processLabel: PSR_PROCESS_LABELS[row.process as PsrProcess],
          providerName: row.providerId ? (names.get(row.providerId) ?? null) : null,
          criteriaLabelled: row.criteria.map((criterion) => ({
            label: PSR_CRITERION_LABELS[criterion.criterion as PsrCriterion],
            weightPercent: criterion.weightPercent,
            rationale: criterion.rationale,
          })),
        }
      : null,
    awarded: award !== undefined,
    applicants: applicantIds
      .map((id) => ({ id, name: names.get(id) ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    canRecord: commissioner && award === undefined,
    canRecordRepresentations:
      commissioner && award !== undefined && row !== undefined && hasPsrStandstill(row.process as PsrProcess),
  };
}

/** The record as checked: every gap refused against its field, before anything is kept. */
export async function checkPsrDecision(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: PsrDecisionInput,
): Promise<{ vehicle: Vehicle; record: PsrDecisionRecord; providerName: string | null }> {
  const data = parseOrThrow(psrDecisionInput, input);
  const view = await psrDecision(db, viewer, vehicleId);
  if (!leadCommissioner(viewer, view.vehicle))
    throw new ForbiddenError("Only the lead organisation's commissioners record the decision.");
  if (view.awarded)
    throw new ConflictError('The award is decided: the decision record is kept as it was', [
      { field: 'process', message: 'The award is decided: the decision record is kept as it was' },
    ]);
  const problems = psrDecisionProblems(data);
  const chosen = view.applicants.find((applicant) => applicant.id === data.providerId);
  if (data.providerId && !chosen)
    problems.push({ field: 'providerId', message: 'Choose one of the providers that applied' });
  if (problems.length > 0) throw new ValidationError(problems);
  return {
    vehicle: view.vehicle,
    record: data,
    providerName: chosen?.name ?? null,
  };
}

export async function recordPsrDecision(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: PsrDecisionInput,
): Promise<PsrDecisionView> {
  const { vehicle, record } = await checkPsrDecision(db, viewer, vehicleId, input);
  await db.transaction(async (tx) => {
    await psrRepository.savePsrDecision(tx, {
      organisationId: vehicle.organisationId,
      vehicleId: vehicle.id,
      ...record,
      recordedBy: viewer.id,
      recordedAt: new Date(),
      representationsAnsweredOn: null,
      representations: null,
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'psr.decision',
        recordType: 'vehicle',
        recordId: vehicle.id,
        organisationId: vehicle.organisationId,
        after: { ...record },
      },
    ]);
  });
  return psrDecision(db, viewer, vehicleId);
}

/**
 * What the award of a Provider Selection Regime vehicle must be, from its decision record: the
 * provider it names (if any), and the standstill from the award's notice (the intention to award
 * notice) for the processes that have one. Refused, with why, where no decision is recorded.
 */
export async function psrAwardTerms(
  db: Db,
  vehicle: Vehicle,
  noticeDate: string,
): Promise<{ providerId: string | null; period: Standstill }> {
  const row = await psrRepository.psrDecisionOf(db, vehicle.organisationId, vehicle.id);
  if (!row)
    throw new ValidationError([
      {
        field: 'noticeDate',
        message: 'Record the Provider Selection Regime decision (its process and key criteria) before the award',
      },
    ]);
  const process = row.process as PsrProcess;
  if (!hasPsrStandstill(process))
    return {
      providerId: row.providerId,
      period: {
        ...noStandstill(noticeDate),
        explanation: `${PSR_PROCESS_LABELS[process]} under the Provider Selection Regime has no standstill: the contract may be entered into from ${longDate(noticeDate)}, and its award is published within 30 days.`,
      },
    };
  const period = psrStandstill(noticeDate, bankHolidays());
  return { providerId: row.providerId, period: { regime: 'psr', date: noticeDate, ...period } };
}

/**
 * A provider's representations in the standstill, and the day the decision makers answered them:
 * the standstill runs 5 more working days, and the contracts wait for it.
 */
export async function recordRepresentations(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: RepresentationsInput,
): Promise<PsrDecisionView> {
  const { answeredOn, representations } = parseOrThrow(representationsInput, input);
  const view = await psrDecision(db, viewer, vehicleId);
  if (!leadCommissioner(viewer, view.vehicle))
    throw new ForbiddenError("Only the lead organisation's commissioners record representations.");
  const { vehicle } = view;
  const award = await awardRepository.latestAwardDecision(db, vehicle.id);
  const memberships = await awardRepository.membershipsOf(db, vehicle.id);
  const problems = [];
  if (!award || !view.canRecordRepresentations)
    problems.push({ field: 'answeredOn', message: 'There is no standstill for representations to be made in' });
  else {
    if (memberships.some((membership) => membership.startOn !== null))
      problems.push({ field: 'answeredOn', message: 'The contract has started: the standstill is over' });
    if (answeredOn < award.noticeDate)
      problems.push({
        field: 'answeredOn',
        message: `Representations are answered after the notice of ${longDate(award.noticeDate)}`,
      });
    if (answeredOn > isoDateInLondon(new Date()))
      problems.push({ field: 'answeredOn', message: 'The day they were answered cannot be in the future' });
  }
  if (problems.length > 0 || !award) throw new ValidationError(problems);
  const period = psrStandstill(award.noticeDate, bankHolidays(), { answeredOn });
  await db.transaction(async (tx) => {
    await psrRepository.saveRepresentations(tx, vehicle.organisationId, vehicle.id, {
      representationsAnsweredOn: answeredOn,
      representations,
    });
    await psrRepository.extendStandstill(tx, vehicle.organisationId, award.id, {
      standstillEnds: period.ends,
      earliestContractDate: period.earliestContractDate,
      explanation: period.explanation,
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'psr.representations',
        recordType: 'vehicle',
        recordId: vehicle.id,
        organisationId: vehicle.organisationId,
        before: { standstillEnds: award.standstillEnds },
        after: { answeredOn, standstillEnds: period.ends },
      },
    ]);
  });
  return psrDecision(db, viewer, vehicleId);
}
