/**
 * A post's HTML as plain text, the way Mastodon's PlainTextFormatter makes it for a remote
 * post (the `text` of notifications, filters, search and edit history): a line break after
 * each `<br>` or paragraph, entities decoded, and no text from elements Mastodon's sanitizer
 * removes whole (scripts, styles, SVG, ...). A local post's plain text is its stored source,
 * not this.
 *
 * The HTML is parsed with parse5, a WHATWG-conformant parser like Nokogiri's HTML5 one, so
 * unclosed tags, stray `<` and entities without semicolons come out as they do in Mastodon.
 *
 * @example htmlToPlainText('<p>Hi &amp; bye</p><p>a<br>b</p>') // 'Hi & bye\na\nb'
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { htmlParser } from './html-parser.ts';

// Mastodon appends a newline after each run of these before it parses.
const lineBreakTags = /(?:<br \/>|<br>|<\/p>)+/g;

// Elements whose text never shows (Mastodon removes them entirely).
const removed = new Set([
  'iframe',
  'math',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'script',
  'style',
  'svg',
  'xmp',
]);

type Node = DefaultTreeAdapterTypes.Node;

/** The children a node's text comes from (a template's are in its content fragment). */
function childrenOf(node: Node): Node[] {
  if (node.nodeName === 'template' && 'content' in node) return node.content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export function htmlToPlainText(source: string): string {
  const { defaultTreeAdapter, html, parseFragment } = htmlParser();
  const body = defaultTreeAdapter.createElement('body', html.NS.HTML, []);
  const fragment = parseFragment(body, source.replace(lineBreakTags, '$&\n'), {});
  let text = '';
  // Depth-first with an explicit stack, so deeply nested remote HTML cannot exhaust the call stack.
  const stack: Node[] = [...fragment.childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    else if (!removed.has(node.nodeName)) stack.push(...[...childrenOf(node)].reverse());
  }
  // Ruby's chomp: one trailing line break.
  return text.replace(/(?:\r\n|\n|\r)$/, '');
}
