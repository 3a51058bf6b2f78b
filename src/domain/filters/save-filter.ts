/**
 * Creating, changing and deleting a filter (POST/PUT/DELETE /api/v2/filters), keywords
 * given in the same request included (`keywords_attributes`: a row with an `id` changes or,
 * with `_destroy`, removes that keyword; one without adds one; all-blank rows are ignored,
 * as Rails' `reject_if: :all_blank`). Every change tells streams through `filters.changed`.
 */
import { notFound } from '../../core/errors.ts';
import type { Queryable } from '../../db/database.ts';
import {
  deleteFilter,
  deleteKeyword,
  findKeywordsOf,
  insertFilter,
  insertKeyword,
  updateFilter,
  updateKeyword,
  type FilterRecord,
} from '../../db/repositories/filters.ts';
import type { Deps } from '../context.ts';
import { findOwnFilter, loadFilterRules, type FilterRules } from './find-filter.ts';
import {
  checkFilter,
  checkKeyword,
  expiresAt,
  type FilterInput,
  type KeywordAttributes,
} from './filter-input.ts';

type SaveDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

export async function createFilter(
  deps: SaveDeps,
  ownerId: string,
  input: FilterInput,
): Promise<FilterRules> {
  const checked = checkFilter(null, input);
  const now = deps.clock.now();
  const filter: FilterRecord = {
    id: deps.ids.next(),
    accountId: ownerId,
    ...checked,
    expiresAt: expiresAt(now, input.expiresIn),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await insertFilter(tx, filter);
    await applyKeywords(deps, tx, filter.id, input.keywords ?? []);
  });
  await deps.events.emit('filters.changed', { accountId: ownerId });
  const [rules] = await loadFilterRules(deps.db, [filter]);
  return rules!;
}

export async function changeFilter(
  deps: SaveDeps,
  ownerId: string,
  id: string,
  input: FilterInput,
): Promise<FilterRules> {
  const current = await findOwnFilter(deps.db, ownerId, id);
  const now = deps.clock.now();
  const filter: FilterRecord = {
    ...current,
    ...checkFilter(current, input),
    expiresAt: input.expiresIn !== undefined ? expiresAt(now, input.expiresIn) : current.expiresAt,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await updateFilter(tx, filter);
    await applyKeywords(deps, tx, filter.id, input.keywords ?? []);
  });
  await deps.events.emit('filters.changed', { accountId: ownerId });
  const [rules] = await loadFilterRules(deps.db, [filter]);
  return rules!;
}

export async function removeFilter(deps: SaveDeps, ownerId: string, id: string): Promise<void> {
  const filter = await findOwnFilter(deps.db, ownerId, id);
  await deleteFilter(deps.db, filter.id);
  await deps.events.emit('filters.changed', { accountId: ownerId });
}

async function applyKeywords(
  deps: SaveDeps,
  tx: Queryable,
  filterId: string,
  rows: readonly KeywordAttributes[],
): Promise<void> {
  const existing = new Map((await findKeywordsOf(tx, [filterId])).map((k) => [k.id, k]));
  const now = deps.clock.now();
  for (const row of rows) {
    if (row.id === undefined) {
      if ((row.keyword ?? '') === '' && row.wholeWord === undefined) continue;
      if (row.destroy) continue;
      await insertKeyword(tx, {
        id: deps.ids.next(),
        filterId,
        keyword: checkKeyword(row.keyword, true),
        wholeWord: row.wholeWord ?? true,
        createdAt: now,
        updatedAt: now,
      });
      continue;
    }
    const keyword = existing.get(row.id);
    if (!keyword) throw notFound();
    if (row.destroy) {
      await deleteKeyword(tx, keyword.id);
      continue;
    }
    await updateKeyword(tx, {
      ...keyword,
      keyword: row.keyword !== undefined ? checkKeyword(row.keyword, true) : keyword.keyword,
      wholeWord: row.wholeWord ?? keyword.wholeWord,
      updatedAt: now,
    });
  }
}
