/**
 * Custom emojis: `:shortcode:` images of this server (and copies of other servers' ones).
 * Admins add local ones; apps list the pickable ones and accounts and posts carry the ones
 * their text uses.
 */
import { isUniqueViolation } from '../../db/database.ts';
import {
  findEnabledEmojis,
  insertCustomEmoji,
  listPickableLocalEmojis,
  type CustomEmojiRecord,
} from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../context.ts';
import { recordInvalid, addError, fieldError, type FieldErrors } from '../validation.ts';

export { listPickableLocalEmojis };

/** Mastodon's CustomEmoji::SHORTCODE_RE_FRAGMENT. */
const shortcodePattern = /^[a-zA-Z0-9_]{2,}$/;

// Mastodon's CustomEmoji::SCAN_RE: a shortcode between colons, not glued to other words.
const scanPattern = /(?<=[^\p{L}\p{N}:]|^):([a-zA-Z0-9_]{2,}):(?=[^\p{L}\p{N}:]|$)/gmu;

export interface NewCustomEmoji {
  shortcode: string;
  imageUrl: string;
  staticUrl: string;
  category?: string | null;
  visibleInPicker?: boolean;
}

/** Adds a local emoji, or throws Mastodon's 422 for a bad or taken shortcode. */
export async function addCustomEmoji(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  input: NewCustomEmoji,
): Promise<CustomEmojiRecord> {
  const details: FieldErrors = {};
  if (!shortcodePattern.test(input.shortcode)) addError(details, 'shortcode', fieldError.invalid());
  if (Object.keys(details).length) throw recordInvalid(details);
  const now = deps.clock.now();
  const emoji: CustomEmojiRecord = {
    id: deps.ids.next(),
    shortcode: input.shortcode,
    domain: null,
    uri: null,
    imageUrl: input.imageUrl,
    staticUrl: input.staticUrl,
    category: input.category?.trim() || null,
    visibleInPicker: input.visibleInPicker ?? true,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await insertCustomEmoji(deps.db, emoji);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw recordInvalid({ shortcode: [fieldError.taken()] });
  }
  return emoji;
}

/** The shortcodes `text` uses, each once. */
export function shortcodesIn(text: string): string[] {
  return [...new Set([...text.matchAll(scanPattern)].map((m) => m[1]!))];
}

/** The enabled emojis of `domain` (null: this server) that `texts` use. */
export async function emojisUsedIn(
  deps: Pick<Deps, 'db'>,
  domain: string | null,
  texts: string[],
): Promise<CustomEmojiRecord[]> {
  return findEnabledEmojis(deps.db, domain, shortcodesIn(texts.join('\n')));
}
