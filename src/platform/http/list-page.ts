// A list people work through, declared once: its columns, which of them sort, its filters and page
// size. The page, its CSV and its XLSX come from the same declaration under the same roles, so an
// export always holds what the page shows, filtered and sorted the same way.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import writeExcelFile from 'write-excel-file/node';
import type { Page } from '../domain/pagination.ts';
import { pageNumber, pageOf, paginationLinks } from '../domain/pagination.ts';
import { ValidationError } from './errors.ts';
import { callOf, sendFile, type PageCall, type SignedInAccess } from './page-call.ts';
import { toCsv } from './csv.ts';
import { fieldErrors, parseOrThrow } from './validation.ts';

export type SortDirection = 'asc' | 'desc';

export interface ListColumn<Row, S extends string = string> {
  heading: string;
  /** What the cell holds, on the page and in the exports. */
  value(row: Row): string | number | null | undefined;
  /** What the exports hold instead, where they differ from the page (pounds as a number, an ISO date). */
  exported?(row: Row): string | number | null | undefined;
  /** Where the cell links to, on the page. */
  href?(row: Row): string;
  /** The key the service sorts by, for a column the list may be sorted by. */
  sort?: S;
  numeric?: boolean;
  /** Shows the cell as a GOV.UK tag of this colour (an overdue date in red), where it gives one. */
  tag?(row: Row): TagColour | undefined;
  /** Whether this caller sees the column (a provider is not shown which provider): always, unless said. */
  shownTo?(call: PageCall): boolean;
}

export type TagColour = 'red' | 'orange' | 'yellow' | 'green' | 'blue' | 'grey';

export interface ListFilterOption {
  value: string;
  text: string;
}

interface ListFilterBase {
  name: string;
  label: string;
  /** Whether this caller is offered the filter (a provider is not asked which provider): always, unless said. */
  offeredTo?(call: PageCall): boolean;
}

/** A filter above the list: free text, a date, or one of a set of options (empty for "any"). */
export type ListFilter =
  | (ListFilterBase & { kind: 'search' | 'date'; hint?: string })
  | (ListFilterBase & {
      kind: 'select';
      /** The text of the empty option, e.g. "Any rating". */
      any: string;
      options(call: PageCall): ListFilterOption[] | Promise<ListFilterOption[]>;
    });

/** What the service is asked for: the parsed filters, the order and which page. */
export interface ListRequest<F, S extends string = string> {
  filter: F;
  sort: { key: S; direction: SortDirection };
  page: number;
  pageSize: number;
}

export interface ListDeclaration<Row, F, S extends string = string> {
  path: string;
  access: SignedInAccess;
  /** The page's heading, the same for everyone or by who is looking ("Open opportunities" to a provider). */
  title: string | ((call: PageCall) => string);
  /** Names the rows in the caption and the export's file: "provider" → "3 providers", providers.csv. */
  noun: { one: string; many: string };
  /** Turns the query string into the service's filter (refusing what it cannot read, with the field). */
  filter: z.ZodType<F>;
  filters: readonly ListFilter[];
  columns: readonly ListColumn<Row, S>[];
  defaultSort: { key: S; direction: SortDirection };
  pageSize?: number;
  /** Buttons above the list, for those allowed (e.g. "Add a provider"). */
  actions?(call: PageCall): { text: string; href: string }[];
  /** Counts above the list, each a link to the list filtered to it ("4 overdue"). */
  summary?(call: PageCall): Promise<{ text: string; count: number; href: string; tag: TagColour }[]>;
  /** Shown in place of the rows when none match. */
  empty: string;
  /** A template extending list.njk, for a list with more on its page (a chart after it), and what it shows there. */
  view?: { template: string; load(call: PageCall): Promise<Record<string, unknown>> };
  fetch(call: PageCall, request: ListRequest<F, S>): Promise<Page<Row>>;
}

/** An export is built from pages of this size, and refused above the cap (narrow the filters instead). */
const EXPORT_PAGE_SIZE = 500;
export const EXPORT_ROW_CAP = 50_000;
const LIST_VIEW = 'platform/views/list.njk';

function sortFrom<Row, F>(list: ListDeclaration<Row, F>, query: PageCall['query']): ListRequest<F>['sort'] {
  const sortable = list.columns.some((column) => column.sort && column.sort === query.sort);
  if (!sortable) return list.defaultSort;
  return { key: query.sort!, direction: query.order === 'desc' ? 'desc' : 'asc' };
}

const filtersFor = <Row, F>(list: ListDeclaration<Row, F>, call: PageCall) =>
  list.filters.filter((filter) => filter.offeredTo?.(call) ?? true);

const columnsFor = <Row, F>(list: ListDeclaration<Row, F>, call: PageCall) =>
  list.columns.filter((column) => column.shownTo?.(call) ?? true);

/** The query string of the list as it is filtered and sorted now, without the page. */
function currentSearch<Row, F>(list: ListDeclaration<Row, F>, call: PageCall, sort: ListRequest<F>['sort']) {
  const search = new URLSearchParams();
  for (const filter of filtersFor(list, call)) {
    const value = call.query[filter.name];
    if (value) search.set(filter.name, value);
  }
  search.set('sort', sort.key);
  search.set('order', sort.direction);
  return search;
}

const withParams = (search: URLSearchParams, changes: Record<string, string>) => {
  const copy = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) copy.set(name, value);
  return copy.toString();
};

