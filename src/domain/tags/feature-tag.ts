/**
 * Featuring hashtags on one's profile (Mastodon's CreateFeaturedTagService and
 * RemoveFeaturedTagService). A local account features at most ten. Through
 * POST /api/v1/featured_tags the name is validated as Mastodon's FeaturedTag validates it;
 * featuring the same spelling again returns the existing one.
 */
import { notFound, unprocessable } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  countFeaturedTags,
  deleteFeaturedTag,
  findFeaturedTag,
  findFeaturedTagById,
  insertFeaturedTag,
  type FeaturedTagRecord,
} from '../../db/repositories/featured-tags.ts';
import type { TagRecord } from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { findOrCreateTag, findTag, isValidTagName } from './find-tag.ts';

export const featuredTagsLimit = 10;

/**
 * Features the tag named `tagName` (created now if nobody has used it yet) unless the limit
 * is reached. The limit is checked before anything is written, so a refused request leaves no
 * new tag behind.
 */
async function insertChecked(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  tagName: string,
  name: string | null,
): Promise<{ tag: TagRecord; featured: FeaturedTagRecord }> {
  if (
    account.domain === null &&
    (await countFeaturedTags(deps.db, account.id)) >= featuredTagsLimit
  ) {
    throw unprocessable(
      'Validation failed: You have already featured the maximum number of hashtags',
    );
  }
  const tag = await findOrCreateTag(deps, tagName);
  const featured: FeaturedTagRecord = {
    id: deps.ids.next(),
    accountId: account.id,
    tagId: tag.id,
    name,
    createdAt: deps.clock.now(),
  };
  if (await insertFeaturedTag(deps.db, featured)) return { tag, featured };
  // Featured by a concurrent request in the meantime: that one stands.
  return { tag, featured: (await findFeaturedTag(deps.db, account.id, tag.id))! };
}

/** POST /api/v1/featured_tags: features the hashtag typed as `input` (`#` optional). */
export async function featureTagByName(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  input: string,
): Promise<FeaturedTagRecord> {
  const name = input.trim().replace(/^#/, '');
  if (name === '') throw unprocessable("Validation failed: Name can't be blank");
  if (!isValidTagName(name)) throw unprocessable('Validation failed: Name is invalid');
  const tag = await findTag(deps, name);
  const existing = tag ? await findFeaturedTag(deps.db, account.id, tag.id) : null;
  if (tag && existing) {
    if ((existing.name ?? tag.name) === name) return existing;
    throw unprocessable('Validation failed: Name has already been taken');
  }
  return (await insertChecked(deps, account, name, name)).featured;
}

/** POST /api/v1/tags/:name/feature: features the tag, creating it if nobody has used it yet. */
export async function featureTag(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  tagName: string,
): Promise<TagRecord> {
  const tag = await findTag(deps, tagName);
  if (tag && (await findFeaturedTag(deps.db, account.id, tag.id))) return tag;
  return (await insertChecked(deps, account, tagName, null)).tag;
}

/** POST /api/v1/tags/:name/unfeature; returns the tag, or null when no tag has that name. */
export async function unfeatureTag(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  tagName: string,
): Promise<TagRecord | null> {
  const tag = await findTag(deps, tagName);
  const featured = tag ? await findFeaturedTag(deps.db, account.id, tag.id) : null;
  if (featured) await deleteFeaturedTag(deps.db, featured.id);
  return tag;
}

/** DELETE /api/v1/featured_tags/:id: only one's own featured tag; anything else is a 404. */
export async function removeFeaturedTag(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  id: string,
): Promise<void> {
  const featured = isId(id) ? await findFeaturedTagById(deps.db, id) : null;
  if (!featured || featured.accountId !== account.id) throw notFound();
  await deleteFeaturedTag(deps.db, featured.id);
}
