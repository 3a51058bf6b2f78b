/** Mastodon's FilterResult entity: which filter matched a status, and by what. */
import type { FilterMatch } from '../../../domain/filters/match.ts';
import { serializeFilterSummary, type FilterJson } from './filter.ts';

export interface FilterResultJson {
  filter: FilterJson;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

export function serializeFilterResult(match: FilterMatch): FilterResultJson {
  return {
    filter: serializeFilterSummary(match.filter),
    keyword_matches: match.keywordMatches,
    status_matches: match.statusMatches,
  };
}
