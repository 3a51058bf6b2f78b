/**
 * Voting (Mastodon's VoteService and VoteValidator, POST /api/v1/polls/:id/votes). The poll
 * is locked for the transaction, each choice is checked as it is recorded (so a second choice
 * in a single-choice poll is "already voted"), and the tallies are recounted from the votes
 * before the transaction ends. Any refused choice refuses the whole vote.
 */
import { AppError } from '../../../core/errors.ts';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import {
  findPollForUpdate,
  insertPollVotes,
  recountPoll,
  type PollRecord,
} from '../../../db/repositories/polls.ts';
import { addRemoteVotes } from './remote-poll.ts';
import type { Deps } from '../../context.ts';
import { transactionWithEvents } from '../../transaction.ts';
import { checkAccess } from '../access.ts';
import { ValidationErrors } from '../validation-errors.ts';
import { findVisiblePoll } from './find-poll.ts';

export async function voteInPoll(
  deps: Pick<Deps, 'db' | 'clock' | 'ids' | 'events'>,
  voter: AccountRecord,
  pollId: string,
  choices: readonly string[],
): Promise<PollRecord> {
  const { poll, status } = await findVisiblePoll(deps, voter, pollId);
  // PollPolicy#vote?: nobody votes across a block, in either direction.
  const access = await checkAccess(deps, voter, [status]);
  const facts = access.viewer?.facts;
  if (facts && (facts.blocking.has(status.accountId) || facts.blockedBy.has(status.accountId))) {
    throw new AppError(403, 'This action is not allowed');
  }
  if (choices.length === 0) return poll;
  const now = deps.clock.now();
  const picked = choices.map((c) => (/^\s*-?\d+\s*$/.test(c) ? Number.parseInt(c, 10) : NaN));
  return transactionWithEvents(deps, async (tx, emit) => {
    const current = (await findPollForUpdate(tx, deps.db.dialect, poll.id)) ?? poll;
    const taken = await tx.all<{ choice: number }>(
      'SELECT choice FROM poll_votes WHERE poll_id = ? AND account_id = ?',
      [current.id, voter.id],
    );
    const mine = taken.map((t) => Number(t.choice));
    for (const choice of picked) {
      const errors = new ValidationErrors();
      if (current.expiresAt !== null && current.expiresAt < now) {
        errors.add(null, 'The poll has already ended');
      }
      if (!Number.isInteger(choice) || choice < 0 || choice >= current.options.length) {
        errors.add(null, 'The chosen vote option does not exist');
      }
      if (current.accountId === voter.id) errors.add(null, 'You cannot vote in your own polls');
      if (current.multiple ? mine.includes(choice) : mine.length > 0) {
        errors.add(null, 'You have already voted on this poll');
      }
      errors.throwIfAny();
      await insertPollVotes(tx, [
        {
          id: deps.ids.next(),
          pollId: current.id,
          accountId: voter.id,
          choice,
          uri: null,
          createdAt: now,
        },
      ]);
      mine.push(choice);
    }
    // A remote poll's counts are its server's: a local vote adds itself until its next Update.
    const updated = status.local
      ? await recountPoll(tx, current, now)
      : await addRemoteVotes(tx, current, picked, now);
    await emit('poll.voted', {
      pollId: poll.id,
      statusId: poll.statusId,
      accountId: voter.id,
      choices: picked,
    });
    return updated;
  });
}
