/**
 * Votes on local polls from other servers. Mastodon sends each choice as a Create of a Note
 * that has a `name` (the option), answers the Question and has no content; GoToSocial sends
 * several such Notes in one Create. Each is counted through the same VoteService as a local
 * vote, so its rules hold (one vote per account in a single-choice poll, each option once in
 * a multiple-choice one, none after the end, none across a block); a refused vote is dropped.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Create, Note } from '@fedify/vocab';
import { AppError } from '../../core/errors.ts';
import { findPollById } from '../../db/repositories/polls.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { voteInPoll } from '../../domain/statuses/polls/vote.ts';
import { senderAccount } from './accounts.ts';

/** True when `note` is a vote on a local poll (counted, or refused by the rules). */
export async function countVote(
  ctx: InboxContext<Deps>,
  create: Create,
  note: Note,
): Promise<boolean> {
  const name = note.name?.toString();
  if (!name || note.content || !note.replyTargetId) return false;
  const status = await findStatusByUri(ctx.data.db, note.replyTargetId.href);
  if (!status || !status.local || status.pollId === null || status.deletedAt !== null) return false;
  if (note.attributionId?.href !== create.actorId?.href) return true;
  const poll = await findPollById(ctx.data.db, status.pollId);
  const choice = poll ? poll.options.indexOf(name) : -1;
  const voter = choice >= 0 ? await senderAccount(ctx, create) : null;
  if (!poll || !voter) return true;
  try {
    await voteInPoll(ctx.data, voter, poll.id, [String(choice)]);
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    ctx.data.log.debug('inbox: a poll vote was refused', {
      note: note.id?.href,
      reason: error.message,
    });
  }
  return true;
}
