/**
 * Sanitizing HTML from other servers before it is stored, after Mastodon's
 * Sanitize::Config::MASTODON_STRICT: a small allow-list of text elements, links only to
 * web and a few other protocols (opened in a new tab, no referrer, no follow), and only the
 * microformat classes Mastodon's clients style (mentions, hashtags, invisible URL parts).
 * Everything else (scripts, styles, images, forms, event handlers) is dropped.
 */
import sanitizeHtml from 'sanitize-html';

const allowedClasses = [
  'h-card',
  'u-url',
  'mention',
  'hashtag',
  'invisible',
  'ellipsis',
  'quote-inline',
];

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'span',
    'a',
    'del',
    's',
    'pre',
    'blockquote',
    'code',
    'b',
    'strong',
    'u',
    'i',
    'em',
    'ul',
    'ol',
    'li',
    'ruby',
    'rt',
    'rp',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'class', 'target', 'translate'],
    span: ['class', 'translate'],
    ol: ['start', 'reversed'],
    li: ['value'],
  },
  allowedClasses: { a: allowedClasses, span: allowedClasses },
  allowedSchemes: [
    'http',
    'https',
    'dat',
    'dweb',
    'ipfs',
    'ipns',
    'ssb',
    'gopher',
    'xmpp',
    'magnet',
    'gemini',
  ],
  allowProtocolRelative: false,
  // Headings and other block elements become paragraphs rather than losing their text.
  transformTags: {
    h1: 'strong',
    h2: 'strong',
    h3: 'strong',
    h4: 'strong',
    h5: 'strong',
    h6: 'strong',
    div: 'p',
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow noopener noreferrer', target: '_blank' },
    }),
  },
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template'],
};

/** Allow-listed HTML for a remote post, bio or profile field. */
export function sanitizeRemoteHtml(html: string): string {
  return sanitizeHtml(html, options);
}

/** Plain text with every tag removed (display names, content warnings). */
export function stripHtml(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim();
}
