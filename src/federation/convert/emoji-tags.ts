/**
 * The custom emojis an object names in its `tag` (type Emoji, `name` `:shortcode:`, `icon`
 * the image), as Mastodon, Pleroma, Misskey and GoToSocial publish them.
 */
import { Emoji, type Object as APObject } from '@fedify/vocab';
import type { RemoteEmoji } from '../../domain/custom-emojis/remote-emojis.ts';

export async function emojiTagsOf(object: APObject): Promise<RemoteEmoji[]> {
  const found: RemoteEmoji[] = [];
  try {
    for await (const tag of object.getTags()) {
      if (!(tag instanceof Emoji) || !tag.name) continue;
      const icon = await tag.getIcon().catch(() => null);
      const url = icon?.url instanceof URL ? icon.url : icon?.url?.href;
      if (!url) continue;
      found.push({
        shortcode: tag.name.toString().replace(/^:|:$/g, ''),
        uri: tag.id?.href ?? null,
        imageUrl: url.href,
      });
    }
  } catch {
    // Tags that cannot be read name no emojis.
  }
  return found;
}
