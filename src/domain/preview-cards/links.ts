/**
 * Which link of a post gets a preview card (Mastodon's FetchLinkCardService#parse_urls): the
 * first `<a href>` of its HTML that is not a mention or a hashtag (by class or `rel=tag`),
 * points to http(s) on another server, and is not one of the post's own attachments.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { htmlParser } from '../statuses/text/html-parser.ts';

type Node = DefaultTreeAdapterTypes.Node;

function attribute(node: Node, name: string): string | null {
  if (!('attrs' in node)) return null;
  return node.attrs.find((a) => a.name === name)?.value ?? null;
}

function isMentionOrTag(node: Node): boolean {
  const classes = (attribute(node, 'class') ?? '').split(/\s+/);
  const rel = (attribute(node, 'rel') ?? '').split(/\s+/);
  return (
    classes.includes('mention') ||
    classes.includes('hashtag') ||
    classes.includes('u-url') ||
    rel.includes('tag') ||
    rel.includes('me')
  );
}

/** The link to fetch a card for, normalized (no fragment), or null. */
export function firstCardLink(
  content: string,
  options: { localHost: string; skip?: readonly string[] },
): string | null {
  const { defaultTreeAdapter, html, parseFragment } = htmlParser();
  const body = defaultTreeAdapter.createElement('body', html.NS.HTML, []);
  const stack: Node[] = [...parseFragment(body, content, {}).childNodes].reverse();
  const skip = new Set(options.skip ?? []);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === 'a') {
      const href = attribute(node, 'href');
      if (href && !isMentionOrTag(node) && URL.canParse(href)) {
        const url = new URL(href);
        url.hash = '';
        if (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          url.hostname !== '' &&
          url.host.toLowerCase() !== options.localHost.toLowerCase() &&
          !skip.has(url.href) &&
          !skip.has(href)
        ) {
          return url.href;
        }
      }
      continue;
    }
    if ('childNodes' in node) stack.push(...[...node.childNodes].reverse());
  }
  return null;
}

/**
 * Whether `content` may have a link a card could be made for, whoever's server it points to:
 * a post without one needs no `preview_card.fetch` job (the job applies the whole rule). Read
 * from the opening `<a>` tags without parsing the HTML (posts are sanitized or written by
 * Woolly): a post whose links are all mentions or hashtags has none; a tag that cannot be
 * read counts as a link.
 */
export function hasCardLink(content: string): boolean {
  for (const [, attributes = ''] of content.matchAll(/<a(\s[^>]*)?>/gi)) {
    const classes = tokensOf(attributes, 'class');
    const rel = tokensOf(attributes, 'rel');
    const mentionOrTag =
      classes.includes('mention') ||
      classes.includes('hashtag') ||
      classes.includes('u-url') ||
      rel.includes('tag') ||
      rel.includes('me');
    if (!mentionOrTag) return true;
  }
  return false;
}

/** The space-separated tokens of the attribute `name` among `attributes` (quoted values). */
function tokensOf(attributes: string, name: string): string[] {
  const value = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attributes);
  return (value?.[1] ?? value?.[2] ?? '').toLowerCase().split(/\s+/);
}
