// What every page form handler needs: the posted fields as strings, and the step from a rejected
// save (a 422 or 409) to showing the form again with its errors.
import type { FastifyReply } from 'fastify';
import { HttpError, type FieldError } from './errors.ts';

/** A urlencoded form body: a field is a string, or a list where the form repeats its name (checkboxes). */
export type FormBody = Record<string, string | string[] | undefined>;

/** A field as one string ('' when absent). */
export const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0] : value) ?? '';

/** A field as a list (checkboxes send one value or several). */
export const many = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

/** The field errors of a rejected save, which the page shows beside the form; anything else is thrown on. */
export function formErrors(error: unknown): FieldError[] {
  if (!(error instanceof HttpError) || (error.status !== 422 && error.status !== 409)) throw error;
  return error.fieldErrors.length > 0 ? error.fieldErrors : [{ field: 'form', message: error.message }];
}

/**
 * Runs a save. On a rejected save, answers 400 with the form shown again by `show` and returns
 * false; on success returns true and the caller redirects.
 */
export async function saveOrShow(
  reply: FastifyReply,
  save: () => Promise<unknown>,
  show: (errors: FieldError[]) => Promise<unknown>,
): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (error) {
    const errors = formErrors(error);
    reply.code(400);
    await show(errors);
    return false;
  }
}

/** A GOV.UK date input's three boxes as YYYY-MM-DD: blank when all are blank, as typed otherwise so validation can say what is wrong. */
export function dateFromForm(body: FormBody, name: string): string | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => one(body[`${name}-${part}`]).trim());
  if (!day && !month && !year) return null;
  return `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

/** An ISO date back into a date input's three boxes, for a form shown again. */
export function dateToForm(values: FormBody, name: string, date: string | null | undefined): void {
  if (date)
    [values[`${name}-year`], values[`${name}-month`], values[`${name}-day`]] = date
      .split('-')
      .map((part) => String(Number(part)));
}

/** Hours typed as a number ("10", "7.5") as whole minutes; NaN when it is not a number, so validation refuses it. */
export function minutesFromHours(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Math.round(Number(trimmed) * 60) : Number.NaN;
}
