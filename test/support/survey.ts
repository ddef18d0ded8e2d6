// Survey set-ups shared by the API and browser tests: a placement bought off framework, which needs
// no framework, scheme or rate card, and a one-time link to its survey.
import assert from 'node:assert/strict';
import { addDays, isoDateInLondon } from '../../src/platform/domain/calendar.ts';
import { assessedPerson } from './brokerage.ts';
import { api, type TestWorld } from './test-app.ts';

/** A current placement of the council's with Heron (or Kestrel, for `other_provider`), begun a month ago. */
export async function placementWith(world: TestWorld, of: 'provider' | 'other_provider' = 'provider'): Promise<string> {
  const person = await assessedPerson(world, { paymentRoute: 'individual-service-fund' });
  const placed = await api(world, 'brokerage_officer', 'POST', '/api/v1/placements', {
    personId: person.id,
    providerId: of === 'provider' ? world.providerId : world.otherProviderId,
    startsOn: addDays(isoDateInLondon(new Date()), -30),
    oneToOneMinutesPerWeek: 600,
    nightSupport: 'none',
    offFrameworkReason: 'No framework provider could support him at home',
    agreedWeeklyPricePence: 95_000,
  });
  assert.equal(placed.statusCode, 201, placed.body);
  return placed.json().id as string;
}

/** A one-time link to the placement's survey, made by a quality officer: its path, with the secret. */
export async function surveyLink(world: TestWorld, placementId: string, respondent = 'person'): Promise<string> {
  const made = await api(world, 'quality_officer', 'POST', `/api/v1/quality/placements/${placementId}/survey-links`, {
    respondent,
  });
  assert.equal(made.statusCode, 201, made.body);
  return new URL(made.json().url as string).pathname;
}
