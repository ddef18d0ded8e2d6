// A page of a list and how many the list holds in all.

export interface Page<R> {
  rows: R[];
  total: number;
}

/**
 * The page's rows, then, only when the page does not already tell, how many there are in all: one
 * after the other, since `db` may be a transaction's one connection, which takes one statement at a
 * time. Both are queries not yet run (Drizzle runs a query when it is awaited). A page that is not
 * full is the last one, so the count is where it ends; an empty page past the first still counts,
 * as the list may have shrunk under it.
 */
export async function pageWithTotal<R>(
  rows: PromiseLike<R[]>,
  total: PromiseLike<{ n: number | string }[]>,
  page: { offset: number; limit: number },
): Promise<Page<R>> {
  const shown = await rows;
  if (shown.length < page.limit && (shown.length > 0 || page.offset === 0))
    return { rows: shown, total: page.offset + shown.length };
  const [counted] = await total;
  return { rows: shown, total: Number(counted?.n ?? 0) };
}
