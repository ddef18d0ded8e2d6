// A subject access export: everything Hearth holds about one person, gathered through each part's
// service, as JSON and as the PDF an officer hands them. Producing one is audited. Other people's
// data stays out: who they must not live with is a count, and staff are named without their email.
import type { Db } from '../platform/db/client.ts';
import { eventsOfRecord, recordAuditAlone } from '../platform/audit/service.ts';
import { personDataOf, SHOWN_TO_PROVIDERS } from '../brokerage/person-data-service.ts';
import { surveyAnswersOfPlacements } from '../quality/survey-service.ts';
import { paymentsOfPlacements, type PersonPaymentLine } from '../pricing/payment-person-service.ts';
import { organisationsByIds, zoneNamesOf } from '../organisations/service.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { actingFor, personOf, RECORDS_OFFICERS, type Requester } from './access.ts';

export interface SubjectAccessExport {
  produced: { at: string; by: string; organisation: string };
  person: Record<string, unknown>;
  assessments: Record<string, unknown>[];
  referrals: Record<string, unknown>[];
  offers: Record<string, unknown>[];
  placements: (Record<string, unknown> & { priceHistory: Record<string, unknown>[] })[];
  /** Each line of a payment schedule that paid for their care. */
  payments: PersonPaymentLine[];
  surveyAnswers: Record<string, unknown>[];
  /** Who saw or changed the record, and when. */
  audit: { at: string; who: string; action: string }[];
}

/** "Ann Officer <ann@council.example>" → "Ann Officer": staff are named, their addresses are theirs. */
const nameOnly = (label: string) => label.replace(/\s*<[^>]*>$/, '');

/** Whom an export would be about, for the page that offers it: their name and case reference only. */
export async function subjectOf(
  db: Db,
  requester: Requester,
  personRef: string,
): Promise<{ id: string; name: string; caseReference: string }> {
  const acting = await actingFor(db, requester, RECORDS_OFFICERS);
  const data = await personDataOf(db, acting.organisationId, await personOf(db, acting, personRef));
  if (!data) throw new NotFoundError();
  return { id: data.person.id, name: data.person.name, caseReference: data.person.caseReference };
}

/** The person's data, for a requester who may hand it over; the export is recorded in the audit trail. */
export async function subjectAccessExport(
  db: Db,
  requester: Requester,
  personRef: string,
): Promise<SubjectAccessExport> {
  const acting = await actingFor(db, requester, RECORDS_OFFICERS);
  const personId = await personOf(db, acting, personRef);
  const data = await personDataOf(db, acting.organisationId, personId);
  if (!data) throw new NotFoundError();
  const placementIds = data.placements.map((row) => row.placement.id);
  const [surveys, payments, events, zoneNames, organisations] = await Promise.all([
    surveyAnswersOfPlacements(db, acting.organisationId, placementIds),
    paymentsOfPlacements(db, acting.organisationId, placementIds),
    eventsOfRecord(db, 'person', personId),
    zoneNamesOf(db, acting.organisationId),
    organisationsByIds(db, [acting.organisationId]),
  ]);
  const producedAt = new Date();
  const { person } = data;
  const result: SubjectAccessExport = {
    produced: {
      at: producedAt.toISOString(),
      by: nameOnly(acting.actor.label),
      organisation: organisations.get(acting.organisationId)?.name ?? '',
    },
    person: {
      name: person.name,
      dateOfBirth: person.dateOfBirth,
      caseReference: person.caseReference,
      nhsNumber: person.nhsNumber,
      clientGroups: person.clientGroups,
      homeZone: data.homeZoneName,
      inCounty: person.inCounty,
      paymentRoute: person.paymentRoute,
      funding: person.funding,
      status: person.status,
      weeklyContributionPence: person.contributionPence,
      transitionPathway: person.transitionPathway,
      recordCreatedAt: person.createdAt.toISOString(),
      recordUpdatedAt: person.updatedAt.toISOString(),
    },
    assessments: data.assessments.map((row) => ({
      assessedOn: row.assessedOn,
      assessor: row.assessorName,
      band: row.band,
      total: row.total,
      bandReason: row.bandReason,
      scores: row.scores,
      oneToOneMinutesPerWeek: row.oneToOneMinutesPerWeek,
      nightSupport: row.nightSupport,
      requiredFeatures: row.requiredFeatures,
      traits: row.traits,
      avoids: row.avoids,
      keptApartFromPeople: row.mustNotLiveWith.length,
    })),
    referrals: data.referrals.map((row) => ({
      madeAt: row.createdAt.toISOString(),
      startBy: row.startBy,
      urgency: row.urgency,
      zones: row.zoneIds.map((id) => zoneNames.get(id) ?? id),
      notes: row.notes,
      status: row.status,
      offFrameworkReason: row.offFrameworkReason,
    })),
    offers: data.offers.map(({ offer, providerName }) => ({
      provider: providerName,
      sentAt: offer.sentAt.toISOString(),
      answerBy: offer.respondBy,
      shownToProvider: SHOWN_TO_PROVIDERS,
      status: offer.status,
      answeredAt: offer.respondedAt?.toISOString() ?? null,
      declineReason: offer.declineReason,
      declineNote: offer.declineNote,
      proposal: offer.proposal,
    })),
    placements: data.placements.map((row) => ({
      provider: row.providerName,
      scheme: row.schemeName,
      unit: row.unitName,
      startsOn: row.placement.startsOn,
      endsOn: row.placement.endsOn,
      endReason: row.placement.endReason,
      oneToOneMinutesPerWeek: row.placement.oneToOneMinutesPerWeek,
      nightSupport: row.placement.nightSupport,
      paymentRoute: row.placement.paymentRoute,
      weeklyPricePence: row.placement.weeklyPricePence,
      weeklyContributionPence: row.placement.contributionPence,
      choiceReason: row.placement.choiceReason,
      priceHistory: row.prices.map((price) => ({
        from: price.effectiveFrom,
        weeklyPricePence: price.weeklyPricePence,
        reason: price.reason,
      })),
    })),
    payments,
    surveyAnswers: surveys.map((row) => ({
      answeredOn: row.answeredOn,
      respondent: row.respondent,
      method: row.method,
      answers: row.answers,
    })),
    audit: events.map((event) => ({
      at: event.occurredAt.toISOString(),
      who: nameOnly(event.actorLabel),
      action: event.action,
    })),
  };
  await recordAuditAlone(db, acting.actor, [
    {
      action: 'person.subject-access-export',
      recordType: 'person',
      recordId: personId,
      organisationId: acting.organisationId,
    },
  ]);
  return result;
}
