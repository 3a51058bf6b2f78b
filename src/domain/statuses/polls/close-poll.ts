/**
 * Polls end on their own: a job waits until the poll's end and announces it (`poll.closed`,
 * from which notifications and federation follow), as Mastodon's PollExpirationNotifyWorker.
 * Announcing is claimed with a conditional UPDATE, so it happens once however many jobs or
 * sweeps look at the poll; a sweep catches polls whose job was lost.
 */
import { findPollById, findPollsToClose, markPollClosed } from '../../../db/repositories/polls.ts';
import { findStatusById } from '../../../db/repositories/statuses.ts';
import type { Deps } from '../../context.ts';
import { transactionWithEvents } from '../../transaction.ts';

export const closePollJob = 'polls.close';

/**
 * Asks for the poll to be closed at `endsAt`. A failure to enqueue is logged, not thrown: the
 * post it belongs to is already saved, and the sweep will close the poll.
 */
export async function enqueuePollClosing(
  deps: Pick<Deps, 'queue' | 'clock' | 'log'>,
  pollId: string,
  endsAt: number,
): Promise<void> {
  try {
    await deps.queue.enqueue(
      'scheduler',
      closePollJob,
      { pollId },
      {
        delayMs: Math.max(0, endsAt - deps.clock.now()),
        uniqueKey: `${closePollJob}:${pollId}:${endsAt}`,
      },
    );
  } catch (error) {
    deps.log.warn('could not enqueue the closing of a poll; the sweep will close it', {
      pollId,
      error,
    });
  }
}

/** Closes the poll if it has ended and its end was not announced yet; true when this did. */
export async function closePoll(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  pollId: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const poll = await findPollById(deps.db, pollId);
  if (!poll || poll.expiresAt === null || poll.expiresAt > now || poll.closedNotifiedAt !== null) {
    return false;
  }
  const status = await findStatusById(deps.db, poll.statusId);
  return transactionWithEvents(deps, async (tx, emit) => {
    if (!(await markPollClosed(tx, poll.id, now))) return false;
    if (status) await emit('poll.closed', { pollId: poll.id, statusId: poll.statusId });
    return true;
  });
}

/** Closes every poll that has ended unannounced (a recurring job); returns how many. */
export async function closeEndedPolls(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
): Promise<number> {
  let closed = 0;
  for (;;) {
    const due = await findPollsToClose(deps.db, deps.clock.now(), 100);
    for (const poll of due) if (await closePoll(deps, poll.id)) closed += 1;
    if (due.length < 100) return closed;
  }
}
