/**
 * A plain-text post as Mastodon renders it (TextFormatter): typed HTML escaped, links,
 * hashtags and mentions of known accounts linked, blank lines starting paragraphs and single
 * line breaks becoming `<br />`.
 *
 * @example
 * renderPlainText('Hi @alice!\n#woolly', {
 *   mentions: new Map([['alice', { url: 'https://w.example/@alice', username: 'alice', acct: 'alice' }]]),
 *   tagUrl: (name) => `https://w.example/tags/${encodeURIComponent(name)}`,
 * });
 * // '<p>Hi <span class="h-card" translate="no"><a href="https://w.example/@alice" class="u-url mention">@<span>alice</span></a></span>!<br />'
 * //   + '<a href="https://w.example/tags/woolly" class="mention hashtag" rel="tag">#<span>woolly</span></a></p>'
 */
import { extractEntities } from './extract.ts';
import { createLinker, type LinkOptions } from './link-entities.ts';
import { isBlank } from './whitespace.ts';

export interface PlainTextOptions extends LinkOptions {
  /** Paragraphs and line breaks (posts and bios); false for one-line profile field values. */
  multiline?: boolean;
}

/**
 * Rails' `simple_format` as Mastodon applies it: paragraphs split on blank lines, a single
 * line break becomes `<br />`, and the newlines themselves are dropped (clients display
 * content with `white-space: pre-wrap`, so a kept newline would show twice).
 */
function paragraphs(html: string): string {
  const split = html.replace(/\r\n?/g, '\n').split(/\n\n+/);
  // Ruby's split drops trailing empty pieces but keeps a leading one.
  while (split.length > 0 && split.at(-1) === '') split.pop();
  if (split.length === 0) return '<p></p>';
  return split
    .map((paragraph) => `<p>${paragraph.replace(/([^\n]\n)(?=[^\n])/g, '$1<br />')}</p>`)
    .join('')
    .replaceAll('\n', '');
}

/** The HTML of a plain-text post (or bio); empty for a blank text. */
export function renderPlainText(text: string, options: PlainTextOptions): string {
  if (isBlank(text)) return '';
  const html = createLinker(options)(text, extractEntities(text));
  return options.multiline === false ? html : paragraphs(html);
}
