/**
 * Polls going out. A local account's vote on a remote poll is a Create of a Note per choice,
 * named for the option and answering the Question, sent to the poll's author only (Mastodon's
 * shape, ids `ACTOR#votes/VOTE_ID`). A local poll's new counts (debounced after votes) and its
 * end go to the post's audience and the remote voters as an Update of the Question.
 */
import type { Context } from '@fedify/fedify';
import { Create, Note, Update } from '@fedify/vocab';
import { placeholders } from '../../db/database.ts';
import {
  accountFromRow,
  findAccountById,
  type AccountRecord,
} from '../../db/repositories/accounts.ts';
import { findPollById } from '../../db/repositories/polls.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toQuestion } from '../convert/question.ts';
import { statusAudience } from './audience.ts';
import { deliver } from './deliver.ts';

export async function onPollVoted(
  ctx: Context<Deps>,
  event: DomainEvents['poll.voted'],
): Promise<void> {
  const [voter, status, poll] = await Promise.all([
    findAccountById(ctx.data.db, event.accountId),
    findStatusById(ctx.data.db, event.statusId),
    findPollById(ctx.data.db, event.pollId),
  ]);
  if (!voter || voter.domain !== null || !status || status.local || !poll) return;
  const author = await findAccountById(ctx.data.db, status.accountId);
  const choices = event.choices.filter((c) => Number.isInteger(c));
  if (!author || choices.length === 0) return;
  const votes = await ctx.data.db.all<{ id: string | number; choice: number }>(
    `SELECT id, choice FROM poll_votes WHERE poll_id = ? AND account_id = ?
       AND choice IN (${placeholders(choices.length)}) ORDER BY id`,
    [poll.id, voter.id, ...choices],
  );
  const actor = ctx.getActorUri(voter.username);
  const to = new URL(author.uri);
  for (const vote of votes) {
    const id = `${actor.href}#votes/${String(vote.id)}`;
    await deliver(
      ctx,
      voter,
      [author],
      new Create({
        id: new URL(`${id}/activity`),
        actor,
        to,
        object: new Note({
          id: new URL(id),
          name: poll.options[Number(vote.choice)] ?? null,
          attribution: actor,
          replyTarget: new URL(status.uri),
          to,
        }),
      }),
    );
  }
}

/** The remote accounts that voted in the poll. */
async function remoteVoters(deps: Pick<Deps, 'db'>, pollId: string): Promise<AccountRecord[]> {
  const rows = await deps.db.all(
    `SELECT * FROM accounts WHERE domain IS NOT NULL AND suspended_at IS NULL
       AND id IN (SELECT account_id FROM poll_votes WHERE poll_id = ?)`,
    [pollId],
  );
  return rows.map(accountFromRow);
}

export async function onPollChanged(
  ctx: Context<Deps>,
  event: DomainEvents['poll.tallies_changed'] | DomainEvents['poll.closed'],
): Promise<void> {
  const [status, poll] = await Promise.all([
    findStatusById(ctx.data.db, event.statusId),
    findPollById(ctx.data.db, event.pollId),
  ]);
  if (!status || !status.local || status.localOnly || !poll) return;
  const author = await findAccountById(ctx.data.db, status.accountId);
  if (!author) return;
  const audience = [
    ...(await statusAudience(ctx.data, status)),
    ...(await remoteVoters(ctx.data, poll.id)),
  ];
  if (audience.length === 0) return;
  const question = toQuestion(ctx, await loadNoteParts(ctx.data, status, author), poll);
  await deliver(
    ctx,
    author,
    audience,
    new Update({
      id: new URL(`${status.uri}#updates/poll/${poll.updatedAt}`),
      actor: question.attributionId,
      tos: question.toIds,
      ccs: question.ccIds,
      object: question,
    }),
  );
}
