/**
 * The links a plain-text post or bio contains, found the way Mastodon's TextFormatter finds
 * them (twitter-text with Mastodon's own hashtag and mention patterns): http(s) URLs, hashtags
 * and `@user` / `@user@domain` mentions, in order and never overlapping.
 */
export type TextEntity =
  | { kind: 'url'; start: number; end: number; url: string }
  | { kind: 'hashtag'; start: number; end: number; name: string }
  | { kind: 'mention'; start: number; end: number; username: string; domain: string | null };

// A URL needs a scheme; its path may not end in punctuation, which usually closes the sentence
// around it (twitter-text's rule), nor in a `)` that opens nowhere inside the URL.
const urlPattern = /https?:\/\/[\p{L}\p{N}][^\s<>"]*/giu;
const urlEnding = /[\p{L}\p{N}=_#/+\-)]/u;

// Mastodon's Tag::HASHTAG_RE, without its middle-dot variants: at least one letter.
const hashtagPattern = /(?<![=/)\p{L}\p{N}\p{M}_])#([\p{L}\p{N}\p{M}_]*\p{L}[\p{L}\p{N}\p{M}_]*)/gu;

// Mastodon's Account::MENTION_RE.
const mentionPattern =
  /(?<![=/\p{L}\p{N}\p{M}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+))?/giu;

function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined) return url;
    if (last === ')') {
      const opens = url.split('(').length - 1;
      const closes = url.split(')').length - 1;
      if (closes <= opens) return url;
    } else if (urlEnding.test(last)) {
      return url;
    }
    url = url.slice(0, -1);
  }
}

/** Every URL, hashtag and mention in `text`, by position. */
export function findEntities(text: string): TextEntity[] {
  const found: TextEntity[] = [];
  for (const m of text.matchAll(urlPattern)) {
    const url = trimUrl(m[0]);
    if (/^https?:\/\/[\p{L}\p{N}]/u.test(url)) {
      found.push({ kind: 'url', start: m.index, end: m.index + url.length, url });
    }
  }
  for (const m of text.matchAll(hashtagPattern)) {
    found.push({ kind: 'hashtag', start: m.index, end: m.index + m[0].length, name: m[1]! });
  }
  for (const m of text.matchAll(mentionPattern)) {
    found.push({
      kind: 'mention',
      start: m.index,
      end: m.index + m[0].length,
      username: m[1]!,
      domain: m[2] ?? null,
    });
  }
  // URLs first on a tie, then keep whatever starts first and drop what overlaps it.
  const rank = { url: 0, mention: 1, hashtag: 2 } as const;
  found.sort((a, b) => a.start - b.start || rank[a.kind] - rank[b.kind]);
  const kept: TextEntity[] = [];
  for (const entity of found) {
    const previous = kept.at(-1);
    if (!previous || entity.start >= previous.end) kept.push(entity);
  }
  return kept;
}