async function filterFields<Row, F>(list: ListDeclaration<Row, F>, call: PageCall) {
  return Promise.all(
    filtersFor(list, call).map(async (filter) => {
      const value = call.query[filter.name] ?? '';
      if (filter.kind !== 'select') return { ...filter, value };
      const options = await filter.options(call);
      return {
        ...filter,
        value,
        items: [{ value: '', text: filter.any }, ...options].map((o) => ({ ...o, selected: o.value === value })),
      };
    }),
  );
}

async function listContext<Row, F>(list: ListDeclaration<Row, F>, call: PageCall) {
  const sort = sortFrom(list, call.query);
  const pageSize = list.pageSize ?? 25;
  // Filters that cannot be read show the list empty, with the filters' errors by their boxes.
  const parsed = list.filter.safeParse(call.query);
  const errors = parsed.success ? [] : fieldErrors(parsed.error);
  const found = parsed.success
    ? await list.fetch(call, { filter: parsed.data, sort, page: pageNumber(call.query.page), pageSize })
    : pageOf<Row>([], 0, 1, pageSize);
  const search = currentSearch(list, call, sort);
  const base = call.request.url.split('?')[0]!;
  return {
    title: typeof list.title === 'string' ? list.title : list.title(call),
    errors,
    tableId: list.noun.many,
    action: base,
    noun: found.total === 1 ? list.noun.one : list.noun.many,
    found,
    filters: await filterFields(list, call),
    actions: list.actions?.(call) ?? [],
    summary: (await list.summary?.(call)) ?? [],
    empty: list.empty,
    headings: columnsFor(list, call).map((column) => {
      const sorted = column.sort === sort.key ? sort.direction : undefined;
      const next = sorted === 'asc' ? 'desc' : 'asc';
      return {
        text: column.heading,
        numeric: column.numeric,
        ariaSort: sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined,
        href: column.sort
          ? `${base}?${withParams(search, { sort: column.sort, order: sorted ? next : 'asc' })}`
          : undefined,
      };
    }),
    rows: found.items.map((row) =>
      columnsFor(list, call).map((column) => ({
        text: column.value(row) ?? '',
        href: column.href?.(row),
        numeric: column.numeric,
        tag: column.tag?.(row),
      })),
    ),
    pagination: paginationLinks(found, (n) => `${base}?${withParams(search, { page: String(n) })}`),
    exports: [
      { text: 'CSV', href: `${base}.csv?${search}` },
      { text: 'Excel (XLSX)', href: `${base}.xlsx?${search}` },
    ],
  };
}

/** Every row the list holds under its current filters and order, a page at a time, up to the cap. */
async function allRows<Row, F>(list: ListDeclaration<Row, F>, call: PageCall): Promise<Row[]> {
  const request = {
    filter: parseOrThrow(list.filter, call.query),
    sort: sortFrom(list, call.query),
    pageSize: EXPORT_PAGE_SIZE,
  };
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const found = await list.fetch(call, { ...request, page });
    if (found.total > EXPORT_ROW_CAP)
      throw new ValidationError([
        {
          field: 'search',
          message: `The list holds ${found.total} ${list.noun.many}, more than an export may (${EXPORT_ROW_CAP}): narrow the filters`,
        },
      ]);
    rows.push(...found.items);
    if (page >= found.pages) return rows;
  }
}

const cellsOf = <Row>(columns: readonly ListColumn<Row>[], row: Row) =>
  columns.map((column) => (column.exported ?? column.value)(row) ?? '');

async function csvOf<Row, F>(list: ListDeclaration<Row, F>, columns: readonly ListColumn<Row>[], rows: Row[]) {
  const headings = columns.map((column) => column.heading);
  const records = rows.map((row) => Object.fromEntries(cellsOf(columns, row).map((v, i) => [headings[i], v])));
  return { filename: `${list.noun.many}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(records, headings) };
}

async function xlsxOf<Row, F>(list: ListDeclaration<Row, F>, columns: readonly ListColumn<Row>[], rows: Row[]) {
  const header = columns.map((column) => ({ value: column.heading, fontWeight: 'bold' as const }));
  // Cells are typed String or Number, never Formula, so typed text cannot run in the spreadsheet.
  const body = rows.map((row) => cellsOf(columns, row).map((value) => ({ value })));
  return {
    filename: `${list.noun.many}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await writeExcelFile([header, ...body], { stickyRowsCount: 1 }).toBuffer(),
  };
}

/** The list's page, and its CSV and XLSX beside it (path.csv, path.xlsx) under the same roles. */
export function registerListPage<Row, F>(app: FastifyInstance, list: ListDeclaration<Row, F>): void {
  const config = { access: list.access };
  app.get(list.path, { config }, async (request, reply) => {
    const call = callOf(request, reply);
    const context = { ...(await listContext(list, call)), ...(await list.view?.load(call)) };
    return reply.page(list.view?.template ?? LIST_VIEW, context, context.errors.length ? 422 : 200);
  });
  for (const [suffix, write] of [
    ['.csv', csvOf],
    ['.xlsx', xlsxOf],
  ] as const) {
    app.get(`${list.path}${suffix}`, { config }, async (request, reply) => {
      const call = callOf(request, reply);
      return sendFile(reply, await write(list, columnsFor(list, call), await allRows(list, call)));
    });
  }
}
