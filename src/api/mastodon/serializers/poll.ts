/**
 * Mastodon's Poll entity (REST::PollSerializer). Per-option counts are hidden (null) while a
 * poll that hides its totals runs; `voted` and `own_votes` are there only for a signed-in
 * viewer, and the author counts as having voted. `emojis` are the custom emojis its option
 * titles use (Mastodon's Poll#emojis), picked from those the caller loaded: a post's emojis
 * already hold its poll's (status-emojis.ts), and a poll shown alone has them loaded by
 * domain/custom-emojis/poll-emojis.ts.
 */
import type { CustomEmojiRecord } from '../../../db/repositories/custom-emojis.ts';
import { shortcodesIn } from '../../../domain/instance/custom-emojis.ts';
import type { PollView } from '../../../domain/statuses/status-views.ts';
import { serializeCustomEmoji, type CustomEmojiJson } from './custom-emoji.ts';

export interface PollOptionJson {
  title: string;
  votes_count: number | null;
}

export interface PollJson {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  voted?: boolean;
  own_votes?: number[];
  options: PollOptionJson[];
  emojis: CustomEmojiJson[];
}

export function serializePoll(
  view: PollView,
  context: { viewerId: string | null; now: number },
  /** Custom emojis of the poll's author's server, at least those its options name. */
  emojis: readonly CustomEmojiRecord[],
): PollJson {
  const { poll } = view;
  const expired = poll.expiresAt !== null && poll.expiresAt < context.now;
  const showTotals = expired || !poll.hideTotals;
  const json: PollJson = {
    id: poll.id,
    expires_at: poll.expiresAt === null ? null : new Date(poll.expiresAt).toISOString(),
    expired,
    multiple: poll.multiple,
    votes_count: poll.votesCount,
    voters_count: poll.votersCount,
    options: poll.options.map((title, i) => ({
      title,
      votes_count: showTotals ? (poll.cachedTallies[i] ?? 0) : null,
    })),
    emojis: optionEmojis(poll.options, emojis).map((e) => serializeCustomEmoji(e)),
  };
  if (context.viewerId !== null && view.ownVotes !== null) {
    json.voted = context.viewerId === poll.accountId || view.ownVotes.length > 0;
    json.own_votes = view.ownVotes;
  }
  return json;
}

/** The emojis the option titles name, in the order they first appear. */
function optionEmojis(
  options: readonly string[],
  emojis: readonly CustomEmojiRecord[],
): CustomEmojiRecord[] {
  if (emojis.length === 0) return [];
  const byShortcode = new Map(emojis.map((e) => [e.shortcode, e]));
  return shortcodesIn(options.join('\n')).flatMap((code) => byShortcode.get(code) ?? []);
}
