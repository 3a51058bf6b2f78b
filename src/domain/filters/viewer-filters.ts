/**
 * The filters that apply to what one viewer reads: the unexpired ones, limited to the context
 * of the list being read (home, notifications, public, thread, account). Reading a single
 * post has no context and gets all of them, as Mastodon's API answers; clients then decide
 * by each result's context.
 */
import type { Queryable } from '../../db/database.ts';
import { findActiveFilters, type FilterContext } from '../../db/repositories/filters.ts';
import { loadFilterRules } from './find-filter.ts';
import { compileFilter, type CompiledFilter } from './match.ts';

export async function viewerFilters(
  db: Queryable,
  viewerId: string,
  now: number,
  context: FilterContext | null,
): Promise<CompiledFilter[]> {
  const active = (await findActiveFilters(db, viewerId, now)).filter(
    (f) => context === null || f.context.includes(context),
  );
  if (active.length === 0) return [];
  return (await loadFilterRules(db, active)).map((r) =>
    compileFilter(r.filter, r.keywords, r.statuses),
  );
}
