// Form schemas: what turns a posted GOV.UK form (every field text; checkboxes repeated; a date in
// three boxes; money in pounds; hours as decimals) into the input a service takes. They convert,
// they do not judge: the service validates the input, as it does for the API, and its messages
// name the fields. Each reader keeps what cannot be read (a blank date, "ten pounds") in a form
// the service will refuse with its own message.
import { z } from 'zod';
import { parsePounds } from '../domain/money.ts';
import { HttpError, type FieldError } from './errors.ts';
import { dateFromForm, formErrors, many, minutesFromHours, one, type FormBody } from './forms.ts';

/** Reads one field (or, for dates, its boxes) from the posted form. */
export type FieldReader<T> = (body: FormBody, name: string) => T;

export const field = {
  /** Text as typed (the service trims it). */
  text: (): FieldReader<string> => (body, name) => one(body[name]),
  /** Text, or null when left blank. */
  optionalText: (): FieldReader<string | null> => (body, name) => one(body[name]).trim() || null,
  /** Every value of a repeated field (checkboxes). */
  list: (): FieldReader<string[]> => (body, name) => many(body[name]),
  /** One of `values`; anything else is passed on for the service to refuse by its own list. */
  choice:
    <T extends string>(_values: readonly T[]): FieldReader<T> =>
    (body, name) =>
      one(body[name]) as T,
  /** Several of `values` (checkboxes), passed on for the service to check against its list. */
  choices:
    <T extends string>(_values: readonly T[]): FieldReader<T[]> =>
    (body, name) =>
      many(body[name]) as T[],
  /** A "yes" or "no" radio as true or false; unanswered stays missing, for the service to ask for. */
  yesNo: (): FieldReader<boolean> => (body, name) => {
    const answer = one(body[name]);
    return (answer === 'yes' ? true : answer === 'no' ? false : undefined) as boolean;
  },
  /** A ticked single checkbox. */
  ticked: (): FieldReader<boolean> => (body, name) => one(body[name]) !== '',
  /** A GOV.UK date input's three boxes as YYYY-MM-DD ('' when blank, as typed otherwise). */
  date: (): FieldReader<string> => (body, name) => dateFromForm(body, name) ?? '',
  /** A date input that may be left blank. */
  optionalDate: (): FieldReader<string | null> => (body, name) => dateFromForm(body, name),
  /** Pounds as whole pence; `blank` when left empty; NaN when it is not money, for the service to refuse. */
  pounds:
    <B extends number | null>(blank: B): FieldReader<number | B> =>
    (body, name) => {
      const text = one(body[name]).trim();
      return text === '' ? blank : (parsePounds(text) ?? Number.NaN);
    },
  /** Hours (decimals allowed) as whole minutes; blank is 0; NaN when not a number. */
  hours: (): FieldReader<number> => (body, name) => minutesFromHours(one(body[name])),
  /** A whole or decimal number; NaN when it is not one, `blank` when left empty. */
  number:
    <B extends number | null>(blank: B): FieldReader<number | B> =>
    (body, name) => {
      const text = one(body[name]).trim();
      return text === '' ? blank : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    },
  /** Fields named `prefix` and a key (`score-<question id>`, one a row), each read by `read`, by their key. */
  each:
    <T>(prefix: string, read: FieldReader<T>): FieldReader<Record<string, T>> =>
    (body) =>
      Object.fromEntries(
        Object.keys(body)
          .filter((name) => name.startsWith(prefix))
          .map((name) => [name.slice(prefix.length), read(body, name)]),
      ),
};

type Read<R> = { [K in keyof R]: R[K] extends FieldReader<infer T> ? T : never };

/** A form's schema: each named field read by its reader, into the service's input. */
export function formSchema<R extends Record<string, FieldReader<unknown>>>(readers: R): z.ZodType<Read<R>, FormBody> {
  return z
    .custom<FormBody>((body) => typeof body === 'object' && body !== null)
    .transform(
      (body) => Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, read(body, name)])) as Read<R>,
    );
}

/**
 * Runs a save whose refusal must name the form's fields where the service names its input's
 * (`zones.0.tier1Places` is the box `tier1Places-<zone id>`), or say it as the form asks.
 */
export async function withFormFields<T>(saving: Promise<T>, onForm: (problem: FieldError) => FieldError): Promise<T> {
  try {
    return await saving;
  } catch (error) {
    // Only a refusal (422 or 409) is renamed; anything else goes on as it was.
    if (!(error instanceof HttpError)) throw error;
    throw new HttpError(error.status, error.title, error.message, formErrors(error).map(onForm));
  }
}

/** A form with nothing to read but its button (a confirmation, a sign-out). */
export const noFields = formSchema({});
