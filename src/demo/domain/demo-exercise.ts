// The demo county's 2025/26 supported living cost-of-care workbooks: plausible figures around the
// April 2025 National Living Wage (£12.21 an hour), each provider's own from a seeded random draw,
// with two outliers for the finance officer to look into: one provider's central overheads about
// five times the others', and one whose staff spend only 60% of their paid hours face to face.
import { seededRandom } from './demo-county.ts';

/** The providers whose figures stand out, by their place in the list of workbooks. */
export const DEMO_OUTLIERS = { overheads: 4, productive: 11 } as const;

/** Providers invited, and of those the workbooks sent in by the closing date. */
export const DEMO_INVITED = 28;
export const DEMO_WORKBOOKS = 25;

/** Pence a year for `perHour` pence of each care hour, over a year of `minutesPerWeek`. */
const yearly = (perHour: number, minutesPerWeek: number) => Math.round((perHour * minutesPerWeek * 365) / 420);

export function demoWorkbookAnswers(index: number): Record<string, number> {
  const random = seededRandom(7000 + index);
  const between = (low: number, high: number) => low + Math.round(random() * (high - low));
  const hours = between(600, 3000);
  const minutes = hours * 60;
  // Three providers pay exactly the National Living Wage; the rest a little above it.
  const pay = index % 8 === 0 ? 1221 : between(1230, 1345);
  const headcount = Math.round((hours / 30) * 1.2);
  const usesZeroHours = random() < 0.4;
  const answers: Record<string, number> = {
    'support-worker-pay': pay,
    'senior-worker-pay': pay + between(150, 260),
    'contracted-hours': Math.round(minutes / 0.84),
    'productive-share': index === DEMO_OUTLIERS.productive ? 6000 : between(8000, 8800),
    'sleep-in-pay': between(9000, 11_500),
    'waking-night-pay': pay + between(0, 60),
    'non-contact': between(1400, 1700),
    'training-time': between(150, 300),
    'employer-ni': between(900, 1100),
    'employer-pension': between(250, 320),
    management: yearly(between(140, 185), minutes),
    premises: yearly(between(25, 45), minutes),
    recruitment: yearly(between(10, 20), minutes),
    'training-bought': yearly(between(6, 14), minutes),
    it: yearly(between(9, 15), minutes),
    insurance: yearly(between(11, 19), minutes),
    'cqc-fees': between(300_000, 800_000),
    legal: yearly(between(3, 7), minutes),
    consumables: yearly(between(5, 11), minutes),
    'central-overheads': yearly(index === DEMO_OUTLIERS.overheads ? 450 : between(70, 110), minutes),
    return: between(300, 700),
    'hours-delivered': minutes,
    people: Math.max(4, Math.round(hours / between(25, 45))),
    headcount,
    leavers: Math.round((headcount * between(18, 35)) / 100),
    'zero-hours': usesZeroHours ? Math.max(1, Math.round((headcount * between(5, 20)) / 100)) : 0,
  };
  // Some providers run schemes close together and claim no travel; the line is optional.
  if (random() < 0.5) answers['travel'] = yearly(between(5, 20), minutes);
  return answers;
}
