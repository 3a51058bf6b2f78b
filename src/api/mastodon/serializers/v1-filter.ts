/**
 * Mastodon's V1::Filter entity: one keyword with its filter's context and expiry;
 * `irreversible` is the hide action.
 */
import type { V1Filter } from '../../../domain/filters/v1-filters.ts';

export interface V1FilterJson {
  id: string;
  phrase: string;
  context: string[];
  whole_word: boolean;
  expires_at: string | null;
  irreversible: boolean;
}

export function serializeV1Filter({ keyword, filter }: V1Filter): V1FilterJson {
  return {
    id: keyword.id,
    phrase: keyword.keyword,
    context: filter.context,
    whole_word: keyword.wholeWord,
    expires_at: filter.expiresAt === null ? null : new Date(filter.expiresAt).toISOString(),
    irreversible: filter.action === 'hide',
  };
}
