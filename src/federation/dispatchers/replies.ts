/**
 * A local post's `replies` collection at /users/{identifier}/statuses/{id}/replies
 * (convert/replies.ts has its shape and paging): served to whoever may see the post itself,
 * under the same rules as the Note (note.ts).
 */
import type { Federation } from '@fedify/fedify';
import { Collection } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import {
  repliesCollection,
  repliesPage,
  repliesPageSize,
  requestedRepliesPage,
} from '../convert/replies.ts';
import { mayFetchStatus } from './authorize.ts';
import { isOpen, servedStatus } from './note.ts';

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
        return cursor
          ? repliesPage(ctx.data.db, found.status, cursor, {
              limit: repliesPageSize,
              withId: true,
            })
          : repliesCollection(ctx.data.db, found.status, repliesPageSize);
      },
    )
    .authorize(async (ctx, values) => {
      const found = await servedStatus(ctx.data, values);
      if (!found || !isOpen(found.status)) return true;
      return mayFetchStatus(ctx, found.status, found.account);
    });
}
