/**
 * The regular expressions Mastodon finds links with: twitter-text's `valid_url` as Mastodon's
 * config/initializers/twitter_regex.rb redefines it (more protocols, any non-space path
 * character, Unicode query characters, its own rules for what a URL may end with), and
 * Mastodon's `valid_extended_uri` for `xmpp:` and `magnet:` links. Clients and other servers
 * see exactly which text became a link, so these follow Mastodon character for character
 * rather than a generic URL recogniser.
 *
 * The one deliberate difference: the top-level domains come from the maintained `tlds`
 * package (IANA's list) plus `onion`, where twitter-text ships a 2019 snapshot; the two
 * differ only in long-retired brand domains and a few new ones.
 */
import tlds from 'tlds' with { type: 'json' };

// Character ranges of twitter-text's regex.rb.
const directional = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const invalid = '\\uFFFE\\uFEFF\\uFFFF';
const unicodeSpaces =
  '\\u0009-\\u000D\\u0020\\u0085\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
// twitter-text's PUNCTUATION_CHARS, which lacks the backslash (a Ruby string quirk), so a
// backslash is a domain character there; Mastodon then fails to parse such a URL and shows it
// as text (see `isLinkable`).
const asciiPunctuation = '!"#$%&\'()*+,\\-./:;<=>?@\\[\\]^_`{|}~';
const controls = '\\u0000-\\u001F\\u007F';
export const latinAccents =
  '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u0253\\u0254\\u0256\\u0257' +
  '\\u0259\\u025B\\u0263\\u0268\\u026F\\u0272\\u0289\\u028B\\u02BB\\u0300-\\u036F\\u1E00-\\u1EFF';

/** What may stand just before a URL: not a letter, digit, `@`, `$` or `#` (or the text start). */
const preceding = `(?:[^A-Z0-9@＠$#＃${invalid}]|[${directional}]|^)`;

// A domain is labels of any characters but ASCII punctuation, spaces and controls, ending in
// a known top-level domain (or a punycode one) that no letter, digit, `@`, `+` or `-` follows.
const domainCharClass = `${directional}${asciiPunctuation}${controls}${invalid}${unicodeSpaces}`;
const domainChar = `[^${domainCharClass}]`;

/** Whether a UTF-16 unit may be part of a domain before its first dot (for skipping ahead). */
export const domainPrefixUnit = new RegExp(`[^${domainCharClass}]|[._-]`);
const subdomain = `(?:(?:${domainChar}(?:[_-]|${domainChar})*)?${domainChar}\\.)`;
const domainName = `(?:(?:${domainChar}(?:-|${domainChar})*)?${domainChar}\\.)`;
const topLevelDomains = [...tlds, 'onion'].sort((a, b) => b.length - a.length).join('|');
const topLevelDomain = `(?:(?:${topLevelDomains})(?=[^0-9a-z@+-]|$))`;
const punycodeTopLevelDomain = '(?:xn--[0-9a-z]+)';
const domain = `(?:${subdomain}*${domainName}(?:${topLevelDomain}|${punycodeTopLevelDomain}))`;

// Paths. Mastodon's path may hold any non-space character but `<>()?`, with parentheses only
// in balanced pairs (Wikipedia's /Foo_(bar)), and may not end in punctuation that usually
// closes the sentence around it. Its ending rule still uses twitter-text's original balanced
// parentheses, because the Ruby initializer reads that regex before it redefines it.
const pathChar = '[^\\p{White_Space}<>()?]';
const originalPathChar = `[a-z\\p{Script=Cyrillic}0-9!*';:=+,.$/%#\\[\\]\\p{Pd}_~&|@${latinAccents}]`;
const balancedParens = (c: string): string => `\\((?:${c}+|(?:${c}*\\(${c}+\\)${c}*))\\)`;
const pathEnding = `(?:[^\\p{White_Space}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|${balancedParens(originalPathChar)})`;
const path =
  `(?:(?:${pathChar}*(?:${balancedParens(pathChar)}${pathChar}*)*${pathEnding})` +
  `|(?:${pathChar}+/))`;

