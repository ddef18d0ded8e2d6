// People and their assessed needs. Special-category data: only social workers, brokerage
// officers, commissioners and auditors of the owning organisation see a person's record; a
// provider sees only people placed with or offered to it, and only what it needs to respond;
// every view of a record is written to the audit trail.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, recordAuditAlone } from '../platform/audit/service.ts';
import { showWhole, type RecordHistory } from '../platform/audit/history.ts';
import { actorOf, hasRole, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { changedFields, pick } from '../platform/domain/changes.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { pageOf, type Page } from '../platform/domain/pagination.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow, parseOrThrowWith } from '../platform/http/validation.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import { contributionProblem } from './domain/prices.ts';
import * as placementRepository from './placement-repository.ts';
import { bandFor, DEFAULT_MATRIX, matrixProblems, scoreProblems, type AssessmentMatrix } from './domain/banding.ts';
import { ageOn, type Compatibility, type Feature, type NightSupport, type Trait } from './domain/people.ts';
import type { ListRequest } from '../platform/http/list-page.ts';
import { zonesOf } from '../organisations/service.ts';
import {
  assessmentInput,
  NOT_ASSESSED,
  personInput,
  type AssessmentInput,
  type PeopleFilter,
  type PersonInput,
} from './input.ts';
import { paths } from './paths.ts';
import * as repository from './people-repository.ts';

export const PERSON_READERS: readonly Role[] = ['social_worker', 'brokerage_officer', 'commissioner', 'auditor'];
export const PERSON_WRITERS: readonly Role[] = ['social_worker', 'brokerage_officer'];

export interface CurrentNeeds {
  assessedOn: string;
  assessorName: string;
  band: NeedBand;
  total: number;
  bandReason: string;
  scores: Record<string, number>;
  oneToOneMinutesPerWeek: number;
  nightSupport: NightSupport;
  requiredFeatures: Feature[];
  compatibility: Compatibility;
}

export const needsOf = (row: repository.AssessmentRow): CurrentNeeds => ({
  assessedOn: row.assessedOn,
  assessorName: row.assessorName,
  band: row.band as NeedBand,
  total: row.total,
  bandReason: row.bandReason,
  scores: row.scores,
  oneToOneMinutesPerWeek: row.oneToOneMinutesPerWeek,
  nightSupport: row.nightSupport as NightSupport,
  requiredFeatures: row.requiredFeatures as Feature[],
  compatibility: { traits: row.traits as Trait[], avoids: row.avoids as Trait[], mustNotLiveWith: row.mustNotLiveWith },
});

export async function assessmentMatrix(db: Db, organisationId: string): Promise<AssessmentMatrix> {
  return (await repository.matrixOf(db, organisationId))?.matrix ?? DEFAULT_MATRIX;
}

/** A commissioner sets the organisation's care needs matrix; later assessments use it. */
export async function saveAssessmentMatrix(db: Db, viewer: CurrentUser, raw: unknown): Promise<AssessmentMatrix> {
  const organisationId = staffOrganisation(viewer, ['commissioner', 'administrator']);
  const problems = matrixProblems(raw);
  if (problems.length > 0) throw new ValidationError(problems);
  const matrix = raw as AssessmentMatrix;
  const before = await assessmentMatrix(db, organisationId);
  await db.transaction(async (tx) => {
    await repository.saveMatrix(tx, { organisationId, matrix, updatedAt: new Date(), updatedBy: viewer.id });
    await recordAudit(tx, actorOf(viewer), [
      { action: 'assessment-matrix.save', recordType: 'organisation', recordId: organisationId, before, after: matrix },
    ]);
  });
  return matrix;
}

export interface PersonSummary {
  id: string;
  name: string;
  caseReference: string;
  age: number;
  status: string;
  band: NeedBand | null;
  /** Their home zone's name; null out of county or not known. */
  zoneName: string | null;
  paymentRoute: string;
  inCounty: boolean;
}

export type PeopleSortKey = repository.PeopleSortKey;

/** People are listed by name unless another order is asked for. */
export const PEOPLE_ORDER = {
  key: 'name',
  direction: 'asc',
} as const satisfies repository.Sort<repository.PeopleSortKey>;

/** The people of the viewer's organisation, filtered and sorted in the database, a page at a time. */
export async function listPeople(
  db: Db,
  viewer: CurrentUser,
  request: ListRequest<PeopleFilter, repository.PeopleSortKey>,
): Promise<Page<PersonSummary>> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const { filter, sort, page, pageSize } = request;
  const { rows, total } = await repository.findPeople(
    db,
    {
      organisationId,
      search: filter.search,
      referredBy: filter.caseload === 'referred-by-me' ? viewer.id : undefined,
      status: filter.status,
      band: filter.band === NOT_ASSESSED ? null : filter.band,
      zoneId: filter.zoneId,
    },
    (page - 1) * pageSize,
    pageSize,
    sort,
  );
  const today = isoDateInLondon(new Date());
  return pageOf(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      caseReference: row.caseReference,
      age: ageOn(row.dateOfBirth, today),
      status: row.status,
      band: row.band as NeedBand | null,
      zoneName: row.zoneName,
      paymentRoute: row.paymentRoute,
      inCounty: row.inCounty,
    })),
    total,
    page,
    pageSize,
  );
}

