// One page of a long list, and what the GOV.UK pagination component needs to show the others.

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export function pageOf<T>(items: T[], total: number, page: number, pageSize: number): Page<T> {
  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A page number from a query string: whole, at least 1; anything else is page 1. */
export function pageNumber(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export interface PaginationLinks {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

/** Links for the GOV.UK pagination component: first, last, and two either side of the current page. */
export function paginationLinks(page: Page<unknown>, hrefFor: (page: number) => string): PaginationLinks | undefined {
  if (page.pages <= 1) return undefined;
  const shown = new Set([1, page.pages, page.page - 2, page.page - 1, page.page, page.page + 1, page.page + 2]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= page.pages).sort((a, b) => a - b);
  const items: PaginationLinks['items'] = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page.page });
  });
  return {
    ...(page.page > 1 ? { previous: { href: hrefFor(page.page - 1) } } : {}),
    ...(page.page < page.pages ? { next: { href: hrefFor(page.page + 1) } } : {}),
    items,
  };
}
