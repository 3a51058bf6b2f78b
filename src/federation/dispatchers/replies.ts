/**
 * A local post's `replies` collection at /users/{identifier}/statuses/{id}/replies
 * (convert/replies.ts has its shape and paging): served to whoever may see the post itself,
 * under the same rules as the Note (note.ts). Local replies are on the pages as whole Notes
 * (or Questions), as Mastodon serves them, remote ones as their ids.
 */
import type { Context, Federation } from '@fedify/fedify';
import { Collection } from '@fedify/vocab';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { ReplyRow } from '../../db/views/status-replies.ts';
import type { Deps } from '../../domain/context.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import {
  firstRepliesCursor,
  repliesPage,
  repliesPageSize,
  repliesUri,
  requestedRepliesPage,
  type RepliesCursor,
  type ReplyItem,
} from '../convert/replies.ts';
import { mayFetchStatus } from './authorize.ts';
import { isOpen, servedStatus } from './note.ts';

/** The listed replies with the local ones as the objects their own URLs serve. */
async function withLocalObjects(ctx: Context<Deps>, replies: ReplyRow[]): Promise<ReplyItem[]> {
  const statuses = await findStatusesByIds(
    ctx.data.db,
    replies.filter((reply) => reply.local).map((reply) => reply.id),
  );
  const authors = new Map(
    (await findAccountsByIds(ctx.data.db, [...new Set(statuses.map((s) => s.accountId))])).map(
      (account) => [account.id, account],
    ),
  );
  const objects = new Map<string, ReplyItem>();
  for (const status of statuses) {
    const author = authors.get(status.accountId);
    if (!author) continue;
    objects.set(
      status.id,
      await toStatusObject(ctx, await loadNoteParts(ctx.data, status, author)),
    );
  }
  return replies.map((reply) => objects.get(reply.id) ?? new URL(reply.uri));
}

function page(ctx: Context<Deps>, status: StatusRecord, cursor: RepliesCursor) {
  return repliesPage(ctx.data.db, status, cursor, {
    limit: repliesPageSize,
    withId: true,
    items: (replies) => withLocalObjects(ctx, replies),
  });
}

export function registerRepliesCollection(federation: Federation<Deps>): void {
  federation
    .setObjectDispatcher(
      Collection,
      '/users/{identifier}/statuses/{id}/replies',
      async (ctx, values: Record<'identifier' | 'id', string>) => {
        const found = await servedStatus(ctx.data, values);
        if (!found) return null;
        if (!isOpen(found.status) && !(await mayFetchStatus(ctx, found.status, found.account))) {
          return null;
        }
        const cursor = requestedRepliesPage(ctx.url);
        if (cursor) return page(ctx, found.status, cursor);
        return new Collection({
          id: repliesUri(found.status),
          first: await page(ctx, found.status, firstRepliesCursor),
        });
      },
    )
    .authorize(async (ctx, values) => {
      const found = await servedStatus(ctx.data, values);
      if (!found || !isOpen(found.status)) return true;
      return mayFetchStatus(ctx, found.status, found.account);
    });
}
