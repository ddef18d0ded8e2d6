// The demo county's KPIs on its dynamic purchasing system, as report 003 §1.3.2 sets them, and four
// quarters of its providers' figures rising the way the report tells it: strengths-based training
// from under a third to 81% across all providers (47% the quarter before), assistive technology
// offered to around three in four people reviewed, Level 2 and the Care Certificate climbing.
import { quartersBetween, type QuarterKey } from '../../quality/domain/kpi.ts';

const percentage = { measure: 'percentage', direction: 'higher', frequency: 'quarterly' } as const;

export const DEMO_KPIS = [
  {
    ...percentage,
    key: 'trained',
    name: 'Strengths-based approaches training',
    description: 'Care workers who have completed strengths-based approaches training and been assessed as competent',
    numeratorLabel: 'care workers trained and deemed competent',
    denominatorLabel: 'care workers',
    summaryPhrase: 'have now been trained',
    target: 100,
    amberTolerance: 10,
    source: 'return',
  },
  {
    ...percentage,
    key: 'assistive-technology',
    name: 'Assistive technology offered',
    description: 'People reviewed in the period who were introduced to assistive technology or given options',
    numeratorLabel: 'people introduced to assistive technology or given options',
    denominatorLabel: 'people reviewed',
    summaryPhrase: 'were introduced to assistive technology or given options',
    target: 75,
    amberTolerance: 10,
    source: 'return',
  },
  {
    ...percentage,
    key: 'level-2',
    name: 'Level 2 qualification',
    description: 'Care workers holding a Level 2 qualification in health and social care or above',
    numeratorLabel: 'care workers holding Level 2 or above',
    denominatorLabel: 'care workers',
    summaryPhrase: 'hold a Level 2 qualification or above',
    target: 100,
    amberTolerance: 10,
    source: 'return',
  },
  {
    ...percentage,
    key: 'level-5',
    name: 'Level 5 qualification',
    description:
      'Registered managers holding (or studying for) a Level 5 diploma in leadership for health and social care',
    numeratorLabel: 'registered managers holding or studying for Level 5',
    denominatorLabel: 'registered managers',
    summaryPhrase: 'hold or are studying for Level 5',
    target: 100,
    amberTolerance: 10,
    source: 'return',
  },
  {
    ...percentage,
    key: 'care-certificate',
    name: 'Care Certificate',
    description: 'Care workers who have completed the Care Certificate or are exempt',
    numeratorLabel: 'care workers who completed the Care Certificate or are exempt',
    denominatorLabel: 'care workers',
    summaryPhrase: 'have completed the Care Certificate or are exempt',
    target: 100,
    amberTolerance: 10,
    source: 'return',
  },
  {
    ...percentage,
    key: 'listened-to',
    name: 'People who say staff listen to them',
    description: 'From the people’s easy-read survey: the share answering yes to “Staff listen to me”',
    numeratorLabel: 'people answering yes',
    denominatorLabel: 'people who answered',
    summaryPhrase: 'say staff listen to them',
    target: 90,
    amberTolerance: 10,
    source: 'survey',
  },
] as const;

/** Each KPI's share across all providers in each of the four quarters, oldest first, in whole percent. */
const SHARES: Record<Exclude<(typeof DEMO_KPIS)[number]['key'], 'listened-to'>, readonly number[]> = {
  trained: [30, 39, 47, 81],
  'assistive-technology': [61, 66, 70, 72],
  'level-2': [31, 34, 36, 54],
  'level-5': [80, 85, 90, 95],
  'care-certificate': [70, 73, 76, 79],
};

/** The four quarters of returns: the last four ended by `lastEnded`. */
export const demoQuarters = (lastEnded: QuarterKey): QuarterKey[] =>
  quartersBetween(`${Number(lastEnded.slice(0, 4)) - 1}${lastEnded.slice(4)}`, lastEnded).slice(1);

/**
 * One team's figures for one KPI and quarter (a team: a provider's care on one lot, which makes its
 * own return): its own size, and a share near the county's. A team offset spreads the rounding, so
 * the county's total keeps to its share even where a team counts one or two registered managers.
 */
export function demoFigures(key: keyof typeof SHARES, team: number, quarter: number) {
  const managers = key === 'level-5';
  const denominator = managers ? 1 + (team % 3) : 8 + ((team * 37 + quarter * 5) % 20);
  const spread = ((team * 7) % 11) - 5; // -5 to 5 points around the county's share
  const share = Math.max(0, Math.min(100, SHARES[key][quarter]! + spread));
  const offset = (0.5 + team * 0.618) % 1;
  return { numerator: Math.floor((denominator * share) / 100 + offset), denominator };
}

/** Providers sending late (every fourth), and the one that never sent its latest return. */
export const sendsLate = (provider: number) => provider % 4 === 1;
export const isMissing = (provider: number, quarter: number, providers: number) =>
  provider === providers - 1 && quarter === 3;
