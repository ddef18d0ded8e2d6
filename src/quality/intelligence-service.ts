// The intelligence log: everything else a commissioner learns about a service, dated, with its
// source and who recorded it. Quality officers and commissioners record it, auditors read it, and a
// provider reads what is about itself, except any entry that links a person. Never personal details:
// an entry may link a person's record of the same organisation, which keeps its own access rules.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { showWhole, type HistoryRule } from '../platform/audit/history.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { personLink } from '../brokerage/people-service.ts';
import { providerNames } from '../providers/service.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { userNames } from '../organisations/user-service.ts';
import {
  categoryLabel,
  KIND_LABELS,
  outcomeLabel,
  ratingLabel,
  takesFinding,
  type IntelligenceKind,
} from './domain/intelligence.ts';
import { QUALITY_KEEPERS, QUALITY_READERS } from './framework-service.ts';
import { historyIfReadable } from './history-rule.ts';
import {
  companyStatusInput,
  entryInput,
  findingInput,
  type FindingInput,
  type IntelligenceFilter,
  type IntelligenceSort,
} from './intelligence-input.ts';
import * as repository from './intelligence-repository.ts';
import { paths } from './paths.ts';
import * as register from './register-repository.ts';
import { serviceFor } from './register-service.ts';
import { rateProviders } from './risk-run-service.ts';

export type { IntelligenceFilter, IntelligenceSort };

/** An entry as its page, the list and the API show it. `person` is for staff alone. */
export interface IntelligenceEntry {
  id: string;
  organisationId: string;
  serviceId: string | null;
  serviceName: string | null;
  providerId: string;
  providerName: string;
  kind: IntelligenceKind;
  kindLabel: string;
  category: string;
  categoryLabel: string;
  occurredOn: string;
  summary: string;
  source: string;
  outcome: string | null;
  outcomeLabel: string | null;
  outcomeReason: string | null;
  rating: string | null;
  ratingLabel: string | null;
  externalId: string | null;
  organisationName: string;
  recordedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** For staff alone: whether the entry links a person's record, and on the entry itself, whose. */
  personLinked?: boolean;
  person?: { id: string; caseReference: string } | null;
}

interface Names {
  serviceName: string | null;
  providerName: string;
  organisationName: string;
  recordedByName: string | null;
}