/** The zones of the viewer's organisation, to filter its people and referrals by. */
export async function zoneChoices(db: Db, viewer: CurrentUser): Promise<{ value: string; text: string }[]> {
  const zones = await zonesOf(db, staffOrganisation(viewer, PERSON_READERS));
  return zones.map((zone) => ({ value: zone.id, text: zone.name }));
}

export async function createPerson(db: Db, viewer: CurrentUser, input: PersonInput): Promise<repository.PersonRow> {
  return (await createPeople(db, viewer, [input]))[0]!;
}

/** Adds people in one transaction (the demo county's hundreds at once): all or none. */
export async function createPeople(
  db: Db,
  viewer: CurrentUser,
  inputs: readonly PersonInput[],
): Promise<repository.PersonRow[]> {
  const organisationId = staffOrganisation(viewer, PERSON_WRITERS);
  const parsed = inputs.map((input) => parseOrThrow(personInput, input));
  const seen = new Set<string>();
  for (const person of parsed) {
    const taken =
      seen.has(person.caseReference) ||
      (await repository.personByCaseReference(db, organisationId, person.caseReference));
    if (taken)
      throw new ConflictError(`Someone already has case reference ${person.caseReference}`, [
        { field: 'caseReference', message: `Someone already has case reference ${person.caseReference}` },
      ]);
    seen.add(person.caseReference);
  }
  const now = new Date();
  const rows = parsed.map((person) => ({
    organisationId,
    id: randomUUID(),
    ...person,
    createdAt: now,
    updatedAt: now,
  }));
  await db.transaction(async (tx) => {
    await repository.insertPeople(tx, rows);
    await recordAudit(
      tx,
      actorOf(viewer),
      rows.map((row, i) => ({ action: 'person.create', recordType: 'person', recordId: row.id, after: parsed[i] })),
    );
  });
  return rows;
}

export async function updatePerson(
  db: Db,
  viewer: CurrentUser,
  id: string,
  input: PersonInput,
): Promise<repository.PersonRow> {
  const organisationId = staffOrganisation(viewer, PERSON_WRITERS);
  const person = parseOrThrow(personInput, input);
  const before = isUuid(id) ? await repository.personById(db, organisationId, id) : undefined;
  if (!before) throw new NotFoundError();
  const clash = await repository.personByCaseReference(db, organisationId, person.caseReference);
  if (clash && clash.id !== id)
    throw new ConflictError(`Someone else has case reference ${person.caseReference}`, [
      { field: 'caseReference', message: `Someone else has case reference ${person.caseReference}` },
    ]);
  const { rows: current } = await placementRepository.findPlacements(db, {
    organisationId,
    personIds: [id],
    current: true,
  });
  const overpaid = current
    .map((placement) => contributionProblem(person.name, person.contributionPence, placement.weeklyPricePence))
    .find(Boolean);
  if (overpaid) throw new ValidationError([{ field: 'contributionPence', message: overpaid }]);
  const changed = changedFields(before, person);
  if (changed.length > 0) {
    await db.transaction(async (tx) => {
      await repository.updatePerson(tx, organisationId, id, { ...person, updatedAt: new Date() });
      await recordAudit(tx, actorOf(viewer), [
        {
          action: 'person.update',
          recordType: 'person',
          recordId: id,
          before: pick(before, changed),
          after: pick(person, changed),
        },
      ]);
    });
  }
  return { ...before, ...person };
}

export interface PersonRecord {
  person: repository.PersonRow;
  age: number;
  needs: CurrentNeeds | null;
  assessments: repository.AssessmentRow[];
  /** The people named in the current assessment as ones this person must not live with. */
  mustNotLiveWith: string[];
}

/** A person's record for staff who may read it; each view is audited. */
export async function getPerson(db: Db, viewer: CurrentUser, id: string): Promise<PersonRecord> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const person = isUuid(id) ? await repository.personById(db, organisationId, id) : undefined;
  if (!person) throw new NotFoundError();
  const assessments = await repository.assessmentsOf(db, organisationId, id);
  await recordAuditAlone(db, actorOf(viewer), [{ action: 'person.view', recordType: 'person', recordId: id }]);
  const needs = assessments[0] ? needsOf(assessments[0]) : null;
  const apart = await repository.peopleByIds(db, organisationId, needs?.compatibility.mustNotLiveWith ?? []);
  return {
    person,
    age: ageOn(person.dateOfBirth, isoDateInLondon(new Date())),
    needs,
    assessments,
    mustNotLiveWith: apart.map((other) => `${other.name} (${other.caseReference})`),
  };
}

