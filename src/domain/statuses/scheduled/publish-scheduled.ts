/**
 * Publishing scheduled posts on time (Mastodon's PublishScheduledStatusWorker and
 * ScheduledStatusesScheduler). Each post has a job due at its time; a recurring sweep
 * publishes any whose job was lost. Removing the scheduled row and writing the post happen in
 * one transaction, and only the caller that removed the row writes the post, so a post is
 * published exactly once. A post that can no longer be made (its reply target is gone, it is
 * no longer valid) is dropped, as Mastodon drops it.
 */
import { attachMediaToStatus } from '../../../db/repositories/media-attachments.ts';
import type { ScheduledStatusRecord } from '../../../db/repositories/scheduled-statuses.ts';
import {
  deleteScheduledStatus,
  findDueScheduledStatusIds,
  findScheduledStatusById,
} from '../../../db/repositories/scheduled-statuses.ts';
import { findAccountById } from '../../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../../db/repositories/statuses.ts';
import { findUserByAccountId } from '../../../db/repositories/users.ts';
import type { Deps } from '../../context.ts';
import { getSettings } from '../../instance/settings.ts';
import { buildDraft } from '../draft.ts';
import { pollExpiresAt } from '../polls/poll-input.ts';
import { findQuoteTarget, findReplyTarget } from '../targets.ts';
import { transactionWithEvents } from '../../transaction.ts';
import { afterStatusCreated, emitStatusCreated, writeNewStatus } from '../write-status.ts';
import { newStatusFromParams } from './scheduled-params.ts';

export const publishScheduledStatusJob = 'statuses.publish_scheduled';

/** Asks for the post to be published at its time; a lost job is caught by the sweep. */
export async function enqueuePublishing(
  deps: Pick<Deps, 'queue' | 'clock' | 'log'>,
  record: Pick<ScheduledStatusRecord, 'id' | 'scheduledAt'>,
): Promise<void> {
  try {
    await deps.queue.enqueue(
      'scheduler',
      publishScheduledStatusJob,
      { scheduledStatusId: record.id },
      {
        delayMs: Math.max(0, record.scheduledAt - deps.clock.now()),
        uniqueKey: `${publishScheduledStatusJob}:${record.id}:${record.scheduledAt}`,
      },
    );
  } catch (error) {
    deps.log.warn('could not enqueue a scheduled post; the sweep will publish it', {
      scheduledStatusId: record.id,
      error,
    });
  }
}

async function drop(deps: Pick<Deps, 'db' | 'log'>, id: string, reason: string, error?: unknown) {
  deps.log.info('scheduled post dropped', { scheduledStatusId: id, reason, error });
  await deleteScheduledStatus(deps.db, id);
}

/**
 * Publishes the scheduled post if it is due. Returns the new status, or null when there was
 * nothing to publish (not due yet, already published or cancelled, or dropped).
 */
export async function publishScheduledStatus(deps: Deps, id: string): Promise<StatusRecord | null> {
  const now = deps.clock.now();
  const record = await findScheduledStatusById(deps.db, id);
  // Moved to a later time: the job for that time will come.
  if (!record || record.scheduledAt > now) return null;
  const [account, user] = await Promise.all([
    findAccountById(deps.db, record.accountId),
    findUserByAccountId(deps.db, record.accountId),
  ]);
  if (!account || account.suspendedAt !== null) {
    await drop(deps, id, 'the author is gone');
    return null;
  }
  const input = newStatusFromParams(record.params);
  let refs;
  try {
    refs = {
      thread: input.inReplyToId ? await findReplyTarget(deps, account, input.inReplyToId) : null,
      quoted: input.quotedStatusId
        ? await findQuoteTarget(deps, account, input.quotedStatusId)
        : null,
    };
  } catch (error) {
    await drop(deps, id, 'the post it replies to or quotes is gone', error);
    return null;
  }
  const settings = await getSettings(deps);
  const { draft, errors } = await buildDraft(deps, { account, user }, input, refs, settings, now);
  if (errors.any) {
    await drop(deps, id, errors.messages.join(', '));
    return null;
  }
  const status = await transactionWithEvents(deps, async (tx, emit) => {
    if (!(await deleteScheduledStatus(tx, id, now))) return null;
    const written = await writeNewStatus(tx, deps, draft, now);
    // The uploads were checked and tied to the scheduled post when it was scheduled.
    await attachMediaToStatus(tx, record.mediaAttachmentIds, written.id, now);
    await emitStatusCreated(emit, written);
    return written;
  });
  if (status) {
    await afterStatusCreated(deps, status, draft.poll ? pollExpiresAt(draft.poll, now) : null);
  }
  return status;
}

/** Publishes every due post (the recurring sweep); returns how many were published. */
export async function publishDueScheduledStatuses(deps: Deps): Promise<number> {
  let published = 0;
  for (;;) {
    const due = await findDueScheduledStatusIds(deps.db, deps.clock.now(), 100);
    for (const id of due) if (await publishScheduledStatus(deps, id)) published += 1;
    if (due.length < 100) return published;
  }
}
