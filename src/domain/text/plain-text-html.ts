/**
 * Plain text as Mastodon turns it into HTML (TextFormatter): everything escaped, URLs,
 * hashtags and mentions of known accounts linked with Mastodon's exact markup, and (for bios
 * and posts, not for profile field values) paragraphs and line breaks. Apps style the
 * `invisible` / `ellipsis` spans and the `mention` classes, so the markup matters.
 *
 * @example
 * renderPlainText('Hi\nhttps://example.com', { baseUrl: 'https://woolly.example' })
 * // '<p>Hi<br /><a href="https://example.com" target="_blank" rel="nofollow noopener" translate="no">…</a></p>'
 */
import { findEntities, type TextEntity } from './entities.ts';

/** An account a mention may link to. */
export interface MentionTarget {
  username: string;
  /** null for a local account. */
  domain: string | null;
  /** The profile page the link opens. */
  url: string;
}

export interface RenderOptions {
  /** The instance's origin, for hashtag links. */
  baseUrl: string;
  /** Paragraphs and `<br />` (true for bios and posts, false for profile field values). */
  multiline?: boolean;
  /** `rel="me"` on links, which profile field values carry for link verification. */
  relMe?: boolean;
  /** Write mentions of remote accounts as `@user@domain` (profile field values). */
  withDomains?: boolean;
  /** The accounts the text mentions that exist; other mentions stay plain text. */
  mentions?: (username: string, domain: string | null) => MentionTarget | null;
}

/** Ruby's ERB::Util.html_escape, which Rails' `h` is. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Mastodon's `TextFormatter.shortened_link`: the scheme and `www.` hidden, the rest cut after
 * 30 characters (unless only one would be hidden).
 */
export function shortenedLink(url: string, relMe = false): string {
  const prefix = /^(https?:\/\/(www\.)?|xmpp:)/.exec(url)?.[0] ?? '';
  const rest = [...url.slice(prefix.length)];
  let display = rest.slice(0, 30).join('');
  let suffix = rest.slice(30).join('');
  let cutoff = rest.length > 30;
  if ([...suffix].length === 1) {
    display += suffix;
    suffix = '';
    cutoff = false;
  }
  const rel = relMe ? 'nofollow noopener me' : 'nofollow noopener';
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="${rel}" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${cutoff ? 'ellipsis' : ''}">${escapeHtml(display)}</span>` +
    `<span class="invisible">${escapeHtml(suffix)}</span></a>`
  );
}

function renderEntity(text: string, entity: TextEntity, options: RenderOptions): string {
  switch (entity.kind) {
    case 'url':
      return shortenedLink(entity.url, options.relMe);
    case 'hashtag': {
      const href = `${options.baseUrl}/tags/${encodeURIComponent(entity.name)}`;
      return `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(entity.name)}</span></a>`;
    }
    case 'mention': {
      const target = options.mentions?.(entity.username, entity.domain) ?? null;
      if (!target) return escapeHtml(text.slice(entity.start, entity.end));
      // Mastodon's `pretty_acct` with domains, the bare username otherwise.
      const shown =
        options.withDomains && target.domain !== null
          ? `${target.username}@${target.domain}`
          : target.username;
      return `<span class="h-card" translate="no"><a href="${escapeHtml(target.url)}" class="u-url mention">@<span>${escapeHtml(shown)}</span></a></span>`;
    }
  }
}

/** Rails' `simple_format` followed by Mastodon's `.delete("\n")`. */
function paragraphs(html: string): string {
  const parts = html.replace(/\r\n?/g, '\n').split(/\n\n+/);
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  return parts
    .map((p) => `<p>${p.replace(/([^\n]\n)(?=[^\n])/g, '$1<br />')}</p>`)
    .join('')
    .replace(/\n/g, '');
}

/** `text` as HTML; an empty or blank text is an empty string, as in Mastodon. */
export function renderPlainText(text: string, options: RenderOptions): string {
  if (text.trim() === '') return '';
  let html = '';
  let at = 0;
  for (const entity of findEntities(text)) {
    html += escapeHtml(text.slice(at, entity.start)) + renderEntity(text, entity, options);
    at = entity.end;
  }
  html += escapeHtml(text.slice(at));
  return options.multiline === false ? html : paragraphs(html);
}
