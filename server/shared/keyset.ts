/** One page of a list read by keyset: the rows after (or before) a cursor, never an offset. */
export interface KeysetPage<T> {
  items: T[];
  /** The id to pass as the cursor for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Turns `limit + 1` rows read after a cursor into a page of at most `limit` items: the extra row
 * only says that another page follows, whose cursor is the id of the last row shown.
 */
export async function keysetPage<Row extends { id: string }, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item | Promise<Item>,
): Promise<KeysetPage<Item>> {
  return keysetBatchPage(rows, limit, (shown) => Promise.all(shown.map(toItem)));
}

/** The same, turning the page's rows into items in one batch (one lookup per page, not per row). */
export async function keysetBatchPage<Row extends { id: string }, Item>(
  rows: readonly Row[],
  limit: number,
  toItems: (rows: readonly Row[]) => Promise<Item[]>,
): Promise<KeysetPage<Item>> {
  const shown = rows.slice(0, limit);
  return {
    items: await toItems(shown),
    nextCursor: rows.length > limit ? (shown.at(-1)?.id ?? null) : null,
  };
}
