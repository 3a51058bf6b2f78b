/**
 * What a signed-in user does with announcements: reads the published ones (with whether they
 * dismissed each, Mastodon's `read`), and dismisses one.
 */
import { notFound } from '../../core/errors.ts';
import {
  countReactions,
  findAnnouncement,
  findDismissed,
  insertDismissal,
  listAnnouncements,
  ownReactions,
  type AnnouncementRecord,
  type ReactionCount,
} from '../../db/repositories/announcements.ts';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../context.ts';
import { reactionEmojis } from './reactions.ts';

export interface ReactionView extends ReactionCount {
  /** Whether the reader reacted so; null when nobody is reading (a stream payload). */
  me: boolean | null;
  emoji: CustomEmojiRecord | null;
}

export interface AnnouncementView {
  announcement: AnnouncementRecord;
  /** Whether the reader dismissed it; null when nobody is reading (a stream payload). */
  read: boolean | null;
  reactions: ReactionView[];
}

/** A published announcement, or 404 (drafts are not there for users). */
export async function publishedAnnouncement(
  deps: Pick<Deps, 'db'>,
  id: string,
): Promise<AnnouncementRecord> {
  const found = await findAnnouncement(deps.db, id);
  if (!found || !found.published) throw notFound();
  return found;
}

/** Views of `announcements` for `readerId` (null: for a stream, without `read` and `me`). */
export async function announcementViews(
  deps: Pick<Deps, 'db'>,
  announcements: readonly AnnouncementRecord[],
  readerId: string | null,
): Promise<AnnouncementView[]> {
  const ids = announcements.map((a) => a.id);
  const [dismissed, counts, own] = await Promise.all([
    readerId === null ? Promise.resolve(null) : findDismissed(deps.db, readerId, ids),
    countReactions(deps.db, ids),
    readerId === null ? Promise.resolve(null) : ownReactions(deps.db, readerId, ids),
  ]);
  const emojis = await reactionEmojis(deps, counts);
  return announcements.map((announcement) => ({
    announcement,
    read: dismissed ? dismissed.has(announcement.id) : null,
    reactions: counts
      .filter((c) => c.announcementId === announcement.id)
      .map((c) => ({
        ...c,
        me: own ? own.has(`${c.announcementId} ${c.name}`) : null,
        emoji: c.customEmojiId === null ? null : (emojis.get(c.customEmojiId) ?? null),
      })),
  }));
}

/** The published announcements, in order, as `readerId` sees them. */
export async function readAnnouncements(
  deps: Pick<Deps, 'db'>,
  readerId: string,
): Promise<AnnouncementView[]> {
  return announcementViews(
    deps,
    await listAnnouncements(deps.db, { publishedOnly: true }),
    readerId,
  );
}

/** Marks a published announcement read for the account (Mastodon's AnnouncementMute). */
export async function dismissAnnouncement(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  id: string,
): Promise<void> {
  await publishedAnnouncement(deps, id);
  await insertDismissal(deps.db, id, accountId, deps.clock.now());
}
