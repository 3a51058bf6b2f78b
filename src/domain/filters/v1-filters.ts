/**
 * Mastodon's v1 filters for older clients: each v1 filter is one keyword of a v2 filter,
 * shown with its filter's context and expiry, `irreversible` standing for the hide action.
 * Creating makes a filter titled with the phrase and holding that one keyword; changing a
 * filter-wide field of a filter with several keywords is refused, as Mastodon refuses it;
 * deleting removes the keyword only.
 */
import { unprocessable } from '../../core/errors.ts';
import {
  findFilter,
  findKeywordsOf,
  findKeywordsOfAccount,
  updateFilter,
  updateKeyword,
  type FilterKeywordRecord,
  type FilterRecord,
} from '../../db/repositories/filters.ts';
import type { Deps } from '../context.ts';
import { checkFilter, checkKeyword, expiresAt } from './filter-input.ts';
import { findOwnKeyword, removeKeyword } from './filter-keywords.ts';
import { createFilter } from './save-filter.ts';

type SaveDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

export interface V1Filter {
  keyword: FilterKeywordRecord;
  filter: FilterRecord;
}

export interface V1FilterInput {
  phrase?: string | null;
  context?: readonly string[] | null;
  irreversible?: boolean;
  wholeWord?: boolean;
  expiresIn?: number | null;
}

const multipleKeywords =
  'These parameters cannot be changed from this application because they apply to more than one filter keyword. Use a more recent application or the web interface.';

export async function listV1Filters(deps: Pick<Deps, 'db'>, ownerId: string): Promise<V1Filter[]> {
  const keywords = await findKeywordsOfAccount(deps.db, ownerId);
  const filters = new Map<string, FilterRecord>();
  for (const id of new Set(keywords.map((k) => k.filterId))) {
    const filter = await findFilter(deps.db, id);
    if (filter) filters.set(id, filter);
  }
  return keywords
    .filter((k) => filters.has(k.filterId))
    .map((keyword) => ({ keyword, filter: filters.get(keyword.filterId)! }));
}

export async function createV1Filter(
  deps: SaveDeps,
  ownerId: string,
  input: V1FilterInput,
): Promise<V1Filter> {
  const rules = await createFilter(deps, ownerId, {
    title: input.phrase,
    context: input.context ?? null,
    action: input.irreversible ? 'hide' : 'warn',
    expiresIn: input.expiresIn,
    keywords: [{ keyword: checkKeyword(input.phrase ?? ''), wholeWord: input.wholeWord ?? true }],
  });
  return { keyword: rules.keywords[0]!, filter: rules.filter };
}

export async function changeV1Filter(
  deps: SaveDeps,
  ownerId: string,
  id: string,
  input: V1FilterInput,
): Promise<V1Filter> {
  const { keyword, filter } = await findOwnKeyword(deps, ownerId, id);
  const now = deps.clock.now();
  const checked = checkFilter(filter, {
    title: input.phrase,
    context: input.context,
    action: input.irreversible === undefined ? undefined : input.irreversible ? 'hide' : 'warn',
  });
  const changedFilter: FilterRecord = {
    ...filter,
    ...checked,
    expiresAt: input.expiresIn !== undefined ? expiresAt(now, input.expiresIn) : filter.expiresAt,
  };
  const filterChanged =
    changedFilter.title !== filter.title ||
    changedFilter.context.join() !== filter.context.join() ||
    changedFilter.action !== filter.action ||
    changedFilter.expiresAt !== filter.expiresAt;
  const changedKeyword: FilterKeywordRecord = {
    ...keyword,
    keyword: input.phrase !== undefined ? checkKeyword(input.phrase ?? '') : keyword.keyword,
    wholeWord: input.wholeWord ?? keyword.wholeWord,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    if (filterChanged && (await findKeywordsOf(tx, [filter.id])).length > 1) {
      throw unprocessable(multipleKeywords);
    }
    await updateKeyword(tx, changedKeyword);
    if (filterChanged) await updateFilter(tx, { ...changedFilter, updatedAt: now });
  });
  await deps.events.emit('filters.changed', { accountId: ownerId });
  return { keyword: changedKeyword, filter: changedFilter };
}

export async function removeV1Filter(deps: SaveDeps, ownerId: string, id: string): Promise<void> {
  await removeKeyword(deps, ownerId, id);
}
