// Intelligence that comes from published data rather than a person: registered manager vacancies
// from the CQC data Hearth imports, and food hygiene ratings from the Food Standards Agency's open
// data. Each is recorded once, so running either again adds only what is new.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit, type Actor } from '../platform/audit/service.ts';
import { actorOf, staffOrganisation, type CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { organisationByCode } from '../organisations/service.ts';
import { FhrsFileError, matchToServices, type FhrsNoMatchReason, type FhrsRejection } from './domain/fhrs.ts';
import { isNewVacancy, managerVacancy, ratingLabel, ratingText } from './domain/intelligence.ts';
import { readFhrsXml } from './fhrs-file.ts';
import { QUALITY_KEEPERS } from './framework-service.ts';
import * as repository from './intelligence-repository.ts';
import { rateProviders } from './risk-run-service.ts';

export const CQC_SOURCE = 'CQC data';
export const FSA_SOURCE = 'Food Standards Agency open data';

function newEntry(
  organisationId: string,
  recordedBy: string | null,
  entry: Pick<
    repository.EntryRow,
    'serviceId' | 'providerId' | 'kind' | 'category' | 'occurredOn' | 'summary' | 'source'
  > &
    Partial<Pick<repository.EntryRow, 'rating' | 'externalId'>>,
): repository.EntryRow {
  const now = new Date();
  return {
    organisationId,
    id: randomUUID(),
    outcome: null,
    outcomeReason: null,
    rating: null,
    externalId: null,
    personId: null,
    recordedBy,
    createdAt: now,
    updatedAt: now,
    ...entry,
  };
}

async function insertAndAudit(db: Db, actor: Actor, action: string, rows: repository.EntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    await repository.insertEntries(tx, rows);
    await recordAudit(
      tx,
      actor,
      rows.map((row) => ({
        action,
        recordType: 'intelligence-entry',
        recordId: row.id,
        organisationId: row.organisationId,
        after: {
          serviceId: row.serviceId,
          kind: row.kind,
          category: row.category,
          occurredOn: row.occurredOn,
          rating: row.rating,
          externalId: row.externalId,
          source: row.source,
        },
      })),
    );
    // Every caller adds one organisation's entries.
    await rateProviders(tx, rows[0]!.organisationId, [...new Set(rows.map((row) => row.providerId))]);
  });
}

/**
 * A vacancy entry for each running service whose CQC location has no registered manager or an
 * absent one, unless its latest vacancy entry already says so. Says how many were added.
 */
export async function recordManagerVacancies(db: Db, viewer: CurrentUser): Promise<{ added: number }> {
  const organisationId = staffOrganisation(viewer, QUALITY_KEEPERS);
  const today = isoDateInLondon(new Date());
  const rows = (await repository.servicesWithoutManager(db, organisationId)).flatMap((service) => {
    const vacancy = managerVacancy(service, today);
    const latest =
      service.latestCategory && service.latestOccurredOn
        ? { category: service.latestCategory, occurredOn: service.latestOccurredOn }
        : null;
    if (!vacancy || !isNewVacancy(vacancy, latest)) return [];
    return [
      newEntry(organisationId, viewer.id, {
        serviceId: service.serviceId,
        providerId: service.providerId,
        kind: 'manager-vacancy',
        ...vacancy,
        source: CQC_SOURCE,
      }),
    ];
  });
  await insertAndAudit(db, actorOf(viewer), 'intelligence.manager-vacancy', rows);
  return { added: rows.length };
}

export interface FhrsImportSummary {
  organisation: string;
  /** Establishments read from the file, and those set aside with the reason. */
  read: number;
  rejected: FhrsRejection[];
  matched: number;
  added: number;
  /** Matched, but recorded before with the same FHRSID and rating date. */
  alreadyRecorded: number;
  unmatched: { fhrsId: string; businessName: string; postcode: string | null; reason: FhrsNoMatchReason }[];
}

/** The organisation a command names by its code, or the only one there is. */
async function organisationFor(db: Db, code: string | undefined): Promise<{ id: string; name: string }> {
  if (code !== undefined) {
    const found = await organisationByCode(db, code);
    if (!found) throw new ValidationError([{ field: 'organisation', message: `No organisation has the code ${code}` }]);
    return found;
  }
  const all = await repository.organisationsUpTo(db, 2);
  if (all.length !== 1)
    throw new ValidationError([
      {
        field: 'organisation',
        message:
          all.length === 0
            ? 'There is no organisation yet'
            : 'Name the organisation whose services the ratings are for, by its code',
      },
    ]);
  return all[0]!;
}

/**
 * Reads an FSA open data file and records each establishment matched to one of the organisation's
 * running services (same postcode, a similar name) as a food hygiene entry, dated when it was rated,
 * once for each FHRSID and rating date. The unmatched are listed for a person to look at.
 */
export async function importFoodHygieneRatings(
  db: Db,
  actor: Actor,
  organisationCode: string | undefined,
  xml: string,
): Promise<FhrsImportSummary> {
  const organisation = await organisationFor(db, organisationCode);
  let reading;
  try {
    reading = readFhrsXml(xml);
  } catch (error) {
    if (error instanceof FhrsFileError) throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
  const [services, recorded] = await Promise.all([
    repository.runningServices(db, organisation.id),
    repository.foodHygieneRecorded(db, organisation.id),
  ]);
  const { matched, unmatched } = matchToServices(reading.establishments, services);
  const providerOf = new Map(services.map((service) => [service.id, service.providerId]));
  const today = isoDateInLondon(new Date());
  const isRecorded = (fhrsId: string, ratedOn: string | null, rating: string) => {
    const earlier = recorded.filter((entry) => entry.externalId === fhrsId);
    // Without a rating date, the same status as last time is the same rating.
    return ratedOn ? earlier.some((entry) => entry.occurredOn === ratedOn) : earlier.at(-1)?.rating === rating;
  };
  const rows = matched.flatMap(({ establishment, serviceId }) => {
    const rating = ratingText(establishment.rating);
    if (isRecorded(establishment.fhrsId, establishment.ratedOn, rating)) return [];
    return [
      newEntry(organisation.id, actor.userId, {
        serviceId,
        providerId: providerOf.get(serviceId)!,
        kind: 'food-hygiene',
        category: 'rating',
        occurredOn: establishment.ratedOn ?? today,
        summary: `Food hygiene rating ${ratingLabel(rating)} for ${establishment.businessName}.`,
        source: FSA_SOURCE,
        rating,
        externalId: establishment.fhrsId,
      }),
    ];
  });
  await insertAndAudit(db, actor, 'intelligence.food-hygiene', rows);
  return {
    organisation: organisation.name,
    read: reading.establishments.length,
    rejected: reading.rejected,
    matched: matched.length,
    added: rows.length,
    alreadyRecorded: matched.length - rows.length,
    unmatched: unmatched.map(({ establishment, reason }) => ({
      fhrsId: establishment.fhrsId,
      businessName: establishment.businessName,
      postcode: establishment.postcode,
      reason,
    })),
  };
}
