/**
 * Ruby's idea of whitespace, where Mastodon's behaviour depends on it: `blank?` (Unicode
 * whitespace) decides that a text renders to nothing, and `strip` (ASCII whitespace and NUL
 * only, so a no-break space survives) is what Mastodon does to a post's text and content
 * warning before it stores, counts and renders them.
 */

/** Ruby's `String#blank?`: empty or only whitespace. */
export function isBlank(text: string): boolean {
  return /^\p{White_Space}*$/u.test(text);
}

/** Ruby's `String#strip`, as Mastodon applies it to a post's text and content warning. */
export function stripStatusText(text: string): string {
  return text.replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, '');
}
