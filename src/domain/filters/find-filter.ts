/**
 * A filter as its owner sees it, with its keywords and posts; anyone else's filter, or
 * none, is Mastodon's 404.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { Queryable } from '../../db/database.ts';
import {
  findFilter,
  findFilterStatusesOf,
  findKeywordsOf,
  type FilterKeywordRecord,
  type FilterRecord,
  type FilterStatusRecord,
} from '../../db/repositories/filters.ts';

export interface FilterRules {
  filter: FilterRecord;
  keywords: FilterKeywordRecord[];
  statuses: FilterStatusRecord[];
}

export async function findOwnFilter(
  db: Queryable,
  ownerId: string,
  id: string,
): Promise<FilterRecord> {
  const filter = isId(id) ? await findFilter(db, id) : null;
  if (!filter || filter.accountId !== ownerId) throw notFound();
  return filter;
}

/** `filters` with their keywords and posts, in the same order (three queries in all). */
export async function loadFilterRules(
  db: Queryable,
  filters: readonly FilterRecord[],
): Promise<FilterRules[]> {
  const ids = filters.map((f) => f.id);
  const [keywords, statuses] = await Promise.all([
    findKeywordsOf(db, ids),
    findFilterStatusesOf(db, ids),
  ]);
  return filters.map((filter) => ({
    filter,
    keywords: keywords.filter((k) => k.filterId === filter.id),
    statuses: statuses.filter((s) => s.filterId === filter.id),
  }));
}
