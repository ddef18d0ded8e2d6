// Ranking providers who accept an offer, by the vehicle's rule (report 004 §6 for tiers; a
// quality/price weighting such as 60/40 otherwise), and recording the person's choice: under the
// Care Act a person may choose another provider than the first ranked, with a reason.
import { formatPence } from '../../platform/domain/money.ts';
import type { CascadeStep } from './cascade.ts';

export type RankingRule = { rule: 'tier-rank' } | { rule: 'quality-price'; qualityPercent: number };
export const RANKING_RULES = ['tier-rank', 'quality-price'] as const;

export interface Acceptance {
  offerId: string;
  providerId: string;
  providerName: string;
  step: CascadeStep;
  /** The provider's quality score out of 100 (its evaluated score on the vehicle), when known. */
  qualityScore: number | null;
  weeklyPricePence: number;
  /** When it accepted, ISO date-time: earlier wins a tie. */
  respondedAt: string;
}

export interface RankedAcceptance extends Acceptance {
  rank: number;
  /** Out of 100 under quality-price; null under tier-rank. */
  weightedScore: number | null;
  reason: string;
}

const STEP_ORDER: Record<CascadeStep, number> = { tier1: 0, tier2: 1, specialist: 2, 'off-framework': 3 };
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Ranks the acceptances, best first, each with why it stands where it does. */
export function rankAcceptances(acceptances: readonly Acceptance[], ranking: RankingRule): RankedAcceptance[] {
  if (acceptances.length === 0) return [];
  const lowest = Math.min(...acceptances.map((acceptance) => acceptance.weeklyPricePence));
  const weighted = (acceptance: Acceptance) => {
    if (ranking.rule !== 'quality-price') return null;
    const quality = (acceptance.qualityScore ?? 0) * (ranking.qualityPercent / 100);
    const price =
      acceptance.weeklyPricePence === 0
        ? 100 - ranking.qualityPercent
        : (lowest / acceptance.weeklyPricePence) * (100 - ranking.qualityPercent);
    return round2(quality + price);
  };
  const scored = acceptances.map((acceptance) => ({ ...acceptance, weightedScore: weighted(acceptance) }));
  scored.sort((a, b) => {
    const byRule =
      ranking.rule === 'quality-price'
        ? b.weightedScore! - a.weightedScore!
        : STEP_ORDER[a.step] - STEP_ORDER[b.step] ||
          (b.qualityScore ?? -1) - (a.qualityScore ?? -1) ||
          a.weeklyPricePence - b.weeklyPricePence;
    return byRule || (a.respondedAt < b.respondedAt ? -1 : a.respondedAt > b.respondedAt ? 1 : 0);
  });
  return scored.map((acceptance, i) => ({
    ...acceptance,
    rank: i + 1,
    reason:
      ranking.rule === 'quality-price'
        ? `${acceptance.weightedScore} of 100: quality ${acceptance.qualityScore ?? 'not scored'} at ${ranking.qualityPercent}%, price ${formatPence(acceptance.weeklyPricePence)} a week against the lowest ${formatPence(lowest)} at ${100 - ranking.qualityPercent}%`
        : `${acceptance.step === 'tier1' ? 'Tier 1' : acceptance.step === 'tier2' ? 'Tier 2' : acceptance.step === 'specialist' ? 'Specialist' : 'Off framework'}, quality ${acceptance.qualityScore ?? 'not scored'}, ${formatPence(acceptance.weeklyPricePence)} a week`,
  }));
}

/** A choice other than the first ranked needs the person's or family's reason (Care Act choice). */
export function choiceProblem(
  ranked: readonly RankedAcceptance[],
  chosenOfferId: string,
  reason: string,
): string | undefined {
  const chosen = ranked.find((acceptance) => acceptance.offerId === chosenOfferId);
  if (!chosen) return 'Choose one of the providers who accepted';
  if (chosen.rank > 1 && reason.trim() === '')
    return `Give the reason for choosing ${chosen.providerName} over ${ranked[0]!.providerName}, ranked first`;
  return undefined;
}
