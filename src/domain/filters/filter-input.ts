/**
 * What a client may set on a filter, checked as Mastodon's CustomFilter validates it, with
 * its 422 sentences: an unknown `filter_action`, a blank title, no context or one outside
 * home/notifications/public/thread/account. Contexts are stripped and blanks dropped first.
 */
import { unprocessable } from '../../core/errors.ts';
import {
  filterActions,
  filterContexts,
  type FilterAction,
  type FilterContext,
} from '../../db/repositories/filters.ts';

/** A keyword given with a filter (`keywords_attributes`): new without `id`. */
export interface KeywordAttributes {
  id?: string;
  keyword?: string;
  wholeWord?: boolean;
  destroy?: boolean;
}

export interface FilterInput {
  title?: string | null;
  context?: readonly string[] | null;
  action?: string | null;
  /** Seconds from now; null (or absent on create) never expires. */
  expiresIn?: number | null;
  keywords?: readonly KeywordAttributes[];
}

export interface CheckedFilter {
  title: string;
  context: FilterContext[];
  action: FilterAction;
}

/** The filter's fields after `input` is applied to `current`, or Mastodon's 422. */
export function checkFilter(current: CheckedFilter | null, input: FilterInput): CheckedFilter {
  const title = input.title !== undefined ? (input.title ?? '').trim() : (current?.title ?? '');
  const context =
    input.context !== undefined && input.context !== null
      ? input.context.map((c) => c.trim()).filter((c) => c !== '')
      : (current?.context ?? []);
  const action = input.action ?? current?.action ?? 'warn';
  const problems: string[] = [];
  if (!(filterActions as readonly string[]).includes(action)) {
    problems.push('Action is not included in the list');
  }
  if (title === '') problems.push("Title can't be blank");
  if (context.length === 0) problems.push("Context can't be blank");
  if (context.length === 0 || context.some((c) => !isContext(c))) {
    problems.push('Context none or invalid context supplied');
  }
  if (problems.length > 0) throw unprocessable(`Validation failed: ${problems.join(', ')}`);
  return {
    title,
    context: [...new Set(context)] as FilterContext[],
    action: action as FilterAction,
  };
}

export function isContext(value: string): value is FilterContext {
  return (filterContexts as readonly string[]).includes(value);
}

/**
 * A keyword's text, or Mastodon's 422 when it is blank; a keyword given with its filter is
 * named as Rails names nested attributes ("Keywords keyword").
 */
export function checkKeyword(keyword: string | undefined, nested = false): string {
  const text = keyword ?? '';
  if (text.trim() === '') {
    throw unprocessable(
      `Validation failed: ${nested ? 'Keywords keyword' : 'Keyword'} can't be blank`,
    );
  }
  return text;
}

/** When a filter given `expiresIn` seconds from `now` expires. */
export function expiresAt(now: number, expiresIn: number | null | undefined): number | null {
  return expiresIn === null || expiresIn === undefined ? null : now + expiresIn * 1000;
}
