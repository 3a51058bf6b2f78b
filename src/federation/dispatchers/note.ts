/**
 * Local posts as Notes at their ActivityPub id, /users/{username}/statuses/{id}. Only what
 * anyone may read is served: public and unlisted posts, never local-only ones (those never
 * leave this server), deleted ones or boosts.
 */
import type { Federation } from '@fedify/fedify';
import { Note } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDistributable } from '../../domain/statuses/write-status.ts';
import { loadNoteParts, toNote } from '../convert/note.ts';
import { findPublishedAccount } from './local-account.ts';

export function registerNoteDispatcher(federation: Federation<Deps>): void {
  federation.setObjectDispatcher(
    Note,
    '/users/{identifier}/statuses/{id}',
    async (ctx, values: Record<'identifier' | 'id', string>) => {
      const account = await findPublishedAccount(ctx.data, values.identifier);
      if (!account || !isId(values.id)) return null;
      const status = await findStatusById(ctx.data.db, values.id);
      if (
        !status ||
        status.accountId !== account.id ||
        !status.local ||
        status.localOnly ||
        status.reblogOfId !== null ||
        !isDistributable(status)
      ) {
        return null;
      }
      return toNote(ctx, await loadNoteParts(ctx.data, status, account));
    },
  );
}