// Query strings may hold most ASCII punctuation and any non-ASCII character but may end only
// in a letter, digit or one of `_&=#/-`.
const unicodeQueryChars =
  '\\u{A0}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFEF}\\u{10000}-\\u{1FFFD}\\u{20000}-\\u{2FFFD}' +
  '\\u{30000}-\\u{3FFFD}\\u{40000}-\\u{4FFFD}\\u{50000}-\\u{5FFFD}\\u{60000}-\\u{6FFFD}' +
  '\\u{70000}-\\u{7FFFD}\\u{80000}-\\u{8FFFD}\\u{90000}-\\u{9FFFD}\\u{A0000}-\\u{AFFFD}' +
  '\\u{B0000}-\\u{BFFFD}\\u{C0000}-\\u{CFFFD}\\u{D0000}-\\u{DFFFD}\\u{E1000}-\\u{EFFFD}' +
  '\\u{E000}-\\u{F8FF}\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}';
const query =
  `(?:\\?[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${unicodeQueryChars}]*` +
  `[a-z0-9_&=#/\\-${unicodeQueryChars}])`;

/** The protocols Mastodon links with `://` (a URL without one is never linked in a post). */
export const webProtocols = [
  'https',
  'http',
  'dat',
  'dweb',
  'ipfs',
  'ipns',
  'ssb',
  'gopher',
  'gemini',
];
const protocol = `(?:${webProtocols.join('|')})://`;

/** A protocol at `lastIndex`. */
export const protocolAt = new RegExp(protocol, 'iy');

/** The characters that may not stand just before a URL. */
export const notBeforeUrl = /[A-Z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]/iu;

// xmpp: and magnet: URIs, after RFC 3986 as twitter-text's validation patterns spell it.
const unreserved = '[a-z\\p{Script=Cyrillic}0-9\\p{Pd}._~]';
const percentEncoded = '(?:%[0-9a-f]{2})';
const nodeId = `(?:${unreserved}|${percentEncoded}|[!$()*+,;=])`;
const resourceId = `(?:${unreserved}|${percentEncoded}|[!$&'()*+,;=])`;

/** twitter-text's special case: a t.co link is only its short slug. */
export const tcoUrl = /^https?:\/\/t\.co\/([a-z0-9]+)/i;

/** The patterns that embed the list of top-level domains, which take tens of milliseconds to build. */
export interface DomainPatterns {
  /**
   * twitter-text's `valid_url` with Mastodon's changes, anchored at `lastIndex`. The match
   * includes the character before the URL; the groups `url`, `protocol` and `domain` are the
   * parts the extractor needs. A match without a protocol is not a link but still consumes
   * its text, as in Ruby's `scan`.
   */
  validUrlAt: RegExp;
  /** Mastodon's `valid_extended_uri`: `xmpp:` addresses and `magnet:` links. */
  validExtendedUri: RegExp;
  /** A top-level domain at `lastIndex` (for skipping text that cannot hold a domain). */
  topLevelDomainAt: RegExp;
}

let built: DomainPatterns | undefined;

/** The patterns, built on first use rather than when the server starts. */
export function domainPatterns(): DomainPatterns {
  built ??= {
    validUrlAt: new RegExp(
      `(?<before>${preceding})(?<url>(?<protocol>${protocol})?(?<domain>${domain})` +
        `(?::[0-9]+)?(?:/${path}*)?${query}?)`,
      'iyu',
    ),
    validExtendedUri: new RegExp(
      `(?<before>${preceding})(?<url>` +
        `(?:xmpp:(?://${nodeId}+@${domain}/)?(?:${nodeId}+@)?${domain}(?:/${resourceId}+)?${query}?)` +
        `|(?:magnet:${query}))`,
      'giu',
    ),
    topLevelDomainAt: new RegExp(`${topLevelDomain}|${punycodeTopLevelDomain}`, 'iyu'),
  };
  return built;
}
