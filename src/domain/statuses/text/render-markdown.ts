/**
 * A Markdown post (`content_type: text/markdown`, a per-user preference) rendered to the
 * same small set of HTML a plain-text post uses, plus the formatting Mastodon displays:
 * `p br a strong em del code pre blockquote ul ol li`. Raw HTML is shown as typed, never
 * passed through; headings become bold paragraphs (as Mastodon shows remote headings);
 * images, tables and rules stay as typed text; links must use a protocol Mastodon allows.
 * URLs, hashtags and mentions outside code are linked exactly as in a plain-text post.
 *
 * markdown-it is loaded on the first Markdown post, not at startup.
 *
 * @example await renderMarkdown('**Hi** #woolly', options)
 * // '<p><strong>Hi</strong> <a href="…/tags/woolly" class="mention hashtag" rel="tag">#<span>woolly</span></a></p>'
 */
import type { MarkdownIt, RendererRule } from 'markdown-it';
import { shortenedLink } from './entity-html.ts';
import { escapeHtml } from './escape.ts';
import { createLinker, type LinkOptions, type Linker } from './link-entities.ts';
import { entitiesRule, textEntities, urlRule, urlToken } from './markdown-entities.ts';
import { webProtocols } from './url-pattern.ts';
import { isBlank } from './whitespace.ts';

/** What the renderer rules need for one post, found through markdown-it's `env` object. */
interface PostContext {
  linker: Linker;
  relMe: boolean;
}
const contexts = new WeakMap<object, PostContext>();

/** The protocols Mastodon keeps in a link's `href` (its sanitizer's list). */
const allowedLink = new RegExp(`^(?:(?:${webProtocols.join('|')})://|xmpp:|magnet:)`, 'i');

function contextOf(env: object | undefined): PostContext {
  const context = env && contexts.get(env);
  if (!context) throw new Error('Markdown rendered without a post context');
  return context;
}

const rules: Record<string, RendererRule> = {
  text: (tokens, idx, _options, env) => {
    const token = tokens[idx];
    if (!token) return '';
    return contextOf(env).linker(token.content, textEntities.get(token) ?? []);
  },
  [urlToken]: (tokens, idx, _options, env) =>
    shortenedLink(tokens[idx]?.content ?? '', { relMe: contextOf(env).relMe }),
  link_open: (tokens, idx) =>
    `<a href="${escapeHtml(String(tokens[idx]?.attrGet('href') ?? ''))}" target="_blank" rel="nofollow noopener">`,
  heading_open: () => '<p><strong>',
  heading_close: () => '</strong></p>',
  s_open: () => '<del>',
  s_close: () => '</del>',
  code_inline: (tokens, idx) => `<code>${escapeHtml(tokens[idx]?.content ?? '')}</code>`,
  fence: (tokens, idx) =>
    `<pre><code>${escapeHtml((tokens[idx]?.content ?? '').replace(/\n$/, ''))}</code></pre>`,
  softbreak: () => '<br />',
  hardbreak: () => '<br />',
};

function configure(md: MarkdownIt): MarkdownIt {
  md.disable(['table', 'code', 'hr', 'image', 'autolink', 'html_block', 'html_inline']);
  md.validateLink = (url) => allowedLink.test(url);
  md.inline.ruler.before('linkify', urlToken, urlRule);
  md.core.ruler.push('mastodon_entities', entitiesRule);
  Object.assign(md.renderer.rules, rules);
  return md;
}

let loading: Promise<MarkdownIt> | undefined;

function markdownIt(): Promise<MarkdownIt> {
  loading ??= import('markdown-it').then(({ default: MarkdownIt }) =>
    configure(new MarkdownIt('default', { html: false, linkify: false, typographer: false })),
  );
  return loading;
}

/** Newlines between block tags would show in clients that keep white space; only code keeps them. */
function withoutLayoutNewlines(html: string): string {
  return html
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part) => (part.startsWith('<pre>') ? part : part.replaceAll('\n', '')))
    .join('');
}

/** The HTML of a Markdown post; empty for a blank text. */
export async function renderMarkdown(text: string, options: LinkOptions): Promise<string> {
  if (isBlank(text)) return '';
  const md = await markdownIt();
  const env = {};
  contexts.set(env, { linker: createLinker(options), relMe: options.relMe ?? false });
  return withoutLayoutNewlines(md.render(text, env));
}
