// What an open-data feed's query string may say. Unlike a list page's, a feed's query is refused
// when it cannot be read: a harvester must know its filter was not applied.
import { z } from 'zod';
import { isIsoDate } from '../platform/domain/calendar.ts';

const moment = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/, {
      error: `${name} is a date (2025-03-01) or a date and time (2025-03-01T09:00:00Z)`,
    })
    .refine(
      (value) => isIsoDate(value.slice(0, 10)) && !Number.isNaN(new Date(value).getTime()),
      `${name} is not a real date`,
    )
    .optional();

export const feedQuery = z.object({
  organisation: z
    .string({ error: 'Give the organisation, by its code: organisation=E10000028' })
    .trim()
    .min(1, 'Give the organisation, by its code: organisation=E10000028')
    .max(20, 'An organisation code is at most 20 characters'),
  ocid: z.string().trim().max(200, 'An ocid is at most 200 characters').optional(),
  since: moment('since'),
  until: moment('until'),
  cursor: z.string().trim().max(300, 'Use the cursor from links.next as given').optional(),
  limit: z.coerce
    .number({ error: 'limit is a whole number from 1 to 500' })
    .int('limit is a whole number from 1 to 500')
    .min(1, 'limit is a whole number from 1 to 500')
    .max(500, 'limit is a whole number from 1 to 500')
    .default(100),
});
export type FeedQuery = z.output<typeof feedQuery>;
