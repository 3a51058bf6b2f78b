/**
 * Mastodon's id-based pagination: `limit`, `max_id`, `since_id`, `min_id`, and the `Link`
 * header with `rel="next"` (older) and `rel="prev"` (newer) that every list answers with.
 *
 * @example
 * const page = readPage(c, { defaultLimit: 20, maxLimit: 40 });
 * const rows = await listSomething(deps, page);        // uses pageQuery(page, 'statuses.id')
 * setLinkHeader(c, page, rows.map((r) => r.id));
 */
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { Page } from '../../domain/pagination.ts';

export type { Page };

function idParam(c: Context, name: string): string | null {
  const value = c.req.query(name);
  if (value === undefined || value === '') return null;
  // Mastodon ignores ids it cannot read as integers; so do we, but an id must be an id.
  return isId(value) ? value : null;
}

/** Reads the page parameters; `limit` is clamped to 1..maxLimit as Mastodon does. */
export function readPage(c: Context, options: { defaultLimit: number; maxLimit: number }): Page {
  const raw = c.req.query('limit');
  let limit = options.defaultLimit;
  if (raw !== undefined && raw !== '') {
    const n = Number.parseInt(raw, 10);
    if (Number.isNaN(n)) throw new AppError(400, 'limit must be a number');
    limit = Math.min(Math.max(n, 1), options.maxLimit);
  }
  return {
    limit,
    maxId: idParam(c, 'max_id'),
    sinceId: idParam(c, 'since_id'),
    minId: idParam(c, 'min_id'),
  };
}

/**
 * Sets `Link` from the ids of the page, newest first: next = older than the last,
 * prev = newer than the first. No header on an empty page, as Mastodon. The lists Mastodon
 * pages with `max_id` and `since_id` only (who boosted or favourited a post) link back with
 * `since_id`: pass `{ prev: 'since_id' }`.
 */
export function setLinkHeader(
  c: Context,
  page: Page,
  ids: readonly string[],
  options: { prev?: 'min_id' | 'since_id' } = {},
): void {
  if (ids.length === 0) return;
  const base = new URL(c.req.url);
  for (const key of ['max_id', 'since_id', 'min_id']) base.searchParams.delete(key);
  const link = (key: string, value: string) => {
    const url = new URL(base);
    url.searchParams.set(key, value);
    return url.toString();
  };
  const parts = [];
  if (ids.length >= page.limit) parts.push(`<${link('max_id', ids[ids.length - 1]!)}>; rel="next"`);
  parts.push(`<${link(options.prev ?? 'min_id', ids[0]!)}>; rel="prev"`);
  c.header('Link', parts.join(', '));
}
