import type { CustomEmojiRecord } from '../../../db/repositories/custom-emojis.ts';

/** Mastodon's CustomEmoji entity. */
export interface CustomEmojiJson {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category?: string;
}

/**
 * Mastodon writes `category` only where it loaded categories (the emoji list) and the emoji
 * has one; emojis inside accounts and posts never carry it.
 */
export function serializeCustomEmoji(
  emoji: CustomEmojiRecord,
  options: { withCategory?: boolean } = {},
): CustomEmojiJson {
  return {
    shortcode: emoji.shortcode,
    url: emoji.imageUrl,
    static_url: emoji.staticUrl,
    visible_in_picker: emoji.visibleInPicker,
    ...(options.withCategory && emoji.category !== null ? { category: emoji.category } : {}),
  };
}
