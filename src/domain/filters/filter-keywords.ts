/**
 * A filter's keywords one by one (/api/v2/filters/:id/keywords, /api/v2/filters/keywords/:id).
 * A keyword of another account's filter is Mastodon's 404.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import {
  deleteKeyword,
  findFilter,
  findKeyword,
  insertKeyword,
  updateKeyword,
  type FilterKeywordRecord,
  type FilterRecord,
} from '../../db/repositories/filters.ts';
import type { Deps } from '../context.ts';
import { checkKeyword } from './filter-input.ts';
import { findOwnFilter } from './find-filter.ts';

type SaveDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

export interface KeywordInput {
  keyword?: string;
  wholeWord?: boolean;
}

/** A keyword with its filter, when both are `ownerId`'s. */
export async function findOwnKeyword(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  id: string,
): Promise<{ keyword: FilterKeywordRecord; filter: FilterRecord }> {
  const keyword = isId(id) ? await findKeyword(deps.db, id) : null;
  const filter = keyword ? await findFilter(deps.db, keyword.filterId) : null;
  if (!keyword || !filter || filter.accountId !== ownerId) throw notFound();
  return { keyword, filter };
}

export async function addKeyword(
  deps: SaveDeps,
  ownerId: string,
  filterId: string,
  input: KeywordInput,
): Promise<FilterKeywordRecord> {
  const filter = await findOwnFilter(deps.db, ownerId, filterId);
  const now = deps.clock.now();
  const keyword: FilterKeywordRecord = {
    id: deps.ids.next(),
    filterId: filter.id,
    keyword: checkKeyword(input.keyword),
    wholeWord: input.wholeWord ?? true,
    createdAt: now,
    updatedAt: now,
  };
  await insertKeyword(deps.db, keyword);
  await deps.events.emit('filters.changed', { accountId: ownerId });
  return keyword;
}

export async function changeKeyword(
  deps: SaveDeps,
  ownerId: string,
  id: string,
  input: KeywordInput,
): Promise<FilterKeywordRecord> {
  const { keyword } = await findOwnKeyword(deps, ownerId, id);
  const changed: FilterKeywordRecord = {
    ...keyword,
    keyword: input.keyword !== undefined ? checkKeyword(input.keyword) : keyword.keyword,
    wholeWord: input.wholeWord ?? keyword.wholeWord,
    updatedAt: deps.clock.now(),
  };
  await updateKeyword(deps.db, changed);
  await deps.events.emit('filters.changed', { accountId: ownerId });
  return changed;
}

export async function removeKeyword(deps: SaveDeps, ownerId: string, id: string): Promise<void> {
  const { keyword } = await findOwnKeyword(deps, ownerId, id);
  await deleteKeyword(deps.db, keyword.id);
  await deps.events.emit('filters.changed', { accountId: ownerId });
}
