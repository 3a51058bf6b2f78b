/**
 * Questions (polls) from other servers: Create stores the post with its poll, Update refreshes
 * the counts, end and options (and the text, when the author edited it). Only the author may
 * do either, as for Notes.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Create, Question, Update } from '@fedify/vocab';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { refreshRemotePoll } from '../../domain/statuses/polls/remote-poll.ts';
import { updateRemoteStatus } from '../../domain/statuses/update-remote-status.ts';
import { queueParentFetch } from '../backfill/parent-queue.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { remotePollFromQuestion } from '../convert/remote-question.ts';
import { senderAccount } from './accounts.ts';

export async function createQuestion(
  ctx: InboxContext<Deps>,
  create: Create,
  question: Question,
): Promise<void> {
  if (question.attributionId?.href !== create.actorId?.href) return;
  const author = await senderAccount(ctx, create);
  if (!author) return;
  const now = ctx.data.clock.now();
  // Its poll comes with it (remoteStatusFromNote reads a Question's).
  const input = await remoteStatusFromNote(ctx.data, question, author, now);
  if (!input) return;
  const status = await createRemoteStatus(ctx.data, input);
  // A poll answering a post Woolly lacks: its parent is fetched on `pull`, as for Notes.
  await queueParentFetch(ctx.data, status, input.inReplyToUri);
}

export async function updateQuestion(
  ctx: InboxContext<Deps>,
  update: Update,
  question: Question,
): Promise<void> {
  if (!question.id || question.attributionId?.href !== update.actorId?.href) return;
  const author = await senderAccount(ctx, update);
  const status = author ? await findStatusByUri(ctx.data.db, question.id.href) : null;
  if (!author || !status || status.accountId !== author.id || status.deletedAt !== null) return;
  const now = ctx.data.clock.now();
  const poll = await remotePollFromQuestion(question, now);
  // Mastodon sends `updated` only when the author edited the post, not for new counts; new
  // options are an edit (compared with the stored ones, so before they are refreshed).
  if (question.updated) {
    const input = await remoteStatusFromNote(ctx.data, question, author, now);
    if (!input) return;
    await updateRemoteStatus(ctx.data, author.id, {
      uri: input.uri,
      content: input.content,
      spoilerText: input.spoilerText,
      sensitive: input.sensitive,
      language: input.language,
      editedAt: input.editedAt,
      attachments: input.attachments ?? [],
      pollOptions: poll?.options,
    });
  }
  if (poll) await refreshRemotePoll(ctx.data, status, poll);
}
