/**
 * Mastodon's PartialAccountWithAvatar: the few fields an app needs to draw the avatars of a
 * notification group's other senders (`expand_accounts=partial_avatars`).
 * `avatar_description` is not sent: Woolly has no avatar uploads yet (see Account).
 */
import type { AccountJson } from './account.ts';

export interface PartialAccountJson {
  id: string;
  acct: string;
  locked: boolean;
  bot: boolean;
  url: string | null;
  avatar: string;
  avatar_static: string;
}

export function serializePartialAccount(account: AccountJson): PartialAccountJson {
  return {
    id: account.id,
    acct: account.acct,
    locked: account.locked,
    bot: account.bot,
    url: account.url,
    avatar: account.avatar,
    avatar_static: account.avatar_static,
  };
}
