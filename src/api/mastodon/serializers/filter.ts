/**
 * Mastodon's Filter entity (REST::FilterSerializer). The filter's own endpoints show its
 * keywords and posts; inside a FilterResult on a status they are left out, as Mastodon
 * leaves them out when the rules were not asked for.
 */
import type { FilterRecord } from '../../../db/repositories/filters.ts';
import type { FilterRules } from '../../../domain/filters/find-filter.ts';
import { serializeFilterKeyword, type FilterKeywordJson } from './filter-keyword.ts';
import { serializeFilterStatus, type FilterStatusJson } from './filter-status.ts';

export interface FilterJson {
  id: string;
  title: string;
  context: string[];
  expires_at: string | null;
  filter_action: string;
  keywords?: FilterKeywordJson[];
  statuses?: FilterStatusJson[];
}

/** The filter without its rules. */
export function serializeFilterSummary(filter: FilterRecord): FilterJson {
  return {
    id: filter.id,
    title: filter.title,
    context: filter.context,
    expires_at: filter.expiresAt === null ? null : new Date(filter.expiresAt).toISOString(),
    filter_action: filter.action,
  };
}

export function serializeFilter(rules: FilterRules): FilterJson {
  return {
    ...serializeFilterSummary(rules.filter),
    keywords: rules.keywords.map(serializeFilterKeyword),
    statuses: rules.statuses.map(serializeFilterStatus),
  };
}
