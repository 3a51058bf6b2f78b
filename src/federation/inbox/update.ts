/**
 * Update: a remote post (any type create.ts stores) was edited (UpdateRemoteStatus, only by
 * its author; its quote is read again, quote.ts), a remote poll's
 * counts changed (question.ts), or a remote actor changed its profile.
 */
import type { InboxContext } from '@fedify/fedify';
import { isActor, Question, type Update } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { findAccountByUri } from '../../db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import { updateRemoteStatus } from '../../domain/statuses/update-remote-status.ts';
import { queueFeaturedTagsRead } from '../backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { senderAccount } from './accounts.ts';
import { refreshRemoteQuote } from './quote.ts';
import { updateQuestion } from './question.ts';

export async function onUpdate(ctx: InboxContext<Deps>, update: Update): Promise<void> {
  const object = await update.getObject(ctx).catch(() => null);
  if (isActor(object)) {
    // The actor signed this Update, so its embedded profile is taken as it is (as Mastodon
    // does), without fetching it again.
    if (!update.actorId || object.id?.href !== update.actorId.href) return;
    const known = await findAccountByUri(ctx.data.db, update.actorId.href);
    const input = await remoteAccountFromActor(object, known?.publicKey ?? null);
    if (!input) return;
    // Its emojis come with it (upsertRemoteAccount keeps them); its featured hashtags are read.
    await queueFeaturedTagsRead(ctx.data, await upsertRemoteAccount(ctx.data, input), object);
    return;
  }
  if (object instanceof Question) {
    await updateQuestion(ctx, update, object);
    return;
  }
  if (!isStatusObject(object) || object.attributionId?.href !== update.actorId?.href) return;
  const author = await senderAccount(ctx, update);
  if (!author) return;
  const now = ctx.data.clock.now();
  const input = await remoteStatusFromNote(ctx.data, object, author, now);
  if (!input) return;
  // Stored as it is now; an edit only when the reader sees a difference (and it has a newer
  // `updated`): a quote stamp alone is none.
  await updateRemoteStatus(ctx.data, author.id, {
    uri: input.uri,
    content: input.content,
    spoilerText: input.spoilerText,
    sensitive: input.sensitive,
    language: input.language,
    editedAt: input.editedAt,
    attachments: input.attachments ?? [],
  });
  await refreshRemoteQuote(ctx, object, author);
}
