// What lists share: columns that give money as "£1,234.50" on the page and as pounds, a
// number (1234.5), in the CSV and XLSX; and a date as "24 November 2026" on the page and 2026-11-24
// in the exports.
import { longDate } from '../domain/calendar.ts';
import { formatPence } from '../domain/money.ts';
import type { Page } from '../domain/pagination.ts';
import type { ListColumn, ListRequest, SortDirection } from './list-page.ts';

type Cell = string | number | null | undefined;

/** The columns of a list of T, sortable by the keys S. */
export function columnsOf<T, S extends string>() {
  type Column = ListColumn<T, S>;
  return {
    text: (heading: string, value: (item: T) => Cell, more: { sort?: S; href?(item: T): string } = {}): Column => ({
      heading,
      value,
      href: more.href,
      sort: more.sort,
    }),
    number: (heading: string, value: (item: T) => number | null, sort?: S): Column => ({
      heading,
      value,
      numeric: true,
      sort,
    }),
    /** Pence held, pounds shown: "£1,234.50" on the page, 1234.5 in the exports. */
    money: (heading: string, pence: (item: T) => number | null, sort?: S): Column => ({
      heading,
      value: (row) => {
        const amount = pence(row);
        return amount === null ? '' : formatPence(amount);
      },
      exported: (row) => {
        const amount = pence(row);
        return amount === null ? '' : amount / 100;
      },
      numeric: true,
      sort,
    }),
    /** An ISO date: "24 November 2026" on the page, 2026-11-24 in the exports; `none` when there is none. */
    date: (heading: string, date: (item: T) => string | null, more: { sort?: S; none?: string } = {}): Column => ({
      heading,
      value: (row) => {
        const value = date(row);
        return value ? longDate(value) : (more.none ?? '');
      },
      exported: (row) => date(row) ?? more.none ?? '',
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
