// What KPI pages and the API take: a definition, its change or retirement, a return's figures, and
// the list of returns' filters. One Zod schema each, for pages and API alike.
import { z } from 'zod';
import { freeText, requiredText } from '../platform/http/input.ts';
import { apiListQuery, filterChoice, filterId } from '../platform/http/paging.ts';
import { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_MEASURES, KPI_SOURCES } from './domain/kpi.ts';
import { EXPECTED_SORTS, EXPECTED_STATUSES } from './kpi-expected-repository.ts';

const quarter = (what: string) =>
  z.string({ error: `Choose ${what}` }).regex(/^\d{4}-Q[1-4]$/, `Choose ${what}, such as 2026-Q2`);

const whole = (what: string, max: number) =>
  z
    .int(`Give ${what} as a whole number`)
    .min(0, `Give ${what} as a whole number, 0 or more`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max} or less`);

export const kpiDefinitionInput = z.object({
  name: requiredText('the KPI’s name', 120),
  description: freeText().trim().max(1000, 'The description must be 1000 characters or fewer').default(''),
  numeratorLabel: requiredText('who achieves it (the number achieving it)', 200),
  denominatorLabel: requiredText('who is counted (the number counted)', 200),
  summaryPhrase: requiredText('how the summary says it', 200),
  measure: z.enum(KPI_MEASURES, { error: 'Choose a percentage or a count' }),
  target: whole('the target', 1_000_000),
  direction: z.enum(KPI_DIRECTIONS, { error: 'Choose whether higher or lower is better' }),
  amberTolerance: whole('the amber tolerance', 1_000_000),
  frequency: z.enum(KPI_FREQUENCIES, { error: 'Choose how often it is reported' }).default('quarterly'),
  source: z.enum(KPI_SOURCES, { error: 'Choose where its figures come from' }).default('return'),
  /** The first quarter providers are asked for it; the current quarter where not given. */
  firstQuarter: quarter('the first quarter it is reported for').optional(),
});
export type KpiDefinitionInput = z.infer<typeof kpiDefinitionInput>;

/** A change: the whole definition as it should now be (where it comes from cannot change), or its retirement. */
export const kpiChangeInput = kpiDefinitionInput
  .omit({ source: true, firstQuarter: true })
  .partial()
  .extend({
    retired: z.boolean({ error: 'Say true to retire the KPI' }).optional(),
  });
export type KpiChangeInput = z.infer<typeof kpiChangeInput>;

export const kpiReturnInput = z.object({
  quarter: quarter('the quarter the return is for'),
  values: z
    .array(
      z.object({
        kpiId: z.uuid('Give the id of one of the vehicle’s KPIs'),
        numerator: z.number('Give the number achieving it as a number').nullable(),
        denominator: z.number('Give the number counted as a number').nullable(),
      }),
    )
    .max(100, 'A return has at most 100 KPIs'),
});
export type KpiReturnInput = z.infer<typeof kpiReturnInput>;

export const kpiReturnFilterInput = z.object({
  vehicleId: filterId('Choose a vehicle from the list'),
  providerId: filterId('Choose a provider from the list'),
  quarter: z.preprocess((v) => (v === '' ? undefined : v), quarter('a quarter').optional()),
  status: filterChoice(EXPECTED_STATUSES, 'Choose due, submitted, late or missing'),
});
export type KpiReturnFilter = z.infer<typeof kpiReturnFilterInput>;
export const kpiReturnListQuery = apiListQuery(kpiReturnFilterInput, EXPECTED_SORTS);

export const kpiTableQuery = z.object({
  quarter: z.preprocess((v) => (v === '' ? undefined : v), quarter('a quarter').optional()),
});
