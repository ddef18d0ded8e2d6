// A scheme's care moving to another provider (TUPE): every current placement there ends and a new
// one starts on the same tenancy with the new provider, priced from its rate card.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import { actorOf, type CurrentUser, staffOrganisation } from '../platform/auth/current-user.ts';
import { addDays } from '../platform/domain/calendar.ts';
import type { Role } from '../platform/domain/roles.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { membershipForPlacement } from '../procurement/market-service.ts';
import type { NeedBand } from '../procurement/domain/vehicles.ts';
import type { NightSupport } from './domain/people.ts';
import { transferProblems } from './domain/placements.ts';
import { coreShareMinutes } from './domain/prices.ts';
import { embargoToday } from './embargo-service.ts';
import { schemeTransferInput, type SchemeTransferInput } from './input.ts';
import { describePlacements, type PlacementView } from './placement-service.ts';
import { packageInputFor, quotePackage } from './price-service.ts';
import { getScheme, SCHEME_MANAGERS, type SchemeView } from './scheme-service.ts';
import * as peopleRepository from './people-repository.ts';
import * as repository from './placement-repository.ts';
import * as schemeRepository from './scheme-repository.ts';

/**
 * Moves a scheme's care to another provider (a contract ending, or an unsuccessful provider's
 * services moving to a Tier 1 provider): people keep their homes and staff transfer under TUPE,
 * so every current placement there ends the day before and a new one starts on the same
 * tenancy with the new provider, priced from its rate card. All or nothing. Brokerage and
 * commissioners move care; quality, carrying out a transition plan, names its own `roles`.
 */
export async function transferScheme(
  db: Db,
  viewer: CurrentUser,
  schemeId: string,
  input: SchemeTransferInput,
  roles: readonly Role[] = SCHEME_MANAGERS,
): Promise<{ scheme: SchemeView; ended: number; started: PlacementView[] }> {
  const organisationId = staffOrganisation(viewer, roles);
  const transfer = parseOrThrow(schemeTransferInput, input);
  // Staff see only their own organisation's schemes: another council's is not found.
  const view = await getScheme(db, viewer, schemeId);
  const membership = await membershipForPlacement(db, organisationId, transfer.membershipId);
  const embargo = await embargoToday(db, organisationId, transfer.careProviderId);
  const tenancyIds = view.units.flatMap((unit) => (unit.tenancy ? [unit.tenancy.id] : []));
  const { rows: current } = await repository.findPlacements(db, { organisationId, tenancyIds, current: true });
  const problems = transferProblems({
    scheme: { ...view.scheme, careProviderName: view.careProviderName },
    careProviderId: transfer.careProviderId,
    transferOn: transfer.transferOn,
    membership,
    embargo,
    placementStarts: current.map((placement) => placement.startsOn),
  });
  if (problems.length > 0) throw new ValidationError(problems);
  const people = new Map(
    (
      await peopleRepository.peopleByIds(
        db,
        organisationId,
        current.map((placement) => placement.personId),
      )
    ).map((person) => [person.id, person]),
  );
  const tenants = view.tenants;
  const rows: repository.NewPlacement[] = [];
  for (const old of current) {
    const packageInput = packageInputFor(view.scheme, tenants, view.scheme.accommodationBand as NeedBand, {
      priceBasis: old.priceBasis as 'banded' | 'hourly',
      oneToOneMinutesPerWeek: old.oneToOneMinutesPerWeek,
      nightSupport: old.nightSupport as NightSupport,
    });
    const quote = await quotePackage(db, organisationId, membership, packageInput, transfer.transferOn, null);
    if (!quote.price)
      throw new ValidationError(quote.problems.map((problem) => ({ ...problem, field: 'membershipId' })));
    const person = people.get(old.personId)!;
    rows.push({
      ...old,
      id: randomUUID(),
      providerId: transfer.careProviderId,
      vehicleId: membership!.vehicleId,
      membershipId: membership!.membershipId,
      lotId: membership!.lotId,
      offFramework: false,
      offFrameworkReason: null,
      referralId: null,
      offerId: null,
      choiceReason: null,
      startsOn: transfer.transferOn,
      endsOn: null,
      endReason: null,
      coreShareMinutesPerWeek: coreShareMinutes(view.scheme.coreMinutesPerWeek, tenants),
      tenantsAtStart: tenants,
      funding: person.funding,
      paymentRoute: person.paymentRoute,
      priceBasis: quote.price.basis,
      weeklyPricePence: quote.price.weeklyPence,
      priceLines: quote.price.lines,
      rateCardId: quote.rateCardId ?? null,
      contributionPence: person.contributionPence,
      createdAt: new Date(),
      createdBy: viewer.id,
    });
  }
  const lastDay = addDays(transfer.transferOn, -1);
  await db.transaction(async (tx) => {
    for (const old of current) await repository.endPlacement(tx, organisationId, old.id, lastDay, 'provider-change');
    await repository.insertPlacements(tx, rows);
    await schemeRepository.updateScheme(tx, organisationId, schemeId, {
      careProviderId: transfer.careProviderId,
      membershipId: transfer.membershipId,
      updatedAt: new Date(),
    });
    await recordAudit(tx, actorOf(viewer), [
      {
        action: 'scheme.transfer',
        recordType: 'scheme',
        recordId: schemeId,
        reason: transfer.reason,
        before: { careProviderId: view.scheme.careProviderId, membershipId: view.scheme.membershipId },
        after: {
          careProviderId: transfer.careProviderId,
          membershipId: transfer.membershipId,
          transferOn: transfer.transferOn,
          placements: rows.length,
        },
      },
      ...rows.map((row) => ({
        action: 'placement.create',
        recordType: 'person',
        recordId: row.personId,
        after: {
          placement: row.id,
          scheme: view.scheme.name,
          providerId: row.providerId,
          startsOn: row.startsOn,
          weeklyPricePence: row.weeklyPricePence,
          lines: row.priceLines,
        },
        reason: 'Care moved to a new provider (TUPE)',
      })),
    ]);
  });
  return {
    scheme: await getScheme(db, viewer, schemeId),
    ended: current.length,
    started: await describePlacements(db, organisationId, rows),
  };
}
