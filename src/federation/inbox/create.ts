/**
 * Create of a Note: a remote post arrives and is stored through CreateRemoteStatus. Only the
 * author may create it (the Note's attribution must be the signed actor); other object
 * types are not stored yet.
 */
import type { InboxContext } from '@fedify/fedify';
import { Note, type Create } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { senderAccount } from './accounts.ts';

export async function onCreate(ctx: InboxContext<Deps>, create: Create): Promise<void> {
  const note = await create.getObject(ctx).catch(() => null);
  if (!(note instanceof Note) || note.attributionId?.href !== create.actorId?.href) return;
  const author = await senderAccount(ctx, create);
  if (!author) return;
  const input = await remoteStatusFromNote(ctx.data, note, author, ctx.data.clock.now());
  if (input) await createRemoteStatus(ctx.data, input);
}
