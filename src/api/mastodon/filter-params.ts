/**
 * Filter parameters as Mastodon's filters controllers permit them: `title`, `context[]`,
 * `filter_action`, `expires_in` (seconds; blank for never) and `keywords_attributes` (a
 * list, or Rails' indexed hash `keywords_attributes[0][keyword]`), and the v1 `phrase`,
 * `irreversible` and `whole_word`.
 */
import type { FilterInput, KeywordAttributes } from '../../domain/filters/filter-input.ts';
import type { KeywordInput } from '../../domain/filters/filter-keywords.ts';
import type { V1FilterInput } from '../../domain/filters/v1-filters.ts';
import { booleanParam } from './boolean-param.ts';
import type { Params } from './params.ts';

const text = (v: unknown): string | null | undefined =>
  v === undefined ? undefined : v === null ? null : String(v);

function list(v: unknown): string[] | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  return (Array.isArray(v) ? v : [v]).map(String);
}

function expiresIn(v: unknown): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  const seconds = Math.trunc(Number(v));
  return Number.isFinite(seconds) ? seconds : null;
}

function keywordRows(v: unknown): KeywordAttributes[] {
  if (!v || typeof v !== 'object') return [];
  const rows = Array.isArray(v) ? (v as unknown[]) : Object.values(v as Params);
  return rows
    .filter((r): r is Params => r !== null && typeof r === 'object')
    .map((r) => ({
      id: r.id === undefined || r.id === null || r.id === '' ? undefined : String(r.id),
      keyword: r.keyword === undefined ? undefined : String(r.keyword),
      wholeWord: booleanParam(r.whole_word),
      destroy: booleanParam(r._destroy) ?? false,
    }));
}

export function filterInput(params: Params): FilterInput {
  return {
    title: text(params.title),
    context: list(params.context),
    action: text(params.filter_action),
    expiresIn: expiresIn(params.expires_in),
    keywords: keywordRows(params.keywords_attributes),
  };
}

export function keywordInput(params: Params): KeywordInput {
  return {
    keyword: params.keyword === undefined ? undefined : String(params.keyword),
    wholeWord: booleanParam(params.whole_word),
  };
}

export function v1FilterInput(params: Params): V1FilterInput {
  return {
    phrase: text(params.phrase),
    context: list(params.context),
    irreversible: booleanParam(params.irreversible),
    wholeWord: booleanParam(params.whole_word),
    expiresIn: expiresIn(params.expires_in),
  };
}
