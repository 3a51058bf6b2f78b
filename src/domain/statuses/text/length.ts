/**
 * How long a post is, counted as Mastodon's StatusLengthValidator counts it, so that a post
 * the web client or any app accepts under the limit is accepted here too: every URL counts
 * as 23 characters whatever its length, a mention of a remote account counts only as
 * `@username`, the content warning counts too, and characters are grapheme clusters (a
 * family emoji or a flag is one).
 *
 * Mastodon strips the text and content warning of surrounding whitespace before it counts;
 * pass them as they will be stored (see `stripStatusText`).
 *
 * @example countStatusLength('Read https://example.com/a/very/long/path', 'CW') // 2 + 5 + 23
 */
import { extractMentions, extractUrls, withoutOverlaps } from './extract.ts';
import { isBlank } from './whitespace.ts';

/** What Mastodon reports as `configuration.statuses.characters_reserved_per_url`. */
export const charactersReservedPerUrl = 23;

/** Mastodon's default `max_characters`. */
export const defaultMaxCharacters = 500;

const urlPlaceholder = 'x'.repeat(charactersReservedPerUrl);
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function countGraphemes(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

/** The text as the validator counts it: URLs as 23 `x`, mentions without their domain. */
function countableText(text: string): string {
  if (isBlank(text)) return '';
  const entities = withoutOverlaps([...extractUrls(text), ...extractMentions(text)]);
  let countable = '';
  let position = 0;
  for (const entity of entities) {
    countable += text.slice(position, entity.start);
    countable += entity.type === 'url' ? urlPlaceholder : `@${entity.username}`;
    position = entity.end;
  }
  return countable + text.slice(position);
}

/** The length Mastodon compares with the instance's maximum for a post and its warning. */
export function countStatusLength(text: string, spoilerText = ''): number {
  return countGraphemes(spoilerText + countableText(text));
}
