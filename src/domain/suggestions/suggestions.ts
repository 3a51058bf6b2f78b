/**
 * Follow suggestions (Mastodon's AccountSuggestions): accounts the reader's follows follow,
 * then the most followed local accounts active in the last 30 days; an account found by both
 * names both sources. Staff picks (`featured`) do not exist in Woolly yet. Dismissing one
 * (Mastodon's FollowRecommendationMute) keeps it out for good.
 */
import { notFound } from '../../core/errors.ts';
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  friendsOfFriends,
  insertSuggestionDismissal,
  mostFollowedLocal,
} from '../../db/views/suggestions.ts';
import type { Deps } from '../context.ts';

export type SuggestionSource = 'friends_of_friends' | 'most_followed';

export interface Suggestion {
  accountId: string;
  sources: SuggestionSource[];
}

const activeWindowMs = 30 * 24 * 60 * 60 * 1000;

export async function suggestAccounts(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  limit: number,
): Promise<Suggestion[]> {
  const now = deps.clock.now();
  const q = { readerId: reader.id, limit, now, activeSince: now - activeWindowMs };
  const found: [SuggestionSource, string[]][] = [
    ['friends_of_friends', await friendsOfFriends(deps.db, q)],
    ['most_followed', await mostFollowedLocal(deps.db, q)],
  ];
  const byAccount = new Map<string, Suggestion>();
  for (const [source, ids] of found) {
    for (const id of ids) {
      const s = byAccount.get(id) ?? { accountId: id, sources: [] };
      s.sources.push(source);
      byAccount.set(id, s);
    }
  }
  return [...byAccount.values()].slice(0, limit);
}

/** DELETE /api/v1/suggestions/:account_id: never suggest this account to the reader again. */
export async function dismissSuggestion(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  accountId: string,
): Promise<void> {
  if (!(await findAccountById(deps.db, accountId))) throw notFound();
  await insertSuggestionDismissal(deps.db, reader.id, accountId, deps.clock.now());
}
