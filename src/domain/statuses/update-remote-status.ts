/**
 * A post from another server was updated (Update of a Note or Question), as Mastodon's
 * ActivityPub::ProcessStatusUpdateService takes it. Only an update whose `updated` time is
 * newer than the post's last edit is applied (an older one delivered late, or one without
 * that time, changes nothing here). Its fields are stored, but it counts as an edit only
 * when the reader sees a difference: the text, the content warning, the attachments (or
 * their descriptions) or the poll's options. An edit records the versions (the first one
 * too), sets `edited_at` and emits `status.updated` (timelines, and notifications to those
 * who boosted or quoted it); anything else (a quote stamp, the sensitive flag or language
 * alone, new poll counts) is stored silently. Only the author's own server may update a
 * post: the caller passes the account the update came from, and an update of someone
 * else's post, or of a post Woolly does not have, changes nothing.
 */
import { findPollById } from '../../db/repositories/polls.ts';
import { countStatusEdits, insertStatusEdit } from '../../db/repositories/status-edits.ts';
import {
  findStatusByUri,
  updateStatus,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import {
  cacheRemoteAttachments,
  type RemoteAttachmentInput,
} from '../remote-media/record-attachments.ts';
import { applyRemoteMedia, planRemoteMedia } from './remote-status-media.ts';

export interface RemoteStatusEdit {
  uri: string;
  /** Sanitized HTML. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  /** Its `updated` time; null when it has none (then nothing but its poll counts changes). */
  editedAt: number | null;
  attachments: readonly RemoteAttachmentInput[];
  /** The poll's option titles (a Question), or null for a post without a poll. */
  pollOptions?: string[] | null;
}

export async function updateRemoteStatus(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events' | 'config' | 'queue'>,
  authorId: string,
  edit: RemoteStatusEdit,
): Promise<StatusRecord | null> {
  const status = await findStatusByUri(deps.db, edit.uri);
  if (!status || status.deletedAt !== null || status.local || status.accountId !== authorId) {
    return null;
  }
  // An update without a time, or older than the last edit (delivered late), is no edit.
  if (edit.editedAt === null || (status.editedAt !== null && status.editedAt >= edit.editedAt)) {
    return status;
  }
  const editedAt = edit.editedAt;
  const author = await findAccountById(deps.db, authorId);
  const media = await planRemoteMedia(deps, status, author?.domain ?? null, edit.attachments);
  const poll = status.pollId ? await findPollById(deps.db, status.pollId) : null;
  const pollChanged =
    edit.pollOptions !== undefined &&
    JSON.stringify(poll?.options ?? null) !== JSON.stringify(edit.pollOptions);
  const significant =
    edit.content !== status.content ||
    edit.spoilerText !== status.spoilerText ||
    media.changed ||
    pollChanged;
  const now = deps.clock.now();
  const changes = {
    content: edit.content,
    spoilerText: edit.spoilerText,
    sensitive: edit.sensitive,
    language: edit.language,
    ...(significant ? { editedAt } : {}),
    updatedAt: now,
  };
  const snapshot = (at: number, next: boolean) => ({
    id: deps.ids.next(),
    statusId: status.id,
    accountId: authorId,
    text: status.text,
    content: next ? edit.content : status.content,
    spoilerText: next ? edit.spoilerText : status.spoilerText,
    sensitive: next ? edit.sensitive : status.sensitive,
    mediaAttachmentIds: next ? media.next.map((m) => m.id) : media.previousIds,
    pollOptions:
      next && edit.pollOptions !== undefined ? edit.pollOptions : (poll?.options ?? null),
    quoteOfId: status.quoteOfId,
    createdAt: at,
  });
  // The edit and the jobs its event makes (notifications, search) commit together.
  await transactionWithEvents(deps, async (tx, emit) => {
    await applyRemoteMedia(tx, status.id, media, now);
    await updateStatus(tx, status.id, changes);
    if (!significant) return;
    // The first edit also records the version it replaces, as of the post's creation.
    if ((await countStatusEdits(tx, status.id)) === 0) {
      await insertStatusEdit(tx, snapshot(status.createdAt, false));
    }
    await insertStatusEdit(tx, snapshot(editedAt, true));
    await emit('status.updated', { statusId: status.id, accountId: authorId, local: false });
  });
  if (!media.rejectMedia) await cacheRemoteAttachments(deps, media.added);
  return { ...status, ...changes };
}
