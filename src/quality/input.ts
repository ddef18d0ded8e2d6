// What quality officers and commissioners send: one Zod schema each, for the pages and the API.
import { z } from 'zod';
import { freeText, requiredText } from '../platform/http/input.ts';
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
