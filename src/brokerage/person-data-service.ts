// What brokerage holds about one person, gathered for their subject access export, and the
// erasure of their personal fields under the retention rule. Who may ask is decided by the
// records part's service before it calls these, with the organisation it has checked.
import type { Db, Tx } from '../platform/db/client.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './person-data-repository.ts';
import { pricePeriodsOf } from './reprice-repository.ts';

/** The fields a provider sees of a person on an offer: never their name, case reference, date of birth or NHS number. */
export const SHOWN_TO_PROVIDERS =
  'age, client groups, need band, 1:1 hours, night support, what their home must have, traits and who they cannot share with, zones, start date and urgency';

export interface PersonData {
  person: peopleRepository.PersonRow;
  homeZoneName: string | null;
  assessments: peopleRepository.AssessmentRow[];
  referrals: Awaited<ReturnType<typeof repository.referralsOfPerson>>;
  offers: Awaited<ReturnType<typeof repository.offersOfPerson>>;
  placements: (Awaited<ReturnType<typeof repository.placementsOfPerson>>[number] & {
    prices: Awaited<ReturnType<typeof pricePeriodsOf>>;
  })[];
}

/** Everything brokerage holds about the person; null where the organisation has no such person. */
export async function personDataOf(db: Db, organisationId: string, personId: string): Promise<PersonData | null> {
  const person = await peopleRepository.personById(db, organisationId, personId);
  if (!person) return null;
  const [homeZoneName, assessments, referrals, offers, placements] = await Promise.all([
    repository.zoneName(db, organisationId, person.homeZoneId),
    peopleRepository.assessmentsOf(db, organisationId, personId),
    repository.referralsOfPerson(db, organisationId, personId),
    repository.offersOfPerson(db, organisationId, personId),
    repository.placementsOfPerson(db, organisationId, personId),
  ]);
  const prices = await pricePeriodsOf(
    db,
    organisationId,
    placements.map((row) => row.placement.id),
  );
  return {
    person,
    homeZoneName,
    assessments,
    referrals,
    offers,
    placements: placements.map((row) => ({
      ...row,
      prices: prices.filter((price) => price.placementId === row.placement.id),
    })),
  };
}

export interface RetentionFacts {
  id: string;
  name: string;
  caseReference: string;
  /** The day their last placement ended; null if never placed. */
  lastPlacementEndedOn: string | null;
  /** Placed now (a placement with no end), or waiting on an open referral. */
  inService: boolean;
  /** The day their record last changed, for people never placed. */
  lastChangedAt: Date;
}

/** What the retention rule needs of the people chosen (all but those already erased, or a few). */
export async function retentionFactsOf(
  db: Db,
  organisationId: string,
  which: repository.PeopleChosen,
): Promise<RetentionFacts[]> {
  const rows = await repository.retentionFacts(db, organisationId, which);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    caseReference: row.caseReference,
    lastPlacementEndedOn: row.lastEndedOn,
    inService: (row.running ?? 0) > 0 || row.openReferral,
    lastChangedAt: row.updatedAt,
  }));
}

/** Removes the person's personal fields and free text, inside the caller's transaction. */
export async function erasePersonData(tx: Tx, organisationId: string, personId: string, now: Date): Promise<void> {
  await repository.erasePersonalFields(tx, organisationId, personId, now);
}

/** The organisations that hold anyone's record, for the nightly retention review. */
export function organisationsWithPeople(db: Db): Promise<string[]> {
  return repository.organisationsWithPeople(db);
}
