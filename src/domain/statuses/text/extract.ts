/**
 * The links, hashtags and mentions in what a user typed, found as Mastodon's Extractor finds
 * them (app/lib/extractor.rb over twitter-text), so that Woolly links, counts and notifies
 * exactly what Mastodon would. Positions are UTF-16 offsets into the text (what `slice` takes),
 * `end` exclusive.
 *
 * @example
 * extractEntities('Hi @alice, see https://example.com #news');
 * // [{ type: 'mention', acct: 'alice', ... start: 3, end: 9 },
 * //  { type: 'url', url: 'https://example.com', start: 15, end: 34 },
 * //  { type: 'hashtag', name: 'news', start: 35, end: 40 }]
 */
import { extractExtendedUris, extractUrls, type UrlEntity } from './extract-urls.ts';
import { latinAccents } from './url-pattern.ts';

export { extractUrls, urlAt, type UrlEntity } from './extract-urls.ts';

export interface MentionEntity {
  type: 'mention';
  /** As typed, without the `@`: `alice` or `alice@example.com`. */
  acct: string;
  username: string;
  /** null when the mention names no domain (an account of this server). */
  domain: string | null;
  start: number;
  end: number;
}

export interface HashtagEntity {
  type: 'hashtag';
  /** As typed, without the `#`. */
  name: string;
  start: number;
  end: number;
}

export type TextEntity = UrlEntity | MentionEntity | HashtagEntity;

// Mastodon's cap on a mentioned domain (the longest DNS name).
const maxMentionDomainLength = 253;

// Ruby's [[:word:]] and [[:alpha:]] on Unicode text.
const word = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}';
const alpha = '\\p{Alphabetic}';

// Account::MENTION_RE: not after `=`, `/` or a word character; a username of letters, digits
// and `_` with single runs of `.`/`-` inside, then optionally `@` and a domain.
const mentionPattern = new RegExp(
  `(?<![=/${word}])@(?<acct>(?<username>[a-zA-Z0-9_]+(?:[.-]+[a-zA-Z0-9_]+)*)` +
    `(?:@(?<domain>[${word}]+(?:[.-]+[${word}]+)*))?)`,
  'gu',
);
// twitter-text's end_mention_match: a mention followed by these is not one (`@a@`, `@josé`).
const endOfMention = new RegExp(`^(?:[@＠]|[${latinAccents}]|://)`, 'u');

// Tag::HASHTAG_RE: after whitespace or at the start, `#` or `＃`, then a name with at least one
// letter. The first form allows `·`, `・` and ZWNJ between word characters (#ぼっち・ざ・ろっく).
const separators = '_\\u00B7\\u30FB\\u200C';
const hashtagPattern = new RegExp(
  `(?<![^\\p{White_Space}])[#＃](?<name>` +
    `[${word}_][${word}${separators}]*[${alpha}${separators}][${word}${separators}]*[${word}_]` +
    `|[${word}_]*[${alpha}][${word}_]*)`,
  'gu',
);

/** Mastodon's `extract_mentions_or_lists_with_indices`. */
export function extractMentions(text: string): MentionEntity[] {
  if (!/[@＠]/.test(text)) return [];
  const mentions: MentionEntity[] = [];
  for (const match of text.matchAll(mentionPattern)) {
    const { acct = '', username = '', domain } = match.groups ?? {};
    const end = match.index + match[0].length;
    if (endOfMention.test(text.slice(end, end + 3))) continue;
    if (domain !== undefined && [...domain].length > maxMentionDomainLength) continue;
    mentions.push({
      type: 'mention',
      acct,
      username,
      domain: domain ?? null,
      start: match.index,
      end,
    });
  }
  return mentions;
}

/** Mastodon's `extract_hashtags_with_indices`. */
export function extractHashtags(text: string): HashtagEntity[] {
  if (!/[#＃]/.test(text)) return [];
  const hashtags: HashtagEntity[] = [];
  for (const match of text.matchAll(hashtagPattern)) {
    let name = match.groups?.['name'] ?? '';
    const afterwards = match.index + match[0].length;
    // `#tagshttps://…`: the protocol belongs to the URL, not to the tag.
    if (text.startsWith('://', afterwards)) {
      const protocol = /^(.+)(https?)$/u.exec(name);
      if (protocol) name = protocol[1] ?? name;
    }
    hashtags.push({
      type: 'hashtag',
      name,
      start: match.index,
      end: match.index + 1 + name.length,
    });
  }
  return hashtags;
}

/**
 * twitter-text's `remove_overlapping_entities`: in order of their start, an entity that begins
 * inside the one kept before it is dropped.
 */
export function withoutOverlaps<T extends { start: number; end: number }>(entities: T[]): T[] {
  const sorted = entities.toSorted((a, b) => a.start - b.start);
  const kept: T[] = [];
  for (const entity of sorted) {
    const previous = kept.at(-1);
    if (previous === undefined || previous.end <= entity.start) kept.push(entity);
  }
  return kept;
}

/**
 * Every link, hashtag and mention in a post as Mastodon's TextFormatter sees them
 * (`extract_entities_with_indices(text, extract_url_without_protocol: false)`), in order and
 * never overlapping: a `#fragment` or `@user` inside a URL is part of the URL.
 */
export function extractEntities(text: string): TextEntity[] {
  return withoutOverlaps<TextEntity>([
    ...extractUrls(text),
    ...extractHashtags(text),
    ...extractMentions(text),
    ...extractExtendedUris(text),
  ]);
}
