/**
 * Mastodon's Suggestion entity: the account, its sources, and the older single `source` that
 * apps before 4.3 read (Mastodon's SOURCES_MAP: a follow graph is `past_interactions`,
 * popularity `global`).
 */
import type { SuggestionSource } from '../../../domain/suggestions/suggestions.ts';
import type { AccountJson } from './account.ts';

export interface SuggestionJson {
  source: 'staff' | 'global' | 'past_interactions';
  sources: SuggestionSource[];
  account: AccountJson;
}

const oldSource: Record<SuggestionSource, SuggestionJson['source']> = {
  friends_of_friends: 'past_interactions',
  most_followed: 'global',
};

export function serializeSuggestion(
  sources: SuggestionSource[],
  account: AccountJson,
): SuggestionJson {
  return { source: oldSource[sources[0]!], sources, account };
}
