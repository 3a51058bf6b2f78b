/**
 * Hashtag search (Mastodon's TagSearchService without Elasticsearch): tags whose name starts
 * with the query, shortest first, then by name; on the first page the tag of exactly that
 * name comes first, and a valid name nobody has used yet is offered as a new tag, as
 * Mastodon offers it.
 */
import { tagFromRow, type TagRecord } from '../../db/repositories/tags.ts';
import { findTagsByPrefix } from '../../db/repositories/search-index.ts';
import type { Deps } from '../context.ts';
import { isValidTagName } from '../tags/find-tag.ts';

export interface HashtagSearchOptions {
  limit: number;
  offset: number;
  /** Only the tag of exactly the name searched (no review queue in Woolly). */
  excludeUnreviewed: boolean;
}

export interface HashtagResults {
  tags: TagRecord[];
  /** A valid name no tag has yet, offered first; null when there is none to offer. */
  unused: string | null;
}

export async function searchHashtags(
  deps: Pick<Deps, 'db'>,
  query: string,
  options: HashtagSearchOptions,
): Promise<HashtagResults> {
  const name = query.trim().replace(/^#/, '');
  if (name === '' || options.limit <= 0) return { tags: [], unused: null };
  const rows = await findTagsByPrefix(deps.db, name.toLowerCase(), {
    limit: options.limit,
    offset: options.offset,
    onlyName: options.excludeUnreviewed,
  });
  let tags = rows.map(tagFromRow);
  if (options.offset > 0) return { tags, unused: null };
  const exact = tags.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (exact) {
    tags = [exact, ...tags.filter((t) => t !== exact)];
    return { tags, unused: null };
  }
  if (!isValidTagName(name)) return { tags, unused: null };
  return { tags: tags.slice(0, Math.max(0, options.limit - 1)), unused: name };
}
