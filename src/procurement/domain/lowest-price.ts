// How often price decided: of the competitions a vehicle held (each lot's tenders in a round, each
// referral's priced proposals), how many went to the lowest-priced offer. Published per vehicle so
// anyone can see whether a council buys on price or on quality.

/** One competition: every price offered in it, and the prices of the offers chosen. */
export interface PricedCompetition {
  prices: readonly number[];
  chosen: readonly number[];
}

export interface LowestPriceShare {
  /** Competitions with at least two prices offered and at least one offer chosen. */
  competed: number;
  /** Of those, the ones where a chosen offer was (or tied for) the lowest price. */
  toLowest: number;
}

/** A competition of one price, or where nothing was chosen, says nothing about price and is left out. */
export function lowestPriceShare(competitions: readonly PricedCompetition[]): LowestPriceShare {
  const competed = competitions.filter(
    (competition) => competition.prices.length >= 2 && competition.chosen.length > 0,
  );
  return {
    competed: competed.length,
    toLowest: competed.filter((competition) => Math.min(...competition.chosen) <= Math.min(...competition.prices))
      .length,
  };
}

/** "3 of 4 (75%)", or why there is no share to give. */
export function shareText(share: LowestPriceShare, none: string): string {
  if (share.competed === 0) return none;
  return `${share.toLowest} of ${share.competed} (${Math.round((share.toLowest / share.competed) * 100)}%)`;
}
