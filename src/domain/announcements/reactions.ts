/**
 * Reactions to announcements (Mastodon's AnnouncementReaction): a Unicode emoji or an enabled
 * local custom emoji by shortcode, at most `reactionLimit` different ones per announcement.
 * A new or removed reaction emits `announcement.reacted` so streams send the new count.
 */
import {
  countReactions,
  deleteReaction,
  findEmojisByIds,
  insertReaction,
  reactionNames,
  type ReactionCount,
} from '../../db/repositories/announcements.ts';
import {
  findCustomEmojiByShortcode,
  type CustomEmojiRecord,
} from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../context.ts';
import { addError, fieldError, recordInvalid, type FieldErrors } from '../validation.ts';
import { publishedAnnouncement } from './read.ts';

/** Mastodon's ReactionValidator::LIMIT. */
export const reactionLimit = 8;

const unicodeEmoji = /^\p{RGI_Emoji}$/v;

function invalid(description: string): never {
  const details: FieldErrors = {};
  addError(details, 'name', fieldError.invalid(description));
  throw recordInvalid(details);
}

export async function addAnnouncementReaction(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  accountId: string,
  announcementId: string,
  name: string,
): Promise<void> {
  await publishedAnnouncement(deps, announcementId);
  let customEmojiId: string | null = null;
  if (!unicodeEmoji.test(name)) {
    const emoji = await findCustomEmojiByShortcode(deps.db, name, null);
    if (!emoji || emoji.disabled) invalid('is not a recognized emoji');
    customEmojiId = emoji.id;
  }
  const names = await reactionNames(deps.db, announcementId);
  if (!names.includes(name) && names.length >= reactionLimit) {
    invalid('has reached the limit of different reactions');
  }
  const added = await insertReaction(
    deps.db,
    { announcementId, accountId, name, customEmojiId },
    deps.clock.now(),
  );
  if (added) await deps.events.emit('announcement.reacted', { announcementId, name });
}

export async function removeAnnouncementReaction(
  deps: Pick<Deps, 'db' | 'events'>,
  accountId: string,
  announcementId: string,
  name: string,
): Promise<void> {
  await publishedAnnouncement(deps, announcementId);
  if (await deleteReaction(deps.db, announcementId, accountId, name)) {
    await deps.events.emit('announcement.reacted', { announcementId, name });
  }
}

/** How many accounts reacted to an announcement with `name` (for a stream event). */
export async function reactionCount(
  deps: Pick<Deps, 'db'>,
  announcementId: string,
  name: string,
): Promise<number> {
  const counts = await countReactions(deps.db, [announcementId]);
  return counts.find((c) => c.name === name)?.count ?? 0;
}

/** The custom emojis of these reactions, by id. */
export async function reactionEmojis(
  deps: Pick<Deps, 'db'>,
  counts: readonly ReactionCount[],
): Promise<Map<string, CustomEmojiRecord>> {
  const ids = [
    ...new Set(counts.flatMap((c) => (c.customEmojiId === null ? [] : [c.customEmojiId]))),
  ];
  return new Map((await findEmojisByIds(deps.db, ids)).map((e) => [e.id, e]));
}
