// What brokerage's lists share. A row knows whether it is shown or downloaded, so that one column
// gives money as "£1,234.50" on the page and as pounds, a number (1234.5), in the CSV and XLSX; and a
// date as "24 November 2026" on the page and 2026-11-24 in the exports.
import { longDate } from '../platform/domain/calendar.ts';
import { formatPence } from '../platform/domain/money.ts';
import type { Page } from '../platform/domain/pagination.ts';
import type { ListColumn, ListRequest, SortDirection } from '../platform/http/list-page.ts';
import type { PageCall } from '../platform/http/page.ts';

export interface Listed<T> {
  item: T;
  exported: boolean;
}

/** Whether the list is being downloaded (its .csv or .xlsx route) rather than shown. */
const isExport = (call: PageCall) => /\.(csv|xlsx)$/.test(call.request.routeOptions.url ?? '');

/** A page of the service's rows, each marked as shown or downloaded. */
export async function listed<T>(call: PageCall, found: Promise<Page<T>>): Promise<Page<Listed<T>>> {
  const page = await found;
  const exported = isExport(call);
  return { ...page, items: page.items.map((item) => ({ item, exported })) };
}

type Cell = string | number | null | undefined;

/** The columns of a list of T, sortable by the keys S. */
export function columnsOf<T, S extends string>() {
  type Column = ListColumn<Listed<T>, S>;
  return {
    text: (heading: string, value: (item: T) => Cell, more: { sort?: S; href?(item: T): string } = {}): Column => ({
      heading,
      value: (row) => value(row.item),
      href: more.href ? (row) => more.href!(row.item) : undefined,
      sort: more.sort,
    }),
    number: (heading: string, value: (item: T) => number | null, sort?: S): Column => ({
      heading,
      value: (row) => value(row.item),
      numeric: true,
      sort,
    }),
    /** Pence held, pounds shown: "£1,234.50" on the page, 1234.5 in the exports. */
    money: (heading: string, pence: (item: T) => number | null, sort?: S): Column => ({
      heading,
      value: (row) => {
        const amount = pence(row.item);
        if (amount === null) return '';
        return row.exported ? amount / 100 : formatPence(amount);
      },
      numeric: true,
      sort,
    }),
    /** An ISO date: "24 November 2026" on the page, 2026-11-24 in the exports; `none` when there is none. */
    date: (heading: string, date: (item: T) => string | null, more: { sort?: S; none?: string } = {}): Column => ({
      heading,
      value: (row) => {
        const value = date(row.item);
        if (!value) return more.none ?? '';
        return row.exported ? value : longDate(value);
      },
      sort: more.sort,
    }),
  };
}

/** A list's request as the API reads it: the filters, ?sort= and ?order= (else the list's default), and the page. */
export function apiListRequest<F extends { page: number; pageSize: number }, S extends string>(
  query: F & { sort?: S; order?: SortDirection },
  defaultSort: { key: S; direction: SortDirection },
): ListRequest<F, S> {
  const { sort, order, page, pageSize } = query;
  return {
    filter: query,
    sort: sort ? { key: sort, direction: order ?? 'asc' } : defaultSort,
    page,
    pageSize,
  };
}

/** Every row of a list, a page at a time, for the API operations that have always answered the whole list. */
export async function everyRow<T>(fetch: (page: number, pageSize: number) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const found = await fetch(page, 500);
    rows.push(...found.items);
    if (page >= found.pages) return rows;
  }
}
