// What uplift pages and the API take: a proposal and its approval. Percentages are given as text
// or numbers in per cent to two places ("3.8", 72.5) and kept as basis points (380, 7250).
import { z } from 'zod';
import type { FieldError } from '../platform/http/errors.ts';
import { freeText, isoDate, requiredText } from '../platform/http/input.ts';
import { parsePercent, PRICE_INDICES, UPLIFT_METHODS } from './domain/uplift.ts';

export const STAFF_SHARE_SOURCES = ['entered', 'exercise'] as const;

const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

/** A percentage to two places, required: `label` names it in each message. */
const percent = (label: string) =>
  z
    .union([z.string(), z.number()], { error: `Enter ${label}` })
    .transform((value) => String(value).trim())
    .refine((value) => value !== '', `Enter ${label}`)
    .refine((value) => value === '' || parsePercent(value) !== null, `Give ${label} as a percentage, like 3.8`)
    .transform((value) => parsePercent(value)!);

const optionalPercent = (label: string) =>
  z.preprocess((value) => (blank(value) ? undefined : value), percent(label).optional());

export const upliftInput = z.object({
  vehicleId: z.uuid('Choose a vehicle'),
  effectiveFrom: isoDate('the date the new rates take effect'),
  staffShareFrom: z.enum(STAFF_SHARE_SOURCES, { error: 'Choose where the staff share comes from' }).default('entered'),
  staffSharePercent: optionalPercent('the staff share'),
  exerciseId: z.preprocess((value) => (blank(value) ? undefined : value), z.uuid('Choose an exercise').optional()),
  priceIndex: z.enum(PRICE_INDICES, { error: 'Choose CPI or RPI' }),
  indexPercent: percent('the index figure'),
  indexMonth: freeText({ error: 'Enter the month the index figure is for' })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the month the index figure is for, like 2026-01'),
  indexSource: requiredText('where the index figure was published', 300),
  flatPercent: optionalPercent('the flat percentage'),
  method: z.enum(UPLIFT_METHODS, { error: 'Choose the method proposed' }).default('nlw-index'),
});
export type UpliftInput = z.output<typeof upliftInput>;

/** The staff share must come from somewhere: typed in, or an exercise chosen. Checked on what was sent. */
export function staffShareProblems(raw: unknown): FieldError[] {
  const body = (raw ?? {}) as Record<string, unknown>;
  if ((body.staffShareFrom ?? 'entered') === 'exercise')
    return blank(body.exerciseId)
      ? [{ field: 'exerciseId', message: 'Choose the exercise the staff share comes from' }]
      : [];
  return blank(body.staffSharePercent) ? [{ field: 'staffSharePercent', message: 'Enter the staff share' }] : [];
}

export const approvalInput = z.object({
  method: z.enum(UPLIFT_METHODS, { error: 'Choose the method to approve' }),
  decisionReference: requiredText('the reference of the decision', 200),
});
export type ApprovalInput = z.output<typeof approvalInput>;
