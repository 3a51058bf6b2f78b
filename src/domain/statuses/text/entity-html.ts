/**
 * The HTML Mastodon writes for a link, a hashtag and a mention in a post. Apps rely on this
 * exact markup: the `invisible` and `ellipsis` spans shorten long links, the `mention` and
 * `hashtag` classes and the `h-card` wrapper let them open profiles and tags in-app, and
 * `translate="no"` keeps translation services off handles and addresses.
 */
import { escapeHtml } from './escape.ts';
import { isLinkable } from './extract-urls.ts';

/** An account a mention resolved to. */
export interface MentionTarget {
  /** The profile page the mention opens. */
  url: string;
  username: string;
  /** `username` for an account of this server, `username@domain` otherwise. */
  acct: string;
}

// The part of a URL apps hide, and how many characters they show of the rest.
const hiddenPrefix = /^(?:https?:\/\/(?:www\.)?|xmpp:)/;
const visibleLength = 30;

/**
 * A link shortened as Mastodon's `TextFormatter.shortened_link` does: the scheme (and `www.`)
 * hidden, 30 characters shown, the rest hidden behind an ellipsis. A URL Mastodon cannot
 * parse stays text.
 *
 * @example
 * shortenedLink('https://www.example.com/')
 * // '<a href="https://www.example.com/" target="_blank" rel="nofollow noopener" translate="no">
 * //  <span class="invisible">https://www.</span><span class="">example.com/</span><span class="invisible"></span></a>'
 */
export function shortenedLink(url: string, options: { relMe?: boolean } = {}): string {
  if (!isLinkable(url)) return escapeHtml(url);
  const prefix = hiddenPrefix.exec(url)?.[0] ?? '';
  // Mastodon counts characters, not UTF-16 units, so an emoji in a path is one character.
  const rest = Array.from(url.slice(prefix.length));
  const shown = rest.slice(0, visibleLength).join('');
  const hidden = rest.slice(visibleLength).join('');
  const rel = options.relMe ? 'nofollow noopener me' : 'nofollow noopener';
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="${rel}" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${rest.length > visibleLength ? 'ellipsis' : ''}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

/** A hashtag link, showing the tag as typed. */
export function hashtagLink(name: string, href: string): string {
  return `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(name)}</span></a>`;
}

/** A mention of a resolved account, showing `display` (its username, or acct when ambiguous). */
export function mentionLink(target: MentionTarget, display: string): string {
  return (
    `<span class="h-card" translate="no"><a href="${escapeHtml(target.url)}" class="u-url mention">` +
    `@<span>${escapeHtml(display)}</span></a></span>`
  );
}
