// The demo county's year of quality assessments, as pure data: which services got which result and
// when, each question's rating, and the action plans of those below Good. Most are Good; some
// Require Improvement with plans still open, two are Poor, one Excellent; a few are overdue (an
// old assessment, or none since the contract began); and one waits for its provider's reply.
import { addDays, type IsoDate } from '../../platform/domain/calendar.ts';

type Rating = 'excellent' | 'good' | 'requires-improvement' | 'poor';
export type DemoOutcome = Rating | 'overdue-old' | 'never-assessed' | 'awaiting-reply';

const DOMAINS = ['I', 'P', 'S', 'W', 'M'] as const;

/** Each domain's four question ratings for an outcome: the framework's rules roll them up to it. */
const PATTERNS: Record<Rating, Record<(typeof DOMAINS)[number], Rating[]>> = {
  excellent: {
    I: ['excellent', 'excellent', 'excellent', 'good'],
    P: ['excellent', 'excellent', 'excellent', 'excellent'],
    S: ['excellent', 'excellent', 'good', 'excellent'],
    W: ['excellent', 'excellent', 'excellent', 'excellent'],
    M: ['excellent', 'good', 'excellent', 'excellent'],
  },
  good: {
    I: ['good', 'good', 'excellent', 'good'],
    P: ['good', 'good', 'good', 'good'],
    S: ['good', 'good', 'good', 'excellent'],
    W: ['good', 'good', 'good', 'good'],
    M: ['good', 'excellent', 'good', 'good'],
  },
  'requires-improvement': {
    I: ['good', 'good', 'good', 'good'],
    P: ['requires-improvement', 'good', 'requires-improvement', 'requires-improvement'],
    S: ['good', 'requires-improvement', 'requires-improvement', 'requires-improvement'],
    W: ['requires-improvement', 'requires-improvement', 'good', 'requires-improvement'],
    M: ['good', 'good', 'good', 'excellent'],
  },
  poor: {
    I: ['poor', 'requires-improvement', 'poor', 'poor'],
    P: ['poor', 'poor', 'requires-improvement', 'poor'],
    S: ['poor', 'poor', 'poor', 'requires-improvement'],
    W: ['requires-improvement', 'poor', 'poor', 'poor'],
    M: ['poor', 'poor', 'requires-improvement', 'good'],
  },
};

const REASONS: Record<Rating, string> = {
  excellent: 'Consistently better than the standard: people and staff described it, and records showed it.',
  good: 'Meets the standard: seen on the visit and confirmed in the records sampled.',
  'requires-improvement': 'Partly meets the standard: gaps found in the records and in what staff described.',
  poor: 'Does not meet the standard: several gaps, and people said it did not happen for them.',
};

export interface DemoAssessment {
  outcome: DemoOutcome;
  visitOn: IsoDate;
  publishedOn: IsoDate;
  ratings: { questionKey: string; rating: Rating; reason: string }[];
  actions: { questionKey: string; title: string; owner: string; dueOn: IsoDate; status: string }[];
}

const ACTIONS = [
  { title: 'Review every support plan with the person and record their views', owner: 'Registered manager' },
  { title: 'Audit medication records weekly and act on each gap', owner: 'Deputy manager' },
  { title: 'Complete safeguarding refresher training for all staff', owner: 'Training lead' },
];

/** Which outcome the service at `index` of `count` (sorted by name) has; `reply` is the one awaiting its provider. */
export function demoOutcome(index: number, count: number, reply: number): DemoOutcome {
  if (index === reply) return 'awaiting-reply';
  const special: DemoOutcome[] = [
    'requires-improvement',
    'poor',
    'overdue-old',
    'requires-improvement',
    'never-assessed',
    'excellent',
    'requires-improvement',
    'overdue-old',
    'poor',
    'never-assessed',
    'requires-improvement',
    'overdue-old',
  ];
  // The special cases spread through the list, the rest Good.
  const step = Math.max(1, Math.floor(count / special.length));
  return index % step === 0 && index / step < special.length ? special[index / step]! : 'good';
}

/** The assessment behind an outcome, dated back from `today` by the service's place in the list. */
export function demoAssessment(outcome: Rating | 'overdue-old', index: number, today: IsoDate): DemoAssessment {
  const rating: Rating = outcome === 'overdue-old' ? 'good' : outcome;
  // Visits spread across the past year; an overdue one was more than a year ago.
  const daysAgo = outcome === 'overdue-old' ? 400 + (index % 5) * 20 : 30 + ((index * 37) % 300);
  const visitOn = addDays(today, -daysAgo);
  const ratings = DOMAINS.flatMap((domain) =>
    PATTERNS[rating][domain].map((given, i) => ({
      questionKey: `${domain}${i + 1}`,
      rating: given,
      reason: REASONS[given],
    })),
  );
  const belowGood = rating === 'requires-improvement' || rating === 'poor';
  const actions = belowGood
    ? ACTIONS.map((action, i) => ({
        ...action,
        questionKey: ['P1', 'S2', 'S3'][i]!,
        // One overdue, one under way, one done and signed off.
        dueOn: addDays(today, [-14, 45, -40][i]!),
        status: ['open', 'in-progress', 'signed-off'][i]!,
      }))
    : [];
  return { outcome, visitOn, publishedOn: addDays(visitOn, 21), ratings, actions };
}
