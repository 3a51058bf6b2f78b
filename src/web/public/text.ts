/** Plain text out of the (sanitized) HTML of a post or a bio, for meta tags and titles. */
const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  nbsp: ' ',
};

/** @example plainText('<p>Hi <b>you</b></p><p>there</p>') // 'Hi you there' */
export function plainText(html: string, maxLength = 300): string {
  const text = html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/p>\s*<p[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#?\w+);/g, (whole, name: string) => entities[name] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * A profile field's HTML with `rel="me"` on its links, so that the sites it links to can
 * verify the profile (Mastodon marks them the same way).
 */
export function withRelMe(html: string): string {
  return html.replace(/<a\s([^>]*)>/gi, (whole, attributes: string) => {
    if (/\brel="/i.test(attributes)) {
      return `<a ${attributes.replace(/\brel="(?![^"]*\bme\b)/i, 'rel="me ')}>`;
    }
    return `<a ${attributes} rel="me">`;
  });
}
