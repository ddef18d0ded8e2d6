// What the referral services share: a referral read with everything its cascade and shortlist
// need, a referral the viewer may act on, a change made only while it is still in a given status,
// and the placement a referral ends in.
import type { Db, Tx } from '../platform/db/client.ts';
import { staffOrganisation } from '../platform/auth/current-user.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { WorkingDays, type Nation } from '../platform/domain/calendar.ts';
import { isUuid } from '../platform/domain/ids.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { bankHolidays } from '../platform/reference/reference-data.ts';
import { zoneNamesOf } from '../organisations/service.ts';
import { vehicleMarket, type VehicleMarket } from '../procurement/market-service.ts';
import type { LotServiceType, NeedBand } from '../procurement/domain/vehicles.ts';
import { providerNames, providerSpecialisms } from '../providers/service.ts';
import type { CascadeProvider } from './domain/cascade.ts';
import type { CompatibilityProfile, NightSupport } from './domain/people.ts';
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from './domain/referrals.ts';
import { shortlist, type Shortlist, type ShortlistVacancy } from './domain/shortlist.ts';
import { embargoedProviders } from './embargo-service.ts';
import { createPlacement } from './new-placement-service.ts';
import { needsOf, type CurrentNeeds } from './people-service.ts';
import type { PlacementView } from './placement-service.ts';
import { describeSchemes, vacanciesIn, type Vacancy } from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './referral-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

export interface ShortlistEntry extends ShortlistVacancy {
  vacancy: Vacancy;
}

/** The person, their current needs and the vehicle a referral is for: what every view of it shows. */
export interface ReferralBasics {
  referral: repository.ReferralRow;
  person: peopleRepository.PersonRow;
  needs: CurrentNeeds;
  market: VehicleMarket;
  zoneNames: Map<string, string>;
}

/** Everything the cascade and the shortlist need about one referral, read once. */
export interface ReferralContext extends ReferralBasics {
  embargoes: Map<string, string>;
  shortlist: Shortlist<ShortlistEntry>;
  providers: CascadeProvider[];
  calendar: WorkingDays;
}

/** Reads what every view of a referral shows. */
export async function basicsOf(db: Db, referral: repository.ReferralRow): Promise<ReferralBasics> {
  const { organisationId } = referral;
  const [person, latest, market, zoneNames] = await Promise.all([
    peopleRepository.personById(db, organisationId, referral.personId),
    peopleRepository.latestAssessments(db, organisationId, [referral.personId]),
    vehicleMarket(db, organisationId, referral.vehicleId),
    zoneNamesOf(db, organisationId),
  ]);
  // A referral is only made for an assessed person, under one of the organisation's vehicles.
  return { referral, person: person!, needs: needsOf(latest.get(referral.personId)!), market: market!, zoneNames };
}

const profileOf = (person: peopleRepository.PersonRow, needs: CurrentNeeds | undefined): CompatibilityProfile => ({
  personId: person.id,
  name: person.name,
  traits: needs?.compatibility.traits ?? [],
  avoids: needs?.compatibility.avoids ?? [],
  mustNotLiveWith: needs?.compatibility.mustNotLiveWith ?? [],
});

