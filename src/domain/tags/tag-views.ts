/**
 * What the Tag entity shows of each hashtag: its name, its history, and for a signed-in
 * viewer whether they follow and feature it (Mastodon's TagRelationshipsPresenter), loaded
 * for a whole list of tags at once.
 */
import { placeholders } from '../../db/database.ts';
import type { TagRecord } from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { emptyHistory, tagHistories, type TagDay } from './history.ts';

export interface TagView {
  /** null for a tag nobody has used yet (Mastodon shows it with an empty id). */
  id: string | null;
  /** The spelling shown. */
  name: string;
  history: TagDay[];
  /** Only for a signed-in viewer. */
  following?: boolean;
  featuring?: boolean;
}

async function tagIdsOf(
  deps: Pick<Deps, 'db'>,
  table: 'tag_follows' | 'featured_tags',
  viewerId: string,
  tagIds: readonly string[],
): Promise<Set<string>> {
  if (tagIds.length === 0) return new Set();
  const rows = await deps.db.all<{ tag_id: string | number }>(
    `SELECT tag_id FROM ${table} WHERE account_id = ? AND tag_id IN (${placeholders(tagIds.length)})`,
    [viewerId, ...tagIds],
  );
  return new Set(rows.map((r) => String(r.tag_id)));
}

export async function tagViews(
  deps: Pick<Deps, 'db' | 'clock'>,
  tags: readonly TagRecord[],
  viewerId: string | null,
): Promise<TagView[]> {
  const ids = tags.map((t) => t.id);
  const [histories, following, featuring] = await Promise.all([
    tagHistories(deps, ids),
    viewerId ? tagIdsOf(deps, 'tag_follows', viewerId, ids) : null,
    viewerId ? tagIdsOf(deps, 'featured_tags', viewerId, ids) : null,
  ]);
  return tags.map((tag) => ({
    id: tag.id,
    name: tag.displayName ?? tag.name,
    history: histories.get(tag.id) ?? emptyHistory(deps.clock.now()),
    ...(following && featuring
      ? { following: following.has(tag.id), featuring: featuring.has(tag.id) }
      : {}),
  }));
}

/** The view of a tag that does not exist yet: what Mastodon answers for an unused name. */
export function unusedTagView(name: string, now: number, signedIn: boolean): TagView {
  return {
    id: null,
    name,
    history: emptyHistory(now),
    ...(signedIn ? { following: false, featuring: false } : {}),
  };
}
