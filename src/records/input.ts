import { z } from 'zod';

/** The retention rule as the API takes it; the service checks the ranges. */
export const retentionRuleInput = z.object({
  years: z.number({ error: 'Enter a whole number of years' }),
  basis: z.string({ error: 'Say what the period rests on' }),
});
