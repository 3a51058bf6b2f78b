/**
 * The hashtags a remote account features on its profile, as its server lists them in its
 * `featuredTags` collection (Mastodon's FetchFeaturedTagsCollectionService): the list read
 * replaces what Woolly had. Names are taken as Mastodon takes them (`#` dropped, invalid ones
 * skipped, one per tag, at most ten, the local limit); a tag already featured keeps its row
 * and takes the spelling listed. GET /api/v1/accounts/:id/featured_tags shows them, counted
 * from the account's posts Woolly knows (featured-tags.ts).
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteFeaturedTag,
  insertFeaturedTag,
  listFeaturedTags,
  updateFeaturedTagName,
} from '../../db/repositories/featured-tags.ts';
import type { Deps } from '../context.ts';
import { normalizeHashtag } from '../statuses/hashtags.ts';
import { featuredTagsLimit } from './feature-tag.ts';
import { findOrCreateTag, isValidTagName } from './find-tag.ts';

/** The names to feature: valid, one per tag (the first spelling listed), at most ten. */
export function featuredTagNames(listed: readonly string[]): string[] {
  const byTag = new Map<string, string>();
  for (const raw of listed) {
    const name = raw.trim().replace(/^#/, '');
    if (!isValidTagName(name)) continue;
    const key = normalizeHashtag(name);
    if (!byTag.has(key)) byTag.set(key, name);
    if (byTag.size === featuredTagsLimit) break;
  }
  return [...byTag.values()];
}

/** Makes the hashtags `listed` (names, `#` optional) the ones `account` features. */
export async function replaceRemoteFeaturedTags(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  listed: readonly string[],
): Promise<number> {
  if (account.domain === null) return 0;
  const names = featuredTagNames(listed);
  // Tags are created first: one nobody features afterwards is harmless, as posting leaves them.
  const wanted = new Map<string, string>();
  for (const name of names) wanted.set((await findOrCreateTag(deps, name)).id, name);
  await deps.db.transaction(async (tx) => {
    const kept = new Set<string>();
    for (const featured of await listFeaturedTags(tx, account.id)) {
      const name = wanted.get(featured.tagId);
      if (name === undefined) {
        await deleteFeaturedTag(tx, featured.id);
        continue;
      }
      kept.add(featured.tagId);
      if (featured.name !== name) await updateFeaturedTagName(tx, featured.id, name);
    }
    const now = deps.clock.now();
    for (const [tagId, name] of wanted) {
      if (kept.has(tagId)) continue;
      await insertFeaturedTag(tx, {
        id: deps.ids.next(),
        accountId: account.id,
        tagId,
        name,
        createdAt: now,
      });
    }
  });
  return wanted.size;
}
