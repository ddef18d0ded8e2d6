// Loads the demo county's brokerage through the same services people use: the DPS's rate cards,
// schemes and their units, people with their assessments and placements, referrals at each step
// of the cascade, and one provider under embargo.
import type { Db } from '../platform/db/client.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { addDays, isoDateInLondon } from '../platform/domain/calendar.ts';
import { zonesOf } from '../organisations/service.ts';
import { vehicleMarket } from '../procurement/market-service.ts';
import * as people from '../brokerage/people-service.ts';
import * as schemes from '../brokerage/scheme-service.ts';
import { sendOffers } from '../brokerage/cascade-service.ts';
import * as placements from '../brokerage/new-placement-service.ts';
import { requestOffFramework } from '../brokerage/off-framework-service.ts';
import { respondToOffer } from '../brokerage/offer-service.ts';
import { createRateCard } from '../brokerage/price-service.ts';
import * as referrals from '../brokerage/referral-service.ts';
import { issueContractAction } from '../quality/contract-action-service.ts';
import { generateDemoBrokerage } from './domain/demo-brokerage.ts';
import type { DemoMarket } from './procurement.ts';

export interface BrokerageStaff {
  commissioner: CurrentUser;
  finance: CurrentUser;
  brokerage: CurrentUser;
  socialWorker: CurrentUser;
  quality: CurrentUser;
}

const WEEKLY_2019 = {
  'highly-complex': { '1': 210_000, '2-3': 175_000, '4-6': 155_000, '7+': 145_000 },
  complex: { '1': 150_000, '2-3': 118_000, '4-6': 104_500, '7+': 98_000 },
  'less-complex': { '1': 80_000, '2-3': 62_000, '4-6': 54_000, '7+': 50_000 },
};
const HOURLY_2019 = { supportHour: 2_040, oneToOneHour: 2_140, sleepInNight: 9_800, wakingNightHour: 2_040 };

export async function loadDemoBrokerage(
  db: Db,
  organisationId: string,
  providerIds: readonly string[],
  market: DemoMarket,
  staff: BrokerageStaff,
): Promise<void> {
  const today = isoDateInLondon(new Date());
  const plan = generateDemoBrokerage(today);
  const zones = await zonesOf(db, organisationId);
  const dps = (await vehicleMarket(db, organisationId, market.dpsId))!;

  await createRateCard(db, staff.finance, market.dpsId, {
    effectiveFrom: '2019-04-01',
    weekly: WEEKLY_2019,
    hourly: HOURLY_2019,
  });
  // The April 2026 card comes from the approved uplift (demo/uplift.ts), which reprices the
  // placements running from then.

  /** The DPS providers of a zone and band, each with its membership there. */
  const holders = (zone: number, band: string) =>
    dps.memberships.filter((m) => m.zoneId === zones[zone]!.id && m.band === band && m.status === 'active');
  /** Each scheme's care provider and its membership, chosen once. */
  const careOf = plan.schemes.map((scheme) => {
    const holder = holders(scheme.zone, scheme.band);
    return holder[scheme.provider % holder.length]!;
  });
  // Every scheme with its units at once, each unit's history recorded as of the day it became available.
  const created = await schemes.createSchemes(
    db,
    staff.brokerage,
    plan.schemes.map((scheme, i) => ({
      input: {
        name: scheme.name,
        housingProviderName: scheme.housingProviderName,
        housingProviderRegistration: scheme.housingProviderRegistration,
        addressLine1: scheme.addressLine1,
        townCity: scheme.townCity,
        postcode: scheme.postcode,
        zoneId: zones[scheme.zone]!.id,
        accommodationBand: scheme.band,
        careProviderId: careOf[i]!.providerId,
        membershipId: careOf[i]!.membershipId,
        coreMinutesPerWeek: scheme.coreMinutesPerWeek,
        nightCover: scheme.nightCover,
        expectedReadyOn: scheme.expectedReadyOn,
      },
      units: scheme.units.map((unit) => ({
        ...unit,
        features: unit.features as never[],
        availableFrom: scheme.availableFrom,
      })),
      recordedOn: scheme.availableFrom,
    })),
  );
  const unitIds = created.map(({ units }, i) =>
    plan.schemes[i]!.units.map((unit) => units.find((candidate) => candidate.name === unit.name)!.id),
  );

  // Hundreds of people at once, each with the assessment that places them in a band.
  const personIds = (
    await people.createPeople(
      db,
      staff.socialWorker,
      plan.people.map((person) => ({
        name: person.name,
        dateOfBirth: person.dateOfBirth,
        caseReference: person.caseReference,
        clientGroups: person.clientGroups as never[],
        homeZoneId: person.inCounty ? zones[person.zone]!.id : null,
        inCounty: person.inCounty,
        paymentRoute: person.paymentRoute,
        funding: person.funding,
        contributionPence: person.contributionPence,
      })),
    )
  ).map((row) => row.id);
  await people.recordAssessments(
    db,
    staff.socialWorker,
    plan.people.map((person, i) => ({
      personId: personIds[i]!,
      input: {
        assessedOn: addDays(today, -45),
        assessorName: staff.socialWorker.name,
        scores: person.scores,
        oneToOneMinutesPerWeek: person.oneToOneMinutesPerWeek,
        nightSupport: person.nightSupport,
        requiredFeatures: person.requiredFeatures as never[],
        traits: person.traits as never[],
        avoids: person.avoids as never[],
      },
    })),
  );

  // Every placement at once, each checked and priced as it would be on its own.
  await placements.createPlacements(
    db,
    staff.brokerage,
    plan.placements.map((placement) => {
      const person = plan.people[placement.person]!;
      const care = {
        personId: personIds[placement.person]!,
        startsOn: placement.startsOn,
        oneToOneMinutesPerWeek: person.oneToOneMinutesPerWeek,
        nightSupport: person.nightSupport,
      };
      if ('scheme' in placement) {
        const holder = careOf[placement.scheme]!;
        return {
          ...care,
          unitId: unitIds[placement.scheme]![placement.unit],
          providerId: holder.providerId,
          membershipId: holder.membershipId,
          priceBasis: 'banded',
        };
      }
      // Out of county: spot purchases from providers off the DPS, from before it or where it has nobody.
      if (placement.offFramework)
        return {
          ...care,
          providerId: providerIds[20 + (placement.provider % 40)]!,
          offFrameworkReason: 'Placed out of county before the DPS; repatriation under review',
          agreedWeeklyPricePence: placement.weeklyPricePence,
        };
      // Every zone and band has DPS providers: each admitted provider holds two zones in every band.
      const local = holders(person.zone, person.band);
      const holder = local[placement.provider % local.length]!;
      return { ...care, providerId: holder.providerId, membershipId: holder.membershipId, priceBasis: 'hourly' };
    }),
  );

  await loadDemoReferrals(
    db,
    plan.waiting.map((index) => personIds[index]!),
    zones[0]!.id,
    market,
    staff,
    today,
    providerIds[60]!,
  );
}

