/**
 * A search query as Woolly understands it, a subset of Mastodon's search syntax: words (all
 * must match), "quoted phrases" (the words in that order), `-word` or `-"phrase"` (must not
 * match) and `from:username` or `from:username@domain` (by that author). Words are cut as
 * the index cuts them (tokens.ts); a word that cuts into several becomes a phrase.
 *
 * @example parseSearchQuery('cats "black cat" -dogs from:alice')
 * // { include: [['cats'], ['black', 'cat']], exclude: [['dogs']], from: 'alice' }
 */
import { searchTokens } from './tokens.ts';

export interface SearchQuery {
  /** Phrases that must all match; a one-word phrase is a word. */
  include: string[][];
  exclude: string[][];
  /** An author's acct (`username` or `username@domain`), when the query names one. */
  from: string | null;
}

const termPattern = /(-?)(?:"([^"]*)"?|(\S+))/g;

export function parseSearchQuery(query: string): SearchQuery {
  const parsed: SearchQuery = { include: [], exclude: [], from: null };
  for (const match of query.matchAll(termPattern)) {
    const negated = match[1] === '-';
    const quoted = match[2];
    const bare = match[3];
    if (bare !== undefined && !negated && /^from:/i.test(bare)) {
      parsed.from = bare.slice(5).replace(/^@/, '') || null;
      continue;
    }
    const tokens = searchTokens(quoted ?? bare ?? '');
    if (tokens.length === 0) continue;
    (negated ? parsed.exclude : parsed.include).push(tokens);
  }
  return parsed;
}
