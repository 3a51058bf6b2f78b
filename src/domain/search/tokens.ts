/**
 * Words as search sees them, cut the same way for both databases: text is decomposed (NFKD),
 * its diacritics dropped and lower-cased, then split into runs of letters and digits. Both
 * indexes store these tokens as they are (SQLite's tokenizer finds the same runs; PostgreSQL
 * receives a ready tsvector), so a query matches the same posts on either.
 *
 * @example searchTokens('Crème Brûlée, 2 ways!') // ['creme', 'brulee', '2', 'ways']
 */

/** Longer runs (a pasted hash, say) are cut; nobody searches for them whole. */
const maxTokenLength = 64;

export function searchTokens(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.slice(0, maxTokenLength));
}
