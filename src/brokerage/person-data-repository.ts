// Everything brokerage holds about one person, for their subject access export, and the
// queries that erase their personal fields when the organisation's retention rule says so.
import { and, asc, eq, inArray, isNotNull, max, notInArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db/client.ts';
import { zones } from '../organisations/schema.ts';
import { providers } from '../providers/schema.ts';
import { needAssessments, offers, people, placements, referrals, schemes, tenancies, units } from './schema.ts';

const ofPerson = (
  table: { organisationId: AnyPgColumn; personId: AnyPgColumn },
  organisationId: string,
  personId: string,
) => and(eq(table.organisationId, organisationId), eq(table.personId, personId));

export async function referralsOfPerson(db: Db, organisationId: string, personId: string) {
  return db
    .select()
    .from(referrals)
    .where(ofPerson(referrals, organisationId, personId))
    .orderBy(asc(referrals.createdAt));
}

/** Each offer of the person's referrals, with the provider it went to. */
export async function offersOfPerson(db: Db, organisationId: string, personId: string) {
  return db
    .select({ offer: offers, providerName: providers.name })
    .from(offers)
    .innerJoin(referrals, and(eq(referrals.organisationId, offers.organisationId), eq(referrals.id, offers.referralId)))
    .innerJoin(providers, eq(providers.id, offers.providerId))
    .where(ofPerson(referrals, organisationId, personId))
    .orderBy(asc(offers.sentAt));
}

/** The person's placements, with their provider, scheme and unit where they have one. */
export async function placementsOfPerson(db: Db, organisationId: string, personId: string) {
  return db
    .select({ placement: placements, providerName: providers.name, schemeName: schemes.name, unitName: units.name })
    .from(placements)
    .innerJoin(providers, eq(providers.id, placements.providerId))
    .leftJoin(
      tenancies,
      and(eq(tenancies.organisationId, placements.organisationId), eq(tenancies.id, placements.tenancyId)),
    )
    .leftJoin(units, and(eq(units.organisationId, tenancies.organisationId), eq(units.id, tenancies.unitId)))
    .leftJoin(schemes, and(eq(schemes.organisationId, units.organisationId), eq(schemes.id, units.schemeId)))
    .where(ofPerson(placements, organisationId, personId))
    .orderBy(asc(placements.startsOn));
}

export async function zoneName(db: Db, organisationId: string, zoneId: string | null): Promise<string | null> {
  if (!zoneId) return null;
  const [row] = await db
    .select({ name: zones.name })
    .from(zones)
    .where(and(eq(zones.organisationId, organisationId), eq(zones.id, zoneId)));
  return row?.name ?? null;
}

/** Which of the organisation's people: all but some (those already erased), or only some. */
export interface PeopleChosen {
  leaveOut?: readonly string[];
  only?: readonly string[];
}

/** What the retention rule looks at, for the people of the organisation chosen. */
export async function retentionFacts(db: Db, organisationId: string, which: PeopleChosen) {
  if (which.only?.length === 0) return [];
  const lastEnded = db
    .select({
      personId: placements.personId,
      lastEndedOn: max(placements.endsOn).as('last_ended_on'),
      running: sql<number>`count(*) filter (where ${placements.endsOn} is null)`.mapWith(Number).as('running'),
    })
    .from(placements)
    .where(eq(placements.organisationId, organisationId))
    .groupBy(placements.personId)
    .as('last_ended');
  const openReferral = sql<boolean>`exists (select 1 from ${referrals} where ${referrals.organisationId} = ${people.organisationId}
    and ${referrals.personId} = ${people.id} and ${referrals.status} not in ('placed', 'withdrawn'))`;
  return db
    .select({
      id: people.id,
      name: people.name,
      caseReference: people.caseReference,
      updatedAt: people.updatedAt,
      lastEndedOn: lastEnded.lastEndedOn,
      running: lastEnded.running,
      openReferral,
    })
    .from(people)
    .leftJoin(lastEnded, eq(lastEnded.personId, people.id))
    .where(
      and(
        eq(people.organisationId, organisationId),
        which.leaveOut && which.leaveOut.length > 0 ? notInArray(people.id, [...which.leaveOut]) : undefined,
        which.only ? inArray(people.id, [...which.only]) : undefined,
      ),
    )
    .orderBy(asc(people.name));
}

/**
 * Removes the person's personal fields and free text, keeping what reports count: their
 * placements' dates, prices, provider and zone, their need band, status and year of birth.
 */
export async function erasePersonalFields(db: Db, organisationId: string, personId: string, now: Date) {
  const person = ofPerson({ organisationId: people.organisationId, personId: people.id }, organisationId, personId);
  await db
    .update(people)
    .set({
      name: 'Erased record',
      caseReference: `ERASED-${personId.slice(0, 8)}`,
      nhsNumber: null,
      // The year alone, for the cohorts (18-25 pathway, adults) that spend is reported by.
      dateOfBirth: sql`make_date(extract(year from ${people.dateOfBirth})::int, 7, 1)`,
      updatedAt: now,
    })
    .where(person);
  await db
    .update(needAssessments)
    .set({ assessorName: 'Erased', traits: [], avoids: [], mustNotLiveWith: [] })
    .where(ofPerson(needAssessments, organisationId, personId));
  await db
    .update(referrals)
    .set({ notes: null })
    .where(ofPerson(referrals, organisationId, personId));
  await db
    .update(referrals)
    .set({ offFrameworkReason: 'Erased' })
    .where(and(ofPerson(referrals, organisationId, personId), isNotNull(referrals.offFrameworkReason)));
  const theirReferrals = db
    .select({ id: referrals.id })
    .from(referrals)
    .where(ofPerson(referrals, organisationId, personId));
  await db
    .update(offers)
    .set({ declineNote: null })
    .where(and(eq(offers.organisationId, organisationId), inArray(offers.referralId, theirReferrals)));
  await db
    .update(placements)
    .set({ choiceReason: null })
    .where(ofPerson(placements, organisationId, personId));
  await db
    .update(placements)
    .set({ offFrameworkReason: 'Erased' })
    .where(and(ofPerson(placements, organisationId, personId), isNotNull(placements.offFrameworkReason)));
}

export async function organisationsWithPeople(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: people.organisationId }).from(people);
  return rows.map((row) => row.id);
}