function shown(row: repository.EntryRow, names: Names): IntelligenceEntry {
  const kind = row.kind as IntelligenceKind;
  return {
    id: row.id,
    organisationId: row.organisationId,
    organisationName: names.organisationName,
    serviceId: row.serviceId,
    serviceName: names.serviceName,
    providerId: row.providerId,
    providerName: names.providerName,
    recordedByName: names.recordedByName,
    kind,
    kindLabel: KIND_LABELS[kind] ?? row.kind,
    category: row.category,
    categoryLabel: categoryLabel(row.kind, row.category),
    occurredOn: row.occurredOn,
    summary: row.summary,
    source: row.source,
    outcome: row.outcome,
    outcomeLabel: outcomeLabel(row.kind, row.outcome),
    outcomeReason: row.outcomeReason,
    rating: row.rating,
    ratingLabel: ratingLabel(row.rating),
    externalId: row.externalId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The person an entry links, by id or case reference; a wrong one is refused naming the field sent. */
async function linkedPerson(
  db: Db,
  organisationId: string,
  input: { personId?: string | null; personCaseReference: string | null },
) {
  if (input.personId) {
    const person = await personLink(db, organisationId, { id: input.personId });
    if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose a person of your organisation' }]);
    return person;
  }
  if (input.personCaseReference) {
    const person = await personLink(db, organisationId, { caseReference: input.personCaseReference });
    if (!person)
      throw new ValidationError([
        { field: 'personCaseReference', message: `Nobody has case reference ${input.personCaseReference}` },
      ]);
    return person;
  }
  return null;
}

const recordedAudit = (row: repository.EntryRow): AuditEntry => ({
  action: 'intelligence.record',
  recordType: 'intelligence-entry',
  recordId: row.id,
  after: {
    serviceId: row.serviceId,
    providerId: row.providerId,
    kind: row.kind,
    category: row.category,
    occurredOn: row.occurredOn,
    summary: row.summary,
    source: row.source,
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    rating: row.rating,
    personId: row.personId,
  },
});

const findingAudit = (
  entry: Pick<repository.EntryRow, 'id' | 'outcome' | 'outcomeReason'>,
  finding: FindingInput,
): AuditEntry => ({
  action: 'intelligence.finding',
  recordType: 'intelligence-entry',
  recordId: entry.id,
  before: { outcome: entry.outcome, outcomeReason: entry.outcomeReason },
  after: finding,
});

async function insertAndAudit(db: Db, viewer: CurrentUser, row: repository.EntryRow): Promise<void> {
  await db.transaction(async (tx) => {
    await repository.insertEntries(tx, [row]);
    await recordAudit(tx, actorOf(viewer), [recordedAudit(row)]);
    await rateProviders(tx, row.organisationId, [row.providerId]);
  });
}

/** An entry about a service, as recorded now by the viewer: the person it links checked. */
async function entryRow(
  db: Db,
  viewer: CurrentUser,
  service: { id: string; organisationId: string; providerId: string },
  input: unknown,
): Promise<repository.EntryRow> {
  const entry = parseOrThrow(entryInput, input);
  const person = await linkedPerson(db, service.organisationId, entry);
  const now = new Date();
  return {
    organisationId: service.organisationId,
    id: randomUUID(),
    serviceId: service.id,
    providerId: service.providerId,
    kind: entry.kind,
    category: entry.category,
    occurredOn: entry.occurredOn,
    summary: entry.summary,
    source: entry.source,
    outcome: entry.outcome,
    outcomeReason: entry.outcomeReason,
    rating: entry.rating,
    externalId: null,
    personId: person?.id ?? null,
    recordedBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  };
}

/** Refuses a finding on an entry of a kind that has none (only a concern has a finding). */
function checkTakesFinding(kind: string): void {
  if (!takesFinding(kind))
    throw new ConflictError(
      `Only a concern has a finding, not a ${KIND_LABELS[kind as IntelligenceKind].toLowerCase()} entry`,
    );
}

/** Records an entry about a service the viewer keeps: every problem with it at once. */
export async function recordEntry(
  db: Db,
  viewer: CurrentUser,
  serviceId: string,
  input: unknown,
): Promise<IntelligenceEntry> {
  staffOrganisation(viewer, QUALITY_KEEPERS);
  const service = await serviceFor(db, viewer, serviceId, QUALITY_KEEPERS);
  const row = await entryRow(db, viewer, service, input);
  await insertAndAudit(db, viewer, row);
  return entryFor(db, viewer, row.id);
}

/**
 * Brings in many entries at once (a log kept before Hearth), each with its finding where one was
 * reached: each checked as on its own, one transaction, all or none, one audit append with the same
 * events as one at a time, and each provider's services rated once, after all of them.
 */
export async function recordEntries(
  db: Db,
  viewer: CurrentUser,
  entries: readonly { serviceId: string; input: unknown; finding?: unknown }[],
): Promise<number> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if (entries.length === 0) return 0;
  const services = new Map(
    (await register.servicesByIds(db, organisationId, entries.map((entry) => entry.serviceId).filter(isUuid))).map(
      (row) => [row.id, row],
    ),
  );
  const recorded: { row: repository.EntryRow; audit: AuditEntry[] }[] = [];
  for (const { serviceId, input, finding } of entries) {
    const service = services.get(serviceId);
    if (!service) throw new NotFoundError();
    const row = await entryRow(db, viewer, service, input);
    if (finding === undefined) {
      recorded.push({ row, audit: [recordedAudit(row)] });
      continue;
    }
    checkTakesFinding(row.kind);
    const found = parseOrThrow(findingInput, finding);
    recorded.push({ row: { ...row, ...found }, audit: [recordedAudit(row), findingAudit(row, found)] });
  }
  await db.transaction(async (tx) => {
    await repository.insertEntries(
      tx,
      recorded.map(({ row }) => row),
    );
    await recordAudit(
      tx,
      actorOf(viewer),
      recorded.flatMap(({ audit }) => audit),
    );
    await rateProviders(tx, organisationId, [...new Set(recorded.map(({ row }) => row.providerId))]);
  });
  return recorded.length;
}

/** Records that a provider the organisation contracts is in administration or dissolved. */
export async function recordCompanyStatus(
  db: Db,
  viewer: CurrentUser,
  providerId: string,
  input: unknown,
): Promise<IntelligenceEntry> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  if (!isUuid(providerId) || !(await repository.providerOnRegister(db, organisationId, providerId)))
    throw new NotFoundError();
  const status = parseOrThrow(companyStatusInput, input);
  const now = new Date();
  const row: repository.EntryRow = {
    organisationId,
    id: randomUUID(),
    serviceId: null,
    providerId,
    kind: 'company-status',
    ...status,
    outcome: null,
    outcomeReason: null,
    rating: null,
    externalId: null,
    personId: null,
    recordedBy: viewer.id,
    createdAt: now,
    updatedAt: now,
  };
  await insertAndAudit(db, viewer, row);
  return entryFor(db, viewer, row.id);
}