/** Records an assessment: the matrix places the person in a band, and it becomes their current needs. */
export async function recordAssessment(
  db: Db,
  viewer: CurrentUser,
  personId: string,
  input: AssessmentInput,
): Promise<CurrentNeeds> {
  return (await recordAssessments(db, viewer, [{ personId, input }]))[0]!;
}

/** Records assessments of several people in one transaction (the demo county's hundreds at once): all or none. */
export async function recordAssessments(
  db: Db,
  viewer: CurrentUser,
  entries: readonly { personId: string; input: AssessmentInput }[],
): Promise<CurrentNeeds[]> {
  const organisationId = staffOrganisation(viewer, PERSON_WRITERS);
  const ids = entries.map((entry) => entry.personId);
  const found = new Set(
    (await repository.peopleByIds(db, organisationId, ids.filter(isUuid))).map((person) => person.id),
  );
  if (!ids.every((id) => found.has(id))) throw new NotFoundError();
  const matrix = await assessmentMatrix(db, organisationId);
  const parsed = entries.map(({ personId, input }) => {
    // The scores are checked against the organisation's matrix with the rest of the form.
    const typedScores = (input as { scores?: unknown }).scores;
    const assessment = parseOrThrowWith(
      assessmentInput,
      input,
      // What was typed may be anything: scoreProblems refuses whatever is not a whole number in range.
      scoreProblems(
        matrix,
        (typeof typedScores === 'object' && typedScores !== null ? typedScores : {}) as Record<string, number>,
      ),
    );
    return { personId, assessment };
  });
  const apart = [...new Set(parsed.flatMap(({ assessment }) => assessment.mustNotLiveWith))];
  const named = new Set((await repository.peopleByIds(db, organisationId, apart)).map((person) => person.id));
  for (const { personId, assessment } of parsed) {
    const problems: FieldError[] = [];
    if (!assessment.mustNotLiveWith.every((id) => named.has(id)))
      problems.push({ field: 'mustNotLiveWith', message: 'Name people of your organisation' });
    if (assessment.mustNotLiveWith.includes(personId))
      problems.push({ field: 'mustNotLiveWith', message: 'A person cannot be kept apart from themselves' });
    if (problems.length > 0) throw new ValidationError(problems);
  }
  const createdAt = new Date();
  const rows = parsed.map(({ personId, assessment }) => {
    const scores = Object.fromEntries(matrix.domains.map((domain) => [domain.key, assessment.scores[domain.key]!]));
    const banding = bandFor(matrix, scores);
    const row = {
      organisationId,
      id: randomUUID(),
      personId,
      ...assessment,
      scores,
      band: banding.band,
      total: banding.total,
      bandReason: banding.reason,
      recordedBy: viewer.id,
      createdAt,
    };
    const audited = { ...assessment, scores, band: banding.band, reason: banding.reason };
    return { row, audited };
  });
  await db.transaction(async (tx) => {
    await repository.insertAssessments(
      tx,
      rows.map(({ row }) => row),
    );
    await recordAudit(
      tx,
      actorOf(viewer),
      rows.map(({ row, audited }) => ({
        action: 'person.assess',
        recordType: 'person',
        recordId: row.personId,
        after: audited,
      })),
    );
  });
  return rows.map(({ row }) => needsOf(row));
}

/** The people of the viewer's organisation with these case references; every reference that matches nobody is a problem. */
export async function peopleByCaseReferences(
  db: Db,
  viewer: CurrentUser,
  references: readonly string[],
): Promise<string[]> {
  const organisationId = staffOrganisation(viewer, PERSON_READERS);
  const found = await Promise.all(
    references.map(async (reference) => ({
      reference,
      person: await repository.personByCaseReference(db, organisationId, reference),
    })),
  );
  const unknown = found.filter((entry) => !entry.person).map((entry) => entry.reference);
  if (unknown.length > 0)
    throw new ValidationError([
      { field: 'mustNotLiveWith', message: `Nobody has case reference ${unknown.join(', ')}` },
    ]);
  return found.map((entry) => entry.person!.id);
}

/**
 * A person of the organisation, by id or case reference, as another part's record links to them:
 * the id and case reference, never their details. Null where the organisation has no such person.
 */
export async function personLink(
  db: Db,
  organisationId: string,
  by: { id: string } | { caseReference: string },
): Promise<{ id: string; caseReference: string } | null> {
  const person =
    'id' in by
      ? isUuid(by.id)
        ? await repository.personById(db, organisationId, by.id)
        : undefined
      : await repository.personByCaseReference(db, organisationId, by.caseReference);
  return person ? { id: person.id, caseReference: person.caseReference } : null;
}

/** Who has seen or changed a person's record: for those of the council who may read it. */
export async function personHistory(db: Db, viewer: CurrentUser, id: string): Promise<RecordHistory | null> {
  if (viewer.organisationId === null || !hasRole(viewer, ...PERSON_READERS) || !isUuid(id)) return null;
  const person = await repository.personById(db, viewer.organisationId, id);
  return person ? { label: `${person.name} (${person.caseReference})`, href: paths.person(id), show: showWhole } : null;
}
