/**
 * ImportCustomEmoji (`woolly emoji import`, as tootctl's): one image becomes the local emoji
 * `:shortcode:`. The file must be a PNG, GIF or WebP (read from its bytes) of at most
 * 256 KiB (Mastodon's limit for local emojis) and a sane number of pixels; it is stored as it
 * is (animation kept) with a still copy for `static_url` (the first frame), both by content.
 * An existing shortcode is left alone unless `overwrite`.
 */
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import {
  findLocalEmojiWithFiles,
  insertLocalEmojiFiles,
  replaceEmojiFiles,
} from '../../db/repositories/custom-emoji-files.ts';
import type { Deps } from '../context.ts';
import { processingLimits } from '../media-attachments/limits.ts';
import { MediaRejected } from '../media-attachments/ports.ts';
import { publicMediaUrl } from '../media-attachments/urls.ts';
import { removeUnusedFiles, writeFiles } from '../media-attachments/write-files.ts';

export const emojiSizeLimit = 256 * 1024;
const emojiTypes = new Set(['image/png', 'image/gif', 'image/webp']);
const shortcodePattern = /^[a-zA-Z0-9_]{2,}$/;

export type ImportOutcome = 'added' | 'replaced' | 'skipped';

export interface EmojiImport {
  shortcode: string;
  bytes: Buffer;
  category?: string | null;
  overwrite?: boolean;
}

/** Throws a MediaRejected naming what is wrong with the file or the shortcode. */
export async function importCustomEmoji(deps: Deps, input: EmojiImport): Promise<ImportOutcome> {
  if (!shortcodePattern.test(input.shortcode)) {
    throw new MediaRejected(`invalid shortcode ${JSON.stringify(input.shortcode)}`);
  }
  const existing = await findLocalEmojiWithFiles(deps.db, input.shortcode);
  if (existing && !input.overwrite) return 'skipped';
  if (input.bytes.length > emojiSizeLimit) {
    throw new MediaRejected(`larger than ${emojiSizeLimit / 1024} KiB`);
  }
  const sniffed = await deps.media.processor.sniff(input.bytes);
  if (!sniffed || !emojiTypes.has(sniffed.mime)) throw new MediaRejected('not a PNG, GIF or WebP');
  const limits = processingLimits(deps.config);
  await deps.media.processor.inspect(input.bytes, sniffed, limits);
  const still = await deps.media.processor.thumbnail(
    input.bytes,
    { width: 256, height: 256 },
    limits,
  );
  const { keys } = await writeFiles(deps.media.storage, [
    { body: input.bytes, contentType: sniffed.mime, ext: sniffed.ext },
    still.file,
  ]);
  const imageKey = keys[0]!;
  const staticKey = keys[1]!;
  const now = deps.clock.now();
  const urls = {
    imageUrl: publicMediaUrl(deps.config, imageKey),
    staticUrl: publicMediaUrl(deps.config, staticKey),
  };
  const category = input.category?.trim() || null;
  if (existing) {
    await replaceEmojiFiles(
      deps.db,
      existing.emoji.id,
      { ...urls, category: category ?? existing.emoji.category, imageKey, staticKey },
      now,
    );
    await removeUnusedFiles(
      deps.db,
      deps.media.storage,
      [existing.imageKey, existing.staticKey].filter((k) => k !== imageKey && k !== staticKey),
      '0',
    );
    return 'replaced';
  }
  const emoji: CustomEmojiRecord = {
    id: deps.ids.next(),
    shortcode: input.shortcode,
    domain: null,
    uri: null,
    ...urls,
    category,
    visibleInPicker: true,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  await insertLocalEmojiFiles(deps.db, emoji, { imageKey, staticKey });
  return 'added';
}
