/** Mastodon's Search entity: the accounts, posts and hashtags found. */
import type { AccountJson } from './account.ts';
import type { StatusJson } from './status.ts';
import type { TagJson } from './tag.ts';

export interface SearchJson {
  accounts: AccountJson[];
  statuses: StatusJson[];
  hashtags: TagJson[];
}

export function serializeSearch(parts: SearchJson): SearchJson {
  return { accounts: parts.accounts, statuses: parts.statuses, hashtags: parts.hashtags };
}
