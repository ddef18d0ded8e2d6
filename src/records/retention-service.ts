// Retention: the organisation's rule, the nightly review that lists whose records are due for
// erasure, and erasure itself, which an officer confirms one person at a time (never automatic).
// Erasure removes the personal fields and free text and keeps the anonymised facts reports count.
import type { Db } from '../platform/db/client.ts';
import { recordAudit, redactRecordEvents } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ConflictError, ValidationError } from '../platform/http/errors.ts';
import {
  erasePersonData,
  organisationsWithPeople,
  retentionFactsOf,
  type RetentionFacts as PersonFacts,
} from '../brokerage/person-data-service.ts';
import { actingFor, personOf, RECORDS_OFFICERS, RETENTION_SETTERS, type Requester } from './access.ts';
import {
  DEFAULT_RETENTION_RULE,
  retentionDate,
  retentionRuleProblems,
  type RetentionDate,
  type RetentionRule,
} from './domain/retention.ts';
import * as repository from './repository.ts';

/** The rule, for administrators who set it and officers who erase by it. */
const RULE_READERS = [...RETENTION_SETTERS, ...RECORDS_OFFICERS];

async function ruleFor(db: Db, organisationId: string): Promise<RetentionRule> {
  const row = await repository.ruleOf(db, organisationId);
  return row ? { years: row.years, basis: row.basis } : DEFAULT_RETENTION_RULE;
}

export async function retentionRule(db: Db, viewer: CurrentUser): Promise<RetentionRule> {
  return ruleFor(db, staffOrganisation(viewer, RULE_READERS));
}

/** An administrator sets the rule; the due list is reviewed again at once by it. */
export async function saveRetentionRule(db: Db, viewer: CurrentUser, input: RetentionRule): Promise<RetentionRule> {
  const organisationId = staffOrganisation(viewer, RETENTION_SETTERS);
  const problems = retentionRuleProblems(input);
  if (problems.length > 0) throw new ValidationError(problems);
  const rule = { years: input.years, basis: input.basis.trim() };
  const before = await ruleFor(db, organisationId);
  await db.transaction(async (tx) => {
    await repository.saveRule(tx, { organisationId, ...rule, updatedAt: new Date(), updatedBy: viewer.id });
    await recordAudit(tx, actorOf(viewer), [
      { action: 'retention-rule.save', recordType: 'organisation', recordId: organisationId, before, after: rule },
    ]);
  });
  await reviewOrganisation(db, organisationId);
  return rule;
}

const factsOn = (person: PersonFacts) => ({
  lastPlacementEndedOn: person.lastPlacementEndedOn,
  inService: person.inService,
  lastChangedOn: isoDateInLondon(person.lastChangedAt),
});

/** Whether the person's record is due today, and from when: null while they are in service or not yet due. */
function dueToday(person: PersonFacts, rule: RetentionRule, today: string): RetentionDate | null {
  const date = retentionDate(factsOn(person), rule);
  return date && date.dueOn <= today ? date : null;
}

/** Lists the organisation's people due for erasure today, replacing yesterday's list. */
async function reviewOrganisation(db: Db, organisationId: string): Promise<number> {
  const today = isoDateInLondon(new Date());
  const [rule, erased] = await Promise.all([ruleFor(db, organisationId), repository.erasedIn(db, organisationId)]);
  const due = (await retentionFactsOf(db, organisationId, { leaveOut: erased })).flatMap((person) => {
    const date = dueToday(person, rule, today);
    return date ? [{ organisationId, personId: person.id, dueOn: date.dueOn, dueFrom: date.from, foundOn: today }] : [];
  });
  await db.transaction((tx) => repository.replaceDue(tx, organisationId, due));
  return due.length;
}

/** The nightly review, for every organisation that holds people's records. */
export async function reviewRetention(db: Db): Promise<string> {
  const organisations = await organisationsWithPeople(db);
  let due = 0;
  for (const organisationId of organisations) due += await reviewOrganisation(db, organisationId);
  return `${due} records due for erasure in ${organisations.length} organisations`;
}

export interface DuePerson {
  personId: string;
  name: string;
  caseReference: string;
  dueOn: string;
  dueFrom: string;
  foundOn: string;
}

/** The records the last review found due, for officers to confirm. */
export async function dueForErasure(db: Db, viewer: CurrentUser): Promise<{ rule: RetentionRule; due: DuePerson[] }> {
  const organisationId = staffOrganisation(viewer, RECORDS_OFFICERS);
  const [rule, due] = await Promise.all([ruleFor(db, organisationId), repository.dueOf(db, organisationId)]);
  const chosen = { only: due.map((row) => row.personId) };
  const people = new Map((await retentionFactsOf(db, organisationId, chosen)).map((person) => [person.id, person]));
  return {
    rule,
    due: due.flatMap((row) => {
      const person = people.get(row.personId);
      return person ? [{ ...row, name: person.name, caseReference: person.caseReference }] : [];
    }),
  };
}

export interface ErasureCheck {
  personId: string;
  name: string;
  caseReference: string;
  due: RetentionDate;
  rule: RetentionRule;
}

/** What erasing this person would rest on: refused unless their record is due by the rule today. */
export async function erasureCheck(db: Db, requester: Requester, personRef: string): Promise<ErasureCheck> {
  const acting = await actingFor(db, requester, RECORDS_OFFICERS);
  const personId = await personOf(db, acting, personRef);
  if (await repository.erasureOf(db, acting.organisationId, personId))
    throw new ConflictError("This person's record has already been erased");
  const [rule, facts] = await Promise.all([
    ruleFor(db, acting.organisationId),
    retentionFactsOf(db, acting.organisationId, { only: [personId] }).then(([person]) => person!),
  ]);
  const due = dueToday(facts, rule, isoDateInLondon(new Date()));
  if (!due)
    throw new ConflictError(
      `This record is not due for erasure: it is kept ${rule.years} years after the person's last placement ended, and never while they are placed or referred`,
    );
  return { personId, name: facts.name, caseReference: facts.caseReference, due, rule };
}

/**
 * Erases the person's personal fields, and the payloads of the audit events about them (sealed so
 * the chain still verifies), keeping placements, prices, providers, zones and counts. The audit
 * keeps that it happened, by whom, and under which rule, with no personal data.
 */
export async function erasePerson(db: Db, viewer: CurrentUser, personRef: string): Promise<{ personId: string }> {
  const check = await erasureCheck(db, { user: viewer }, personRef);
  const organisationId = staffOrganisation(viewer, RECORDS_OFFICERS);
  const now = new Date();
  await db.transaction(async (tx) => {
    await erasePersonData(tx, organisationId, check.personId, now);
    await repository.insertErasure(tx, {
      organisationId,
      personId: check.personId,
      erasedAt: now,
      erasedBy: viewer.id,
    });
    await repository.removeDue(tx, organisationId, check.personId);
    const record = { recordType: 'person', recordId: check.personId, organisationId };
    const redacted = await redactRecordEvents(tx, actorOf(viewer), record);
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'person.erase',
        ...record,
        after: {
          dueOn: check.due.dueOn,
          dueFrom: check.due.from,
          ruleYears: check.rule.years,
          eventsRedacted: redacted,
        },
      },
    ]);
  });
  return { personId: check.personId };
}
