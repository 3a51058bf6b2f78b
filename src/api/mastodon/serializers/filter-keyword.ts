/** Mastodon's FilterKeyword entity (REST::FilterKeywordSerializer). */
import type { FilterKeywordRecord } from '../../../db/repositories/filters.ts';

export interface FilterKeywordJson {
  id: string;
  keyword: string;
  whole_word: boolean;
}

export function serializeFilterKeyword(keyword: FilterKeywordRecord): FilterKeywordJson {
  return { id: keyword.id, keyword: keyword.keyword, whole_word: keyword.wholeWord };
}
