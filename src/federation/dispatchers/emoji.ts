/**
 * Local custom emojis as Emoji objects at /emojis/{id}, the id the Emoji tags of local posts
 * and actors carry (convert/emoji.ts), as Mastodon serves them: to anyone, in secure mode
 * too (Mastodon asks no signature for them). A disabled emoji, or another server's, is a 404.
 */
import type { Federation } from '@fedify/fedify';
import { Emoji } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import { findEnabledLocalEmojiById } from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../../domain/context.ts';
import { emojiPath, toEmoji } from '../convert/emoji.ts';

export function registerEmojiDispatcher(federation: Federation<Deps>): void {
  federation.setObjectDispatcher(Emoji, emojiPath, async (ctx, values: Record<'id', string>) => {
    if (!isId(values.id)) return null;
    const emoji = await findEnabledLocalEmojiById(ctx.data.db, values.id);
    return emoji ? toEmoji(ctx, emoji) : null;
  });
}
