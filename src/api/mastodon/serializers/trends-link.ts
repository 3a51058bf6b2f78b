/** Mastodon's Trends::Link entity: a PreviewCard with seven days of sharing history. */
import type { TrendingLink } from '../../../domain/trends/read.ts';
import { serializePreviewCard, type PreviewCardJson } from './preview-card.ts';
import type { TagHistoryJson } from './tag.ts';

export interface TrendsLinkJson extends PreviewCardJson {
  history: TagHistoryJson[];
}

export function serializeTrendsLink(link: TrendingLink): TrendsLinkJson {
  return {
    ...serializePreviewCard(link.card),
    history: link.history.map((d) => ({
      day: String(d.day),
      accounts: String(d.accounts),
      uses: String(d.uses),
    })),
  };
}
