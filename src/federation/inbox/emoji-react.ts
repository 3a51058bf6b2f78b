/**
 * Emoji reactions from other servers: Pleroma/Akkoma's `EmojiReact` and Misskey's `Like`
 * with `content` (its `_misskey_reaction`), each naming a unicode emoji or a custom emoji
 * (`:shortcode:`, with an Emoji tag for its image, kept as the sender's server's custom
 * emoji). Stored as reactions (domain/reactions), never as favourites; a `Like` without
 * content stays a favourite (like.ts). Undo of either takes the reaction back.
 */
import type { InboxContext } from '@fedify/fedify';
import { EmojiReact, type Like } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { storeRemoteEmojis } from '../../domain/custom-emojis/remote-emojis.ts';
import {
  addReaction,
  removeReaction,
  removeReactionMadeBy,
  type ReactionInput,
} from '../../domain/reactions/react.ts';
import { emojiTagsOf } from '../convert/emoji-tags.ts';
import { senderAccount } from './accounts.ts';

/** `:shortcode:` (Misskey adds `@host` or `@.`), the form a custom emoji reaction takes. */
const customEmoji = /^:([a-zA-Z0-9_]{2,64})(?:@[^:\s]*)?:$/;

/** The emoji a reaction names (custom ones stored with their image), or null if none. */
async function reactionOf(
  ctx: InboxContext<Deps>,
  activity: EmojiReact | Like,
  sender: AccountRecord,
): Promise<ReactionInput | null> {
  const content = activity.content?.toString().trim() ?? '';
  if (content === '') return null;
  const uri = activity.id?.href ?? null;
  const custom = customEmoji.exec(content);
  if (!custom) return { name: content, custom: false, emojiDomain: null, uri };
  const shortcode = custom[1]!;
  const emoji = (await emojiTagsOf(activity)).find((e) => e.shortcode === shortcode);
  if (!emoji || !sender.domain) return null;
  // As for posts, a sender's emoji tags define its own server's emojis only.
  await storeRemoteEmojis(ctx.data, sender.domain, [emoji]);
  return { name: shortcode, custom: true, emojiDomain: sender.domain, uri };
}

/**
 * Stores the reaction `activity` makes; false when it is a `Like` without content (a
 * favourite). A reaction to a post Woolly does not have, or may not be shown to the
 * sender, is dropped.
 */
export async function storeReaction(
  ctx: InboxContext<Deps>,
  activity: EmojiReact | Like,
): Promise<boolean> {
  if (!(activity instanceof EmojiReact) && !activity.content) return false;
  const status = activity.objectId
    ? await findStatusByUri(ctx.data.db, activity.objectId.href)
    : null;
  if (!status) return true;
  const sender = await senderAccount(ctx, activity);
  const reaction = sender ? await reactionOf(ctx, activity, sender) : null;
  if (sender && reaction) await addReaction(ctx.data, sender, status, reaction);
  return true;
}

export async function onEmojiReact(ctx: InboxContext<Deps>, react: EmojiReact): Promise<void> {
  await storeReaction(ctx, react);
}

/**
 * Takes back the reaction an undone `EmojiReact` or `Like` made; false when the Like made
 * none (it was a favourite).
 */
export async function undoReaction(
  ctx: InboxContext<Deps>,
  actor: AccountRecord,
  activity: EmojiReact | Like,
): Promise<boolean> {
  if (activity.id && (await removeReactionMadeBy(ctx.data, actor, activity.id.href))) return true;
  if (!(activity instanceof EmojiReact) && !activity.content) return false;
  // An Undo that embeds the reaction without its id: the emoji and post name it.
  const status = activity.objectId
    ? await findStatusByUri(ctx.data.db, activity.objectId.href)
    : null;
  const content = activity.content?.toString().trim() ?? '';
  const name = customEmoji.exec(content)?.[1] ?? content;
  if (status && name !== '') await removeReaction(ctx.data, actor, status.id, name);
  return true;
}
