// Brokerage set-ups shared by the API and page tests: assessed people, schemes with vacancies and a rate card.
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import type { SchemeInput } from '../../src/brokerage/input.ts';
import { api, type TestWorld } from './test-app.ts';

/** Scores that total 12 on the default matrix: complex needs. */
export const COMPLEX_SCORES = {
  'personal-care': 2,
  health: 2,
  behaviour: 2,
  communication: 2,
  risk: 1,
  'daily-living': 2,
  community: 1,
};

export const RATE_CARD = {
  effectiveFrom: '2026-04-01',
  weekly: { complex: { '1': 145_000, '2-3': 118_000, '4-6': 104_500 } },
  hourly: { supportHour: 2_385, oneToOneHour: 2_500, sleepInNight: 11_000, wakingNightHour: 2_385 },
};

let references = 0;

/** A person of the test council with complex needs (10 hours of 1:1 a week, a sleep-in), living in its first zone. */
export async function assessedPerson(
  world: TestWorld,
  extra: Record<string, unknown> = {},
  assessment: Record<string, unknown> = {},
) {
  references += 1;
  const created = await api(world, 'social_worker', 'POST', '/api/v1/people', {
    name: `Person ${references}`,
    dateOfBirth: '1990-05-17',
    caseReference: `LAS-${1000 + references}`,
    clientGroups: ['learning-disability'],
    homeZoneId: world.zoneIds[0],
    inCounty: true,
    paymentRoute: 'commissioned',
    funding: [{ stream: 'care-act', percent: 100 }],
    contributionPence: 2_500,
    ...extra,
  });
  assert.equal(created.statusCode, 201, created.body);
  const person = created.json();
  const assessed = await api(world, 'social_worker', 'POST', `/api/v1/people/${person.id}/assessments`, {
    assessedOn: addDays(isoDateInLondon(new Date()), -60),
    assessorName: 'Sam Social',
    scores: COMPLEX_SCORES,
    oneToOneMinutesPerWeek: 600,
    nightSupport: 'sleep-in',
    requiredFeatures: [],
    ...assessment,
  });
  assert.equal(assessed.statusCode, 201, assessed.body);
  return person as { id: string; name: string; caseReference: string };
}

/** A complex-band scheme in `zoneId` with the care provider and membership given, as brokerage enters it. */
export const complexScheme = (
  name: string,
  zoneId: string,
  care: { providerId: string; membershipId: string },
): SchemeInput => ({
  name,
  housingProviderName: 'Midland Heart',
  addressLine1: '1 Long Lane',
  townCity: 'Stafford',
  postcode: 'ST16 2LH',
  zoneId,
  careProviderId: care.providerId,
  membershipId: care.membershipId,
  coreMinutesPerWeek: 168 * 60,
  nightCover: 'sleep-in',
  accommodationBand: 'complex',
});

let schemes = 0;

/** A complex-band scheme with its care provider and membership, and void units with wheelchair access. */
export async function schemeWithVacancies(
  world: TestWorld,
  care: { providerId: string; membershipId: string; zoneId?: string },
  units: string[],
) {
  schemes += 1;
  const created = await api(world, 'brokerage_officer', 'POST', '/api/v1/schemes', {
    name: `Maple Court ${schemes}`,
    housingProviderName: 'Midland Heart',
    housingProviderRegistration: 'L0734',
    addressLine1: `${schemes} Maple Road`,
    townCity: 'Stafford',
    postcode: 'st16 2lh',
    zoneId: care.zoneId ?? world.zoneIds[0],
    accommodationBand: 'complex',
    careProviderId: care.providerId,
    membershipId: care.membershipId,
    coreMinutesPerWeek: 168 * 60,
    nightCover: 'sleep-in',
  });
  assert.equal(created.statusCode, 201, created.body);
  let scheme = created.json();
  for (const name of units)
    scheme = (
      await api(world, 'brokerage_officer', 'POST', `/api/v1/schemes/${scheme.scheme.id}/units`, {
        name,
        features: ['wheelchair-access'],
        availableFrom: addDays(isoDateInLondon(new Date()), -90),
      })
    ).json();
  return scheme as { scheme: { id: string; name: string }; units: { unit: { id: string; name: string } }[] };
}

/**
 * A newly assessed person placed in a unit with its scheme's care provider under a membership, from
 * 2 November 2026 with 10 hours of 1:1 and a sleep-in: the placement as the API gives it back.
 */
export async function placeNewPerson(
  world: TestWorld,
  care: { providerId: string; membershipId: string; unitId: string },
  extra: Record<string, unknown> = {},
) {
  const person = await assessedPerson(world);
  const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    unitId: care.unitId,
    providerId: care.providerId,
    membershipId: care.membershipId,
    startsOn: '2026-11-02',
    oneToOneMinutesPerWeek: 600,
    nightSupport: 'sleep-in',
    ...extra,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  return { ...(placed.json() as { id: string; weeklyPricePence: number }), person };
}

/** Sets a rate card on a vehicle as the test council's commissioner, checking it was taken. */
export async function setRateCard(world: TestWorld, vehicleId: string, card: Record<string, unknown> = RATE_CARD) {
  const set = await api(world, 'commissioner', 'POST', `/api/v1/vehicles/${vehicleId}/rate-cards`, card);
  assert.equal(set.statusCode, 201, set.body);
  return set.json() as { id: string; effectiveFrom: string };
}
