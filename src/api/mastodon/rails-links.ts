/**
 * `Link` headers written the way Mastodon's controllers write them, for lists whose links
 * Mastodon builds from a fixed set of kept parameters (`pagination_params`) plus `max_id` or
 * `min_id`, through Rails' `to_query`: keys in sorted order, arrays as `types%5B%5D=…`.
 *
 * @example
 * setRailsLinks(c, '/api/v1/notifications', keptQuery(c, ['limit'], ['types']), {
 *   next: { max_id: last.id }, prev: { min_id: first.id },
 * });
 */
import type { Context } from 'hono';

export type QueryValue = string | readonly string[];

/** Rails' CGI.escape: spaces as `+`, everything but letters, digits and `-._~` escaped. */
const escape = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** Rails' Hash#to_query. */
export function railsQuery(params: Record<string, QueryValue | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      parts.push(`${escape(key)}=${escape(value)}`);
    } else {
      const name = escape(`${key}[]`);
      parts.push(
        value.length === 0 ? `${name}=` : value.map((v) => `${name}=${escape(v)}`).join('&'),
      );
    }
  }
  return parts.sort().join('&');
}

/** The request's values of the scalar parameters `scalars` and the array parameters `arrays`. */
export function keptQuery(
  c: Context,
  scalars: readonly string[],
  arrays: readonly string[] = [],
): Record<string, QueryValue> {
  const kept: Record<string, QueryValue> = {};
  for (const name of scalars) {
    const value = c.req.query(name);
    if (value !== undefined) kept[name] = value;
  }
  for (const name of arrays) {
    const values = c.req.queries(`${name}[]`) ?? c.req.queries(name);
    if (values !== undefined) kept[name] = values;
  }
  return kept;
}

/** Sets `Link` with the links given (none: no header, as Mastodon). */
export function setRailsLinks(
  c: Context,
  path: string,
  kept: Record<string, QueryValue>,
  links: { next?: Record<string, string> | null; prev?: Record<string, string> | null },
): void {
  const origin = new URL(c.req.url).origin;
  const url = (extra: Record<string, string>) =>
    `${origin}${path}?${railsQuery({ ...kept, ...extra })}`;
  const parts: string[] = [];
  if (links.next) parts.push(`<${url(links.next)}>; rel="next"`);
  if (links.prev) parts.push(`<${url(links.prev)}>; rel="prev"`);
  if (parts.length > 0) c.header('Link', parts.join(', '));
}
