// The kinds of column a path that carries rows by hand (bulk writes, nested reads) must get right:
// text with quotes and braces, arrays, JSON, booleans, dates and timestamps, each nullable or not.
import { sql } from 'drizzle-orm';
import { boolean, date, jsonb, text, timestamp } from 'drizzle-orm/pg-core';

/** The columns, fresh for each table that has them. */
export const columnKinds = () => ({
  note: text('note'),
  tags: text('tags').array().notNull(),
  detail: jsonb('detail'),
  flag: boolean('flag'),
  startsOn: date('starts_on'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** The same columns in a `create table`. */
export const COLUMN_KINDS_SQL = sql.raw(
  'note text, tags text[] not null, detail jsonb, flag boolean, starts_on date, created_at timestamptz not null',
);
