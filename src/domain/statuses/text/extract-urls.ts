/**
 * The links in a post, found as twitter-text's `extract_urls_with_indices` finds them with
 * Mastodon's patterns and `extract_url_without_protocol: false`. Positions are UTF-16 offsets.
 *
 * The pattern is tried only where a domain could start (a top-level domain lies ahead). That
 * skips nothing Ruby's `scan` would find, but spares the quadratic search through long runs
 * of text without spaces (Chinese or Japanese prose), where every position could otherwise
 * start a domain.
 */
import { domainToASCII } from 'node:url';
import {
  domainPatterns,
  domainPrefixUnit,
  notBeforeUrl,
  protocolAt,
  tcoUrl,
} from './url-pattern.ts';

export interface UrlEntity {
  type: 'url';
  url: string;
  start: number;
  end: number;
}

// twitter-text's limits, and DNS's on a label.
const maxUrlLength = 4096;
const maxTcoSlugLength = 40;
const maxLabelLength = 63;

/**
 * Whether twitter-text accepts a URL's domain: it converts to ASCII (IDNA, labels of at most
 * 63 characters) and the URL stays within 4096 characters once converted.
 */
function isValidDomain(url: string, domain: string): boolean {
  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii.split('.').some((label) => label.length > maxLabelLength)) return false;
  return url.length + Math.max(0, ascii.length - domain.length) <= maxUrlLength;
}

/** A URL the pattern matched, or null when twitter-text would not link it. */
function urlFromMatch(match: RegExpExecArray): UrlEntity | null {
  const { before = '', url: matched, protocol, domain } = match.groups ?? {};
  if (!protocol || matched === undefined || domain === undefined) return null;
  const start = match.index + before.length;
  let url = matched;
  const tco = tcoUrl.exec(url);
  if (tco) {
    if ((tco[1] ?? '').length > maxTcoSlugLength) return null;
    url = tco[0];
  }
  if (!isValidDomain(url, domain)) return null;
  return { type: 'url', url, start, end: start + url.length };
}

/**
 * For each position, whether a top-level domain can be reached from it through characters a
 * domain may hold (a dot, then a known top-level domain): no domain can start anywhere else.
 */
function domainsAhead(text: string): Uint8Array {
  const { topLevelDomainAt } = domainPatterns();
  const ahead = new Uint8Array(text.length + 1);
  for (let i = text.length - 1; i >= 0; i--) {
    const unit = text[i] ?? '';
    if (unit === '.') {
      topLevelDomainAt.lastIndex = i + 1;
      ahead[i] = topLevelDomainAt.test(text) ? 1 : (ahead[i + 1] ?? 0);
    } else {
      ahead[i] = domainPrefixUnit.test(unit) ? (ahead[i + 1] ?? 0) : 0;
    }
  }
  return ahead;
}

/** Whether a URL (with or without a protocol) starting at `start` could have a domain. */
function couldStartUrl(text: string, start: number, ahead: Uint8Array): boolean {
  if (ahead[start]) return true;
  protocolAt.lastIndex = start;
  return protocolAt.test(text) && ahead[protocolAt.lastIndex] === 1;
}

/** Ruby's `text.scan(valid_url)`: every match, each search starting where the last ended. */
function* scanUrls(text: string): Generator<RegExpExecArray> {
  const { validUrlAt } = domainPatterns();
  const ahead = domainsAhead(text);
  let i = 0;
  while (i < text.length) {
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const afterChar = i + char.length;
    const worthTrying =
      (!notBeforeUrl.test(char) && couldStartUrl(text, afterChar, ahead)) ||
      (i === 0 && couldStartUrl(text, 0, ahead));
    if (worthTrying) {
      validUrlAt.lastIndex = i;
      const match = validUrlAt.exec(text);
      if (match) {
        yield match;
        i = validUrlAt.lastIndex;
        continue;
      }
    }
    i = afterChar;
  }
}

/** twitter-text's `extract_urls_with_indices(text, extract_url_without_protocol: false)`. */
export function extractUrls(text: string): UrlEntity[] {
  if (!text.includes(':')) return [];
  const urls: UrlEntity[] = [];
  for (const match of scanUrls(text)) {
    const url = urlFromMatch(match);
    if (url) urls.push(url);
  }
  return urls;
}

/**
 * The URL starting exactly at `start`, judged with its preceding character as in a full scan,
 * for parsers (Markdown) that meet URLs one position at a time.
 */
export function urlAt(text: string, start: number): UrlEntity | null {
  const { validUrlAt } = domainPatterns();
  validUrlAt.lastIndex = Math.max(0, start - 1);
  const match = validUrlAt.exec(text);
  if (!match) return null;
  const url = urlFromMatch(match);
  return url?.start === start ? url : null;
}

/** Mastodon's `extract_extra_uris_with_indices`: `xmpp:` and `magnet:` links. */
export function extractExtendedUris(text: string): UrlEntity[] {
  if (!/xmpp:|magnet:/i.test(text)) return [];
  return Array.from(text.matchAll(domainPatterns().validExtendedUri), (match) => {
    const url = match.groups?.['url'] ?? '';
    const start = match.index + (match.groups?.['before'] ?? '').length;
    return { type: 'url', url, start, end: start + url.length };
  });
}

/**
 * Whether Mastodon can make a link of a URL it found: Addressable refuses a host with a
 * backslash (which twitter-text lets into domains), and Mastodon then shows the text as is.
 */
export function isLinkable(url: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1];
  return authority === undefined || !authority.includes('\\');
}
