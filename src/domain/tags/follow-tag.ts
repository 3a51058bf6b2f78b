/**
 * Following a hashtag: its public posts reach the follower's home feed. Following twice, or
 * unfollowing a tag not followed, changes nothing; following creates the tag if nobody has
 * used it yet, as Mastodon does.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { deleteTagFollow, insertTagFollow } from '../../db/repositories/tag-follows.ts';
import type { TagRecord } from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { findOrCreateTag, findTag } from './find-tag.ts';

export async function followTag(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  name: string,
): Promise<TagRecord> {
  const tag = await findOrCreateTag(deps, name);
  await insertTagFollow(deps.db, {
    id: deps.ids.next(),
    accountId: account.id,
    tagId: tag.id,
    createdAt: deps.clock.now(),
  });
  return tag;
}

/** Returns the tag, or null when no tag has that name. */
export async function unfollowTag(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  name: string,
): Promise<TagRecord | null> {
  const tag = await findTag(deps, name);
  if (tag) await deleteTagFollow(deps.db, account.id, tag.id);
  return tag;
}
