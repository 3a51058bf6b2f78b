/**
 * Mastodon's FeaturedTag entity (REST::FeaturedTagSerializer): the count as a string and only
 * the day of the last post, as Mastodon 4 gives them; the URL is the profile filtered by the
 * tag (`/@alice/tagged/woolly`).
 */
import type { FeaturedTagView } from '../../../domain/tags/featured-tags.ts';

export interface FeaturedTagJson {
  id: string;
  name: string;
  url: string;
  statuses_count: string;
  last_status_at: string | null;
}

export function serializeFeaturedTag(view: FeaturedTagView, baseUrl: string): FeaturedTagJson {
  const profile = view.account.url ?? `${baseUrl}/@${view.account.username}`;
  return {
    id: view.id,
    name: view.name,
    url: `${profile}/tagged/${encodeURIComponent(view.tagName.toLowerCase())}`,
    statuses_count: String(view.statusesCount),
    last_status_at:
      view.lastStatusAt === null ? null : new Date(view.lastStatusAt).toISOString().slice(0, 10),
  };
}
