/**
 * The attachments of an edited remote post (Mastodon's update_media_attachments! in
 * ProcessStatusUpdateService): an attachment keeps its row when its address is unchanged (its
 * description, blurhash and focal point are refreshed), new addresses get new rows, and ones
 * left out are detached. Whether the reader sees a difference (another set or order, or a
 * changed description) decides, with the text, whether the update is an edit.
 */
import type { Queryable } from '../../db/database.ts';
import {
  detachMediaFromStatus,
  findMediaByStatusIds,
  insertMediaAttachment,
  saveMediaAttachment,
  type MediaAttachmentRecord,
} from '../../db/repositories/media-attachments.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { rejectsMediaFrom } from '../domain-blocks/rules.ts';
import {
  remoteAttachmentRecords,
  type RemoteAttachmentInput,
} from '../remote-media/record-attachments.ts';

export interface RemoteMediaPlan {
  previousIds: string[];
  /** The attachments after the update, in the sender's order. */
  next: MediaAttachmentRecord[];
  /** Rows to insert (addresses the post did not have). */
  added: MediaAttachmentRecord[];
  /** Rows kept whose description, blurhash or focal point changed. */
  refreshed: MediaAttachmentRecord[];
  /** The reader sees a difference: another set, order or description. */
  changed: boolean;
  /** A domain block rejects the sender's media: the files are not fetched. */
  rejectMedia: boolean;
}

export async function planRemoteMedia(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  status: StatusRecord,
  authorDomain: string | null,
  attachments: readonly RemoteAttachmentInput[],
): Promise<RemoteMediaPlan> {
  const previous = await findMediaByStatusIds(deps.db, [status.id]);
  const byUrl = new Map(previous.map((m) => [m.remoteUrl, m]));
  const rejectMedia = await rejectsMediaFrom(deps, authorDomain);
  const next: MediaAttachmentRecord[] = [];
  const added: MediaAttachmentRecord[] = [];
  const refreshed: MediaAttachmentRecord[] = [];
  let changed = false;
  for (const record of remoteAttachmentRecords(deps, status, attachments, { rejectMedia })) {
    const kept = byUrl.get(record.remoteUrl);
    if (!kept) {
      next.push(record);
      added.push(record);
      continue;
    }
    if (kept.description !== record.description) changed = true;
    const focus = record.meta.focus;
    const same =
      kept.description === record.description &&
      kept.blurhash === record.blurhash &&
      JSON.stringify(kept.meta.focus) === JSON.stringify(focus);
    const updated: MediaAttachmentRecord = same
      ? kept
      : {
          ...kept,
          description: record.description,
          blurhash: record.blurhash,
          meta: { ...kept.meta, ...(focus ? { focus } : {}) },
          updatedAt: record.updatedAt,
        };
    if (!same) refreshed.push(updated);
    next.push(updated);
  }
  const previousUrls = previous.map((m) => m.remoteUrl).join('\n');
  if (next.map((m) => m.remoteUrl).join('\n') !== previousUrls) changed = true;
  return {
    previousIds: previous.map((m) => m.id),
    next,
    added,
    refreshed,
    changed,
    rejectMedia,
  };
}

/** Writes the plan (in the caller's transaction). */
export async function applyRemoteMedia(
  tx: Queryable,
  statusId: string,
  plan: RemoteMediaPlan,
  now: number,
): Promise<void> {
  for (const record of plan.refreshed) await saveMediaAttachment(tx, record);
  for (const record of plan.added) await insertMediaAttachment(tx, record);
  await detachMediaFromStatus(
    tx,
    statusId,
    plan.next.map((m) => m.id),
    now,
  );
}
