/**
 * A user's posting and reading defaults, with Mastodon's fallbacks for what they never set:
 * posts are public (followers-only for a locked account), media is not marked sensitive, no
 * default language, anyone may quote, media and spoilers are shown as the author marked them.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { UserRecord } from '../../db/repositories/users.ts';

export interface PostingDefaults {
  privacy: 'public' | 'unlisted' | 'private' | 'direct';
  sensitive: boolean;
  language: string | null;
  quotePolicy: 'public' | 'followers' | 'nobody';
  expandMedia: 'default' | 'show_all' | 'hide_all';
  expandSpoilers: boolean;
}

export function postingDefaults(account: AccountRecord, user: UserRecord): PostingDefaults {
  const s = user.settings;
  return {
    privacy: s.default_privacy ?? (account.locked ? 'private' : 'public'),
    sensitive: s.default_sensitive ?? false,
    language: s.default_language || null,
    quotePolicy: s.default_quote_policy ?? 'public',
    expandMedia: s.expand_media ?? 'default',
    expandSpoilers: s.expand_spoilers ?? false,
  };
}
