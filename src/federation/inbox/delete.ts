/**
 * Delete of a post (a Note, a Tombstone or just its id): the author's own server removes
 * it, through the same DeleteStatus as a local deletion. Delete of the actor itself removes
 * the account and all of it; Delete of a stamp (QuoteAuthorization) given for a local quote
 * revokes that quote (quote-answer.ts). A post of someone else, or one
 * Woolly never had, is ignored, so a repeated Delete is harmless.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Delete } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import { findAccountByUri } from '../../db/repositories/accounts.ts';
import { deleteRemoteAccount } from '../../domain/accounts/delete-remote-account.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { deleteStatus } from '../../domain/statuses/delete-status.ts';
import { onStampDeleted } from './quote-answer.ts';

export async function onDelete(ctx: InboxContext<Deps>, del: Delete): Promise<void> {
  const objectId = del.objectId;
  const actorId = del.actorId;
  if (!objectId || !actorId) return;
  if (objectId.href === actorId.href) {
    // The actor deleted itself; Fedify verified the signature with its key.
    const gone = await findAccountByUri(ctx.data.db, actorId.href);
    if (gone) await deleteRemoteAccount(ctx.data, gone);
    return;
  }
  if (await onStampDeleted(ctx, del)) return;
  const status = await findStatusByUri(ctx.data.db, objectId.href);
  if (!status || status.deletedAt !== null || status.local) return;
  const author = await findAccountByUri(ctx.data.db, actorId.href);
  if (!author || author.id !== status.accountId) return;
  try {
    await deleteStatus(ctx.data, author.id, status.id);
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error;
  }
}
