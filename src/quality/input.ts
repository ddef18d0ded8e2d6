// What quality officers and commissioners send: one Zod schema each, for the pages and the API.
import { z } from 'zod';
import { freeText, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId, filterText } from '../platform/http/paging.ts';
import { RATINGS } from './domain/ratings.ts';

/** An average, in hundredths of a score (250 is 2.50). */
const band = (rating: string) =>
  z.int(`Give the ${rating} band as a whole number of hundredths, from 100 to 400`).min(100).max(400);

const rule = z.object({
  bands: z.object({
    excellent: band('Excellent'),
    good: band('Good'),
    'requires-improvement': band('Requires Improvement'),
  }),
  caps: z.array(z.object({ when: z.enum(RATINGS), atMost: z.enum(RATINGS) })).max(4, 'A rule has at most four caps'),
});

const question = z.object({
  key: requiredText('the question’s key', 20),
  text: requiredText('the question', 300),
  standard: requiredText('the standard expected', 1000),
  evidence: freeText().trim().max(1000, 'The evidence to look for must be 1000 characters or fewer'),
});

export const frameworkVersionInput = z.object({
  name: requiredText('the framework’s name', 120),
  changeNote: requiredText('what this version changes', 1000),
  content: z.object({
    domains: z
      .array(
        z.object({
          key: requiredText('the domain’s key', 20),
          title: requiredText('the domain’s title', 120),
          questions: z.array(question).max(40, 'A domain has at most 40 questions'),
        }),
      )
      .max(20, 'A framework has at most 20 domains'),
    domainRule: rule,
    overallRule: rule,
  }),
});
export type FrameworkVersionInput = z.infer<typeof frameworkVersionInput>;

export const qualitySettingsInput = z.object({
  assessmentIntervalMonths: z
    .int('Give the months between assessments as a whole number')
    .min(1, 'Services are assessed at least every 1 month apart')
    .max(36, 'Services must be assessed at least every 36 months'),
  factualAccuracyWorkingDays: z
    .int('Give the working days providers have to comment as a whole number')
    .min(5, 'Give providers at least 5 working days to comment')
    .max(30, 'Providers have at most 30 working days to comment'),
  /** Kept as it is when not sent. */
  kpiReturnWorkingDays: z
    .int('Give the working days after a quarter by which KPI returns are due as a whole number')
    .min(1, 'Give providers at least 1 working day after a quarter for their KPI returns')
    .max(60, 'KPI returns are due at most 60 working days after the quarter')
    .optional(),
});

const optionalId = (what: string) => z.uuid(`Choose ${what}`).nullable();

export const serviceAssignmentInput = z.object({
  zoneId: optionalId('a zone'),
  officerId: optionalId('a quality officer'),
});

export const scheduleFilterInput = z.object({
  status: filterChoice(['overdue', 'due', 'done'], 'Choose overdue, due or done'),
  zoneId: filterId('Choose a zone from the list'),
  officerId: filterId('Choose a quality officer from the list'),
  search: filterText(200),
});
export const SCHEDULE_SORTS = ['due', 'service', 'provider', 'zone'] as const;
