/**
 * Local posts as Notes at their ActivityPub id, /users/{username}/statuses/{id}: public and
 * unlisted posts to anyone, followers-only and direct ones only to signed requests from
 * accounts allowed to see them (authorize.ts; a 404 for anyone else, as Mastodon answers); never local-only ones (those never leave this
 * server), deleted ones or boosts.
 */
import type { Federation } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { loadNoteParts, toNote } from '../convert/note.ts';
import { mayFetchStatus } from './authorize.ts';
import { findPublishedAccount } from './local-account.ts';

async function servedStatus(deps: Deps, values: Record<'identifier' | 'id', string>) {
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

const isOpen = (status: StatusRecord) =>
  status.visibility === 'public' || status.visibility === 'unlisted';

export function registerNoteDispatcher(federation: Federation<Deps>): void {
  federation
    .setObjectDispatcher(
      Note,
      '/users/{identifier}/statuses/{id}',
      async (ctx, values: Record<'identifier' | 'id', string>) => {
        const found = await servedStatus(ctx.data, values);
        if (!found) return null;
        // A private post the signer may not see does not exist for them (Mastodon's 404).
        if (!isOpen(found.status) && !(await mayFetchStatus(ctx, found.status, found.account))) {
          return null;
        }
        return toNote(ctx, await loadNoteParts(ctx.data, found.status, found.account));
      },
    )
    .authorize(async (ctx, values) => {
      // Secure mode turns unsigned fetches of public posts away with 401.
      const found = await servedStatus(ctx.data, values);
      if (!found || !isOpen(found.status)) return true;
      return mayFetchStatus(ctx, found.status, found.account);
    });
}
