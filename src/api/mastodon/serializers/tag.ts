/**
 * Mastodon's Tag entity (REST::TagSerializer): the name as spelled, the tag page, seven days
 * of history with every number as a string, and for a signed-in viewer `following` and
 * `featuring`.
 */
import type { TagView } from '../../../domain/tags/tag-views.ts';

export interface TagHistoryJson {
  day: string;
  accounts: string;
  uses: string;
}

export interface TagJson {
  id: string;
  name: string;
  url: string;
  history: TagHistoryJson[];
  following?: boolean;
  featuring?: boolean;
}

/** The tag's page on this server; tag pages are addressed in lower case. */
export function tagUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/tags/${encodeURIComponent(name.toLowerCase())}`;
}

export function serializeTag(view: TagView, baseUrl: string): TagJson {
  const json: TagJson = {
    id: view.id ?? '',
    name: view.name,
    url: tagUrl(baseUrl, view.name),
    history: view.history.map((d) => ({
      day: String(d.day),
      accounts: String(d.accounts),
      uses: String(d.uses),
    })),
  };
  if (view.following !== undefined) json.following = view.following;
  if (view.featuring !== undefined) json.featuring = view.featuring;
  return json;
}
