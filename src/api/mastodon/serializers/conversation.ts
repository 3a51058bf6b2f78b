/**
 * Mastodon's Conversation entity (REST::ConversationSerializer): the other participants (the
 * viewer alone when writing to oneself), whether it is unread, and the latest post.
 */
import type { AccountJson } from './account.ts';
import type { StatusJson } from './status.ts';

export interface ConversationJson {
  id: string;
  unread: boolean;
  accounts: AccountJson[];
  last_status: StatusJson | null;
}

export function serializeConversation(
  id: string,
  unread: boolean,
  accounts: AccountJson[],
  lastStatus: StatusJson | null,
): ConversationJson {
  return { id, unread, accounts, last_status: lastStatus };
}
