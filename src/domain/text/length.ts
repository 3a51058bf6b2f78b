/**
 * How long a text is for Mastodon's length limits (NoteLengthValidator, StatusLengthValidator):
 * user-perceived characters (grapheme clusters), with every URL counted as 23 characters
 * whatever its length and a mention counted without its domain, so that linking and
 * mentioning do not eat the limit.
 */
import { findEntities } from './entities.ts';

/** Characters a URL counts for, whatever its length (Mastodon's `characters_reserved_per_url`). */
export const charactersPerUrl = 23;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The number of user-perceived characters in `text`. */
export function graphemeLength(text: string): number {
  return [...segmenter.segment(text)].length;
}

/** The length of `text` as Mastodon counts it against a limit. */
export function countableLength(text: string): number {
  let countable = '';
  let at = 0;
  for (const entity of findEntities(text)) {
    if (entity.kind === 'hashtag') continue;
    countable += text.slice(at, entity.start);
    countable += entity.kind === 'url' ? 'x'.repeat(charactersPerUrl) : `@${entity.username}`;
    at = entity.end;
  }
  return graphemeLength(countable + text.slice(at));
}
