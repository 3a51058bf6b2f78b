/** Mastodon's FamiliarFollowers entity: for one account, the followers the viewer follows. */
import type { AccountJson } from './account.ts';

export interface FamiliarFollowersJson {
  id: string;
  accounts: AccountJson[];
}

export function serializeFamiliarFollowers(
  accountId: string,
  accounts: AccountJson[],
): FamiliarFollowersJson {
  return { id: accountId, accounts };
}
