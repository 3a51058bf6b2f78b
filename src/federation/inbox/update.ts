/**
 * Update: a remote post was edited (UpdateRemoteStatus, only by its author), or a remote
 * actor changed its profile (the account is refreshed from the actor Fedify verified).
 */
import type { InboxContext } from '@fedify/fedify';
import { isActor, Note, type Update } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { updateRemoteStatus } from '../../domain/statuses/update-remote-status.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { senderAccount } from './accounts.ts';

export async function onUpdate(ctx: InboxContext<Deps>, update: Update): Promise<void> {
  const object = await update.getObject(ctx).catch(() => null);
  if (isActor(object)) {
    if (object.id?.href === update.actorId?.href) await senderAccount(ctx, update);
    return;
  }
  if (!(object instanceof Note) || object.attributionId?.href !== update.actorId?.href) return;
  const author = await senderAccount(ctx, update);
  if (!author) return;
  const now = ctx.data.clock.now();
  const input = await remoteStatusFromNote(ctx.data, object, author, now);
  if (!input) return;
  await updateRemoteStatus(ctx.data, author.id, {
    uri: input.uri,
    content: input.content,
    spoilerText: input.spoilerText,
    sensitive: input.sensitive,
    editedAt: input.editedAt ?? now,
  });
}
