/**
 * A local custom emoji as the Emoji Mastodon publishes in the `tag` of its posts and actors
 * (and serves at its id, dispatchers/emoji.ts): `name` `:shortcode:`, `updated`, and the
 * image as `icon`. Other servers show `:shortcode:` in a text only when such a tag names it.
 */
import type { Context } from '@fedify/fedify';
import { Emoji, Image } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../../domain/context.ts';
import { contentTypeOfKey } from '../../media/storage/content-types.ts';

/** The path of a local emoji's ActivityPub id, as Mastodon's `/emojis/:id`. */
export const emojiPath = '/emojis/{id}';

export function toEmoji(ctx: Context<Deps>, emoji: CustomEmojiRecord): Emoji {
  const url = new URL(emoji.imageUrl);
  // Woolly names stored files by their sniffed type; an emoji added by URL may not say.
  const mediaType = contentTypeOfKey(url.pathname);
  return new Emoji({
    id: ctx.getObjectUri(Emoji, { id: emoji.id }),
    name: `:${emoji.shortcode}:`,
    updated: Temporal.Instant.fromEpochMilliseconds(emoji.updatedAt),
    icon: new Image({
      url,
      mediaType: mediaType.startsWith('image/') ? mediaType : null,
    }),
  });
}
