/**
 * Matching a post against a viewer's filters as Mastodon's CustomFilter does: each filter's
 * keywords become one case-insensitive pattern, tried on the post's searchable text (content
 * warning, plain text, poll options and media descriptions, separated by blank lines); the
 * first match is reported as written in the post. A whole-word keyword only needs a word
 * boundary on a side that starts or ends with a word character, so "#tag" or "@someone"
 * still match right after other text. Word characters are Unicode letters, marks, digits
 * and connectors, as Ruby's [[:word:]].
 */
import type {
  FilterKeywordRecord,
  FilterRecord,
  FilterStatusRecord,
} from '../../db/repositories/filters.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { htmlToPlainText } from '../statuses/text/plain-text.ts';

export interface FilterMatch {
  filter: FilterRecord;
  /** The text that matched, or null when only the post itself is filtered. */
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}

export interface CompiledFilter {
  filter: FilterRecord;
  pattern: RegExp | null;
  statusIds: Set<string>;
}

const word = '[\\p{L}\\p{M}\\p{N}\\p{Pc}]';
const startsWithWord = new RegExp(`^${word}`, 'u');
const endsWithWord = new RegExp(`${word}$`, 'u');

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** One keyword as a regular expression source. */
export function keywordSource(keyword: Pick<FilterKeywordRecord, 'keyword' | 'wholeWord'>): string {
  const body = escape(keyword.keyword);
  if (!keyword.wholeWord) return body;
  const start = startsWithWord.test(keyword.keyword) ? `(?<!${word})` : '';
  const end = endsWithWord.test(keyword.keyword) ? `(?!${word})` : '';
  return `${start}${body}${end}`;
}

export function compileFilter(
  filter: FilterRecord,
  keywords: readonly FilterKeywordRecord[],
  statuses: readonly FilterStatusRecord[],
): CompiledFilter {
  return {
    filter,
    pattern:
      keywords.length === 0
        ? null
        : new RegExp(keywords.map((k) => `(?:${keywordSource(k)})`).join('|'), 'iu'),
    statusIds: new Set(statuses.map((s) => s.statusId)),
  };
}

/** The text filters look at, Mastodon's Status#searchable_text. */
export function searchableText(
  status: StatusRecord,
  pollOptions: readonly string[] | null,
  mediaDescriptions: readonly string[],
): string {
  const plain = status.local ? status.text : htmlToPlainText(status.content);
  return [
    status.spoilerText,
    plain,
    pollOptions ? pollOptions.join('\n\n') : null,
    mediaDescriptions.join('\n\n'),
  ]
    .filter((part): part is string => part !== null)
    .join('\n\n');
}

/**
 * The filters matching a post: `text` is the searchable text of the post shown (the boosted
 * one for a boost), `ids` the post's id and the boosted post's id.
 */
export function matchFilters(
  filters: readonly CompiledFilter[],
  text: string,
  ids: readonly string[],
): FilterMatch[] {
  const matches: FilterMatch[] = [];
  for (const compiled of filters) {
    const found = compiled.pattern ? compiled.pattern.exec(text) : null;
    const statusMatches = ids.filter((id) => compiled.statusIds.has(id));
    if (!found && statusMatches.length === 0) continue;
    matches.push({
      filter: compiled.filter,
      keywordMatches: found ? [found[0]] : null,
      statusMatches: statusMatches.length > 0 ? statusMatches : null,
    });
  }
  return matches;
}
