/**
 * Scheduling a post instead of posting it (PostStatusService#schedule_status!): the post must
 * be one that could be made now, and the time far enough ahead and within the limits. The
 * scheduled row and the idempotency key are written together; the publishing job follows.
 */
import {
  attachMediaToScheduledStatus,
  type MediaAttachmentRecord,
} from '../../../db/repositories/media-attachments.ts';
import {
  insertScheduledStatus,
  type ScheduledStatusRecord,
} from '../../../db/repositories/scheduled-statuses.ts';
import type { Deps } from '../../context.ts';
import type { NewStatus, Poster, StatusDraft } from '../draft.ts';
import type { PostResult, RecordKey } from '../idempotency.ts';
import { bareRecordInvalid, type ValidationErrors } from '../validation-errors.ts';
import { enqueuePublishing } from './publish-scheduled.ts';
import { checkSchedule } from './scheduled-at.ts';
import { scheduledParams } from './scheduled-params.ts';

export async function scheduleStatus(
  deps: Deps,
  poster: Poster,
  input: NewStatus,
  draft: { draft: StatusDraft; errors: ValidationErrors },
  scheduledAt: number,
  recordKey: RecordKey,
  now: number,
  media: readonly MediaAttachmentRecord[] = [],
): Promise<PostResult> {
  // Mastodon checks the would-be post with `valid?` and raises a RecordInvalid without it.
  if (draft.errors.any) throw bareRecordInvalid();
  (await checkSchedule(deps.db, poster.account.id, scheduledAt, now)).throwIfAny();
  const record: ScheduledStatusRecord = {
    id: deps.ids.next(),
    accountId: poster.account.id,
    scheduledAt,
    params: scheduledParams(input, draft.draft),
    mediaAttachmentIds: media.map((m) => m.id),
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await insertScheduledStatus(tx, record);
    await attachMediaToScheduledStatus(tx, record.mediaAttachmentIds, record.id, now);
    await recordKey(tx, { scheduledStatusId: record.id });
  });
  await enqueuePublishing(deps, record);
  return { kind: 'scheduled', scheduled: record };
}
