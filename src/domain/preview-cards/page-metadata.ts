/**
 * What a web page says about itself, for its preview card (Mastodon's LinkDetailsExtractor):
 * OpenGraph first, then Twitter's card tags, then the plain `<title>` and
 * `<meta name="description">`; the page's language; and the oEmbed document it points to, if
 * any (`<link rel="alternate" type="application/json+oembed">`). Parsed with parse5, the
 * WHATWG parser, so broken markup reads as a browser would read it.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { htmlParser } from '../statuses/text/html-parser.ts';

type Node = DefaultTreeAdapterTypes.Node;

export interface PageMetadata {
  title: string;
  description: string;
  siteName: string;
  authorName: string;
  imageUrl: string | null;
  imageDescription: string;
  imageWidth: number;
  imageHeight: number;
  language: string | null;
  publishedAt: number | null;
  oembedUrl: string | null;
}

const attr = (node: Node, name: string): string | null =>
  'attrs' in node ? (node.attrs.find((a) => a.name === name)?.value ?? null) : null;

const textOf = (node: Node): string => {
  let text = '';
  const stack: Node[] = [node];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.nodeName === '#text' && 'value' in n) text += n.value;
    else if ('childNodes' in n) stack.push(...[...n.childNodes].reverse());
  }
  return text;
};

/** An absolute http(s) URL for `value` relative to the page, or null. */
function absolute(value: string | null | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const clean = (s: string | undefined | null, max: number): string =>
  (s ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

const dimension = (s: string | undefined): number => {
  const n = Number.parseInt(s ?? '', 10);
  return Number.isFinite(n) && n > 0 && n < 100_000 ? n : 0;
};

/** A BCP 47 tag's primary language (`en-GB`, `en_GB` -> `en`), if it looks like one. */
function language(tag: string | null | undefined): string | null {
  const primary = (tag ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export function readPageMetadata(source: string, pageUrl: string): PageMetadata {
  const document = htmlParser().parse(source);
  const meta = new Map<string, string>();
  let title = '';
  let htmlLang: string | null = null;
  let oembedUrl: string | null = null;
  // In document order: the first value of a repeated key is the page's main one.
  const stack: Node[] = [...document.childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    switch (node.nodeName) {
      case 'html':
        htmlLang = attr(node, 'lang');
        break;
      case 'title':
        if (title === '') title = textOf(node);
        continue;
      case 'meta': {
        const key = (attr(node, 'property') ?? attr(node, 'name') ?? '').toLowerCase();
        const content = attr(node, 'content');
        if (key && content !== null && !meta.has(key)) meta.set(key, content);
        continue;
      }
      case 'link': {
        const rel = (attr(node, 'rel') ?? '').toLowerCase().split(/\s+/);
        const type = (attr(node, 'type') ?? '').toLowerCase();
        if (rel.includes('alternate') && type === 'application/json+oembed' && !oembedUrl) {
          oembedUrl = absolute(attr(node, 'href'), pageUrl);
        }
        continue;
      }
      case 'script':
      case 'style':
      case 'template':
        continue;
    }
    if ('childNodes' in node) stack.push(...[...node.childNodes].reverse());
  }
  const first = (...keys: string[]) => keys.map((k) => meta.get(k)).find((v) => v?.trim());
  const published = Date.parse(first('article:published_time', 'og:published_time') ?? '');
  const author = first('author', 'article:author') ?? '';
  return {
    title: clean(first('og:title', 'twitter:title') ?? title, 300),
    description: clean(first('og:description', 'twitter:description', 'description'), 1000),
    siteName: clean(first('og:site_name', 'application-name'), 200),
    // article:author is often a profile URL, which is no name.
    authorName: URL.canParse(author) ? '' : clean(author, 200),
    imageUrl: absolute(
      first(
        'og:image',
        'og:image:url',
        'og:image:secure_url',
        'twitter:image',
        'twitter:image:src',
      ),
      pageUrl,
    ),
    imageDescription: clean(first('og:image:alt', 'twitter:image:alt'), 1000),
    imageWidth: dimension(first('og:image:width')),
    imageHeight: dimension(first('og:image:height')),
    language: language(htmlLang ?? first('og:locale')),
    publishedAt: Number.isNaN(published) ? null : published,
    oembedUrl,
  };
}
