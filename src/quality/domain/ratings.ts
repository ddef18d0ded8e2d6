// How an annual quality assessment is rated (report 003 §2.1: "each provider is given a rating for
// the service of Excellent, Good, Requires Improvement or Poor"). Each question is rated, or marked
// not assessed where it does not apply; a framework's rules roll question ratings up into a rating
// for each domain, and domain ratings into the overall rating. The rules are data, kept with the
// framework's version, and every roll-up says how it got its answer.
import { valuesOf } from '../../platform/domain/labels.ts';

export const RATING_LABELS = {
  excellent: 'Excellent',
  good: 'Good',
  'requires-improvement': 'Requires Improvement',
  poor: 'Poor',
} as const;
export const RATINGS = valuesOf(RATING_LABELS);
export type Rating = (typeof RATINGS)[number];

export const NOT_ASSESSED = 'not-assessed';
/** A question's rating: one of the four, or not assessed where it does not apply to the service. */
export type QuestionRating = Rating | typeof NOT_ASSESSED;
export const QUESTION_RATINGS: readonly QuestionRating[] = [...RATINGS, NOT_ASSESSED];
export const QUESTION_RATING_LABELS: Record<QuestionRating, string> = {
  ...RATING_LABELS,
  [NOT_ASSESSED]: 'Not assessed',
};

/** Excellent 4, Good 3, Requires Improvement 2, Poor 1. */
export const RATING_SCORES: Record<Rating, number> = { excellent: 4, good: 3, 'requires-improvement': 2, poor: 1 };

/**
 * How ratings roll up into one. Their average is banded: at least `bands.excellent` is Excellent,
 * and so on down; below the Requires Improvement band it is Poor. Bands are in hundredths of a
 * score (250 is an average of 2.5), so the sums are compared exactly. Then each cap applies: where
 * any rating below is `when`, the result is at most `atMost`.
 */
export interface RollUpRule {
  bands: { excellent: number; good: number; 'requires-improvement': number };
  caps: readonly { when: Rating; atMost: Rating }[];
}

export interface RolledUp {
  rating: QuestionRating;
  /** The average score, in hundredths (267 for 2.67); null where nothing was assessed. */
  averageHundredths: number | null;
  assessed: number;
  notAssessed: number;
  /** The cap that lowered the rating, where one did. */
  cappedBy: { when: Rating; from: Rating } | null;
  /** The working, in words: what was averaged, the band it fell in and any cap. */
  working: string;
}

const better = (a: Rating, b: Rating) => RATING_SCORES[a] > RATING_SCORES[b];

const twoPlaces = (hundredths: number) => (hundredths / 100).toFixed(2);

function banded(rule: RollUpRule, sum: number, count: number): Rating {
  // sum / count >= band / 100, in whole numbers.
  const atLeast = (band: number) => sum * 100 >= band * count;
  if (atLeast(rule.bands.excellent)) return 'excellent';
  if (atLeast(rule.bands.good)) return 'good';
  if (atLeast(rule.bands['requires-improvement'])) return 'requires-improvement';
  return 'poor';
}

/** The rule's band for `rating`, as people read it: "an average of 2.50 or more". */
function bandWords(rule: RollUpRule, rating: Rating): string {
  if (rating === 'poor') return `an average below ${twoPlaces(rule.bands['requires-improvement'])}`;
  return `an average of ${twoPlaces(rule.bands[rating])} or more`;
}

/** Rolls `ratings` up into one by `rule`; what is `of` names them in the working ("questions"). */
export function rollUp(rule: RollUpRule, ratings: readonly QuestionRating[], of: string): RolledUp {
  const assessed = ratings.filter((rating): rating is Rating => rating !== NOT_ASSESSED);
  const notAssessed = ratings.length - assessed.length;
  const skipped = notAssessed > 0 ? ` (${notAssessed} not assessed, left out)` : '';
  if (assessed.length === 0)
    return {
      rating: NOT_ASSESSED,
      averageHundredths: null,
      assessed: 0,
      notAssessed,
      cappedBy: null,
      working: `No ${of} assessed${skipped}, so not rated.`,
    };
  const sum = assessed.reduce((total, rating) => total + RATING_SCORES[rating], 0);
  const averageHundredths = Math.round((sum * 100) / assessed.length);
  const fromAverage = banded(rule, sum, assessed.length);
  let rating = fromAverage;
  let cappedBy: RolledUp['cappedBy'] = null;
  for (const cap of rule.caps)
    if (assessed.includes(cap.when) && better(rating, cap.atMost)) {
      cappedBy = { when: cap.when, from: fromAverage };
      rating = cap.atMost;
    }
  const average = `${assessed.length} ${of} assessed${skipped}, average ${twoPlaces(averageHundredths)}: ${RATING_LABELS[fromAverage]} (${bandWords(rule, fromAverage)}).`;
  const capped = cappedBy ? ` A ${RATING_LABELS[cappedBy.when]} rating caps it at ${RATING_LABELS[rating]}.` : '';
  return { rating, averageHundredths, assessed: assessed.length, notAssessed, cappedBy, working: average + capped };
}

/** A rule as the framework page states it, one line a band or cap. */
export function describeRule(rule: RollUpRule): string[] {
  return [
    ...RATINGS.map((rating) => `${RATING_LABELS[rating]}: ${bandWords(rule, rating)}`),
    ...rule.caps.map((cap) => `Any ${RATING_LABELS[cap.when]} rating makes it ${RATING_LABELS[cap.atMost]} at best`),
  ];
}

/** What makes a rule unusable, each problem in words; none for a good rule. */
export function ruleProblems(rule: RollUpRule, name: string): string[] {
  const { excellent, good } = rule.bands;
  const requiresImprovement = rule.bands['requires-improvement'];
  const problems: string[] = [];
  for (const [label, band] of [
    ['Excellent', excellent],
    ['Good', good],
    ['Requires Improvement', requiresImprovement],
  ] as const)
    if (!Number.isInteger(band) || band < 100 || band > 400)
      problems.push(`${name}: the ${label} band must be an average from 1.00 to 4.00`);
  if (!(excellent > good && good > requiresImprovement))
    problems.push(`${name}: the bands must fall from Excellent to Good to Requires Improvement`);
  for (const cap of rule.caps)
    if (!RATINGS.includes(cap.when) || !RATINGS.includes(cap.atMost))
      problems.push(`${name}: a cap must name two of the four ratings`);
    else if (better(cap.when, cap.atMost))
      problems.push(
        `${name}: a ${RATING_LABELS[cap.when]} rating cannot cap the result at the lower ${RATING_LABELS[cap.atMost]}`,
      );
  return problems;
}
