// What is sent to the intelligence log, for the pages and the API: an entry about a service, a
// company's status, a concern's finding, and the log's filters. The schemas shape the text; the
// rules of each kind are the domain's (domain/intelligence.ts), checked on the same input and
// reported with the schema's own problems, so every problem shows at once.
import { z } from 'zod';
import { isIsoDate, isoDateInLondon } from '../platform/domain/calendar.ts';
import type { FieldError } from '../platform/domain/field-error.ts';
import { freeText, optionalText, requiredText } from '../platform/http/input.ts';
import { filterChoice, filterId, filterText } from '../platform/http/paging.ts';
import {
  entryProblems,
  findingProblems,
  INTELLIGENCE_KINDS,
  PROVIDER_WIDE_KINDS,
  type EntryFacts,
} from './domain/intelligence.ts';

const isoDate = (label: string) =>
  freeText({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDate, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2026-11-23`);

const choice = (message: string) => freeText({ error: message }).trim().min(1, message);
const optionalChoice = () =>
  freeText()
    .trim()
    .nullish()
    .transform((value) => value || null);

const described = {
  occurredOn: isoDate('the date it happened'),
  summary: requiredText('what happened', 2000),
  source: requiredText('where it came from', 200),
};

const today = () => isoDateInLondon(new Date());

/** The domain's problems with what was sent, beside the schema's: run even when a field is missing. */
const withRules = <S extends z.ZodType>(schema: S, rules: (facts: EntryFacts) => FieldError[]): S =>
  schema.superRefine(
    (value, context) => {
      for (const problem of rules(entryFactsOf(value)))
        context.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    },
    { when: () => true },
  );

export const entryInput = withRules(
  z.object({
    kind: choice('Choose what kind of intelligence this is'),
    category: choice('Choose a category'),
    ...described,
    outcome: optionalChoice(),
    outcomeReason: optionalText(2000, 'The reason'),
    rating: optionalText(40, 'The rating'),
    /** The person's record it is about, by id or by case reference: never their details. */
    personId: z.uuid('Choose a person of your organisation').nullish(),
    personCaseReference: optionalText(50, 'The case reference'),
  }),
  (facts) => entryProblems(facts, today()),
);
export type EntryInput = z.infer<typeof entryInput>;

export const companyStatusInput = withRules(
  z.object({ category: choice('Choose the company’s status'), ...described }),
  (facts) => entryProblems({ ...facts, kind: 'company-status' }, today(), PROVIDER_WIDE_KINDS),
);
export type CompanyStatusInput = z.infer<typeof companyStatusInput>;

export const findingInput = withRules(
  z.object({
    outcome: optionalChoice(),
    outcomeReason: optionalText(2000, 'The reason'),
  }),
  findingProblems,
);
export type FindingInput = z.infer<typeof findingInput>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const orNull = (value: unknown): string | null => text(value) || null;

/** An entry as sent, read leniently, so the domain's rules can be checked beside the schema's. */
function entryFactsOf(raw: unknown): EntryFacts {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    kind: text(body.kind),
    category: text(body.category),
    occurredOn: text(body.occurredOn),
    summary: text(body.summary),
    outcome: orNull(body.outcome),
    outcomeReason: orNull(body.outcomeReason),
    rating: orNull(body.rating),
  };
}

export const intelligenceFilterInput = z.object({
  kind: filterChoice(INTELLIGENCE_KINDS, `Choose ${INTELLIGENCE_KINDS.join(', ')}`),
  serviceId: filterId('Choose a service from the list'),
  providerId: filterId('Choose a provider from the list'),
  from: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isIsoDate, 'Give the first day as a date, like 2026-01-31').optional(),
  ),
  to: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isIsoDate, 'Give the last day as a date, like 2026-12-31').optional(),
  ),
  search: filterText(200),
});
export type IntelligenceFilter = z.infer<typeof intelligenceFilterInput>;
export const INTELLIGENCE_SORTS = ['occurred', 'service', 'provider', 'kind'] as const;
export type IntelligenceSort = (typeof INTELLIGENCE_SORTS)[number];
