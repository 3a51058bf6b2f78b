/**
 * A local post's `replies` collection in Mastodon's shape (its ActivityPub::RepliesController):
 * a Collection at `POST_URI/replies` whose first page lists the author's own replies, then
 * pages of other accounts' replies; public and unlisted ones only (status-replies.ts). Pages
 * are `?page=true` with `min_id` (the last id of the previous page) and
 * `only_other_accounts=true`, named and ordered as Mastodon writes them. The pages served at
 * that address carry local replies as whole objects (a remote server needs no second fetch)
 * and remote ones as their ids; the Note itself embeds only the ids of the author's first
 * five replies, as Mastodon's Note does, and points past its own replies when it has fewer.
 */
import { Collection, CollectionPage, type Object as APObject } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import type { Queryable } from '../../db/database.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { replyPage, type ReplyRow } from '../../db/views/status-replies.ts';

/** Replies a page lists (Mastodon's DESCENDANTS_LIMIT); the Note embeds fewer (Mastodon: 5). */
export const repliesPageSize = 60;
export const embeddedRepliesSize = 5;

/** Where a page starts: the author's own replies or the others', above an id. */
export interface RepliesCursor {
  own: boolean;
  afterId: string | null;
}

export const firstRepliesCursor: RepliesCursor = { own: true, afterId: null };

/** A reply as a page lists it: the object itself or its id. */
export type ReplyItem = APObject | URL;

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

/** A page's address, its parameters in Mastodon's (alphabetical) order. */
export function repliesPageUri(status: Pick<StatusRecord, 'uri'>, cursor: RepliesCursor): URL {
  const url = repliesUri(status);
  if (cursor.afterId !== null) url.searchParams.set('min_id', cursor.afterId);
  if (!cursor.own) url.searchParams.set('only_other_accounts', 'true');
  url.searchParams.set('page', 'true');
  return url;
}

/** A full page may have more after it; the author's replies are followed by the others'. */
function nextCursor(cursor: RepliesCursor, items: ReplyRow[], limit: number) {
  const last = items.at(-1);
  if (items.length === limit && last) return { own: cursor.own, afterId: last.id };
  return cursor.own ? { own: false, afterId: null } : null;
}

const asIds = (replies: ReplyRow[]): ReplyItem[] => replies.map((reply) => new URL(reply.uri));

/**
 * One page of the post's replies; `withId: false` for the page a Note embeds. `items` turns
 * the listed replies into what the page carries (their ids unless told).
 */
export async function repliesPage(
  db: Queryable,
  status: Pick<StatusRecord, 'id' | 'uri' | 'accountId'>,
  cursor: RepliesCursor,
  options: {
    limit: number;
    withId: boolean;
    items?: (replies: ReplyRow[]) => Promise<ReplyItem[]> | ReplyItem[];
  },
): Promise<CollectionPage> {
  const replies = await replyPage(db, {
    statusId: status.id,
    authorId: status.accountId,
    own: cursor.own,
    afterId: cursor.afterId,
    limit: options.limit,
  });
  const next = nextCursor(cursor, replies, options.limit);
  return new CollectionPage({
    id: options.withId ? repliesPageUri(status, cursor) : null,
    partOf: repliesUri(status),
    items: await (options.items ?? asIds)(replies),
    next: next ? repliesPageUri(status, next) : null,
  });
}

/** The collection as a Note embeds it: the ids of the author's first `limit` replies. */
export async function repliesCollection(
  db: Queryable,
  status: Pick<StatusRecord, 'id' | 'uri' | 'accountId'>,
  limit: number,
): Promise<Collection> {
  return new Collection({
    id: repliesUri(status),
    first: await repliesPage(db, status, firstRepliesCursor, { limit, withId: false }),
  });
}
