/**
 * A page of a list ordered by id (Mastodon's `max_id` / `since_id` / `min_id`), and the SQL
 * that selects it. Lists come back newest first whichever bound was given.
 */
export interface Page {
  limit: number;
  /** Only ids below this. */
  maxId: string | null;
  /** Only ids above this, newest first. */
  sinceId: string | null;
  /** Only ids above this, the oldest of them (for reading forward), still returned newest first. */
  minId: string | null;
}

export const firstPage = (limit = 20): Page => ({ limit, maxId: null, sinceId: null, minId: null });

/**
 * The WHERE conditions, ORDER BY and LIMIT for `column`. Rows fetched with `min_id` come
 * oldest first from the database; pass them through `newestFirst`.
 */
export function pageQuery(
  page: Page,
  column: string,
): { where: string[]; params: string[]; orderLimit: string; ascending: boolean } {
  const where: string[] = [];
  const params: string[] = [];
  if (page.maxId !== null) {
    where.push(`${column} < ?`);
    params.push(page.maxId);
  }
  const lower = page.minId ?? page.sinceId;
  if (lower !== null) {
    where.push(`${column} > ?`);
    params.push(lower);
  }
  const ascending = page.minId !== null;
  return {
    where,
    params,
    orderLimit: `ORDER BY ${column} ${ascending ? 'ASC' : 'DESC'} LIMIT ${Math.trunc(page.limit)}`,
    ascending,
  };
}

/** Rows of a page, newest first. */
export function newestFirst<T>(rows: T[], ascending: boolean): T[] {
  return ascending ? rows.reverse() : rows;
}
