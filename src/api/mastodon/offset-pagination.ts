/**
 * The `offset` / `limit` pagination of Mastodon's ranked lists (trends, the directory,
 * suggestions), and the `Link` header the trends answer with: `next` while a page is full,
 * `prev` once past the first page.
 *
 * @example
 * const page = readOffsetPage(c, { defaultLimit: 10, maxLimit: 20 });
 * const rows = await rankedThings(deps, page);
 * setOffsetLinkHeader(c, page, rows.length);
 */
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';

export interface OffsetPage {
  offset: number;
  limit: number;
}

function integer(c: Context, name: string): number | null {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return null;
  const n = Number.parseInt(raw, 10);
  if (Number.isNaN(n)) throw new AppError(400, `${name} must be a number`);
  return n;
}

/** `limit` clamped to 1..maxLimit and `offset` to 0.. (Mastodon reads both with `to_i`). */
export function readOffsetPage(
  c: Context,
  options: { defaultLimit: number; maxLimit: number },
): OffsetPage {
  const limit = integer(c, 'limit');
  return {
    offset: Math.max(integer(c, 'offset') ?? 0, 0),
    limit: limit === null ? options.defaultLimit : Math.min(Math.max(limit, 1), options.maxLimit),
  };
}

export function setOffsetLinkHeader(c: Context, page: OffsetPage, count: number): void {
  const base = new URL(c.req.url);
  const link = (offset: number) => {
    const url = new URL(base.origin + base.pathname);
    const limit = base.searchParams.get('limit');
    if (limit !== null) url.searchParams.set('limit', limit);
    url.searchParams.set('offset', String(offset));
    return url.toString();
  };
  const parts = [];
  if (count > 0 && count >= page.limit) {
    parts.push(`<${link(page.offset + page.limit)}>; rel="next"`);
  }
  if (page.offset > page.limit) parts.push(`<${link(page.offset - page.limit)}>; rel="prev"`);
  if (parts.length > 0) c.header('Link', parts.join(', '));
}
