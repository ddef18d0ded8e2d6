// A vehicle's KPI definitions: quality officers and commissioners add, change and retire them;
// auditors read them. Who may see a vehicle's or a membership's KPIs is said here, once, for the
// pages, the API and the exports: another organisation's or another provider's answer 404.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import {
  askedIn,
  KPI_DIRECTION_LABELS,
  lastEndedQuarter,
  quarterLabel,
  quarterOf,
  targetWords,
  type KpiDirection,
  type KpiMeasure,
  type KpiSource,
} from './domain/kpi.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { kpiChangeInput, kpiDefinitionInput } from './kpi-input.ts';
import * as repository from './kpi-repository.ts';
import { pick } from '../platform/domain/changes.ts';

export type Vehicle = Awaited<ReturnType<typeof repository.vehiclesOf>>[number];
export type MembershipFacts = repository.MembershipFacts;

/** A definition as pages and the API show it, its rule in words. */
export interface KpiDefinition {
  id: string;
  vehicleId: string;
  name: string;
  description: string;
  numeratorLabel: string;
  denominatorLabel: string;
  summaryPhrase: string;
  measure: KpiMeasure;
  target: number;
  direction: KpiDirection;
  amberTolerance: number;
  frequency: string;
  source: KpiSource;
  firstQuarter: string;
  retiredAfter: string | null;
  /** "100% (higher is better); Amber within 10 points". */
  ruleWords: string;
  asksFrom: string;
  retiredWords: string | null;
}

export function shownDefinition(row: repository.DefinitionRow): KpiDefinition {
  const measure = row.measure as KpiMeasure;
  const direction = row.direction as KpiDirection;
  const unit = measure === 'percentage' ? 'percentage points' : '';
  return {
    id: row.id,
    vehicleId: row.vehicleId,
    name: row.name,
    description: row.description,
    numeratorLabel: row.numeratorLabel,
    denominatorLabel: row.denominatorLabel,
    summaryPhrase: row.summaryPhrase,
    measure,
    target: row.target,
    direction,
    amberTolerance: row.amberTolerance,
    frequency: row.frequency,
    source: row.source as KpiSource,
    firstQuarter: row.firstQuarter,
    retiredAfter: row.retiredAfter,
    ruleWords:
      `${targetWords({ measure, target: row.target, direction })} (${KPI_DIRECTION_LABELS[direction].toLowerCase()}); Amber within ${row.amberTolerance} ${unit}`.trim(),
    asksFrom: quarterLabel(row.firstQuarter),
    retiredWords: row.retiredAfter ? `Retired after ${quarterLabel(row.retiredAfter)}` : null,
  };
}

/** One of the viewer's organisation's vehicles, for the roles given; anyone else's answers 404. */
export async function vehicleFor(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  roles: readonly (typeof QUALITY_READERS)[number][] = QUALITY_READERS,
): Promise<Vehicle & { organisationId: string }> {
  const organisationId = staffOrganisation(viewer, roles);
  const [vehicle] = isUuid(vehicleId) ? await repository.vehiclesOf(db, organisationId, vehicleId) : [];
  if (!vehicle) throw new NotFoundError();
  return { ...vehicle, organisationId };
}

export async function vehicles(db: Db, viewer: CurrentUser): Promise<Vehicle[]> {
  return repository.vehiclesOf(db, staffOrganisation(viewer, QUALITY_READERS));
}

/**
 * A membership the viewer may see the returns of: its provider's users, and its organisation's
 * quality readers. Anyone else, or no such membership, is 404.
 */
export async function membershipFor(db: Db, viewer: CurrentUser, membershipId: string): Promise<MembershipFacts> {
  const membership = isUuid(membershipId) ? await repository.membershipById(db, membershipId) : undefined;
  const provider = viewer.providerId !== null && hasRole(viewer, 'provider_user');
  const sees =
    membership &&
    membership.status !== 'awarded' &&
    (provider
      ? membership.providerId === viewer.providerId
      : membership.organisationId === viewer.organisationId && hasRole(viewer, ...QUALITY_READERS));
  if (!sees) throw new NotFoundError();
  return membership;
}

export async function definitions(db: Db, viewer: CurrentUser, vehicleId: string): Promise<KpiDefinition[]> {
  const vehicle = await vehicleFor(db, viewer, vehicleId);
  return (await repository.definitionsOf(db, vehicle.organisationId, [vehicle.id])).map(shownDefinition);
}

