/**
 * HTML escaping as Rails' `ERB::Util.h` does it, which is what Mastodon applies to every piece
 * of typed text and every attribute it writes: `&`, `<`, `>`, `"` and `'` (as `&#39;`).
 *
 * @example escapeHtml(`<b>"it's"</b>`) // '&lt;b&gt;&quot;it&#39;s&quot;&lt;/b&gt;'
 */
const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => replacements[char] ?? char);
}
