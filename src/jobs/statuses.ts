/**
 * The jobs of posting: publishing a scheduled post at its time and announcing a poll's end
 * (each enqueued, delayed, when the post or poll is made), a sweep of each every minute for
 * the ones whose job was lost, as Mastodon's ScheduledStatusesScheduler sweeps, and an hourly
 * clearing of expired idempotency keys.
 */
import type { JobRuntime } from '../core/queue.ts';
import type { Deps } from '../domain/context.ts';
import { forgetStaleIdempotencyKeys } from '../domain/statuses/idempotency.ts';
import { closeEndedPolls, closePoll, closePollJob } from '../domain/statuses/polls/close-poll.ts';
import {
  publishDueScheduledStatuses,
  publishScheduledStatus,
  publishScheduledStatusJob,
} from '../domain/statuses/scheduled/publish-scheduled.ts';

const sweepScheduledJob = 'statuses.publish_due';
const sweepPollsJob = 'polls.close_ended';
const idempotencyVacuumJob = 'statuses.idempotency_vacuum';

export function registerStatusJobs(deps: Deps, jobs: JobRuntime): void {
  jobs.register(publishScheduledStatusJob, async (payload) => {
    await publishScheduledStatus(
      deps,
      (payload as { scheduledStatusId: string }).scheduledStatusId,
    );
  });
  jobs.register(closePollJob, async (payload) => {
    await closePoll(deps, (payload as { pollId: string }).pollId);
  });
  jobs.register(sweepScheduledJob, async () => {
    await publishDueScheduledStatuses(deps);
  });
  jobs.register(sweepPollsJob, async () => {
    await closeEndedPolls(deps);
  });
  jobs.register(idempotencyVacuumJob, async () => {
    await forgetStaleIdempotencyKeys(deps);
  });
  jobs.recurring(sweepScheduledJob, { everyMs: 60_000 });
  jobs.recurring(idempotencyVacuumJob, { everyMs: 3_600_000 });
  jobs.recurring(sweepPollsJob, { everyMs: 60_000 });
}
