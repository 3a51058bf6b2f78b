/**
 * A local post's `replies` collection in Mastodon's shape: a Collection at `POST_URI/replies`
 * whose first page lists the ids of the author's own replies (a few are embedded in the Note
 * itself), then pages of other accounts' replies; pages are `?page=true` with `min_id` (the
 * last id of the previous page) and `only_other_accounts=true`, as Mastodon names them.
 */
import { Collection, CollectionPage } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import type { Queryable } from '../../db/database.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { replyPage } from '../../db/views/status-replies.ts';

/** Replies a page lists; the first page embedded in a Note lists fewer (Mastodon: 5). */
export const repliesPageSize = 20;
export const embeddedRepliesSize = 5;

/** Where a page starts: the author's own replies or the others', above an id. */
export interface RepliesCursor {
  own: boolean;
  afterId: string | null;
}

const firstCursor: RepliesCursor = { own: true, afterId: null };

export const repliesUri = (status: Pick<StatusRecord, 'uri'>) => new URL(`${status.uri}/replies`);

/** The page a request for the collection asks for, or null for the collection itself. */
export function requestedRepliesPage(url: URL): RepliesCursor | null {
  if (url.searchParams.get('page') !== 'true') return null;
  const minId = url.searchParams.get('min_id');
  return {
    own: url.searchParams.get('only_other_accounts') !== 'true',
    afterId: minId !== null && isId(minId) ? minId : null,
  };
}

function pageUrl(status: Pick<StatusRecord, 'uri'>, cursor: RepliesCursor): URL {
  const url = repliesUri(status);
  url.searchParams.set('page', 'true');
  if (!cursor.own) url.searchParams.set('only_other_accounts', 'true');
  if (cursor.afterId !== null) url.searchParams.set('min_id', cursor.afterId);
  return url;
}

/** One page of the post's replies; `withId: false` for the page a Note embeds. */
export async function repliesPage(
  db: Queryable,
  status: Pick<StatusRecord, 'id' | 'uri' | 'accountId'>,
  cursor: RepliesCursor,
  options: { limit: number; withId: boolean },
): Promise<CollectionPage> {
  const items = await replyPage(db, {
    statusId: status.id,
    authorId: status.accountId,
    own: cursor.own,
    afterId: cursor.afterId,
    limit: options.limit,
  });
  const last = items.at(-1);
  // A full page may have more after it; the author's replies are followed by the others'.
  const next: RepliesCursor | null =
    items.length === options.limit && last
      ? { own: cursor.own, afterId: last.id }
      : cursor.own
        ? { own: false, afterId: null }
        : null;
  return new CollectionPage({
    id: options.withId ? pageUrl(status, cursor) : null,
    partOf: repliesUri(status),
    items: items.map((item) => new URL(item.uri)),
    next: next ? pageUrl(status, next) : null,
  });
}

/** The collection with its first page (the author's first replies) embedded. */
export async function repliesCollection(
  db: Queryable,
  status: Pick<StatusRecord, 'id' | 'uri' | 'accountId'>,
  limit: number,
): Promise<Collection> {
  return new Collection({
    id: repliesUri(status),
    first: await repliesPage(db, status, firstCursor, { limit, withId: false }),
  });
}
