// Zod schemas validate every form and API body; their issues become field errors.
import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors.ts';

export function fieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    if (seen.has(field)) continue; // one message per field, the first, as GOV.UK forms show
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/** Parses input or throws a ValidationError listing every failing field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseOrThrowWith(schema, input, []);
}

/**
 * Parses input, refusing with the schema's problems and `more` together (one per field, the
 * schema's first): rules the schema cannot know, such as the organisation's own matrix, checked
 * on the raw input so that a person sees every problem at once rather than a batch at a time.
 */
export function parseOrThrowWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  more: readonly FieldError[],
): z.output<S> {
  const result = schema.safeParse(input);
  const errors = result.success ? [] : fieldErrors(result.error);
  const all = [...errors, ...more.filter((problem) => !errors.some((error) => error.field === problem.field))];
  if (all.length > 0 || !result.success) throw new ValidationError(all);
  return result.data;
}

/** The GOV.UK error summary's list, linking each message to its field. */
export function errorSummary(errors: readonly FieldError[]) {
  return errors.map((error) => ({ text: error.message, href: `#${error.field.replace(/\./g, '-')}` }));
}

/** Field errors by field name, for each input's errorMessage. */
export function errorsByField(errors: readonly FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(errors.map((error) => [error.field, { text: error.message }]));
}