/** A concern's finding once it is investigated: substantiated or not, and why. */
export async function recordFinding(
  db: Db,
  viewer: CurrentUser,
  entryId: string,
  input: unknown,
): Promise<IntelligenceEntry> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const before = isUuid(entryId) ? await repository.entryById(db, organisationId, entryId) : undefined;
  if (!before) throw new NotFoundError();
  checkTakesFinding(before.kind);
  const finding = parseOrThrow(findingInput, input);
  await db.transaction(async (tx) => {
    await repository.setOutcome(tx, organisationId, entryId, { ...finding, updatedAt: new Date() });
    await recordAudit(tx, actorOf(viewer), [findingAudit(before, finding)]);
    await rateProviders(tx, organisationId, [before.providerId]);
  });
  return entryFor(db, viewer, entryId);
}

/**
 * One entry, where the viewer may read it: the organisation's quality staff, or the provider it is
 * about where it links no person. Staff see which person it links; anyone else gets 404.
 */
export async function entryFor(db: Db, viewer: CurrentUser, entryId: string): Promise<IntelligenceEntry> {
  if (!isUuid(entryId)) throw new NotFoundError();
  const isProvider = viewer.providerId !== null;
  const row = isProvider
    ? await repository.entryAnywhere(db, entryId)
    : await repository.entryById(db, staffOrganisation(viewer, QUALITY_READERS), entryId);
  if (!row || (isProvider && (row.providerId !== viewer.providerId || row.personId !== null)))
    throw new NotFoundError();
  const [service, providers, recorders, organisations] = await Promise.all([
    row.serviceId ? serviceFor(db, viewer, row.serviceId) : null,
    providerNames(db, [row.providerId]),
    userNames(db, row.recordedBy ? [row.recordedBy] : []),
    organisationsByIds(db, [row.organisationId]),
  ]);
  const entry = shown(row, {
    serviceName: service?.name ?? null,
    providerName: providers.get(row.providerId) ?? '',
    organisationName: organisations.get(row.organisationId)?.name ?? '',
    recordedByName: row.recordedBy ? (recorders.get(row.recordedBy) ?? null) : null,
  });
  if (isProvider) return entry;
  const person = row.personId ? await personLink(db, row.organisationId, { id: row.personId }) : null;
  return { ...entry, personLinked: row.personId !== null, person };
}

/**
 * An entry's history, for whoever may read the entry (entryFor): the organisation's quality readers,
 * and the provider it is about unless it links a person.
 */
export const entryHistory: HistoryRule = (db, viewer, id) =>
  historyIfReadable(
    () => entryFor(db, viewer, id),
    (entry) => ({
      label: `${entry.kindLabel} about ${entry.serviceName ?? entry.providerName}`,
      href: paths.intelligenceEntry(id),
      show: showWhole,
    }),
  );

/** The log: the organisation's for its staff, the provider's own for a provider; filtered, sorted and paged in SQL. */
export async function intelligenceList(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<IntelligenceFilter, IntelligenceSort>,
): Promise<Page<IntelligenceEntry>> {
  const scope: repository.Scope =
    viewer.providerId !== null
      ? { providerId: viewer.providerId }
      : { organisationId: staffOrganisation(viewer, QUALITY_READERS) };
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findEntries(db, scope, filter, sort, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const items = rows.map((row) => {
    const entry = shown(row.entry, row);
    // Staff are told a person is linked; who, only on the entry's page.
    return 'organisationId' in scope ? { ...entry, personLinked: row.entry.personId !== null } : entry;
  });
  return pageOf(items, total, page, pageSize);
}

/** The providers the organisation has services of, for choosing one to filter by. */
export async function registerProviders(db: Db, viewer: CurrentUser): Promise<{ id: string; name: string }[]> {
  return repository.providersOnRegister(db, staffOrganisation(viewer, QUALITY_READERS));
}
