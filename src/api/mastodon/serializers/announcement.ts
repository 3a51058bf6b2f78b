/**
 * Mastodon's Announcement entity (REST::AnnouncementSerializer) with its Reaction entities.
 * `read` and each reaction's `me` are there only for a signed-in reader (a stream payload has
 * neither). Mentions, linked posts and tags in announcements are not parsed yet: empty lists.
 */
import type { AnnouncementView, ReactionView } from '../../../domain/announcements/read.ts';
import { renderPlainText } from '../../../domain/statuses/text/render-plain.ts';
import type { CustomEmojiJson } from './custom-emoji.ts';
import type { StatusTagJson } from './status.ts';

export interface ReactionJson {
  name: string;
  count: number;
  me?: boolean;
  url?: string;
  static_url?: string;
}

export interface AnnouncementJson {
  id: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published_at: string;
  updated_at: string;
  read?: boolean;
  mentions: { id: string; username: string; url: string; acct: string }[];
  statuses: { id: string; url: string }[];
  tags: StatusTagJson[];
  emojis: CustomEmojiJson[];
  reactions: ReactionJson[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function serializeReaction(r: ReactionView): ReactionJson {
  return {
    name: r.name,
    count: r.count,
    ...(r.me === null ? {} : { me: r.me }),
    ...(r.emoji ? { url: r.emoji.imageUrl, static_url: r.emoji.staticUrl } : {}),
  };
}

export function serializeAnnouncement(view: AnnouncementView, baseUrl: string): AnnouncementJson {
  const a = view.announcement;
  return {
    id: a.id,
    content: renderPlainText(a.text, {
      mentions: new Map(),
      tagUrl: (name) => `${baseUrl}/tags/${encodeURIComponent(name)}`,
    }),
    starts_at: iso(a.startsAt),
    ends_at: iso(a.endsAt),
    all_day: a.allDay,
    published_at: iso(a.publishedAt ?? a.createdAt)!,
    updated_at: iso(a.updatedAt)!,
    ...(view.read === null ? {} : { read: view.read }),
    mentions: [],
    statuses: [],
    tags: [],
    emojis: [],
    reactions: view.reactions.map(serializeReaction),
  };
}
