/**
 * An account's featured hashtags as the FeaturedTag entity shows them: the spelling featured,
 * and how many of the account's public and unlisted posts use the tag and when the last one
 * was written. Mastodon keeps those two numbers on the row and updates them as posts come
 * and go; Woolly counts the posts, so the numbers are never stale.
 */
import { placeholders } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { listFeaturedTags, type FeaturedTagRecord } from '../../db/repositories/featured-tags.ts';
import type { TagRecord } from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { findTagsByIds } from './find-tag.ts';

export interface FeaturedTagView {
  id: string;
  /** The spelling featured. */
  name: string;
  /** The tag's own name, for its URL. */
  tagName: string;
  account: AccountRecord;
  statusesCount: number;
  lastStatusAt: number | null;
}

async function featuredViews(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  featured: readonly FeaturedTagRecord[],
): Promise<FeaturedTagView[]> {
  if (featured.length === 0) return [];
  const tagIds = featured.map((f) => f.tagId);
  const [tags, stats] = await Promise.all([
    findTagsByIds(deps, tagIds),
    deps.db.all<{ tag_id: string | number; n: string | number; last: string | number | null }>(
      `SELECT st.tag_id AS tag_id, COUNT(*) AS n, MAX(s.created_at) AS last
         FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
        WHERE s.account_id = ? AND st.tag_id IN (${placeholders(tagIds.length)})
          AND s.visibility IN ('public', 'unlisted') AND s.deleted_at IS NULL
        GROUP BY st.tag_id`,
      [account.id, ...tagIds],
    ),
  ]);
  const byId = new Map<string, TagRecord>(tags.map((t) => [t.id, t]));
  const statsById = new Map(stats.map((s) => [String(s.tag_id), s]));
  return featured.flatMap((f) => {
    const tag = byId.get(f.tagId);
    if (!tag) return [];
    const stat = statsById.get(f.tagId);
    return [
      {
        id: f.id,
        name: f.name ?? tag.displayName ?? tag.name,
        tagName: tag.name,
        account,
        statusesCount: Number(stat?.n ?? 0),
        lastStatusAt: stat?.last === null || stat?.last === undefined ? null : Number(stat.last),
      },
    ];
  });
}

/** The featured tags of `account`, the most used first (Mastodon's order). */
export async function featuredTagsOf(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
): Promise<FeaturedTagView[]> {
  const views = await featuredViews(deps, account, await listFeaturedTags(deps.db, account.id));
  return views.sort((a, b) => b.statusesCount - a.statusesCount);
}

/** One featured tag, just created. */
export async function featuredTagView(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  featured: FeaturedTagRecord,
): Promise<FeaturedTagView> {
  const [view] = await featuredViews(deps, account, [featured]);
  return view!;
}

/**
 * GET /api/v1/featured_tags/suggestions: the tags the account used most in its last 1,000
 * posts that it does not feature yet, at most ten (Mastodon's `Tag.suggestions_for_account`).
 */
export async function featuredTagSuggestions(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
): Promise<TagRecord[]> {
  const rows = await deps.db.all<{ tag_id: string | number }>(
    `SELECT st.tag_id AS tag_id, COUNT(*) AS n FROM statuses_tags st
      WHERE st.status_id IN (SELECT id FROM statuses WHERE account_id = ? AND deleted_at IS NULL
                              ORDER BY id DESC LIMIT 1000)
        AND st.tag_id NOT IN (SELECT tag_id FROM featured_tags WHERE account_id = ?)
      GROUP BY st.tag_id ORDER BY n DESC, st.tag_id DESC LIMIT 10`,
    [account.id, account.id],
  );
  const ids = rows.map((r) => String(r.tag_id));
  const tags = new Map((await findTagsByIds(deps, ids)).map((t) => [t.id, t]));
  return ids.flatMap((id) => tags.get(id) ?? []);
}
