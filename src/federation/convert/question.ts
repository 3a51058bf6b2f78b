/**
 * A local post with a poll as the Question Mastodon publishes: the Note's fields, the options
 * as named Notes with their votes (`oneOf`, or `anyOf` for multiple choice), `endTime`,
 * `closed` once it ended, and `votersCount`. Hidden totals are sent as zeros, as Mastodon
 * does until the poll ends.
 */
import type { Context } from '@fedify/fedify';
import { Collection, Note, Question } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { PollRecord } from '../../db/repositories/polls.ts';
import type { Deps } from '../../domain/context.ts';
import { noteValues, toNote, type NoteParts } from './note.ts';

export function toQuestion(ctx: Context<Deps>, parts: NoteParts, poll: PollRecord): Question {
  const now = ctx.data.clock.now();
  const ended = poll.expiresAt !== null && poll.expiresAt <= now;
  const hidden = poll.hideTotals && !ended;
  const options = poll.options.map(
    (name, i) =>
      new Note({
        name,
        replies: new Collection({ totalItems: hidden ? 0 : (poll.cachedTallies[i] ?? 0) }),
      }),
  );
  const instant = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms);
  return new Question({
    ...noteValues(ctx, parts),
    ...(poll.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: poll.expiresAt === null ? null : instant(poll.expiresAt),
    closed: ended ? instant(poll.expiresAt!) : null,
    voters: hidden ? 0 : (poll.votersCount ?? null),
  });
}

/** The post as it federates: a Question when it has a poll, else a Note. */
export async function toStatusObject(
  ctx: Context<Deps>,
  parts: NoteParts,
): Promise<Note | Question> {
  return parts.poll ? toQuestion(ctx, parts, parts.poll) : toNote(ctx, parts);
}