/** The KPIs a membership's vehicle asks for in a quarter, from the providers' returns or all. */
export async function askedFor(
  db: Db,
  membership: Pick<MembershipFacts, 'organisationId' | 'vehicleId'>,
  quarter: string,
  source?: KpiSource,
): Promise<KpiDefinition[]> {
  return (await repository.definitionsOf(db, membership.organisationId, [membership.vehicleId]))
    .filter((row) => askedIn(row, quarter) && (!source || row.source === source))
    .map(shownDefinition);
}

/** One of a vehicle's definitions; anything else (another vehicle's, another organisation's) is 404. */
async function definitionFor(db: Db, viewer: CurrentUser, vehicleId: string, id: string) {
  const organisationId = staffOrganisation(viewer, QUALITY_READERS);
  const row = isUuid(id) ? await repository.definitionById(db, organisationId, id) : undefined;
  if (!row || row.vehicleId !== vehicleId) throw new NotFoundError();
  return row;
}

export async function definition(db: Db, viewer: CurrentUser, vehicleId: string, id: string): Promise<KpiDefinition> {
  return shownDefinition(await definitionFor(db, viewer, vehicleId, id));
}

/** What a definition's audit keeps of it. */
const AUDITED_FIELDS = [
  'vehicleId',
  'name',
  'description',
  'numeratorLabel',
  'denominatorLabel',
  'summaryPhrase',
  'measure',
  'target',
  'direction',
  'amberTolerance',
  'frequency',
  'source',
  'firstQuarter',
  'retiredAfter',
] as const;
const audited = (row: Omit<repository.DefinitionRow, 'createdAt' | 'updatedAt' | 'createdBy'>) =>
  pick(row, AUDITED_FIELDS);

function percentageProblems(input: { measure?: KpiMeasure; target?: number; amberTolerance?: number }) {
  if (input.measure !== 'percentage') return [];
  return [
    ...((input.target ?? 0) > 100 ? [{ field: 'target', message: 'A percentage target is at most 100' }] : []),
    ...((input.amberTolerance ?? 0) > 100
      ? [{ field: 'amberTolerance', message: 'A tolerance in percentage points is at most 100' }]
      : []),
  ];
}

export async function addDefinition(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  input: unknown,
): Promise<KpiDefinition> {
  const vehicle = await vehicleFor(db, viewer, vehicleId, QUALITY_KEEPERS);
  const parsed = parseOrThrow(kpiDefinitionInput, input);
  const problems = percentageProblems(parsed);
  if (problems.length > 0) throw new ValidationError(problems);
  const now = new Date();
  const row: repository.DefinitionRow = {
    organisationId: vehicle.organisationId,
    id: randomUUID(),
    vehicleId: vehicle.id,
    ...parsed,
    firstQuarter: parsed.firstQuarter ?? quarterOf(isoDateInLondon(now)),
    retiredAfter: null,
    createdBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    await repository.insertDefinitions(tx, [row]);
    await recordAudit(tx, actorOf(viewer), [
      { action: 'kpi.add', recordType: 'kpi-definition', recordId: row.id, after: audited(row) },
    ]);
  });
  return shownDefinition(row);
}

/**
 * Changes a definition (returns already made keep their figures, rated by the rule as it is now),
 * or retires it: asked for no more after the last quarter that has ended.
 */
export async function changeDefinition(
  db: Db,
  viewer: CurrentUser,
  vehicleId: string,
  id: string,
  input: unknown,
): Promise<KpiDefinition> {
  staffOrganisation(viewer, QUALITY_KEEPERS);
  const before = await definitionFor(db, viewer, vehicleId, id);
  const { retired, ...changes } = parseOrThrow(kpiChangeInput, input);
  const after = { ...before, ...changes, updatedAt: new Date() };
  const problems = percentageProblems(after as { measure: KpiMeasure; target: number; amberTolerance: number });
  if (problems.length > 0) throw new ValidationError(problems);
  // Retired, it is asked for no more after the last quarter that has ended (never, if that is before its first).
  if (retired === true && before.retiredAfter === null)
    after.retiredAfter = lastEndedQuarter(isoDateInLondon(new Date()));
  if (retired === false) after.retiredAfter = null;
  await db.transaction(async (tx) => {
    await repository.updateDefinition(tx, before.organisationId, before.id, after);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: retired === true && before.retiredAfter === null ? 'kpi.retire' : 'kpi.change',
        recordType: 'kpi-definition',
        recordId: before.id,
        before: audited(before),
        after: audited(after),
      },
    ]);
  });
  return shownDefinition(after);
}
