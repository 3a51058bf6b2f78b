/**
 * Mastodon's Poll entity (REST::PollSerializer). Per-option counts are hidden (null) while a
 * poll that hides its totals runs; `voted` and `own_votes` are there only for a signed-in
 * viewer, and the author counts as having voted.
 */
import type { PollView } from '../../../domain/statuses/status-views.ts';
import type { CustomEmojiJson } from './custom-emoji.ts';

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
    emojis: [],
  };
  if (context.viewerId !== null && view.ownVotes !== null) {
    json.voted = context.viewerId === poll.accountId || view.ownVotes.length > 0;
    json.own_votes = view.ownVotes;
  }
  return json;
}