/** Five people waiting, at each step: new, offered, accepted and to be chosen, refused by all, and an off-framework request awaiting approval. */
async function loadDemoReferrals(
  db: Db,
  waiting: readonly string[],
  northId: string,
  market: DemoMarket,
  staff: BrokerageStaff,
  today: string,
  offFrameworkProviderId: string,
): Promise<void> {
  const users = [...market.providerUsers.values()];
  const userOf = (providerId: string) => users.find((user) => user.providerId === providerId)!;
  // The last DPS provider is placed under embargo at the end; nobody accepts on its behalf.
  const embargoedId = market.providerUsers.get(9)!.providerId!;
  const answerAll = async (
    referralId: string,
    answer: (providerId: string, i: number) => Parameters<typeof respondToOffer>[3],
  ) => {
    const detail = await referrals.getReferral(db, staff.brokerage, referralId);
    for (const [i, offer] of detail.steps.flatMap((step) => step.offers).entries())
      await respondToOffer(db, userOf(offer.providerId), offer.id, answer(offer.providerId, i));
  };
  const refer = async (personId: string) =>
    (
      await referrals.createReferral(db, staff.socialWorker, {
        personId,
        vehicleId: market.dpsId,
        startBy: addDays(today, 28),
        zoneIds: [northId],
        urgency: 'routine',
        notes: 'Wants to live near their day centre in Northmoor',
      })
    ).referral.id;
  const decline = { response: 'decline', declineReason: 'capacity' } as const;

  // Brokerage is loaded before quality rates any service: no provider is Red yet.
  const send = (referralId: string) => sendOffers(db, staff.brokerage, referralId, {}, new Map());

  await refer(waiting[0]!);
  await send(await refer(waiting[1]!));
  const choosing = await refer(waiting[2]!);
  await send(choosing);
  let accepted = false;
  await answerAll(choosing, (providerId) => {
    if (accepted || providerId === embargoedId) return decline;
    accepted = true;
    return { response: 'accept', unitId: null, startsOn: addDays(today, 21), oneToOneMinutesPerWeek: 600 };
  });
  const refused = await refer(waiting[3]!);
  await send(refused);
  await answerAll(refused, () => decline);
  const offFramework = await refer(waiting[4]!);
  await send(offFramework);
  await answerAll(offFramework, () => ({
    response: 'decline',
    declineReason: 'skills',
    declineNote: 'No staff trained in positive behaviour support',
  }));
  await requestOffFramework(db, staff.brokerage, offFramework, {
    providerId: offFrameworkProviderId,
    reason: 'No DPS provider in North has staff trained in positive behaviour support this quarter',
  });

  // One provider under embargo after a safeguarding concern, a contract action that places brokerage's
  // embargo: the shortlist and cascade say so.
  await issueContractAction(db, staff.quality, {
    kind: 'embargo',
    providerId: embargoedId,
    reason: 'Safeguarding enquiry open: no new placements until the quality review',
    startsOn: addDays(today, -10),
  });
}
