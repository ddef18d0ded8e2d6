// What cost-of-care pages and the API take: an exercise opened, a template line added or changed,
// a workbook's answers, a finance officer's review of a workbook and a comparator council's rate.
// One Zod schema each, for pages and API alike. Answers are in each line's unit: pence, minutes,
// basis points (1% = 100) or a count.
import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../platform/http/input.ts';
import { EXERCISE_SERVICE_TYPES, LINE_GROUPS, LINE_UNITS } from './domain/exercise.ts';

const COMPARED = ['cost-per-hour', 'cost-per-sleep-in', 'cost-per-person-week'] as const;
export type ComparedResult = (typeof COMPARED)[number];
export const COMPARED_RESULTS: readonly ComparedResult[] = COMPARED;

export const exerciseInput = z.object({
  financialYear: z
    .int('Give the financial year as the year it starts, like 2025 for 2025/26')
    .min(2000, 'Give a financial year from 2000/01')
    .max(2100, 'Give a financial year before 2100/01'),
  serviceType: z.enum(EXERCISE_SERVICE_TYPES, { error: 'Choose supported living or home care' }),
  closingOn: isoDate('the closing date'),
  vehicleIds: z
    .array(z.uuid('Choose vehicles from the list'), { error: 'Choose the vehicles whose providers are invited' })
    .min(1, 'Choose the vehicles whose providers are invited')
    .max(50, 'Choose at most 50 vehicles'),
  /** Exactly these providers, where given (members of the vehicles or not); every member of the vehicles otherwise. */
  providerIds: z.array(z.uuid('Give provider ids')).max(2000, 'Invite at most 2,000 providers').optional(),
});
export type ExerciseInput = z.infer<typeof exerciseInput>;

export const templateLineInput = z.object({
  label: requiredText('the line’s wording', 200),
  group: z.enum(LINE_GROUPS, { error: 'Choose the group the line belongs to' }),
  unit: z.enum(LINE_UNITS, { error: 'Choose what the line is measured in' }),
  optional: z.boolean({ error: 'Say whether the line may be left blank' }).default(false),
});
export type TemplateLineInput = z.infer<typeof templateLineInput>;

export const templateLineChangeInput = z.object({
  label: requiredText('the line’s wording', 200).optional(),
  retired: z.boolean({ error: 'Say true to retire the line, false to bring it back' }).optional(),
});
export type TemplateLineChangeInput = z.infer<typeof templateLineChangeInput>;

export const answersInput = z.object({
  answers: z.record(
    z.string().max(60),
    // Text (typed into a money box, sent as a string) goes on as not-a-number, for the check to
    // say what the line takes: "must be an amount of money, like 12.50".
    z
      .union([z.number(), z.nan(), z.string().transform(() => Number.NaN)], {
        error: 'Give each answer as a number in the line’s unit, or null',
      })
      .nullable(),
    { error: 'Give the answers by line key' },
  ),
});
export type AnswersInput = z.infer<typeof answersInput>;

export const REVIEW_ACTIONS = ['query', 'exclude', 'include'] as const;
export const reviewInput = z
  .object({
    action: z.enum(REVIEW_ACTIONS, { error: 'Choose to query the figures, exclude the workbook or include it' }),
    reason: optionalText(1000, 'The reason'),
  })
  .superRefine((review, context) => {
    if (review.action !== 'include' && !review.reason)
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: review.action === 'query' ? 'Enter what to ask the provider' : 'Enter why it is excluded',
      });
  });
export type ReviewInput = z.infer<typeof reviewInput>;

export const comparatorInput = z.object({
  council: requiredText('the council’s name', 120),
  measure: z.enum(COMPARED, { error: 'Choose what the rate is for' }),
  pence: z
    .int('Give the rate in whole pence')
    .min(1, 'Give the rate, more than £0')
    .max(100_000_000, 'The rate is too large'),
  source: requiredText('where the rate was found', 500),
});
export type ComparatorInput = z.infer<typeof comparatorInput>;
