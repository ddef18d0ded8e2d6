// The planning page: the waiting list (open referrals not yet placed) against today's vacancies,
// matched exactly by the pure matching function, beside what first come, first served would give.
import type { Db } from '../platform/db/client.ts';
import { staffOrganisation } from '../platform/auth/current-user.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { isoDateInLondon } from '../platform/domain/calendar.ts';
import { zoneNamesOf } from '../organisations/service.ts';
import { membershipForPlacement, type MembershipForPlacement } from '../procurement/market-service.ts';
import { matchingPlan, type MatchInput } from './domain/matching.ts';
import { FEATURE_LABELS, incompatibility, type CompatibilityProfile } from './domain/people.ts';
import { NEED_BAND_LABELS } from '../procurement/domain/vehicles.ts';
import { needsOf } from './people-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import { describeSchemes, vacanciesIn } from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as referralRepository from './referral-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

const WAITING = ['new', 'offering', 'needs-off-framework'];

export interface LivePlan {
  plan: ReturnType<typeof matchingPlan>;
  referralLabels: Record<string, string>;
  vacancyLabels: Record<string, string>;
  /** Vacancies without a rate card price in force today, counted at £0 a week. */
  unpriced: number;
}

export async function planFromLiveData(db: Db, viewer: CurrentUser): Promise<LivePlan> {
  const organisationId = staffOrganisation(viewer, ['brokerage_officer', 'commissioner']);
  const today = isoDateInLondon(new Date());
  const [{ rows: waiting }, views, zoneNames] = await Promise.all([
    referralRepository.findReferrals(db, { organisationId, statuses: WAITING }, 0, 10_000),
    schemeRepository.schemesOf(db, { organisationId }).then((rows) => describeSchemes(db, rows, today)),
    zoneNamesOf(db, organisationId),
  ]);
  const tenantIds = views.flatMap((view) =>
    view.units.flatMap((unit) => (unit.tenancy ? [unit.tenancy.personId] : [])),
  );
  const personIds = [...new Set([...waiting.map((referral) => referral.personId), ...tenantIds])];
  const [people, needs] = await Promise.all([
    peopleRepository.peopleByIds(db, organisationId, personIds),
    peopleRepository.latestAssessments(db, organisationId, personIds),
  ]);
  const personById = new Map(people.map((person) => [person.id, person]));
  const profile = (id: string): CompatibilityProfile => {
    const assessed = needs.get(id);
    const compatibility = assessed ? needsOf(assessed).compatibility : { traits: [], avoids: [], mustNotLiveWith: [] };
    return { personId: id, name: personById.get(id)?.name ?? '', ...compatibility };
  };

  const memberships = new Map<string, MembershipForPlacement | undefined>();
  for (const id of new Set(views.flatMap((view) => (view.scheme.membershipId ? [view.scheme.membershipId] : []))))
    memberships.set(id, await membershipForPlacement(db, organisationId, id));
  const vacancies = vacanciesIn(views).filter((vacancy) => vacancy.expectedReadyOn === null);
  let unpriced = 0;
  // Reasons name zones, bands and features as people know them, never by id or code.
  const input: MatchInput = {
    referrals: [],
    vacancies: [],
    names: {
      zone: (id) => zoneNames.get(id) ?? 'another zone',
      band: (band) => NEED_BAND_LABELS[band].toLowerCase(),
      feature: (code) => (FEATURE_LABELS as Record<string, string>)[code]?.toLowerCase() ?? code,
    },
  };
  for (const vacancy of vacancies) {
    const view = views.find((candidate) => candidate.scheme.id === vacancy.schemeId)!;
    const membership = vacancy.membershipId ? memberships.get(vacancy.membershipId) : undefined;
    const quote = await quotePackage(
      db,
      organisationId,
      membership,
      packageInputFor(view.scheme, view.tenants + 1, vacancy.accommodationBand, {
        priceBasis: 'banded',
        oneToOneMinutesPerWeek: 0,
        nightSupport: 'none',
      }),
      today,
      null,
    );
    if (!quote.price) unpriced += 1;
    input.vacancies.push({
      id: vacancy.unitId,
      scheme: vacancy.schemeId,
      zone: vacancy.zoneId,
      band: vacancy.accommodationBand,
      features: vacancy.features,
      providerTier: membership?.tier === 'tier1' ? 1 : 2,
      weeklyPricePence: quote.price?.weeklyPence ?? 0,
    });
  }
  for (const referral of waiting) {
    const assessed = needs.get(referral.personId);
    if (!assessed) continue;
    const current = needsOf(assessed);
    const incompatibleSchemes = views
      .filter((view) =>
        view.units.some(
          (unit) => unit.tenancy && incompatibility(profile(referral.personId), profile(unit.tenancy.personId)),
        ),
      )
      .map((view) => view.scheme.id);
    input.referrals.push({
      // A referral open to every zone may go anywhere; otherwise it is matched in its first-choice zone.
      id: referral.id,
      zone: referral.zoneIds[0]!,
      band: current.band,
      needs: current.requiredFeatures,
      anyZone: referral.zoneIds.length >= zoneNames.size,
      incompatibleSchemes,
    });
  }
  return {
    plan: matchingPlan(input),
    unpriced,
    referralLabels: Object.fromEntries(
      waiting.map((referral) => [referral.id, personById.get(referral.personId)?.name ?? '']),
    ),
    vacancyLabels: Object.fromEntries(
      vacancies.map((vacancy) => [vacancy.unitId, `${vacancy.schemeName}, ${vacancy.unitName} (${vacancy.zoneName})`]),
    ),
  };
}
