/**
 * PUT /api/v1/scheduled_statuses/:id: moving a scheduled post to another time, under the same
 * rules as scheduling it. A job is enqueued for the new time; the one for the old time finds
 * the post not yet due and does nothing.
 */
import { notFound } from '../../../core/errors.ts';
import { isId } from '../../../core/ids.ts';
import {
  findScheduledStatus,
  updateScheduledAt,
  type ScheduledStatusRecord,
} from '../../../db/repositories/scheduled-statuses.ts';
import type { Deps } from '../../context.ts';
import { bareRecordInvalid } from '../validation-errors.ts';
import { enqueuePublishing } from './publish-scheduled.ts';
import { checkSchedule, parseScheduledAt } from './scheduled-at.ts';

/** The account's scheduled post, or Mastodon's 404. */
export async function findOwnScheduledStatus(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<ScheduledStatusRecord> {
  const record = isId(id) ? await findScheduledStatus(deps.db, accountId, id) : null;
  if (!record) throw notFound();
  return record;
}

export async function rescheduleStatus(
  deps: Deps,
  accountId: string,
  id: string,
  scheduledAtParam: unknown,
): Promise<ScheduledStatusRecord> {
  const record = await findOwnScheduledStatus(deps, accountId, id);
  const scheduledAt = parseScheduledAt(scheduledAtParam);
  // No new time: nothing to change, as Rails' `update!` with no attributes.
  if (scheduledAt === null) return record;
  if (scheduledAt === 'invalid') throw bareRecordInvalid();
  if (scheduledAt === record.scheduledAt) return record;
  const now = deps.clock.now();
  (await checkSchedule(deps.db, accountId, scheduledAt, now, { exceptId: id })).throwIfAny();
  await updateScheduledAt(deps.db, id, scheduledAt);
  const moved = { ...record, scheduledAt };
  await enqueuePublishing(deps, moved);
  return moved;
}
