/**
 * Local posts as Notes (a Question when the post has a poll) at their ActivityPub id, /users/{username}/statuses/{id}: public and
 * unlisted posts to anyone, followers-only and direct ones only to signed requests from
 * accounts allowed to see them (authorize.ts; a 404 for anyone else, as Mastodon answers); never local-only ones (those never leave this
 * server), deleted ones or boosts.
 */
import type { Federation } from '@fedify/fedify';
import { Object as APObject } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import { mayFetchStatus } from './authorize.ts';
import { findPublishedAccount } from './local-account.ts';

export async function servedStatus(deps: Deps, values: Record<'identifier' | 'id', string>) {
  const account = await findPublishedAccount(deps, values.identifier);
  if (!account || !isId(values.id)) return null;
  const status = await findStatusById(deps.db, values.id);
  if (
    !status ||
    status.accountId !== account.id ||
    !status.local ||
    status.localOnly ||
    status.deletedAt !== null ||
    status.reblogOfId !== null
  ) {
    return null;
  }
  return { account, status };
}

export const isOpen = (status: StatusRecord) =>
  status.visibility === 'public' || status.visibility === 'unlisted';

export function registerNoteDispatcher(federation: Federation<Deps>): void {
  federation
    // Registered for Object, not Note: the same URL serves a Question when the post has a poll.
    .setObjectDispatcher(
      APObject,
      '/users/{identifier}/statuses/{id}',
      async (ctx, values: Record<'identifier' | 'id', string>) => {
        const found = await servedStatus(ctx.data, values);
        if (!found) return null;
        // A private post the signer may not see does not exist for them (Mastodon's 404).
        if (!isOpen(found.status) && !(await mayFetchStatus(ctx, found.status, found.account))) {
          return null;
        }
        return toStatusObject(ctx, await loadNoteParts(ctx.data, found.status, found.account));
      },
    )
    .authorize(async (ctx, values) => {
      // Secure mode turns unsigned fetches of public posts away with 401.
      const found = await servedStatus(ctx.data, values);
      if (!found || !isOpen(found.status)) return true;
      return mayFetchStatus(ctx, found.status, found.account);
    });
}
