// What makes a provider's acceptance of an offer one the council can act on: a vacancy of its own
// that suits the person (or support in their own home), a start date not in the past, and a price
// only where the vehicle's prices are not fixed by its rate card.
import type { FieldError } from '../../platform/domain/field-error.ts';

export interface Acceptance {
  /** The vacancy proposed, or null for support in the person's own home. */
  unitId: string | null;
  startsOn: string;
  weeklyPricePence: number | null;
}

export interface AcceptanceContext {
  providerId: string;
  today: string;
  pricesFixed: boolean;
  personName: string;
  /** The shortlist's vacancies that suit the person, by their care provider. */
  suitable: readonly { unitId: string; careProviderId: string | null }[];
  /** Those that do not, with every reason. */
  excluded: readonly { unitId: string; careProviderId: string | null; reasons: readonly string[] }[];
}

/** Every problem with the acceptance, each on its field; empty when it can be acted on. */
export function acceptanceProblems(acceptance: Acceptance, context: AcceptanceContext): FieldError[] {
  const problems: FieldError[] = [];
  if (acceptance.unitId) {
    const suitable = context.suitable.find((entry) => entry.unitId === acceptance.unitId);
    const excluded = context.excluded.find((entry) => entry.unitId === acceptance.unitId);
    if (suitable?.careProviderId !== context.providerId) {
      problems.push({
        field: 'unitId',
        message:
          excluded?.careProviderId === context.providerId
            ? `That vacancy does not suit ${context.personName}: ${excluded.reasons.join('; ')}`
            : 'Choose one of your own vacancies, or support in their own home',
      });
    }
  }
  if (acceptance.startsOn < context.today)
    problems.push({ field: 'startsOn', message: 'The start date cannot be in the past' });
  if (context.pricesFixed && acceptance.weeklyPricePence !== null) {
    problems.push({
      field: 'weeklyPricePence',
      message: 'Prices on this vehicle are fixed by the rate card: leave the price out',
    });
  }
  if (!context.pricesFixed && acceptance.weeklyPricePence === null) {
    problems.push({ field: 'weeklyPricePence', message: 'Enter your weekly price for this package' });
  }
  return problems;
}

/** A decline says why: for "other", in the provider's own words. */
export function declineProblems(decline: { declineReason: string; declineNote?: string | null }): FieldError[] {
  return decline.declineReason === 'other' && !decline.declineNote
    ? [{ field: 'declineNote', message: 'Say why you are declining' }]
    : [];
}
