// Procurement's declared lists (vehicles, applications): a row knows whether it is shown or
// downloaded, so that money reads "£28,900,000.00" on the page and is a number of pounds in the
// CSV and XLSX, and a date reads "21 December 2026" on the page and 2026-12-21 in the exports.
import { isoDateInLondon, longDate } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { Page } from '../platform/domain/pagination.ts';
import type { PageCall } from '../platform/http/page.ts';

export interface ListRow<T> {
  item: T;
  exported: boolean;
}

/** A page of the service's items, each marked as shown or downloaded (the list's .csv or .xlsx). */
export async function listRows<T>(call: PageCall, found: Promise<Page<T>>): Promise<Page<ListRow<T>>> {
  const page = await found;
  const exported = /\.(csv|xlsx)$/.test(call.request.routeOptions.url ?? '');
  return { ...page, items: page.items.map((item) => ({ item, exported })) };
}

/** Pence as pounds: "£1,234.50" shown, 1234.5 downloaded; `none` where there is none. */
export const money = (row: ListRow<unknown>, pence: number | null, none = '') =>
  pence === null ? none : row.exported ? pence / 100 : formatPence(pence);

/** An ISO date (or a moment, as its London day): "21 December 2026" shown, 2026-12-21 downloaded. */
export const day = (row: ListRow<unknown>, date: string | Date | null, none = '') => {
  if (!date) return none;
  if (!row.exported) return longDate(date);
  return typeof date === 'string' ? date : isoDateInLondon(date);
};
