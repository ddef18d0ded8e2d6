// What every part's input.ts builds its text fields from, so that text the database cannot store
// is refused as a bad field, named like any other, instead of failing in the database.
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar.ts';
import { hasControlCharacters } from '../domain/json-input.ts';

export const CONTROL_CHARACTERS_MESSAGE = 'Remove the control characters (such as NUL) from this text';

/** z.string() that refuses control characters (NUL among them) other than tab, newline and carriage return. */
export const freeText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE);

/** Text that must be given, trimmed; `label` ("the reason") names the field in each message. */
export const requiredText = (label: string, max: number) =>
  freeText({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

/** Text that may be left blank: blank (or absent) is null. `label` names the field in the message. */
export const optionalText = (max: number, label: string) =>
  freeText()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((value) => (value ? value : null));

/** A date written YYYY-MM-DD (a GOV.UK date input gives one), refused naming `label` when blank or not a real date. */
export const isoDate = (label: string) =>
  freeText({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(
      (value) => value === '' || isIsoDate(value),
      `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2026-11-23`,
    );
