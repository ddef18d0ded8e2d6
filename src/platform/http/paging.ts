// What a list's query string may say, for pages and the JSON API alike: which page and how many a
// page, and text to filter by. A page number or size that cannot be read is not refused: the list
// shows its first page, 25 a page.
import { z } from 'zod';
import { freeText } from './input.ts';

/** ?pageSize=: `standard` a page unless asked otherwise; at most 100. */
export const pageSizeQuery = (standard: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .catch(standard)
    .transform((v) => v ?? standard);

/** ?page= and ?pageSize=: the first page and 25 a page unless asked otherwise; at most 100 a page. */
export const pagingQuery = z.object({
  page: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .catch(1)
    .transform((v) => v ?? 1),
  pageSize: pageSizeQuery(25),
});

/** A text filter of at most `max` characters; blank means no filter. */
export const filterText = (max: number) =>
  freeText()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

/** One of `values`, or blank for any; anything else is refused with `message`. */
export const filterChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: message }).optional());

/** One of a list's records, by its id (a zone, a provider); blank for any. */
export const filterId = (message: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: message }).optional());

/** A list's query in the API: its filters, ?sort= and ?order=, and which page. */
export const apiListQuery = <F extends z.ZodRawShape, const S extends readonly [string, ...string[]]>(
  filter: z.ZodObject<F>,
  sorts: S,
) =>
  filter.extend({
    sort: filterChoice(sorts, `Sort by ${sorts.join(', ')}`),
    order: filterChoice(['asc', 'desc'], 'Order asc or desc'),
    ...pagingQuery.shape,
  });
