// A provider whose service the council's early-warning risk dashboard rates Red is flagged where a
// person's provider is chosen, not barred (report 003 §2.1: assessors use the dashboard when
// helping people choose): offering it the work, or placing with it, needs the reason to go ahead,
// and the reason is kept with what was done.

/** A provider rated Red where the person would be placed, with the dashboard's reasons. */
export interface RedRating {
  providerName: string;
  /** The colour and its top reasons in one line, as the dashboard says it. */
  headline: string;
}

/** The field asking why, as the pages label it and as a refusal names it. */
export const RED_REASON_LABEL = 'Why go ahead with a Red-rated provider';

/** The Red-rated providers among those about to be offered the work or chosen, in their order. */
export function redAmong(providerIds: readonly string[], red: ReadonlyMap<string, RedRating>): RedRating[] {
  return [...new Set(providerIds)].flatMap((id) => {
    const rating = red.get(id);
    return rating ? [rating] : [];
  });
}

/** Going ahead with a Red-rated provider needs a reason; undefined when none is Red or a reason is given. */
export function redGoAheadProblem(red: readonly RedRating[], reason: string | null | undefined): string | undefined {
  if (red.length === 0 || (reason ?? '').trim() !== '') return undefined;
  const names = red.map((rating) => rating.providerName).join(', ');
  return `Enter why you go ahead with a Red-rated provider (${names})`;
}

/** What the audit trail keeps of going ahead: each Red provider with its reasons, and why; nothing when none is Red. */
export function redGoAheadRecord(red: readonly RedRating[], reason: string | null | undefined) {
  if (red.length === 0) return {};
  return {
    redRated: red.map((rating) => `${rating.providerName}: ${rating.headline}`),
    redGoAheadReason: reason ?? '',
  };
}
