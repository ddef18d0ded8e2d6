// The demo county's year of quality assessments, as pure data: which services got which result and
// when, each question's rating, and the action plans of those below Good. Most are Good; some
// Require Improvement with plans still open, two are Poor, one Excellent; a few are overdue (an
// old assessment, or none since the contract began); and one waits for its provider's reply.
import { addDays, type IsoDate } from '../../platform/domain/calendar.ts';
import { SURVEY_STATEMENTS, type SurveyAnswer, type SurveyResponse } from '../../quality/domain/survey.ts';
import { seededRandom } from './demo-county.ts';

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

/**
 * How many paper surveys came back for each provider's people, most answered first: the first four
 * groups reach five, so their results show; the rest stay below it, so only their totals do.
 */
export const SURVEY_GROUPS = [9, 8, 7, 6, 4, 3, 2, 1] as const;

export interface DemoSurvey {
  /** Which provider's people, by place in SURVEY_GROUPS. */
  group: number;
  respondent: 'person' | 'family' | 'advocate';
  answeredOn: IsoDate;
  answers: SurveyResponse;
}

/** Answers mostly yes, some sometimes or no, a few not wanting to say or left blank; at least one each. */
export function demoSurveys(today: IsoDate): DemoSurvey[] {
  const random = seededRandom(4004);
  const answer = (): SurveyAnswer | null => {
    const roll = random();
    return roll < 0.72 ? 'yes' : roll < 0.85 ? 'sometimes' : roll < 0.93 ? 'no' : roll < 0.97 ? 'rather-not-say' : null;
  };
  return SURVEY_GROUPS.flatMap((size, group) =>
    Array.from({ length: size }, (): DemoSurvey => {
      const answers: SurveyResponse = {};
      for (const statement of SURVEY_STATEMENTS) {
        const given = answer();
        if (given) answers[statement.key] = given;
      }
      if (Object.keys(answers).length === 0) answers['feel-safe'] = 'yes';
      const roll = random();
      return {
        group,
        respondent: roll < 0.6 ? 'person' : roll < 0.9 ? 'family' : 'advocate',
        answeredOn: addDays(today, -(7 + Math.floor(random() * 320))),
        answers,
      };
    }),
  );
}

/**
 * The contract actions the quality team issued over its findings: a default notice to a provider
 * whose service Requires Improvement, and a special measures plan for one whose service is Poor.
 */
export function demoContractActions(today: IsoDate) {
  return {
    defaultNotice: {
      kind: 'default-notice',
      reason: 'Staffing below the contracted levels at weekends, found again after the action plan’s date.',
      default: 'Weekend staffing below the hours the contract sets for the service, for four weekends running.',
      remedy: 'Staff every weekend shift to the contracted hours and send the council the rota four weeks ahead.',
      startsOn: addDays(today, -20),
      dueOn: addDays(today, 36),
    },
    specialMeasures: {
      kind: 'special-measures',
      reason:
        'Rated Poor, with substantiated concerns about medication and staffing and a section 42 enquiry into neglect.',
      startsOn: addDays(today, -45),
      dueOn: addDays(today, 45),
    },
  } as const;
}
