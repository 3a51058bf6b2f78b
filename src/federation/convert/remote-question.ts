/**
 * A Question from another server as the poll Woolly keeps beside its post: the options
 * (`oneOf` for single choice, `anyOf` for multiple), the votes each has (`replies.totalItems`),
 * when it ends (`endTime`, or `closed` when it was closed early) and Mastodon's
 * `votersCount`. A Question without options is no poll.
 */
import type { Question } from '@fedify/vocab';
import type { RemotePollInput } from '../../domain/statuses/polls/remote-poll.ts';

const maxOptions = 20;

/** The named options, each with its votes (the embedded options have no ids to fetch). */
async function readOptions(
  source: AsyncIterable<{
    name: unknown;
    getReplies(): Promise<{ totalItems: number | null } | null>;
  }>,
) {
  const options: { name: string; votes: number }[] = [];
  for await (const option of source) {
    const name = option.name ? String(option.name).trim() : '';
    if (name === '' || options.length >= maxOptions) continue;
    const replies = await option.getReplies().catch(() => null);
    options.push({
      name: name.slice(0, 200),
      votes: Math.max(0, Math.trunc(replies?.totalItems ?? 0)),
    });
  }
  return options;
}

export async function remotePollFromQuestion(
  question: Question,
  now: number,
): Promise<RemotePollInput | null> {
  let multiple = false;
  let options = await readOptions(question.getExclusiveOptions());
  if (options.length === 0) {
    multiple = true;
    options = await readOptions(question.getInclusiveOptions());
  }
  if (options.length === 0) return null;
  const tallies = options.map((o) => o.votes);
  const closed = question.closed;
  const closedAt =
    closed === true ? now : closed && typeof closed === 'object' ? closed.epochMilliseconds : null;
  const endTime = question.endTime?.epochMilliseconds ?? null;
  return {
    options: options.map((o) => o.name),
    tallies,
    multiple,
    expiresAt: closedAt !== null && (endTime === null || closedAt < endTime) ? closedAt : endTime,
    votersCount: question.voters ?? null,
  };
}
