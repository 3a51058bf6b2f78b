/**
 * Telling other servers a local poll's new counts. Each vote on a local poll, local or remote,
 * asks for one announcement three minutes later (Mastodon's DistributePollUpdateWorker);
 * votes meanwhile fold into it (one waiting job per poll), so a busy poll is announced every
 * few minutes, not once per vote. The job emits `poll.tallies_changed`, which federation
 * turns into an Update of the Question.
 */
import { findStatusById } from '../../../db/repositories/statuses.ts';
import type { Deps } from '../../context.ts';

export const pollTalliesJob = 'polls.announce_tallies';
export const pollTalliesDelayMs = 3 * 60_000;

interface Payload {
  pollId: string;
  statusId: string;
}

/** Subscribes to votes; returns a function that unsubscribes. */
export function scheduleTallyUpdates(
  deps: Pick<Deps, 'db' | 'events' | 'queue' | 'log'>,
): () => void {
  return deps.events.on('poll.voted', async (event) => {
    const status = await findStatusById(deps.db, event.statusId);
    if (!status?.local) return;
    const payload: Payload = { pollId: event.pollId, statusId: event.statusId };
    await deps.queue.enqueue('default', pollTalliesJob, payload, {
      delayMs: pollTalliesDelayMs,
      uniqueKey: `${pollTalliesJob}:${event.pollId}`,
    });
  });
}

export async function announceTallies(deps: Pick<Deps, 'events'>, payload: unknown): Promise<void> {
  const job = payload as Partial<Payload> | null;
  if (typeof job?.pollId !== 'string' || typeof job.statusId !== 'string') {
    throw new Error(`not a poll tallies job: ${JSON.stringify(payload)}`);
  }
  await deps.events.emit('poll.tallies_changed', { pollId: job.pollId, statusId: job.statusId });
}