/** Reads a referral with the shortlist of today's vacancies and the providers its cascade may offer it to. */
export async function contextOf(db: Db, referral: repository.ReferralRow, today: string): Promise<ReferralContext> {
  const { organisationId } = referral;
  const [basics, embargoes, views] = await Promise.all([
    basicsOf(db, referral),
    embargoedProviders(db, organisationId, today),
    schemeRepository.schemesOf(db, { organisationId }).then((rows) => describeSchemes(db, rows, today)),
  ]);
  const { person, needs, market, zoneNames } = basics;
  const vacancies = vacanciesIn(views);
  const schemesWithVacancies = new Set(vacancies.map((vacancy) => vacancy.schemeId));
  const tenantIds = views
    .filter((view) => schemesWithVacancies.has(view.scheme.id))
    .flatMap((view) => view.units.flatMap((unit) => (unit.tenancy ? [unit.tenancy.personId] : [])));
  const [tenants, tenantNeeds] = await Promise.all([
    peopleRepository.peopleByIds(db, organisationId, tenantIds),
    peopleRepository.latestAssessments(db, organisationId, tenantIds),
  ]);
  const tenantProfiles = new Map(
    tenants.map((tenant) => [
      tenant.id,
      profileOf(tenant, tenantNeeds.has(tenant.id) ? needsOf(tenantNeeds.get(tenant.id)!) : undefined),
    ]),
  );
  const membershipStatus = new Map(
    market.memberships.map((membership) => [membership.membershipId, membership.status]),
  );
  const entries = vacancies.map((vacancy): ShortlistEntry => {
    const embargo = vacancy.careProviderId ? embargoes.get(vacancy.careProviderId) : undefined;
    const status = vacancy.membershipId ? membershipStatus.get(vacancy.membershipId) : undefined;
    const view = views.find((candidate) => candidate.scheme.id === vacancy.schemeId)!;
    return {
      vacancy,
      unitId: vacancy.unitId,
      zoneId: vacancy.zoneId,
      accommodationBand: vacancy.accommodationBand,
      features: vacancy.features,
      providerName: vacancy.careProviderName ?? 'no care provider',
      providerBlocked: embargo
        ? `under an embargo on new placements: ${embargo}`
        : status === 'suspended' || status === 'removed'
          ? `membership ${status}`
          : undefined,
      readyOn: vacancy.expectedReadyOn ?? undefined,
      tenants: view.units.flatMap((unit) =>
        unit.tenancy && tenantProfiles.has(unit.tenancy.personId) ? [tenantProfiles.get(unit.tenancy.personId)!] : [],
      ),
    };
  });
  const list = shortlist(
    {
      ...profileOf(person, needs),
      band: needs.band,
      requiredFeatures: needs.requiredFeatures,
      zoneIds: referral.zoneIds,
      startBy: referral.startBy,
    },
    entries,
    zoneNames,
  );
  const providerIds = [...new Set(market.memberships.map((membership) => membership.providerId))];
  const [names, specialisms] = await Promise.all([
    providerNames(db, providerIds),
    providerSpecialisms(db, providerIds),
  ]);
  const withSuitableVacancy = new Set(list.suitable.map((entry) => entry.vacancy.careProviderId));
  const providers = providerIds.map((providerId): CascadeProvider => ({
    providerId,
    name: names.get(providerId) ?? '',
    specialisms: specialisms.get(providerId) ?? [],
    embargo: embargoes.get(providerId),
    hasSuitableVacancy: withSuitableVacancy.has(providerId),
    memberships: market.memberships
      .filter((membership) => membership.providerId === providerId)
      .map((membership) => ({
        membershipId: membership.membershipId,
        zoneId: membership.zoneId,
        band: membership.band as NeedBand,
        serviceType: membership.serviceType as LotServiceType,
        tier: membership.tier,
        status: membership.status,
      })),
  }));
  return {
    ...basics,
    embargoes,
    shortlist: list,
    providers,
    calendar: WorkingDays.forNations(bankHolidays(), [market.nation as Nation]),
  };
}

/** A referral of the viewer's organisation, for one of `roles`; any other is not found. */
export async function referralOf(
  db: Db,
  viewer: CurrentUser,
  id: string,
  roles: readonly Role[],
): Promise<repository.ReferralRow> {
  const organisationId = staffOrganisation(viewer, roles);
  const referral = isUuid(id) ? await repository.referralById(db, id) : undefined;
  if (!referral || referral.organisationId !== organisationId) throw new NotFoundError();
  return referral;
}

/** Runs `change` on the locked referral, if it is still in one of `statuses`. */
export async function withReferral(
  db: Db,
  referral: repository.ReferralRow,
  statuses: readonly ReferralStatus[],
  change: (tx: Tx, locked: repository.ReferralRow) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const locked = await repository.lockReferral(tx, referral.organisationId, referral.id);
    if (!locked || !statuses.includes(locked.status as ReferralStatus))
      throw new ConflictError(
        `This referral is now: ${REFERRAL_STATUS_LABELS[(locked?.status ?? 'withdrawn') as ReferralStatus].toLowerCase()}`,
      );
    await change(tx, locked);
  });
}

/** Where and how a referred person is placed: the provider, its membership (none off framework) and the care. */
export interface ReferralPlacement {
  providerId: string;
  membershipId: string | null;
  offFrameworkReason?: string | null;
  unitId: string | null;
  startsOn: string;
  oneToOneMinutesPerWeek: number;
  nightSupport: NightSupport;
  agreedWeeklyPricePence: number | null;
}

/**
 * Makes the placement a referral ends in: banded in a scheme, hourly in the person's own home. In
 * the placement's transaction the referral, if it is still `from`, closes as placed (after `alsoClose`).
 */
export async function placeReferral(
  db: Db,
  viewer: CurrentUser,
  referral: repository.ReferralRow,
  placement: ReferralPlacement,
  link: {
    offerId: string | null;
    choiceReason: string | null;
    /** More for the placement's audit event (why brokerage went ahead with a Red-rated provider). */
    audited?: Record<string, unknown>;
    from: ReferralStatus;
    alsoClose?: (tx: Db) => Promise<void>;
  },
): Promise<PlacementView> {
  const result = await createPlacement(
    db,
    viewer,
    { personId: referral.personId, ...placement, priceBasis: placement.unitId ? 'banded' : 'hourly' },
    undefined,
    {
      referralId: referral.id,
      offerId: link.offerId,
      choiceReason: link.choiceReason,
      audited: link.audited,
      alsoInTransaction: async (tx) => {
        const locked = await repository.lockReferral(tx, referral.organisationId, referral.id);
        if (locked?.status !== link.from) throw new ConflictError('This referral has changed: reload it');
        await link.alsoClose?.(tx);
        await repository.updateReferral(tx, referral.organisationId, referral.id, {
          status: 'placed',
          updatedAt: new Date(),
        });
      },
    },
  );
  return result.placement;
}
