/**
 * Polls on other servers (Mastodon's ActivityPub handling of a Question): the poll arrives
 * with its post and is kept with the counts its server reports, which later Updates refresh.
 * Woolly does not recount a remote poll from its own votes (it sees only its own users'), it
 * takes the server's tallies; a local vote adds itself until the next Update.
 */
import {
  deletePollVotes,
  findPollById,
  insertPoll,
  updatePoll,
  type PollRecord,
} from '../../../db/repositories/polls.ts';
import type { Queryable } from '../../../db/database.ts';
import type { StatusRecord } from '../../../db/repositories/statuses.ts';
import type { Deps } from '../../context.ts';

export interface RemotePollInput {
  options: string[];
  /** Votes per option, as the poll's server counts them. */
  tallies: number[];
  multiple: boolean;
  expiresAt: number | null;
  /** Distinct voters, when the server says (Mastodon's `votersCount`). */
  votersCount: number | null;
}

/** The poll record a new remote post carries. */
export function newRemotePoll(
  id: string,
  status: Pick<StatusRecord, 'id' | 'accountId'>,
  input: RemotePollInput,
  now: number,
): PollRecord {
  return {
    id,
    statusId: status.id,
    accountId: status.accountId,
    options: input.options,
    cachedTallies: input.tallies,
    multiple: input.multiple,
    hideTotals: false,
    votesCount: input.tallies.reduce((a, b) => a + b, 0),
    votersCount: input.votersCount,
    expiresAt: input.expiresAt,
    // A remote poll's end is its server's to announce.
    closedNotifiedAt: input.expiresAt !== null && input.expiresAt <= now ? now : null,
    lastFetchedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * An Update of the Question: new counts, end or options. Changed options make the old
 * votes meaningless, so Woolly's own votes in it are dropped, as Mastodon does.
 */
export async function refreshRemotePoll(
  deps: Pick<Deps, 'db' | 'clock'>,
  status: StatusRecord,
  input: RemotePollInput,
): Promise<PollRecord | null> {
  if (status.local || status.pollId === null) return null;
  const poll = await findPollById(deps.db, status.pollId);
  if (!poll) return null;
  const now = deps.clock.now();
  const optionsChanged = JSON.stringify(poll.options) !== JSON.stringify(input.options);
  const refreshed: PollRecord = {
    ...newRemotePoll(poll.id, status, input, now),
    closedNotifiedAt:
      poll.closedNotifiedAt ?? (input.expiresAt !== null && input.expiresAt <= now ? now : null),
    createdAt: poll.createdAt,
  };
  await deps.db.transaction(async (tx) => {
    if (optionsChanged) await deletePollVotes(tx, poll.id);
    await updatePoll(tx, refreshed);
    await tx.run('UPDATE polls SET last_fetched_at = ? WHERE id = ?', [now, poll.id]);
  });
  return refreshed;
}

/** A local account's vote added to a remote poll's counts (in the voting transaction). */
export async function addRemoteVotes(
  db: Queryable,
  poll: PollRecord,
  choices: readonly number[],
  now: number,
): Promise<PollRecord> {
  const tallies = [...poll.cachedTallies];
  for (const choice of choices) tallies[choice] = (tallies[choice] ?? 0) + 1;
  const counted: PollRecord = {
    ...poll,
    cachedTallies: tallies,
    votesCount: poll.votesCount + choices.length,
    votersCount: poll.votersCount === null ? null : poll.votersCount + 1,
    updatedAt: now,
  };
  await db.run(
    'UPDATE polls SET cached_tallies = ?, votes_count = ?, voters_count = ?, updated_at = ? WHERE id = ?',
    [JSON.stringify(tallies), counted.votesCount, counted.votersCount, now, poll.id],
  );
  return counted;
}

/**
 * Gives a stored remote post the poll it carries, when it was first stored without one (a
 * copy fetched from an outbox or a thread as a plain Note before its Question arrived).
 */
export async function attachRemotePoll(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  status: StatusRecord,
  input: RemotePollInput,
): Promise<StatusRecord> {
  if (status.pollId !== null || status.local) return status;
  const now = deps.clock.now();
  const poll = newRemotePoll(deps.ids.next(), status, input, now);
  await deps.db.transaction(async (tx) => {
    await insertPoll(tx, poll);
    await tx.run(
      'UPDATE statuses SET poll_id = ?, updated_at = ? WHERE id = ? AND poll_id IS NULL',
      [poll.id, now, status.id],
    );
  });
  return { ...status, pollId: poll.id };
}
