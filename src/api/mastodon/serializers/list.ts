/** Mastodon's List entity (REST::ListSerializer). */
import type { ListRecord, RepliesPolicy } from '../../../db/repositories/lists.ts';

export interface ListJson {
  id: string;
  title: string;
  replies_policy: RepliesPolicy;
  exclusive: boolean;
}

export function serializeList(list: ListRecord): ListJson {
  return {
    id: list.id,
    title: list.title,
    replies_policy: list.repliesPolicy,
    exclusive: list.exclusive,
  };
}
